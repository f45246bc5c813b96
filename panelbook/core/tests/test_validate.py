"""save_with_history validates as full_clean() does, without asking whether a record in hand exists."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from panelbook.core.services import save_with_history, validate
from panelbook.governance.models import AgendaItem, Meeting


def new_item(meeting, **fields):
    return AgendaItem(meeting=meeting, number=1, title="Opening remarks", position=1, **fields)


def test_a_relation_given_by_id_is_still_checked(world, make_meeting):
    item = AgendaItem(meeting_id=987654, number=1, title="Opening remarks", position=1)
    with pytest.raises(ValidationError) as refused:
        validate(item)
    assert "meeting" in refused.value.message_dict


def test_uniqueness_over_a_relation_in_hand_is_still_checked(world, make_meeting):
    meeting = make_meeting()
    save_with_history(new_item(meeting), by=None)
    with pytest.raises(ValidationError) as refused:
        save_with_history(new_item(meeting), by=None)
    assert "already exists" in str(refused.value)
    assert AgendaItem.objects.filter(meeting=meeting).count() == 1


def test_every_failing_field_is_named_at_once(world, make_meeting):
    item = AgendaItem(meeting=make_meeting(), number=1, title="", position=1, purpose="GUESSING")
    with pytest.raises(ValidationError) as refused:
        validate(item)
    assert {"title", "purpose"} <= set(refused.value.message_dict)


def test_a_record_in_hand_is_not_looked_up_again(world, make_meeting):
    meeting = Meeting.objects.get(pk=make_meeting().pk)
    with CaptureQueriesContext(connection) as queries:
        validate(new_item(meeting))
    looked_up = [query["sql"] for query in queries if 'FROM "governance_meeting"' in query["sql"]]
    assert looked_up == []
