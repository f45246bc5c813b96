"""Create verbs take only the fields a new record may be given, and name any other."""

import datetime as dt
from collections.abc import Callable
from functools import partial

import pytest
from django.utils import timezone

from panelbook.actions import services as actions
from panelbook.core.services import ServiceError
from panelbook.governance import services
from panelbook.governance.models import Meeting


def refused_fields(call: Callable[[], object]) -> dict[str, list[str]]:
    with pytest.raises(ServiceError) as refused:
        call()
    return refused.value.message_dict


def test_a_new_meeting_cannot_be_given_a_status(world, make_meeting):
    problems = refused_fields(lambda: make_meeting(status=Meeting.Status.HELD))
    assert problems == {"status": ["“status” cannot be given to a new meeting."]}
    assert not Meeting.objects.exists()


def test_an_unknown_field_is_named(world, make_meeting):
    assert list(refused_fields(lambda: make_meeting(colour="red", venue="Room 2"))) == ["colour", "venue"]


def test_a_new_agenda_item_cannot_be_given_as_withdrawn(world, make_meeting):
    meeting = make_meeting()
    problems = refused_fields(partial(services.add_agenda_item, meeting, by=None, title="AOB", is_withdrawn=True))
    assert list(problems) == ["is_withdrawn"]


def test_a_new_paper_cannot_be_given_a_status(world, make_meeting):
    create = partial(services.create_paper, by=None, body=world.panel, reference="SECP_1", title="T")
    assert list(refused_fields(partial(create, paper_date=world.today, status="WITHDRAWN"))) == ["status"]


def test_a_new_action_cannot_be_given_as_closed(world, make_meeting):
    meeting = make_meeting(days_ahead=-10)
    raise_it = partial(actions.raise_action, meeting, by=None, text="Do it", owner="SECAS")
    assert list(refused_fields(partial(raise_it, closed_on=world.today))) == ["closed_on"]


def test_a_decision_is_not_said_ex_committee_by_hand(world, make_meeting):
    meeting = make_meeting(days_ahead=-10)
    record = partial(actions.record_decision, by=None, verb="NOTED", text="the report", meeting=meeting)
    assert list(refused_fields(partial(record, ex_committee=True))) == ["ex_committee"]


def test_every_field_a_new_meeting_may_be_given_is_taken(world):
    starts = timezone.now() + dt.timedelta(days=3)
    meeting = services.create_meeting(
        by=None,
        body=world.panel,
        number=4,
        kind=Meeting.Kind.AD_HOC,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        location="Online",
        is_virtual=True,
        classification="GREEN",
    )
    assert (meeting.number, meeting.kind, meeting.is_virtual, meeting.classification) == (4, "AD_HOC", True, "GREEN")
