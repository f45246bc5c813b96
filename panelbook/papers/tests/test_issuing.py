"""Issuing a generated paper for an audience: what it holds is capped at the level chosen, not the
issuer's; it is stored as a version where only that audience may open it; it stays as issued when
the records change; and a meeting's generated papers are published at WHITE in one step."""

import datetime as dt

import pytest
from django.http import QueryDict
from django.utils import timezone

from panelbook.conftest import client_for
from panelbook.governance import services as governance
from panelbook.governance.models import Paper
from panelbook.papers import services
from panelbook.papers.issuable import build
from panelbook.papers.models import IssuedPaper
from panelbook.papers.tests.conftest import pdf_pages, raise_action

AMBER_ACTION = "CANARY-amber-action-4e1f to follow up"
RED_ACTION = "CANARY-red-action-b7d2 to follow up"
RED_ITEM = "CANARY-red-item-9a0c"


@pytest.fixture
def meeting(world, meeting_49):
    raise_action(meeting_49.body.meetings.get(number=48), AMBER_ACTION, classification="AMBER")
    raise_action(
        meeting_49.body.meetings.get(number=48), RED_ACTION, classification="RED", recipients=[world.users.secretariat]
    )
    return meeting_49


def query(meeting):
    asked = QueryDict(mutable=True)
    asked["meeting"] = str(meeting.pk)
    return asked


def issue(world, meeting, level, **extra):
    document = build("actions", world.users.secretariat, level, query(meeting))
    item = meeting.agenda_items.get(number=1)
    return services.issue_paper(document, item, by=world.users.secretariat, kind="actions", **extra)


def text_of(issued):
    issued.pdf.file.open("rb")
    return " ".join(pdf_pages(issued.pdf.file.read()))


def test_a_white_issue_holds_only_white_rows_whoever_issues_it_and_the_public_can_open_it(world, meeting):
    issued = issue(world, meeting, "WHITE")
    text = text_of(issued)
    assert "DCC to report on the SOC2 scope." in text
    assert "CANARY-amber-action" not in text and "CANARY-red-action" not in text
    assert "This document has a Classification of White" in text
    assert (issued.paper.reference, issued.paper.classification, issued.appendix) == ("SECP_49_1010_01", "WHITE", None)
    assert client_for(world, "public").get(issued.pdf.get_absolute_url()).status_code == 200
    assert client_for(world, "public").get(f"/issued/{issued.pk}/word/").status_code == 200


def test_an_amber_issue_goes_to_an_amber_appendix_that_the_public_cannot_open(world, meeting):
    issue(world, meeting, "WHITE")
    amber = issue(world, meeting, "AMBER")
    assert (amber.appendix.label, amber.appendix.classification) == ("Amber version", "AMBER")
    assert "CANARY-amber-action" in text_of(amber) and "CANARY-red-action" not in text_of(amber)
    url = amber.pdf.get_absolute_url()
    assert client_for(world, "public").get(url).status_code == 404
    assert client_for(world, "party").get(url).status_code == 404
    assert client_for(world, "other_member").get(url).status_code == 404
    assert client_for(world, "member").get(url).status_code == 200
    assert client_for(world, "public").get(f"/issued/{amber.pk}/word/").status_code == 404


def test_a_red_issue_is_for_the_named_recipients_alone(world, meeting):
    red = issue(world, meeting, "RED", recipients=[world.users.recipient])
    assert "CANARY-red-action" in text_of(red)
    holder = red.appendix or red.paper
    assert (holder.classification, set(holder.recipients.all())) == (
        "RED",
        {world.users.secretariat, world.users.recipient},
    )
    url = red.pdf.get_absolute_url()
    assert client_for(world, "member").get(url).status_code == 404
    assert client_for(world, "recipient").get(url).status_code == 200


def test_what_was_issued_stays_as_it_was_when_the_records_change(world, meeting):
    issued = issue(world, meeting, "WHITE")
    before = text_of(issued)
    raise_action(meeting.body.meetings.get(number=48), "SECAS to write a late action.")
    assert "SECAS to write a late action." not in text_of(IssuedPaper.objects.get(pk=issued.pk))
    assert text_of(IssuedPaper.objects.get(pk=issued.pk)) == before
    again = issue(world, meeting, "WHITE")
    assert again.pdf.version == 2 and "SECAS to write a late action." in text_of(again)


def test_the_meeting_s_papers_are_published_at_white_in_one_step(world, meeting, secretariat_client):
    page = secretariat_client.get(f"/meetings/{meeting.pk}/publish/")
    assert page.status_code == 200
    item = meeting.agenda_items.get(number=1)
    assert "Item 1, Minutes and Actions Outstanding: the Minutes and Actions Outstanding" in page.content.decode()
    sent = secretariat_client.post(f"/meetings/{meeting.pk}/publish/", {f"item_{item.pk}": "on"})
    assert sent.status_code == 302
    published = Paper.objects.get(agenda_item=item)
    assert published.classification == "WHITE" and published.files.count() == 1
    assert client_for(world, "member").get(f"/meetings/{meeting.pk}/publish/").status_code == 403
    assert client_for(world, "public").get(f"/meetings/{meeting.pk}/publish/").status_code == 302


def test_the_issue_page_offers_only_items_the_issuer_may_see(world, secretariat_client):
    starts = timezone.now() + dt.timedelta(days=7)
    upcoming = governance.create_meeting(
        by=None, body=world.panel, number=90, starts_at=starts, ends_at=starts + dt.timedelta(hours=2)
    )
    governance.add_agenda_item(upcoming, by=None, title="Change Status Report")
    governance.add_agenda_item(
        upcoming, by=None, title=RED_ITEM, classification="RED", recipients=[world.users.recipient]
    )
    page = secretariat_client.get("/papers/issue/change-status/").content.decode()
    assert "Panel 90 (" in page and "item 1: Change Status Report" in page
    assert RED_ITEM not in page
    assert client_for(world, "member").get("/papers/issue/change-status/").status_code == 403
