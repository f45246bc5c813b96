"""Reviewing a proposal without fear: a meeting's date read from a reference gets the right year
and a warning, a change to an existing record's date or status waits for a confirmation that says
what it changes, and the record is a form of its fields beside the source, not JSON."""

from __future__ import annotations

import datetime as dt

import pytest

from panelbook.core.services import ServiceError
from panelbook.core.tests.pages import page_text
from panelbook.governance.models import Meeting
from panelbook.ingest import services
from panelbook.ingest.dates import day_of_reference
from panelbook.ingest.kinds.meetings import _meeting_date
from panelbook.ingest.models import Proposal
from panelbook.ingest.tests.making import DOCUMENT, Paper, meeting_at

AGENDA = Paper("pack/SECP_120_agenda.txt", "Agenda of Panel meeting 120\n1. Minutes and actions\n2. Budget")


def test_a_december_paper_for_a_january_meeting_takes_the_next_year():
    document = {**DOCUMENT, "reference": "SECP_120_0901_03", "date": "2024-12-28"}
    assert _meeting_date(document) == "2025-01-09"


def test_a_reference_day_takes_the_year_nearest_the_papers_date():
    assert day_of_reference("SECP_120_1212_03", "2025-01-03") == "2024-12-12"
    assert day_of_reference("SECP_120_1402_03", "2025-02-06") == "2025-02-14"
    assert day_of_reference("SECP_120_3102_03", "2025-02-06") is None  # no 31 February in any year
    assert day_of_reference("SECP_120", "2025-02-06") is None


def ingest_meeting(world, date: str, paper_date: str = "2017-09-07", **document):
    fields = {"reference": "SECP_48_1409_03", "body": "PANEL", "meeting": 48, "date": paper_date, **document}
    processed = AGENDA.processed(
        fields, meetings=[{"body": "PANEL", "number": 48, "date": date, "agenda": [], "source": AGENDA.front_matter}]
    )
    return services.ingest(processed, by=None)


def test_a_date_worked_out_from_a_reference_is_a_warning_and_never_accepted_at_once(world):
    outcome = services.ingest(
        AGENDA.processed(
            {"reference": "SECP_48_1409_03", "body": "PANEL", "meeting": 48, "date": "2017-09-07"},
            meetings=[{"body": "PANEL", "number": 48, "date": "2017-09-14", "agenda": [], "source": None}],
        ),
        by=None,
        commit=True,
    )
    [proposal] = [p for p in outcome.proposals if p.record_type == "meeting"]
    assert any("worked out from the day and month in the paper's reference" in w for w in proposal.warnings)
    assert proposal not in outcome.accepted and not Meeting.objects.exists()


@pytest.fixture
def moved(world):
    """Panel meeting 48 on 14 September 2017, and a paper that would move it a year back."""
    meeting = meeting_at(world, 48, dt.date(2017, 9, 14))
    ingest_meeting(world, "2016-09-14", reference="SECP_48_0000_03")
    return meeting, Proposal.objects.get(record_type="meeting")


def test_accepting_a_change_of_an_existing_meetings_date_needs_a_confirmation(world, moved):
    meeting, proposal = moved
    with pytest.raises(ServiceError) as refused:
        services.accept_proposal(proposal, by=world.users.secretariat)
    assert refused.value.message_dict["confirm"] == [
        "Accepting changes Panel meeting 48: its date from 14 September 2017 to 14 September 2016. "
        "Confirm it to accept the proposal."
    ]
    meeting.refresh_from_db()
    assert meeting.date == dt.date(2017, 9, 14)


def test_a_confirmed_move_says_where_the_meeting_was_and_where_it_went(world, moved):
    meeting, proposal = moved
    accepted = services.accept_proposal(proposal, by=world.users.secretariat, confirmed=True)
    meeting.refresh_from_db()
    assert meeting.date == dt.date(2016, 9, 14)
    assert accepted.outcome == "Moved Panel meeting 48 from 14 September 2017 to 14 September 2016"


def test_an_edit_that_keeps_the_date_needs_no_confirmation(world, moved):
    meeting, proposal = moved
    payload = {**proposal.payload, "date": "2017-09-14"}
    services.accept_proposal(proposal, by=world.users.secretariat, payload=payload)
    meeting.refresh_from_db()
    assert meeting.date == dt.date(2017, 9, 14)


