"""DCC Preliminary and Impact Assessments: requested, due by the reference data's timescale or as
entered, returned with cost and lead time, overdue flagged, corrected with a reason, voided."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from panelbook.conftest import client_for
from panelbook.governance import services as governance
from panelbook.modifications import services
from panelbook.modifications.models import Assessment, AssessmentTimescale, Modification


def a_modification(world, reference="MP150", **extra):
    return services.raise_modification(
        by=None,
        reference=reference,
        title="Quicker meter exchange",
        body=world.panel,
        issue="A meter exchange takes two visits.",
        path="PATH_3",
        raised_on=dt.date(2024, 11, 4),
        **extra,
    )


def a_timescale(kind="PRELIMINARY", working_days=10, effective_from=dt.date(2018, 11, 1)):
    return AssessmentTimescale.objects.create(kind=kind, working_days=working_days, effective_from=effective_from)


def test_the_due_date_counts_the_timescale_in_working_days_across_christmas(world):
    a_timescale(working_days=10)
    assessment = services.request_assessment(
        a_modification(world), by=None, kind="PRELIMINARY", requested_on=dt.date(2024, 12, 12)
    )
    # Fri 13, Mon 16 … Fri 20, Mon 23, Tue 24 (8), not Wed 25 (Christmas) nor Thu 26 (Boxing Day), Fri 27, Mon 30.
    assert assessment.due_on == dt.date(2024, 12, 30)
    assert "Christmas Day" in assessment.due_rule and "Boxing Day" in assessment.due_rule


def test_the_timescale_in_force_on_the_day_of_the_request_is_used(world):
    a_timescale(working_days=10, effective_from=dt.date(2018, 11, 1))
    a_timescale(working_days=20, effective_from=dt.date(2025, 1, 1))
    assessment = services.request_assessment(
        a_modification(world), by=None, kind="PRELIMINARY", requested_on=dt.date(2024, 12, 2)
    )
    assert assessment.due_on == dt.date(2024, 12, 16)  # 10 working days, not the later 20


def test_without_a_timescale_the_due_date_must_be_entered_and_nothing_is_stored(world):
    modification = a_modification(world)
    with pytest.raises(ValidationError) as refused:
        services.request_assessment(modification, by=None, kind="IMPACT", requested_on=dt.date(2025, 2, 3))
    assert "No standard timescale for an Impact Assessment" in refused.value.message_dict["due_on"][0]
    assert "enter the day the DCC is due to return it" in refused.value.message_dict["due_on"][0]
    assert not Assessment.objects.exists()
    entered = services.request_assessment(
        modification, by=None, kind="IMPACT", requested_on=dt.date(2025, 2, 3), due_on=dt.date(2025, 4, 30)
    )
    assert entered.due_on == dt.date(2025, 4, 30) and entered.due_rule == ""


def test_a_due_date_before_the_request_is_refused_naming_the_modification(world):
    with pytest.raises(ValidationError) as refused:
        services.request_assessment(
            a_modification(world), by=None, kind="IMPACT", requested_on=dt.date(2025, 2, 3), due_on=dt.date(2025, 1, 3)
        )
    assert "MP150" in refused.value.message_dict["due_on"][0]


def test_a_second_request_of_one_kind_waits_for_the_first_to_be_returned(world):
    modification = a_modification(world)
    first = services.request_assessment(
        modification, by=None, kind="PRELIMINARY", requested_on=dt.date(2025, 1, 6), due_on=dt.date(2025, 1, 20)
    )
    with pytest.raises(ValidationError, match="already has a Preliminary Assessment outstanding"):
        services.request_assessment(
            modification, by=None, kind="PRELIMINARY", requested_on=dt.date(2025, 1, 8), due_on=dt.date(2025, 1, 22)
        )
    services.record_assessment_return(first, by=None, delivered_on=dt.date(2025, 1, 17))
    again = services.request_assessment(
        modification, by=None, kind="PRELIMINARY", requested_on=dt.date(2025, 3, 3), due_on=dt.date(2025, 3, 17)
    )
    assert modification.assessments.count() == 2 and again.delivered_on is None


def test_a_finished_modification_is_not_assessed(world):
    modification = services.move_to_stage(a_modification(world), by=None, stage="WITHDRAWN", on=dt.date(2025, 1, 6))
    with pytest.raises(ValidationError, match="only modifications in progress"):
        services.request_assessment(
            modification, by=None, kind="IMPACT", requested_on=dt.date(2025, 1, 8), due_on=dt.date(2025, 2, 8)
        )


def requested(world, **extra):
    return services.request_assessment(
        a_modification(world, **extra),
        by=None,
        kind="IMPACT",
        requested_on=dt.date(2025, 1, 6),
        due_on=dt.date(2025, 2, 3),
    )


def test_a_return_keeps_the_cost_the_lead_time_and_the_working_days_it_took(world):
    assessment = services.record_assessment_return(
        requested(world),
        by=None,
        delivered_on=dt.date(2025, 2, 7),
        cost=Decimal("48250.00"),
        lead_time=6,
        lead_time_unit="MONTHS",
    )
    calendar = services.working_days()
    assert assessment.turnaround(calendar) == 24  # Tue 7 Jan to Fri 7 Feb 2025: 5 weeks less a day
    assert assessment.days_late(calendar, dt.date(2025, 3, 1)) == 4  # Tue 4 … Fri 7 Feb
    assert assessment.lead_time_text() == "6 months" and not assessment.is_overdue(dt.date(2025, 3, 1))


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"delivered_on": dt.date(2025, 1, 2)}, "delivered_on"),
        ({"delivered_on": dt.date(2025, 2, 3), "lead_time": 40}, "lead_time_unit"),
        ({"delivered_on": dt.date(2025, 2, 3), "lead_time_unit": "MONTHS"}, "lead_time_unit"),
    ],
)
def test_a_bad_return_is_refused_on_its_field_and_nothing_is_stored(world, given, field):
    assessment = requested(world)
    with pytest.raises(ValidationError) as refused:
        services.record_assessment_return(assessment, by=None, **given)
    assert field in refused.value.message_dict
    assessment.refresh_from_db()
    assert assessment.delivered_on is None and assessment.lead_time is None


def test_an_assessment_is_returned_once(world):
    assessment = services.record_assessment_return(requested(world), by=None, delivered_on=dt.date(2025, 2, 3))
    with pytest.raises(ValidationError, match="returned on 03 February 2025 already; correct it instead"):
        services.record_assessment_return(assessment, by=None, delivered_on=dt.date(2025, 2, 4))


def test_overdue_means_past_its_due_date_and_not_returned(world):
    late, on_time = requested(world), requested(world, reference="MP151")
    services.record_assessment_return(on_time, by=None, delivered_on=dt.date(2025, 1, 30))
    assert list(Assessment.objects.overdue(dt.date(2025, 2, 4))) == [late]
    assert not late.is_overdue(dt.date(2025, 2, 3))  # due that day: not yet overdue
    flagged = Modification.objects.with_assessments_overdue(dt.date(2025, 2, 4))
    assert {m.reference: m.assessment_overdue for m in flagged} == {"MP150": True, "MP151": False}


def test_a_correction_needs_a_reason_and_a_corrected_due_date_leaves_its_rule(world):
    a_timescale(kind="IMPACT", working_days=30)
    assessment = services.request_assessment(
        a_modification(world), by=None, kind="IMPACT", requested_on=dt.date(2025, 1, 6)
    )
    with pytest.raises(ValidationError, match="Say why"):
        services.correct_assessment(assessment, by=None, reason="", due_on=dt.date(2025, 3, 3))
    corrected = services.correct_assessment(
        assessment, by=None, reason="The Panel agreed a longer time", due_on=dt.date(2025, 3, 3)
    )
    assert corrected.due_on == dt.date(2025, 3, 3) and "The Panel agreed a longer time" in corrected.due_rule
    assert corrected.history.first().history_change_reason == "Corrected: The Panel agreed a longer time"


def test_a_voided_assessment_is_no_longer_overdue_and_can_be_restored(world):
    assessment = requested(world)
    services.void_assessment(assessment, by=None, reason="Entered twice")
    assert not Assessment.objects.overdue(dt.date(2025, 3, 1)).exists()
    with pytest.raises(ValidationError, match="void; restore it"):
        services.record_assessment_return(assessment, by=None, delivered_on=dt.date(2025, 2, 3))
    services.restore_assessment(assessment, by=None, reason="It was not a duplicate")
    assert Assessment.objects.overdue(dt.date(2025, 3, 1)).get() == assessment


# Pages


def test_the_secretariat_requests_and_records_a_return_in_the_browser(world, secretariat_client):
    a_timescale(working_days=10)
    modification = a_modification(world)
    paper = governance.create_paper(
        by=None, body=world.panel, reference="DCC_PA_MP150", title="Preliminary Assessment", paper_date=world.today
    )
    base = f"/modifications/{modification.reference}"
    made = secretariat_client.post(f"{base}/assessments/new/", {"kind": "PRELIMINARY", "requested_on": "2024-12-12"})
    assert made.status_code == 302
    assessment = Assessment.objects.get()
    assert assessment.due_on == dt.date(2024, 12, 30)
    page = secretariat_client.get(f"{base}/", follow=True).content.decode()
    assert "is recorded as requested on 12 December 2024, due on 30 December 2024" in page
    returned = secretariat_client.post(
        f"{base}/assessments/{assessment.pk}/return/",
        {
            "delivered_on": "2025-01-06",
            "cost": "12500",
            "lead_time": "3",
            "lead_time_unit": "MONTHS",
            "document": paper.pk,
        },
        follow=True,
    )
    assert "is recorded as returned on 06 January 2025" in returned.content.decode()
    page = client_for(world, "public").get(f"{base}/").content.decode()
    assert "£12,500.00" in page and "3 months" in page and 'href="/papers/' in page


def test_a_return_without_its_unit_is_refused_on_the_form(world, secretariat_client):
    assessment = requested(world)
    response = secretariat_client.post(
        f"/modifications/MP150/assessments/{assessment.pk}/return/", {"delivered_on": "2025-02-03", "lead_time": "9"}
    )
    assert response.status_code == 200 and "Give the lead time with its unit" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.delivered_on is None


def test_the_register_flags_an_overdue_assessment_and_filters_by_it(world):
    requested(world)
    a_modification(world, reference="MP151")
    public = client_for(world, "public")
    page = public.get("/modifications/").content.decode()
    assert page.count("DCC assessment overdue</strong>") == 1
    only = public.get("/modifications/?assessment_overdue=yes").content.decode()
    assert 'href="/modifications/MP150/"' in only and 'href="/modifications/MP151/"' not in only
    detail = public.get("/modifications/MP150/").content.decode()
    assert "Impact Assessment overdue" in detail


def test_a_void_is_confirmed_and_hides_the_assessment_from_the_public(world, secretariat_client):
    assessment = requested(world)
    url = f"/modifications/MP150/assessments/{assessment.pk}/void/"
    confirm = secretariat_client.get(url).content.decode()
    assert "as entered by mistake" in confirm
    assert secretariat_client.post(url, {"reason": "Entered twice"}).status_code == 302
    assert "Impact Assessment" not in client_for(world, "public").get("/modifications/MP150/").content.decode()
    assert "Entered twice" in secretariat_client.get("/modifications/MP150/").content.decode()


def test_the_public_cannot_reach_the_assessment_steps(world):
    assessment = requested(world)
    public = client_for(world, "public")
    for step in ("assessments/new", f"assessments/{assessment.pk}/return", f"assessments/{assessment.pk}/correct"):
        assert public.get(f"/modifications/MP150/{step}/").status_code in (302, 403), step


def test_a_red_returned_document_is_linked_only_for_its_recipients(world):
    paper = governance.create_paper(
        by=None,
        body=world.panel,
        reference="DCC_IA_RED",
        title="Impact Assessment, commercial",
        paper_date=world.today,
        classification="RED",
        recipients=[world.users.recipient],
    )
    services.record_assessment_return(requested(world), by=None, delivered_on=dt.date(2025, 2, 3), document=paper)
    link = f'href="{paper.get_absolute_url()}"'
    assert link in client_for(world, "recipient").get("/modifications/MP150/").content.decode()
    for role in ("public", "member", "secretariat"):
        client = client_for(world, role)
        assert link not in client.get("/modifications/MP150/").content.decode(), role
        assert "DCC_IA_RED" not in client.get("/api/modifications/MP150").content.decode(), role
        assert "DCC_IA_RED" not in client.get("/api/dcc-assessments").content.decode(), role
    listed = client_for(world, "recipient").get("/api/dcc-assessments").json()["items"]
    assert listed[0]["document"] == "DCC_IA_RED"


def test_a_correction_by_someone_who_cannot_see_the_document_keeps_it(world, secretariat_client):
    paper = governance.create_paper(
        by=None,
        body=world.panel,
        reference="DCC_IA_RED",
        title="Impact Assessment, commercial",
        paper_date=world.today,
        classification="RED",
        recipients=[world.users.recipient],
    )
    assessment = services.record_assessment_return(
        requested(world), by=None, delivered_on=dt.date(2025, 2, 3), document=paper
    )
    form = {
        "kind": "IMPACT",
        "requested_on": "2025-01-06",
        "due_on": "2025-02-03",
        "delivered_on": "2025-02-04",
        "reason": "Returned a day later",
        "revision": assessment.revision,
    }
    url = f"/modifications/MP150/assessments/{assessment.pk}/correct/"
    assert "DCC_IA_RED" not in secretariat_client.get(url).content.decode()
    assert secretariat_client.post(url, form).status_code == 302
    assessment.refresh_from_db()
    assert assessment.delivered_on == dt.date(2025, 2, 4) and assessment.document == paper


def test_the_assessments_export_and_api_list_filter_overdue(world, secretariat_client):
    requested(world)
    services.record_assessment_return(
        requested(world, reference="MP151"), by=None, delivered_on=dt.date(2025, 1, 30), cost=Decimal("900")
    )
    csv = secretariat_client.get("/modifications/assessments/export.csv?overdue=yes").content.decode("utf-8-sig")
    assert "MP150" in csv and "MP151" not in csv
    listed = secretariat_client.get("/api/dcc-assessments?overdue=false").json()["items"]
    assert [(row["modification"], row["cost"]) for row in listed] == [("MP151", 900.0)]
    register = secretariat_client.get("/modifications/export.csv").content.decode("utf-8-sig")
    assert "DCC assessment overdue" in register.splitlines()[0]


@pytest.mark.parametrize("finished", ["WITHDRAWN", "REJECTED", "IMPLEMENTED"])
def test_an_unreturned_assessment_of_a_finished_modification_is_not_overdue(world, finished):
    assessment = requested(world)
    in_progress = requested(world, reference="MP151")
    # A Fast-Track modification moves straight from proposal to a decision.
    modification = services.correct_modification(
        assessment.modification, by=None, reason="Fast-Track", path="FAST_TRACK"
    )
    steps = {"WITHDRAWN": ["WITHDRAWN"], "REJECTED": ["REJECTED"], "IMPLEMENTED": ["APPROVED", "IMPLEMENTED"]}
    for stage in steps[finished]:
        modification = services.move_to_stage(modification, by=None, stage=stage, on=dt.date(2025, 2, 10))
    today = dt.date(2025, 3, 3)  # both were due on 3 February and neither came back
    assert list(Assessment.objects.overdue(today)) == [in_progress]
    assert not Assessment.objects.get(pk=assessment.pk).is_overdue(today) and in_progress.is_overdue(today)
    flagged = Modification.objects.with_assessments_overdue(today)
    assert {m.reference: m.assessment_overdue for m in flagged} == {"MP150": False, "MP151": True}
    listed = client_for(world, "public").get("/api/dcc-assessments?overdue=true").json()["items"]
    assert [a["modification"] for a in listed] == ["MP151"]
