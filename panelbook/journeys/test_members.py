"""A Sub-Committee member reads an AMBER paper of their Sub-Committee that the public cannot see:
signed out, its address answers "Page not found" without a word of it; signed in through the
sign-in form, the same address shows it and its file downloads."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from panelbook.core.classification import Classification
from panelbook.governance import services

CANARY = "CANARY-tabasc-amber-91d2"


def test_a_sub_committee_member_signs_in_to_read_an_amber_paper(world, make_meeting, visit, way):
    meeting = make_meeting(body=world.tabasc, number=88, days_ahead=-5, by=None)
    item = services.add_agenda_item(meeting, by=None, title="Security assessment follow-ups")
    paper = services.create_paper(
        by=None,
        agenda_item=item,
        title=f"Assessment findings {CANARY}",
        paper_date=world.today,
        classification=Classification.AMBER,
        upload=SimpleUploadedFile("findings.txt", CANARY.encode()),
    )
    journey = visit(**way)

    journey.go(paper.get_absolute_url())
    assert journey.heading() == "Page not found"
    assert CANARY not in journey.page.content()
    journey.follow("sign in to see this page")
    journey.fill("Username", "other_member")
    journey.fill("Password", "correct horse battery")
    journey.press("Sign in")

    assert journey.heading() == f"Assessment findings {CANARY}"
    assert "This paper has a classification of Amber." in journey.main_text()
    download = journey.download("findings.txt")
    assert download.path().read_bytes() == CANARY.encode()
