"""panelbook's own papers back through the ingest: the minutes it writes in Word are read without
error and give back the meeting and agenda they were written from, an item taken early included.

(The PDF's text runs the front matter's lines together, so its meeting is not found yet: issue 16's
layout-robust reading.)"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from panelbook.actions import services
from panelbook.actions.reports import minutes_report
from panelbook.governance import services as governance
from panelbook.ingest.pipeline import process_document
from panelbook.ingest.readers import read_bytes
from panelbook.papers import render
from panelbook.papers.document import minutes_paper

AGENDA = [  # (number, title) in the order the items were taken
    (1, "Minutes and Actions Outstanding"),
    (11, "Regulator update"),
    (2, "Delegations Register"),
    (3, "Any Other Business"),
]


@pytest.fixture
def minutes(world):
    starts = timezone.make_aware(dt.datetime(2024, 5, 10, 10, 0))
    meeting = governance.create_meeting(
        by=None, body=world.panel, number=120, starts_at=starts, ends_at=starts + dt.timedelta(hours=3)
    )
    items = [
        governance.add_agenda_item(meeting, by=None, number=number, position=position, title=title)
        for position, (number, title) in enumerate(AGENDA, start=1)
    ]
    minutes = services.start_minutes(meeting, by=None)
    for item in items:
        services.write_minute(minutes, item, by=None, narrative=f"The Panel discussed {item.title.lower()}.")
    return minutes


def test_the_word_minutes_come_back_as_the_meeting_and_agenda_they_were_written_from(world, minutes):
    paper = minutes_paper(minutes_report(minutes, world.users.public))
    processed = process_document(read_bytes("minutes.docx", render.docx(paper)))
    (meeting,) = processed.extraction.records["meetings"]
    assert (meeting["body"], meeting["number"], meeting["date"]) == ("PANEL", 120, "2024-05-10")
    assert [(item["number"], item["title"]) for item in meeting["agenda"]] == AGENDA
