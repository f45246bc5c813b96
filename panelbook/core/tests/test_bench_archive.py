"""The benchmarks' archive generator (``bench/archive.py``) copies a database's meetings and all
that hangs from them into earlier years, as records the gate and the pages read as any other."""

from __future__ import annotations

from bench import archive
from panelbook.actions.models import Action, Decision, Minutes
from panelbook.conftest import client_for
from panelbook.core.classification import Classification
from panelbook.core.tests.rows import add_items, add_meetings
from panelbook.governance.models import AgendaItem, Meeting, Paper, PaperFile

COPIED = (Meeting, AgendaItem, Paper, PaperFile, Action, Decision, Minutes)


def test_a_copy_doubles_every_table_a_page_reads(world):
    add_meetings(world, 2)
    before = {model: model.objects.count() for model in COPIED}
    archive.copy_demo(archive.Demo(), 1)
    assert {model: model.objects.count() for model in COPIED} == {model: 2 * n for model, n in before.items()}
    assert archive.scale_of_archive() == 2


def test_copies_are_earlier_held_and_closed(world):
    first = min(meeting.starts_at for meeting in add_meetings(world, 2))
    archive.copy_demo(archive.Demo(), 1)
    copies = Meeting.objects.filter(location__startswith=archive.COPY_MARK)
    assert all(copy.starts_at < first and copy.status == Meeting.Status.HELD for copy in copies)
    assert not Action.objects.filter(meeting__in=copies).not_closed().exists()


def test_copied_red_records_are_seen_by_their_recipients_only(world):
    open_meeting = add_meetings(world, 1)[0]
    add_items(world, open_meeting, Classification.RED)
    archive.copy_demo(archive.Demo(), 1)
    copies = Paper.objects.filter(classification="RED", meeting__location__startswith=archive.COPY_MARK)
    seen = copies.visible_to(world.users.recipient)
    assert seen.exists()
    assert not copies.visible_to(world.users.member).exists()
    assert client_for(world, "recipient").get(seen[0].get_absolute_url()).status_code == 200
