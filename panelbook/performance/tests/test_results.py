"""Recording and correcting a month's result, and who may."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from panelbook.conftest import make_user, signed_in
from panelbook.performance import services
from panelbook.performance.models import Result
from panelbook.performance.tests.rows import catalogue, record


@pytest.fixture
def cat(db):
    return catalogue()


def test_a_result_is_stored_for_the_first_day_of_its_month(cat):
    result = services.record_result(
        by=None, measure=cat.cpm1, scope=cat.total, month=dt.date(2024, 3, 17), value=Decimal("94.65")
    )
    assert result.month == dt.date(2024, 3, 1)


def test_a_second_result_for_the_same_month_is_refused_pointing_to_a_correction(cat):
    record(cat.cpm1, cat.total, ["97"])
    with pytest.raises(ValidationError, match="already has a result for January 2024; correct it instead"):
        record(cat.cpm1, cat.total, ["98"])


def test_a_percentage_over_100_is_refused(cat):
    with pytest.raises(ValidationError, match="give a value from 0 to 100, not 100.5"):
        record(cat.cpm1, cat.total, ["100.5"])


def test_a_month_not_yet_begun_is_refused(cat):
    with pytest.raises(ValidationError, match="has not begun"):
        record(cat.cpm1, cat.total, ["97"], first=dt.date.today() + dt.timedelta(days=40))


def test_a_minimum_above_the_target_is_refused_when_higher_is_better(cat):
    with pytest.raises(ValidationError, match="cannot be above the Target"):
        services.set_service_levels(
            cat.cpm1, by=None, effective_from=dt.date(2025, 1, 1), target=Decimal(95), minimum=Decimal(97)
        )


def test_a_correction_keeps_the_old_value_and_the_reason_in_history(cat):
    (result,) = record(cat.cpm1, cat.total, ["94.57"])
    services.correct_result(result, by=None, value=Decimal("94.65"), reason="The DCC reissued the report.")
    result.refresh_from_db()
    assert result.value == Decimal("94.65")
    history = list(result.history.order_by("history_date"))
    assert [h.value for h in history] == [Decimal("94.57"), Decimal("94.65")]
    assert history[-1].history_change_reason == "Corrected: The DCC reissued the report."


def test_a_correction_needs_a_reason(cat):
    (result,) = record(cat.cpm1, cat.total, ["94.57"])
    with pytest.raises(ValidationError, match="Say why"):
        services.correct_result(result, by=None, value=Decimal("94.65"), reason=" ")


def test_dcc_reporting_staff_record_a_result_through_the_form(cat):
    client = signed_in(make_user("reporter", is_dcc_reporting=True))
    form = {"measure": cat.cpm1.pk, "scope": cat.total.pk, "month": "2024-05", "value": "97.20"}
    response = client.post("/performance/results/new/", form, follow=True)
    assert response.status_code == 200
    assert "CPM1 (DCC total) May 2024: 97.2% is recorded." in response.content.decode()
    assert Result.objects.get().value == Decimal("97.2")


def test_the_form_shows_a_refused_value_on_its_field(cat):
    client = signed_in(make_user("reporter", is_dcc_reporting=True))
    form = {"measure": cat.cpm1.pk, "scope": cat.total.pk, "month": "2024-05", "value": "101"}
    response = client.post("/performance/results/new/", form)
    assert "give a value from 0 to 100, not 101" in response.content.decode()
    assert not Result.objects.exists()


def test_dcc_reporting_staff_correct_a_result_with_a_reason(cat):
    (result,) = record(cat.cpm1, cat.total, ["94.57"])
    client = signed_in(make_user("reporter", is_dcc_reporting=True))
    response = client.post(f"/performance/results/{result.pk}/correct/", {"value": "94.65", "reason": "Reissued."})
    assert response.status_code == 302
    result.refresh_from_db()
    assert result.value == Decimal("94.65")


@pytest.mark.parametrize("url", ["/performance/results/new/", "/performance/results/1/correct/"])
def test_a_party_user_may_not_enter_results(cat, url):
    assert signed_in(make_user("party")).get(url).status_code == 403


def test_the_public_is_asked_to_sign_in_to_enter_results(cat, client):
    response = client.get("/performance/results/new/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_dcc_reporting_staff_may_not_use_the_secretariats_pages(cat):
    client = signed_in(make_user("reporter", is_dcc_reporting=True))
    assert client.get("/modifications/new/").status_code == 403


def test_a_voided_result_leaves_the_runs_and_its_month_can_be_recorded_again(cat):
    january, february = record(cat.cpm1, cat.total, ["97", "96.5"])
    services.void_result(february, by=None, reason="Entered for the wrong measure.")
    assert list(Result.objects.in_force().values_list("month", flat=True)) == [dt.date(2024, 1, 1)]
    again = services.record_result(
        by=None, measure=cat.cpm1, scope=cat.total, month=dt.date(2024, 2, 1), value=Decimal("98.5")
    )
    assert again.value == Decimal("98.5")
    february.refresh_from_db()
    assert (february.is_void, february.void_reason) == (True, "Entered for the wrong measure.")


def test_a_void_result_cannot_be_restored_over_one_in_force(cat):
    (first,) = record(cat.cpm1, cat.total, ["97"])
    services.void_result(first, by=None, reason="A duplicate.")
    record(cat.cpm1, cat.total, ["96"])
    with pytest.raises(ValidationError, match="has another result for January 2024; void that one first"):
        services.restore_result(first, by=None, reason="It was right after all.")


def test_a_void_result_is_not_corrected(cat):
    (first,) = record(cat.cpm1, cat.total, ["97"])
    services.void_result(first, by=None, reason="A duplicate.")
    with pytest.raises(ValidationError, match="restore it before correcting it"):
        services.correct_result(first, by=None, value=Decimal("96"), reason="A typo.")


def test_dcc_reporting_staff_void_and_restore_through_the_confirmation(cat):
    (first,) = record(cat.cpm1, cat.total, ["97.25"])
    client = signed_in(make_user("reporter", is_dcc_reporting=True))
    confirmation = client.get(f"/performance/results/{first.pk}/void/").content.decode()
    assert "its runs, the month at a glance, the exports" in confirmation
    client.post(f"/performance/results/{first.pk}/void/", {"reason": "Wrong scope."})
    page = client.get(f"/performance/measures/{cat.cpm1.pk}/").content.decode()
    assert "No results have been recorded for this measure." in page
    assert "Voided results" in page and "Wrong scope." in page
    assert (
        "Voided results"
        not in signed_in(make_user("party")).get(f"/performance/measures/{cat.cpm1.pk}/").content.decode()
    )
    client.post(f"/performance/results/{first.pk}/restore/", {"reason": "It was the right scope."})
    assert "97.25%" in client.get(f"/performance/measures/{cat.cpm1.pk}/").content.decode()


def test_the_secretariat_sets_new_levels_through_the_page_with_the_verb_s_checks(cat, world):
    client = signed_in(world.users.secretariat)
    url = f"/performance/measures/{cat.cpm1.pk}/levels/new/"
    refused = client.post(url, {"effective_from": "2025-01-01", "target": "95", "minimum": "97"})
    assert "When higher is better, the Minimum cannot be above the Target." in refused.content.decode()
    client.post(url, {"effective_from": "2025-01-01", "target": "97", "minimum": "95", "source": "SEC H13.1"})
    assert [(lv.effective_from, lv.target) for lv in cat.cpm1.service_levels.order_by("effective_from")] == [
        (dt.date(2024, 1, 1), Decimal(99)),
        (dt.date(2025, 1, 1), Decimal(97)),
    ]


def test_dcc_reporting_staff_may_not_set_levels(cat):
    client = signed_in(make_user("reporter", is_dcc_reporting=True))
    assert client.get(f"/performance/measures/{cat.cpm1.pk}/levels/new/").status_code == 403
    assert "/levels/new/" not in client.get(f"/performance/measures/{cat.cpm1.pk}/").content.decode()


def test_the_measure_page_offers_the_secretariat_new_levels(cat, world):
    page = signed_in(world.users.secretariat).get(f"/performance/measures/{cat.cpm1.pk}/").content.decode()
    assert f"/performance/measures/{cat.cpm1.pk}/levels/new/" in page


def test_corrected_levels_keep_the_earlier_ones_and_the_reason_in_history(cat, world):
    level = cat.cpm1.service_levels.get()
    client = signed_in(world.users.secretariat)
    client.post(
        f"/performance/measures/{cat.cpm1.pk}/levels/{level.pk}/correct/",
        {"target": "99.5", "minimum": "96", "source": "", "reason": "The Target was mistyped."},
    )
    level.refresh_from_db()
    assert level.target == Decimal("99.5")
    latest = level.history.latest("history_date")
    assert latest.history_change_reason == "Corrected: The Target was mistyped."
    assert level.history.earliest("history_date").target == Decimal(99)


def test_the_admin_refuses_a_minimum_above_the_target_as_the_verb_does(cat):
    from panelbook.performance.models import ServiceLevel

    wrong = ServiceLevel(measure=cat.cpm1, effective_from=dt.date(2025, 1, 1), target=Decimal(95), minimum=Decimal(97))
    with pytest.raises(ValidationError, match="cannot be above the Target"):
        wrong.full_clean()
