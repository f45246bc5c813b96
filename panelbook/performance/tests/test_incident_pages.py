"""The incident pages and forms: list, incident, month, stability, API, and who may enter."""

import pytest

from panelbook.conftest import make_user, signed_in
from panelbook.performance import incident_services as services
from panelbook.performance.models import Incident
from panelbook.performance.tests.incident_rows import at, open_one, reference_data


@pytest.fixture
def ref(db):
    made = reference_data()
    escalated = open_one("INC000000000101", services=[made.csp_n, made.smets1], is_major=True)
    services.recategorise(escalated, by=None, category=2, at=at("2024-02-13", "11:04"), reason="More Users.")
    services.recategorise(escalated, by=None, category=1, at=at("2024-02-13", "11:46"), reason="Installs stopped.")
    services.record_restoration(escalated, by=None, service_line=made.csp_n, restored_at=at("2024-02-13", "14:25"))
    services.close_incident(escalated, by=None, closed=at("2024-02-13", "16:00"))
    open_one("INC000000000102", opened="2024-02-20 08:00", services=[made.dsp], category=4, title="Slow reports")
    made.escalated = escalated
    return made


def reporter():
    return signed_in(make_user("reporter", is_dcc_reporting=True))


def test_the_list_filters_by_category_line_month_open_and_major(client, ref):
    def listed(query: str) -> bool:
        return "INC000000000101" in client.get(f"/performance/incidents/?{query}").content.decode()

    assert listed("category=1") and not listed("category=2")
    assert listed("line=csp-n") and not listed("line=dsp")
    assert listed("month=2024-02") and not listed("month=2024-03")
    assert listed("open=no") and not listed("open=yes")
    assert listed("major=yes") and not listed("major=no")


def test_a_filter_that_is_not_valid_lists_nothing_and_says_so(client, ref):
    page = client.get("/performance/incidents/?category=9").content.decode()
    assert "INC000000000101" not in page and "Select a valid choice" in page


def test_the_incident_page_shows_its_category_history_timeline_and_durations(client, ref):
    page = client.get(f"/performance/incidents/{ref.escalated.pk}/").content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    assert "13/02/2024 11:46</td><td>1</td><td>Installs stopped.</td>" in page
    # Category 1's 4 hours from 10:27: CSP N back at 14:25 (within), SMETS1 at the closing, 16:00 (not).
    assert "3 h 58 min" in page and "5 h 33 min" in page
    assert "4 hours, by 13/02/2024 14:27" in page


def test_the_month_counts_each_incident_at_its_worst_category(client, ref):
    page = client.get("/performance/incidents/month/?month=2024-02").content.decode()
    assert "<td>1</td><td>0</td><td>0</td><td>1</td><td>0</td><td>2</td><td>1</td>" in page
    assert "Incidents opened in February 2024" in page


def test_the_stability_page_counts_days_per_line_as_of_a_date(client, ref):
    page = client.get("/performance/stability/?category=1&on=2024-03-14").content.decode()
    assert "30 days since INC000000000101" in page  # CSP N, restored 13 February
    assert "no Category 1 incident on record" in page  # DSP's was Category 4


def test_dcc_reporting_staff_log_an_incident_and_change_its_category(ref):
    client = reporter()
    form = {
        "reference": "INC000000000200",
        "title": "Alerts delayed",
        "opened": "2024-03-01T09:15",
        "category": "3",
        "services": [ref.smets2.pk],
        "classification": "WHITE",
    }
    response = client.post("/performance/incidents/new/", form, follow=True)
    assert "INC000000000200 is logged at Category 3." in response.content.decode()
    incident = Incident.objects.get(reference="INC000000000200")
    move = {"category": "2", "at": "2024-03-01T10:00", "reason": "Wider impact."}
    response = client.post(f"/performance/incidents/{incident.pk}/recategorise/", move, follow=True)
    assert "the category is changed" in response.content.decode()
    incident.refresh_from_db()
    assert (incident.category, incident.worst_category) == (2, 2)


def test_the_form_shows_a_restoration_before_the_opening_on_its_field(ref):
    response = reporter().post(
        f"/performance/incidents/{ref.escalated.pk}/restoration/",
        {"service_line": ref.smets1.pk, "restored_at": "2024-02-13T09:00"},
    )
    assert "It cannot be restored (13/02/2024 09:00) before it opened (13/02/2024 10:27)." in response.content.decode()


