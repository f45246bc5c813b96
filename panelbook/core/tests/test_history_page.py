"""A record's history page reads as words: fields by their labels, and who changed what named
to signed-in readers only (the public reads whether it was the secretariat)."""

from __future__ import annotations

import datetime as dt

from panelbook.conftest import client_for
from panelbook.governance import services


def moved_meeting(world, make_meeting):
    meeting = make_meeting(number=31)
    later = meeting.starts_at + dt.timedelta(days=7)
    services.update_meeting(meeting, by=world.users.secretariat, starts_at=later, ends_at=later + dt.timedelta(hours=2))
    return meeting


def history_rows(page: str) -> str:
    return page[page.index("<tbody>") : page.index("</tbody>")]


def test_a_change_is_named_by_the_fields_labels_not_their_names(world, make_meeting):
    meeting = moved_meeting(world, make_meeting)
    rows = history_rows(client_for(world, "public").get(f"/history/meeting/{meeting.pk}/").content.decode())
    assert "Changed starts at, ends at" in rows
    assert "<strong>Starts at</strong>" in rows
    assert "starts_at" not in rows


def test_the_public_is_not_told_the_user_names_of_who_changed_a_record(world, make_meeting):
    meeting = moved_meeting(world, make_meeting)
    rows = history_rows(client_for(world, "public").get(f"/history/meeting/{meeting.pk}/").content.decode())
    assert "The secretariat" in rows
    assert "<td>secretariat</td>" not in rows


def test_a_signed_in_reader_is_told_who_changed_a_record(world, make_meeting):
    meeting = moved_meeting(world, make_meeting)
    rows = history_rows(client_for(world, "member").get(f"/history/meeting/{meeting.pk}/").content.decode())
    assert "<td>secretariat</td>" in rows
