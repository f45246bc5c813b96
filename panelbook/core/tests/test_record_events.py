"""Every save through a verb is announced to ``core.events.record_changed`` after commit."""

import pytest
from django.db import transaction

from panelbook.core.events import record_changed
from panelbook.governance import services
from panelbook.governance.models import Meeting


class Boom(Exception):
    pass


@pytest.fixture
def heard():
    changes = []

    def listen(sender, record, created, reason, by, **kwargs):
        changes.append((sender, record.pk, created, reason, by))

    record_changed.connect(listen, weak=False)
    yield changes
    record_changed.disconnect(listen)


def test_a_subscriber_hears_of_a_committed_change(world, make_meeting, heard, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = make_meeting()
    assert heard == [(Meeting, meeting.pk, True, "Meeting created", world.users.secretariat)]


def test_a_subscriber_hears_nothing_before_the_commit(world, make_meeting, heard, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as pending:
        make_meeting()
    assert heard == [] and len(pending) == 1


def test_a_subscriber_hears_nothing_of_a_rolled_back_change(
    world, make_meeting, heard, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(Boom), transaction.atomic():
            make_meeting()
            raise Boom
    assert heard == []


def test_an_update_is_heard_with_its_reason(world, make_meeting, heard, django_capture_on_commit_callbacks):
    meeting = make_meeting()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_meeting(meeting, by=None, location="Online")
    assert heard == [(Meeting, meeting.pk, False, "Changed location", None)]


def test_a_failing_subscriber_does_not_keep_others_from_hearing(
    world, make_meeting, heard, django_capture_on_commit_callbacks
):
    def fail(sender, **kwargs):
        raise Boom

    record_changed.connect(fail, weak=False)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            meeting = make_meeting()
    finally:
        record_changed.disconnect(fail)
    assert [pk for _, pk, *_ in heard] == [meeting.pk]
