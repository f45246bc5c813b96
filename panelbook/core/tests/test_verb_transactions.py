"""A verb runs durable when it is the outermost transaction and joins its caller's otherwise.

pytest-django's ``db`` fixture wraps each test in Django's TestCase transaction, which Django
exempts from the durable check; so a verb called straight from a test is the outermost one here
too, as when a page calls it.
"""

import datetime as dt

import pytest
from django.db import transaction

from panelbook.core.events import record_changed
from panelbook.core.services import verb
from panelbook.governance.models import Body, Meeting
from panelbook.governance.services import create_meeting

STARTS = dt.datetime(2030, 1, 1, 10, tzinfo=dt.UTC)


@verb
def innermost_block_is_durable() -> bool:
    return transaction.get_connection().atomic_blocks[-1].durable


@verb
def durable_inside_a_verb() -> bool:
    return innermost_block_is_durable()


class Boom(Exception):
    pass


def test_a_verb_called_on_its_own_runs_in_a_durable_transaction(db):
    assert innermost_block_is_durable() is True


def test_a_verb_called_inside_a_transaction_joins_it(db):
    with transaction.atomic():
        assert innermost_block_is_durable() is False


def test_a_verb_called_by_a_verb_joins_the_outer_verb(db):
    assert durable_inside_a_verb() is False


def test_a_durable_block_still_refuses_to_nest_so_the_check_is_real(db):
    with transaction.atomic(), pytest.raises(RuntimeError, match="durable"):
        with transaction.atomic(durable=True):
            pass


def test_verbs_joined_to_a_transaction_roll_back_with_it(world, make_meeting):
    with pytest.raises(Boom), transaction.atomic():
        make_meeting(number=7)
        make_meeting(number=8)
        raise Boom
    assert not Meeting.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_an_outermost_verb_has_committed_and_announced_its_change_when_it_returns():
    body = Body.objects.create(code="panel", name="SEC Panel", short_name="Panel", paper_prefix="P", action_prefix="P")
    heard = []

    def listen(sender, record, **kwargs):
        heard.append((record.pk, transaction.get_connection().in_atomic_block))

    record_changed.connect(listen, weak=False)
    try:
        meeting = create_meeting(by=None, body=body, starts_at=STARTS, ends_at=STARTS + dt.timedelta(hours=2))
    finally:
        record_changed.disconnect(listen)
    assert heard == [(meeting.pk, False)]
