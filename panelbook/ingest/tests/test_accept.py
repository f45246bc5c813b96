"""Accepting and rejecting proposals: each record type goes through its owning app's verbs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from panelbook.actions.models import Action, Decision
from panelbook.core.services import ServiceError
from panelbook.governance import services as governance
from panelbook.governance.models import Meeting
from panelbook.governance.models import Paper as PaperRecord
from panelbook.ingest import services
from panelbook.ingest.models import Proposal
from panelbook.ingest.tests.making import Paper, meeting_at

LOG = Paper(
    "pack/SECP_48_actions.txt",
    "Panel meeting 48 actions log",
    "SECP47/02 SECAS to provide a paper on the SMKI budget. Update: Paper drafted.\n"
    "The Panel AGREED by majority to submit a response.\nSECMP0040 User Security Assessment Scheduling",
)


def ingest_one(world, record_type, record, by=None, **document):
    """Ingest a file holding one record of ``record_type`` and return its proposal."""
    lists = {"action": "actions", "decision": "decisions", "meeting": "meetings", "modification": "modifications"}
    fields = {"reference": "SECP_48_1409_03", "body": "PANEL", "meeting": 48, "date": "2017-09-14", **document}
    extra = {lists[record_type]: [record]} if record_type in lists else {}
    services.ingest(LOG.processed(fields, **extra), by=by)
    return Proposal.objects.get(record_type=record_type)


def action(**fields):
    return {
        "reference": "SECP47/02",
        "text": "SECAS to provide a paper on the SMKI budget.",
        "update": "Paper drafted.",
        "status": "OPEN",
        "owner": "SECAS",
        "source": LOG.source("SECAS to provide a paper on the SMKI budget."),
        **fields,
    }


def test_an_action_is_raised_at_its_meeting_with_its_sequence_and_update(world):
    meeting_at(world, 47, dt.date(2017, 8, 10))
    proposal = ingest_one(world, "action", action())

    accepted = services.accept_proposal(proposal, by=world.users.secretariat)

    raised = Action.objects.get()
    assert (raised.reference, raised.sequence, raised.meeting.number, raised.owner) == ("SECP47/02", 2, 47, "SECAS")
    assert raised.text == "SECAS to provide a paper on the SMKI budget."
    assert [(u.text, u.on) for u in raised.updates.all()] == [("Paper drafted.", dt.date(2017, 9, 14))]
    assert accepted.status == "ACCEPTED" and accepted.decided_by == world.users.secretariat
    assert accepted.outcome == "Raised action SECP47/02; added the update"
    assert accepted.outcome_url == raised.get_absolute_url()
    assert accepted.history.first().history_change_reason == "Accepted"
    assert raised.history.first().history_user == world.users.secretariat


def test_an_action_closed_in_the_paper_is_closed_at_the_meeting_the_paper_is_for(world):
    meeting_at(world, 47, dt.date(2017, 8, 10))
    closing = meeting_at(world, 48, dt.date(2017, 9, 14))
    proposal = ingest_one(world, "action", action(status="CLOSED"))

    accepted = services.accept_proposal(proposal, by=None)

    raised = Action.objects.get()
    assert (raised.status, raised.closed_at_meeting, raised.proposed_on) == ("CLOSED", closing, dt.date(2017, 9, 14))
    assert accepted.outcome == (
        "Raised action SECP47/02; added the update; proposed to close; closed at Panel meeting 48"
    )


def test_an_action_closed_in_the_paper_stays_proposed_to_close_without_the_closing_meeting(world):
    meeting_at(world, 47, dt.date(2017, 8, 10))
    proposal = ingest_one(world, "action", action(status="CLOSED", update=None))

    accepted = services.accept_proposal(proposal, by=None)

    assert Action.objects.get().status == "PROPOSE_TO_CLOSE"
    assert accepted.outcome == (
        "Raised action SECP47/02; proposed to close; "
        "left Propose to Close: the meeting that closed it is not in panelbook"
    )


def test_an_update_of_an_existing_action_adds_the_update_through_the_verb(world):
    from panelbook.actions import services as actions

    meeting = meeting_at(world, 47, dt.date(2017, 8, 10))
    actions.raise_action(meeting, by=None, text="SECAS to provide a paper on the SMKI budget.", owner="SECAS")
    actions.raise_action(meeting, by=None, text="DCC to report.", owner="DCC")  # SECP47/02
    existing = Action.objects.get(reference="SECP47/02")
    proposal = ingest_one(world, "action", action(text="DCC to report.", update="Reported in September."))
    assert (proposal.change, proposal.diff) == ("UPDATE", {"update": [None, "Reported in September."]})

    accepted = services.accept_proposal(proposal, by=None)

    assert [u.text for u in existing.updates.all()] == ["Reported in September."]
    assert accepted.outcome == "Action SECP47/02: added the update"


def test_an_action_whose_meeting_is_missing_is_refused_naming_the_meeting(world):
    proposal = ingest_one(world, "action", action())
    assert "Panel meeting 47 is not in panelbook yet; accept the meeting first." in proposal.warnings

    with pytest.raises(ServiceError, match="Panel meeting 47 is not in panelbook yet; accept the meeting first."):
        services.accept_proposal(proposal, by=None)

    proposal.refresh_from_db()
    assert proposal.status == "PROPOSED" and not Action.objects.exists()


def test_a_decision_is_recorded_at_its_meeting(world):
    meeting = meeting_at(world, 48, dt.date(2017, 9, 14))
    decision = {
        "body": "PANEL",
        "verb": "AGREED",
        "text": "to submit a response.",
        "item": "2",
        "majority": True,
        "source": LOG.source("AGREED by majority to submit a response."),
    }
    proposal = ingest_one(world, "decision", decision)

    accepted = services.accept_proposal(proposal, by=world.users.secretariat)

    recorded = Decision.objects.get()
    assert (recorded.meeting, recorded.verb, recorded.text, recorded.by_majority) == (
        meeting,
        "AGREED",
        "to submit a response.",
        True,
    )
    assert recorded.decided_on == dt.date(2017, 9, 14)
    assert accepted.outcome == "Recorded the decision at Panel meeting 48: AGREED to submit a response."


def test_a_voided_decision_is_not_on_record_so_the_papers_is_proposed_and_recorded_again(world):
    from panelbook.actions import services as actions

    meeting = meeting_at(world, 48, dt.date(2017, 9, 14))
    voided = actions.record_decision(by=None, meeting=meeting, verb="AGREED", text="to submit a response.")
    actions.void_decision(voided, by=None, reason="Recorded at the wrong meeting.")
    decision = {"body": "PANEL", "verb": "AGREED", "text": "to submit a response.", "item": None, "source": None}
    proposal = ingest_one(world, "decision", decision)
    assert proposal.change == "CREATE"

    services.accept_proposal(proposal, by=world.users.secretariat)

    assert Decision.objects.in_force().get().text == "to submit a response."


def test_a_meeting_is_created_in_the_morning_with_its_agenda(world):
    meeting = {
        "body": "PANEL",
        "number": 48,
        "date": "2017-09-14",
        "agenda": [
            {"number": 1, "title": "Minutes and Actions", "presenter": None, "note": None},
            {"number": 2, "title": "SMKI budget", "presenter": None, "note": "brought forward"},
        ],
        "attendance": [],
        "apologies": [],
        "next_meeting": None,
        "source": LOG.source("Panel meeting 48"),
    }
    proposal = ingest_one(world, "meeting", meeting, classification="WHITE")

    accepted = services.accept_proposal(proposal, by=None)

    created = Meeting.objects.get()
    starts, ends = timezone.localtime(created.starts_at), timezone.localtime(created.ends_at)
    assert (created.number, starts.date(), starts.time(), ends.time()) == (
        48,
        dt.date(2017, 9, 14),
        dt.time(10),
        dt.time(13),
    )
    assert (created.classification, created.status) == ("WHITE", "HELD")
    assert [(i.number, i.title, i.brought_forward) for i in created.agenda_items.order_by("number")] == [
        (1, "Minutes and Actions", False),
        (2, "SMKI budget", True),
    ]
    assert accepted.outcome == "Created Panel meeting 48 on 14 September 2017 with 2 agenda items"


def test_records_from_a_red_file_go_only_to_its_recipients(world):
    meeting_at(world, 47, dt.date(2017, 8, 10))
    proposal = ingest_one(world, "action", action(), by=world.users.secretariat, classification="RED")

    services.accept_proposal(proposal, by=world.users.secretariat)

    raised = Action.objects.get()
    assert raised.classification == "RED" and list(raised.recipients.all()) == [world.users.secretariat]


def test_a_modification_only_mentioned_is_held_as_accepted_data_until_the_register_has_it(world):
    record = {"reference": "SECMP0040", "title": "Scheduling", "source": LOG.source("SECMP0040")}
    proposal = ingest_one(world, "modification", record)

    accepted = services.accept_proposal(proposal, by=None)

    assert accepted.status == "ACCEPTED"
    assert accepted.outcome == (
        "Held as accepted data: SECMP0040 is not in the register; ingest its page from the SEC website to add it"
    )


def test_a_mention_of_a_modification_in_the_register_points_to_it(world):
    from panelbook.modifications import services as register

    held = register.raise_modification(
        by=None,
        reference="SECMP0040",
        title="Scheduling",
        body=world.panel,
        issue="An issue.",
        path="PATH_3",
        raised_on=dt.date(2017, 6, 1),
    )
    record = {"reference": "SECMP0040", "title": "Scheduling", "source": LOG.source("SECMP0040")}
    accepted = services.accept_proposal(ingest_one(world, "modification", record), by=world.users.secretariat)

    assert accepted.outcome == "SECMP0040 is in the register; the paper is listed on its page"
    assert accepted.outcome_url == held.get_absolute_url()


def test_a_paper_is_created_when_its_meeting_and_item_exist(world):
    meeting = meeting_at(world, 48, dt.date(2017, 9, 14))
    governance.add_agenda_item(meeting, by=None, number=3, title="SMKI budget")
    proposal = ingest_one(world, "paper", None, title="SMKI budget", purpose="decision", author="SECAS Team")

    accepted = services.accept_proposal(proposal, by=None)

    paper = PaperRecord.objects.get()
    assert (paper.reference, paper.title, paper.purpose, paper.author) == (
        "SECP_48_1409_03",
        "SMKI budget",
        "DECISION",
        "SECAS Team",
    )
    assert (paper.agenda_item.number, paper.paper_date, paper.classification) == (3, dt.date(2017, 9, 14), "AMBER")
    assert accepted.outcome == "Created paper SECP_48_1409_03 for item 3 of Panel meeting 48"


def test_a_paper_edited_to_a_classification_takes_it(world):
    meeting = meeting_at(world, 48, dt.date(2017, 9, 14))
    governance.add_agenda_item(meeting, by=None, number=3, title="SMKI budget")
    proposal = ingest_one(world, "paper", None, title="SMKI budget")

    services.accept_proposal(proposal, by=None, payload={**proposal.payload, "classification": "WHITE"})

    assert PaperRecord.objects.get().classification == "WHITE"


def test_a_paper_whose_meeting_is_missing_is_held_saying_why(world):
    proposal = ingest_one(world, "paper", None, title="SMKI budget")

    accepted = services.accept_proposal(proposal, by=None)

    assert not PaperRecord.objects.exists()
    assert accepted.outcome == "Held as accepted data; no paper created: item 3 of Panel meeting 48 is not in panelbook"


def test_an_edited_payload_with_a_bad_value_is_refused_naming_the_field(world):
    meeting = {"body": "PANEL", "number": 48, "date": None, "agenda": [], "source": LOG.source("Panel meeting 48")}
    proposal = ingest_one(world, "meeting", meeting)

    with pytest.raises(ServiceError) as refused:
        services.accept_proposal(proposal, by=None, payload={"body": "PANEL", "number": "forty", "date": "14/09/2017"})

    assert refused.value.message_dict == {
        "number": ["Give a whole number, e.g. 47."],
        "date": ["Give a date as YYYY-MM-DD, e.g. 2019-04-12."],
    }
    proposal.refresh_from_db()
    assert proposal.status == "PROPOSED" and not Meeting.objects.exists()


def test_an_edited_payload_is_accepted_as_edited(world):
    meeting = {"body": "PANEL", "number": 48, "date": None, "agenda": [], "source": LOG.source("Panel meeting 48")}
    proposal = ingest_one(world, "meeting", meeting)
    with pytest.raises(ServiceError) as refused:
        services.accept_proposal(proposal, by=None)
    assert refused.value.message_dict == {"date": ["Give the meeting's date (YYYY-MM-DD); the paper does not say."]}

    edited = {"body": "PANEL", "number": "48", "date": "2017-09-14"}
    accepted = services.accept_proposal(proposal, by=None, payload=edited)

    assert Meeting.objects.get().date == dt.date(2017, 9, 14)
    assert accepted.payload["date"] == "2017-09-14" and accepted.payload["source"] == proposal.payload["source"]
    assert accepted.history.first().history_change_reason == "Edited and accepted"


def test_a_rejected_proposal_records_why_and_who_and_cannot_be_decided_again(world):
    record = {"reference": "SECMP0040", "title": None, "source": LOG.source("SECMP0040")}
    proposal = ingest_one(world, "modification", record)

    rejected = services.reject_proposal(proposal, by=world.users.secretariat, reason="  Not a modification.  ")

    assert (rejected.status, rejected.outcome, rejected.decided_by) == (
        "REJECTED",
        "Rejected: Not a modification.",
        world.users.secretariat,
    )
    assert rejected.decided_at is not None
    with pytest.raises(ServiceError, match=f"Proposal #{proposal.pk} was already rejected on"):
        services.accept_proposal(proposal, by=None)


def test_accepting_a_paper_that_creates_nothing_is_a_warning_not_a_success(world, secretariat_client):
    proposal = ingest_one(world, "paper", None, title="SMKI budget")
    response = secretariat_client.post(proposal.get_absolute_url(), {"do": "accept"}, follow=True)
    shown = response.content.decode()
    assert 'class="message warning"' in shown and 'class="message success"' not in shown
    assert "no paper created: item 3 of Panel meeting 48 is not in panelbook" in shown
