"""Within a request the gate reads a user's member bodies once; a save in between reads them again."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from panelbook.core.classification import Classification, remembering_memberships
from panelbook.governance.models import Meeting, Membership


def test_the_member_bodies_are_read_once_for_many_queries(world, make_meeting):
    make_meeting(classification=Classification.AMBER)
    with remembering_memberships(), CaptureQueriesContext(connection) as captured:
        for _ in range(3):
            assert Meeting.objects.visible_to(world.users.member).exists()
    assert sum("governance_membership" in query["sql"] for query in captured.captured_queries) == 1


def test_a_membership_ended_within_the_request_hides_the_body_s_amber_records(world, make_meeting):
    make_meeting(classification=Classification.AMBER)
    with remembering_memberships():
        assert Meeting.objects.visible_to(world.users.member).exists()
        seat = Membership.objects.get(person__user=world.users.member)
        seat.end_date = timezone.localdate() - dt.timedelta(days=1)
        seat.save()
        assert not Meeting.objects.visible_to(world.users.member).exists()


def test_a_user_without_a_seat_sees_no_amber_record_when_remembered(world, make_meeting):
    make_meeting(classification=Classification.AMBER)
    with remembering_memberships():
        assert not Meeting.objects.visible_to(world.users.party).exists()
        assert not Meeting.objects.visible_to(world.users.former_member).exists()
