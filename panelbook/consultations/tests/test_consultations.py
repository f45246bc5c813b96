"""A consultation from request to sent response, with a sub-committee's observations; the rules
of the closing date, the bodies asked and sending once."""

import datetime as dt

import pytest

from panelbook.consultations import services
from panelbook.consultations.models import Status
from panelbook.consultations.tests.helpers import agreeing_decision, consultation
from panelbook.core.services import ServiceError


def test_a_consultation_goes_from_request_to_sent_response_with_a_sub_committees_observations(world, make_meeting):
    asked = consultation(world)
    tabasc_meeting = make_meeting(body=world.tabasc, days_ahead=-3)
    observed = services.record_observation(
        asked, by=None, meeting=tabasc_meeting, text="The charging tables need a worked example."
    )
    draft = services.write_draft_response(
        asked, by=None, reference="SECP_CONSULT_DRAFT", title="Draft response", paper_date=world.today
    )
    asked.refresh_from_db()
    assert asked.status == Status.RESPONDING and asked.draft_response == draft
    assert draft.classification == "AMBER" and observed.body == world.tabasc and observed.classification == "AMBER"
    decision = agreeing_decision(world, make_meeting)
    sent = services.send_response(
        asked, by=None, sent_on=world.today, decision=decision, reference="SECP_CONSULT_SENT", title="Response"
    )
    asked.refresh_from_db()
    assert asked.status == Status.RESPONDED and asked.sent_response == sent and asked.decision == decision
    assert sent.classification == "WHITE" and sent.body == world.panel


def test_a_response_after_the_closing_date_without_an_extension_is_refused_naming_the_consultation(world, make_meeting):
    late = consultation(world, subject="Late one", closes_in=-2)
    decision = agreeing_decision(world, make_meeting)
    with pytest.raises(ServiceError) as refused:
        services.send_response(late, by=None, sent_on=world.today, decision=decision, reference="R1", title="R")
    message = refused.value.message_dict["sent_on"][0]
    assert "Late one" in message and "no extension is recorded" in message
    late.refresh_from_db()
    assert late.status == Status.OPEN and late.sent_response is None


def test_a_recorded_extension_lets_the_response_go_after_the_first_closing_date(world, make_meeting):
    late = consultation(world, closes_in=-2)
    services.extend_consultation(
        late, by=None, extended_to=world.today + dt.timedelta(days=5), reason="Asked for more time"
    )
    decision = agreeing_decision(world, make_meeting)
    services.send_response(late, by=None, sent_on=world.today, decision=decision, reference="R2", title="R")
    late.refresh_from_db()
    assert late.status == Status.RESPONDED and late.extension_reason == "Asked for more time"


def test_a_response_is_sent_once(world, make_meeting):
    asked = consultation(world)
    decision = agreeing_decision(world, make_meeting)
    services.send_response(asked, by=None, sent_on=world.today, decision=decision, reference="R3", title="R")
    with pytest.raises(ServiceError, match="a response is sent once"):
        services.send_response(asked, by=None, sent_on=world.today, decision=decision, reference="R4", title="R")


def test_an_observation_from_a_body_not_asked_is_refused(world, make_meeting):
    asked = consultation(world)
    with pytest.raises(ServiceError) as refused:
        services.record_observation(asked, by=None, meeting=make_meeting(days_ahead=-1), text="Ours")
    assert "was not asked for input" in refused.value.message_dict["meeting"][0]
    assert not asked.observations.exists()


def test_a_consultation_cannot_close_before_it_opens_nor_ask_its_own_answering_body(world):
    with pytest.raises(ServiceError, match="cannot close"):
        consultation(world, closes_in=-30)
    with pytest.raises(ServiceError, match="ask the other bodies"):
        services.open_consultation(
            by=None,
            issuer="OFGEM",
            subject="S",
            opened_on=world.today,
            closes_on=world.today,
            body=world.panel,
            bodies_asked=[world.panel],
        )


def test_void_and_restore_keep_the_reason(world):
    asked = consultation(world)
    services.void_consultation(asked, by=None, reason="Entered twice")
    asked.refresh_from_db()
    assert asked.is_void and asked.history.first().history_change_reason == "Voided: Entered twice"
    services.restore_consultation(asked, by=None, reason="It was not a copy")
    asked.refresh_from_db()
    assert not asked.is_void


def test_a_mistaken_extension_is_corrected_but_never_to_before_a_response_sent(world, make_meeting):
    late = consultation(world, subject="Extended once", closes_in=-2)
    services.extend_consultation(late, by=None, extended_to=world.today + dt.timedelta(days=9), reason="Typed wrong")
    services.correct_consultation(
        late, by=None, reason="The issuer gave a week", extended_to=world.today + dt.timedelta(days=5)
    )
    late.refresh_from_db()
    assert late.closing_date == world.today + dt.timedelta(days=5) and late.extension_reason == "Typed wrong"
    decision = agreeing_decision(world, make_meeting)
    services.send_response(late, by=None, sent_on=world.today, decision=decision, reference="R5", title="R")
    with pytest.raises(ServiceError) as refused:
        services.correct_consultation(late, by=None, reason="No extension after all", extended_to=None)
    assert "was sent on" in refused.value.message_dict["closes_on"][0]
    late.refresh_from_db()
    assert late.extended_to == world.today + dt.timedelta(days=5)