def test_the_review_page_asks_to_confirm_the_change_in_words(world, moved, secretariat_client):
    meeting, proposal = moved
    url = proposal.get_absolute_url()
    page = page_text(secretariat_client.get(url))
    assert "I have checked this change. Accepting changes Panel meeting 48: its date from 14 September 2017" in page
    refused = secretariat_client.post(url, {"do": "accept"})
    assert refused.status_code == 200 and "Confirm it to accept the proposal." in page_text(refused)
    assert secretariat_client.post(url, {"do": "accept", "confirm": "on"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.date == dt.date(2016, 9, 14)


def test_the_record_is_a_form_of_typed_fields_and_its_lists_are_tables(world, secretariat_client):
    agenda = [{"number": 1, "title": "Minutes and actions", "note": None, "source": None}]
    processed = AGENDA.processed(
        {"reference": "SECP_48_1409_03", "body": "PANEL", "meeting": 48, "date": "2017-09-07"},
        meetings=[{"body": "PANEL", "number": 48, "date": "2017-09-14", "agenda": agenda, "source": None}],
    )
    services.ingest(processed, by=None)
    meeting = Proposal.objects.get(record_type="meeting")
    body = secretariat_client.get(meeting.get_absolute_url()).content.decode()
    assert 'type="date" name="edit-date" value="2017-09-14"' in body
    assert 'type="number" name="edit-number" value="48"' in body
    assert '<th scope="col">Title</th>' in body
    assert 'type="text" name="edit-agenda-0-title" value="Minutes and actions"' in body
    assert "<summary>Change the agenda</summary>" not in body and "As JSON." not in body


def test_a_list_is_corrected_line_by_line_and_accepted_as_edited(world, secretariat_client):
    agenda = [
        {"number": 1, "title": "Minutes and actons", "note": None, "source": None},
        {"number": 2, "title": "Page 2 of 7", "note": None, "source": None},
    ]
    processed = AGENDA.processed(
        {"reference": "SECP_48_1409_03", "body": "PANEL", "meeting": 48, "date": "2017-09-07"},
        meetings=[{"body": "PANEL", "number": 48, "date": "2017-09-14", "agenda": agenda, "source": None}],
    )
    services.ingest(processed, by=None)
    proposal = Proposal.objects.get(record_type="meeting")
    sent = {"do": "edit", "edit-body": "PANEL", "edit-number": "48", "edit-date": "2017-09-14"}
    sent |= {"edit-agenda-0-number": "1", "edit-agenda-0-title": "Minutes and actions"}
    sent |= {"edit-agenda-1-number": "2", "edit-agenda-1-title": "Page 2 of 7", "edit-agenda-1-remove": "on"}
    sent |= {"edit-agenda-2-number": "2", "edit-agenda-2-title": "Budget"}
    response = secretariat_client.post(proposal.get_absolute_url(), sent)
    assert response.status_code == 302, page_text(response)
    proposal.refresh_from_db()
    assert [(row["number"], row["title"]) for row in proposal.payload["agenda"]] == [
        (1, "Minutes and actions"),
        (2, "Budget"),
    ]
    meeting = Meeting.objects.get(number=48)
    assert list(meeting.agenda_items.order_by("number").values_list("title", flat=True)) == [
        "Minutes and actions",
        "Budget",
    ]


def test_a_change_of_an_actions_status_is_confirmed_in_words_not_stored_values(world):
    from panelbook.actions import services as actions
    from panelbook.ingest.tests.test_accept import action, ingest_one

    meeting = meeting_at(world, 47, dt.date(2017, 8, 10))
    actions.raise_action(meeting, by=None, text="SECAS to write.", owner="SECAS")
    actions.raise_action(meeting, by=None, text="SECAS to provide a paper on the SMKI budget.", owner="SECAS")
    proposal = ingest_one(world, "action", action(status="PROPOSE_TO_CLOSE"))
    with pytest.raises(ServiceError) as refused:
        services.accept_proposal(proposal, by=world.users.secretariat)
    [sentence] = refused.value.message_dict["confirm"]
    assert "its status from Open to Propose to Close." in sentence
    assert "The action is Propose to Close in the paper but Open in panelbook." in proposal.warnings