def test_a_party_user_may_not_log_incidents_and_dcc_reporting_may_not_void_them(ref):
    assert signed_in(make_user("party")).get("/performance/incidents/new/").status_code == 403
    assert reporter().get(f"/performance/incidents/{ref.escalated.pk}/void/").status_code == 403


def test_the_secretariat_voids_an_incident_and_it_leaves_the_list_and_the_stability(secretariat_client, client, ref):
    secretariat = secretariat_client
    secretariat.post(f"/performance/incidents/{ref.escalated.pk}/void/", {"reason": "Logged twice."})
    assert "INC000000000101" not in client.get("/performance/incidents/").content.decode()
    page = client.get("/performance/stability/?category=1&on=2024-03-14").content.decode()
    assert "INC000000000101" not in page
    assert "Void:" in secretariat.get(f"/performance/incidents/{ref.escalated.pk}/").content.decode()


def test_the_api_gives_the_category_history_and_the_stability_figures(client, ref):
    (item,) = client.get("/api/performance/incidents?category=1").json()["items"]
    assert [c["category"] for c in item["categories"]] == [3, 2, 1]
    figures = client.get("/api/performance/stability?since=2024-02-01&until=2024-02-29&category=1").json()
    assert figures["totals"] == {"1": 1, "2": 0, "3": 0, "4": 1, "5": 0}
    assert figures["major"] == ["INC000000000101"]
    by_line = {s["service_line"]: s["days"] for s in figures["stability"]}
    assert by_line["csp-n"] == 16 and by_line["smets1"] == 16 and by_line["dsp"] is None


def test_the_api_refuses_a_period_that_ends_before_it_starts(client, ref):
    response = client.get("/api/performance/stability?since=2024-03-01&until=2024-02-01")
    assert response.status_code == 400


def test_the_export_lists_the_category_history(client, ref):
    text = client.get("/performance/incidents/export.csv?category=1").content.decode()
    assert "3 at 2024-02-13 10:27 → 2 at 2024-02-13 11:04 → 1 at 2024-02-13 11:46" in text
    assert "INC000000000102" not in text


def test_a_line_restored_on_the_day_asked_about_has_had_no_stable_day_yet(client, ref):
    page = client.get("/performance/stability/?category=1&on=2024-02-13").content.decode()
    assert "0 days since INC000000000101" in page


def test_dcc_reporting_staff_correct_an_incident_from_its_form_as_it_stands(ref):
    client = reporter()
    url = f"/performance/incidents/{ref.escalated.pk}/correct/"
    page = client.get(url).content.decode()
    assert 'value="INC000000000101"' in page and 'value="2024-02-13T16:00"' in page
    form = {
        "reference": "INC000000000101",
        "title": "Users unable to install meters in the south",
        "opened": "2024-02-13T10:27",
        "closed": "2024-02-13T16:00",
        "services": [ref.csp_n.pk, ref.smets1.pk],
        "is_major": "on",
        "classification": "WHITE",
        "reason": "The title named the wrong region.",
    }
    assert client.post(url, form).status_code == 302
    ref.escalated.refresh_from_db()
    assert ref.escalated.title == "Users unable to install meters in the south"
    assert ref.escalated.history.first().history_change_reason == "Corrected: The title named the wrong region."


def test_the_stability_figures_of_a_period_count_each_month_and_the_lines_at_its_end(ref):
    from django.contrib.auth.models import AnonymousUser

    from panelbook.performance.incident_reports import stability_figures

    figures = stability_figures(
        AnonymousUser(), first_month=at("2024-01-01").date(), last_month=at("2024-03-01").date(), category=4
    )
    assert [(m.month, counts[1], counts[4]) for m, counts in figures.by_month] == [(1, 0, 0), (2, 1, 1), (3, 0, 0)]
    assert figures.on == at("2024-03-31").date()
    days = {line.code: found.days for line, found in figures.stability}
    # 31 March: CSP N restored 13 February (47 days); DSP's Category 4 of 20 February is still open.
    assert days == {"smets1": 47, "smets2": None, "csp-n": 47, "dsp": 0}
