"""The secretariat uploads legacy papers from the browser (two at once, one of them unreadable),
reads what was found in the good one beside its source, and accepts the paper it proposes."""

from __future__ import annotations

from panelbook.governance import services
from panelbook.governance.models import Paper
from panelbook.ingest.tests.test_upload_page import PAPER


def test_the_secretariat_uploads_papers_and_accepts_what_one_proposes(world, make_meeting, visit, way, tmp_path):
    meeting = make_meeting(number=150, days_ahead=-30, by=None)
    for title in ("Minutes and actions", "Change board report", "Security update", "Release readiness"):
        services.add_agenda_item(meeting, by=None, title=title)
    readiness, blank = tmp_path / "readiness.txt", tmp_path / "blank.txt"
    readiness.write_text(PAPER)
    blank.write_text("\n")
    journey = visit(world.users.secretariat, **way)

    journey.go("/")
    journey.follow_nav("Ingest")
    journey.follow("Upload papers")
    journey.attach("Papers to read", readiness, blank)
    # Sent by the page's script, which shows the sending's progress, then opens the queue.
    with journey.page.expect_request(lambda sent: sent.headers.get("x-upload-progress") == "1"):
        journey.press("Upload and read")
    said = journey.main_text()
    assert "blank.txt was not read: the file holds only blank space (1 byte of spaces and line ends)." in said
    assert "readiness.txt: proposed" in said

    journey.follow("readiness.txt")
    assert journey.heading().startswith("readiness.txt")
    journey.follow("SECP_150_0612_04")
    assert "how ready the spring release is" in journey.main_text()
    journey.press("Accept")
    paper = Paper.objects.get(reference="SECP_150_0612_04")
    assert paper.title == "Release Readiness Update" and paper.agenda_item.title == "Release readiness"
