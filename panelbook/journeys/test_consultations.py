"""The secretariat takes a DCC consultation from request to sent response: records it with TABASC
asked for input, records TABASC's observations from its meeting, writes the draft response,
finds the response refused while the closing date has passed, records the extension, and sends
the response the Panel agreed; the public reads it on the list of consultations answered. By
pointer, by keyboard alone and at phone widths."""

from __future__ import annotations

import datetime as dt

from panelbook.actions import services as actions
from panelbook.consultations.models import Consultation, Status


def _day(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def test_a_consultation_goes_from_request_to_sent_response_with_tabascs_observations(world, make_meeting, visit, way):
    tabasc_meeting = make_meeting(body=world.tabasc, number=41, days_ahead=-5)
    panel_meeting = make_meeting(number=77, days_ahead=-1)
    actions.record_decision(
        by=None, meeting=panel_meeting, verb="AGREED", text="the response on the charging statement"
    )
    journey = visit(world.users.secretariat, **way)
    journey.go("/consultations/")
    journey.follow("Record a consultation")
    journey.choose("Issuer", "The DCC")
    journey.fill("Subject", "Draft charging statement")
    journey.fill_date("Opened", _day(world.today - dt.timedelta(days=30)))
    journey.fill_date("Closing date", _day(world.today - dt.timedelta(days=2)))
    journey.tick("TABASC")
    journey.press("Record")
    assert "The DCC: Draft charging statement is recorded" in journey.main_text()

    journey.follow("Record a body's observations")
    journey.choose("Meeting", "TABASC meeting 41")
    journey.fill("Observations", "The statement needs a worked example for a small supplier.")
    journey.press("Save")
    assert "The statement needs a worked example for a small supplier." in journey.main_text()

    journey.follow("Write the draft response")
    journey.fill("Reference", "SECP_77_CONSULT_DRAFT")
    journey.press("Save")
    assert "SECP_77_CONSULT_DRAFT" in journey.main_text()

    journey.follow("Send the response")
    journey.fill("Reference", "SECP_77_CONSULT_RESPONSE")
    journey.choose("Decision", str(panel_meeting.decisions.get()))
    journey.press("Save", check=False)
    assert "no extension is recorded" in journey.main_text()

    journey.go(Consultation.objects.get().get_absolute_url())
    journey.follow("Record an extension")
    journey.fill_date("Extended to", _day(world.today + dt.timedelta(days=7)))
    journey.fill("Why was it extended?", "The DCC gave two more weeks")
    journey.press("Save")
    journey.follow("Send the response")
    journey.fill("Reference", "SECP_77_CONSULT_RESPONSE")
    journey.choose("Decision", str(panel_meeting.decisions.get()))
    journey.press("Save")
    assert "the response is sent" in journey.main_text()
    answered = Consultation.objects.get()
    assert answered.status == Status.RESPONDED and answered.observations.get().meeting == tabasc_meeting

    reader = visit(None, **way)
    reader.go("/consultations/answered/")
    assert "Response: Draft charging statement" in reader.main_text()
    assert "worked example" not in reader.main_text()
