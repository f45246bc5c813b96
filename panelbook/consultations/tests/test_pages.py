"""The secretariat's pages of consultations: correcting, voiding and restoring from a page, the
refusals shown on the field that the rule names, storing nothing, and the filters."""

import datetime as dt

from panelbook.conftest import client_for
from panelbook.consultations import services
from panelbook.consultations.models import Consultation, Observation
from panelbook.consultations.tests.helpers import agreeing_decision, consultation


def test_only_the_secretariat_may_record_a_consultation(world):
    assert client_for(world, "member").get("/consultations/new/").status_code == 403
    assert client_for(world, "secretariat").get("/consultations/new/").status_code == 200


def test_a_closing_date_before_the_opening_is_shown_on_the_field_and_nothing_is_stored(world):
    response = client_for(world, "secretariat").post(
        "/consultations/new/",
        {
            "issuer": "OFGEM",
            "subject": "Backwards",
            "opened_on": "2026-03-10",
            "closes_on": "2026-03-01",
            "body": world.panel.pk,
            "classification": "WHITE",
        },
    )
    assert response.status_code == 200
    assert "cannot close (01/03/2026) before it opened (10/03/2026)" in response.context["form"].errors["closes_on"][0]
    assert not Consultation.objects.exists()


def test_a_late_response_is_refused_on_the_sent_on_field_naming_the_consultation(world, make_meeting):
    late = consultation(world, subject="Gone by", closes_in=-1)
    decision = agreeing_decision(world, make_meeting)
    response = client_for(world, "secretariat").post(
        f"/consultations/{late.pk}/send/",
        {"reference": "SECP_LATE", "title": "Late", "sent_on": world.today.isoformat(), "decision": decision.pk,
         "classification": "WHITE"},
    )  # fmt: skip
    error = response.context["form"].errors["sent_on"][0]
    assert "Gone by" in error and "no extension is recorded" in error
    late.refresh_from_db()
    assert late.sent_response is None


def test_the_secretariat_corrects_voids_and_restores_a_consultation_from_its_page(world):
    asked = consultation(world, subject="First wording")
    client = client_for(world, "secretariat")
    response = client.post(
        f"/consultations/{asked.pk}/correct/",
        {
            "issuer": "DCC",
            "subject": "Second wording",
            "opened_on": asked.opened_on.isoformat(),
            "closes_on": asked.closes_on.isoformat(),
            "classification": "WHITE",
            "bodies_asked": [world.tabasc.pk],
            "reason": "The DCC renamed it",
        },
    )
    assert response.status_code == 302
    asked.refresh_from_db()
    assert (
        asked.subject == "Second wording"
        and asked.history.first().history_change_reason == "Corrected: The DCC renamed it"
    )
    assert "It leaves the consultations lists" in client.get(f"/consultations/{asked.pk}/void/").content.decode()
    client.post(f"/consultations/{asked.pk}/void/", {"reason": "Entered for the wrong code"})
    asked.refresh_from_db()
    assert asked.is_void
    assert client_for(world, "member").get(f"/consultations/{asked.pk}/").status_code == 404
    assert "Second wording" not in client_for(world, "member").get("/consultations/").content.decode()
    client.post(f"/consultations/{asked.pk}/restore/", {"reason": "It was the right code"})
    asked.refresh_from_db()
    assert not asked.is_void


def test_the_secretariat_corrects_and_voids_an_observation(world, make_meeting):
    asked = consultation(world)
    observation = services.record_observation(
        asked, by=None, meeting=make_meeting(body=world.tabasc, days_ahead=-2), text="Frist draft"
    )
    client = client_for(world, "secretariat")
    client.post(
        f"/consultations/observations/{observation.pk}/correct/",
        {"text": "First draft", "classification": "AMBER", "reason": "Spelling"},
    )
    observation.refresh_from_db()
    assert observation.text == "First draft"
    client.post(f"/consultations/observations/{observation.pk}/void/", {"reason": "Recorded twice"})
    assert not Observation.objects.in_force().exists()
    assert "First draft" not in client_for(world, "other_member").get(asked.get_absolute_url()).content.decode()


def test_the_list_filters_by_issuer_and_refuses_an_unknown_one(world):
    consultation(world, subject="By the DCC")
    consultation(world, subject="By Ofgem", issuer="OFGEM")
    client = client_for(world, "public")
    page = client.get("/consultations/?issuer=OFGEM").content.decode()
    assert "By Ofgem" in page and "By the DCC" not in page
    refused = client.get("/consultations/?issuer=NOBODY").content.decode()
    assert "By Ofgem" not in refused and "By the DCC" not in refused
    assert client.get("/consultations/export.csv?issuer=NOBODY").status_code == 400
    api = client.get("/api/consultations?issuer=OFGEM").json()
    assert [c["subject"] for c in api["items"]] == ["By Ofgem"]


def test_the_body_page_shows_what_the_body_has_been_asked_to_answer(world):
    consultation(world, subject="Asked of TABASC", closes_in=12)
    page = client_for(world, "public").get("/bodies/tabasc/").content.decode()
    assert "What TABASC has been asked to answer" in page and "Asked of TABASC" in page
    closing = (world.today + dt.timedelta(days=12)).strftime("%d/%m/%Y")
    assert f"closes {closing}" in page


def test_a_meeting_page_lists_the_observations_made_at_it_to_those_who_may_see_them(world, make_meeting):
    asked = consultation(world, subject="Observed at TABASC")
    meeting = make_meeting(body=world.tabasc, days_ahead=-2)
    services.record_observation(asked, by=None, meeting=meeting, text="Noted")
    assert "Observed at TABASC" in client_for(world, "other_member").get(meeting.get_absolute_url()).content.decode()
    assert "Observed at TABASC" not in client_for(world, "public").get(meeting.get_absolute_url()).content.decode()


def test_the_secretariat_corrects_the_day_a_response_was_sent_within_the_closing_date(world, make_meeting):
    asked = consultation(world, subject="Sent and corrected", closes_in=3)
    decision = agreeing_decision(world, make_meeting)
    services.send_response(asked, by=None, sent_on=world.today, decision=decision, reference="R9", title="R")
    client = client_for(world, "secretariat")
    assert "Correct the sending" in client.get(asked.get_absolute_url()).content.decode()
    url = f"/consultations/{asked.pk}/send/correct/"
    late = world.today + dt.timedelta(days=4)
    refused = client.post(url, {"sent_on": late.isoformat(), "decision": decision.pk, "reason": "Typed wrong"})
    assert "Sent and corrected" in refused.context["form"].errors["sent_on"][0]
    earlier = world.today - dt.timedelta(days=1)
    client.post(url, {"sent_on": earlier.isoformat(), "decision": decision.pk, "reason": "Sent a day before"})
    asked.refresh_from_db()
    assert asked.sent_on == earlier


def test_a_consultation_let_pass_by_mistake_is_reopened_from_its_page(world):
    asked = consultation(world, subject="Let pass")
    client = client_for(world, "secretariat")
    client.post(f"/consultations/{asked.pk}/not-answered/", {"reason": "No view to give"})
    asked.refresh_from_db()
    assert asked.status == "NOT_ANSWERED"
    assert "Reopen" in client.get(asked.get_absolute_url()).content.decode()
    client.post(f"/consultations/{asked.pk}/reopen/", {"reason": "TABASC asked to give a view"})
    asked.refresh_from_db()
    assert (asked.status, asked.not_answered_reason) == ("OPEN", "")
    refused = client.post(f"/consultations/{asked.pk}/reopen/", {"reason": "Again"})
    assert "nothing to reopen" in refused.content.decode()
