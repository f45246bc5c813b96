"""The home page of a signed-in person: a member reads their bodies' next meetings, the papers
published since they last signed in and their own actions; the secretariat reads its worklist.
Everything on it passes the gate: canaries in records the reader may not see never appear."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from panelbook.actions import services as actions
from panelbook.conftest import client_for
from panelbook.core.classification import Classification
from panelbook.governance import services
from panelbook.governance.models import Person

CANARY = "CANARY-home-3b7e"


def paper(world, meeting, title: str, **fields):
    item = services.add_agenda_item(meeting, by=None, title=f"Item for {title}")
    upload = SimpleUploadedFile("paper.txt", title.encode())
    fields.setdefault("paper_date", world.today)
    return services.create_paper(by=None, agenda_item=item, title=title, upload=upload, **fields)


def section(page: str, heading_id: str) -> str:
    start = page.index(f'id="{heading_id}"')
    return page[start : page.index("</section>", start)]


def test_a_member_reads_the_next_meetings_of_the_bodies_they_sit_on(world, make_meeting):
    make_meeting(number=70, days_ahead=4)
    make_meeting(body=world.tabasc, number=71, days_ahead=3)
    page = client_for(world, "member").get("/").content.decode()
    mine = section(page, "my-meetings-heading")
    assert "SEC Panel meeting 70" in mine and "TABASC meeting 71" not in mine


def test_papers_published_since_the_last_sign_in_are_new_a_late_one_too(world, make_meeting, client):
    member = world.users.member
    member.last_login = timezone.now() - dt.timedelta(days=3)
    member.save()
    meeting = make_meeting(number=72, days_ahead=6)
    week_ago = timezone.now() - dt.timedelta(days=7)
    paper(world, meeting, "Older report", paper_date=week_ago.date(), published_at=week_ago)
    paper(world, meeting, "Late report", paper_date=world.today - dt.timedelta(days=5))
    paper(world, meeting, "Fresh report")
    paper(world, meeting, CANARY, classification=Classification.RED, recipients=[world.users.recipient])
    client.post("/login/", {"username": "member", "password": "correct horse battery"})
    new = section(client.get("/").content.decode(), "new-papers-heading")
    assert "Fresh report" in new and "Late report" in new
    assert "Older report" not in new and CANARY not in new


def test_the_latest_papers_begin_with_the_one_just_published_whatever_its_date(world, make_meeting, client):
    meeting = make_meeting(number=78, days_ahead=-30)
    yesterday = timezone.now() - dt.timedelta(days=1)
    paper(world, meeting, "Budget outturn", paper_date=world.today, published_at=yesterday)
    paper(world, meeting, "Minutes brought in late", paper_date=world.today - dt.timedelta(days=30))
    latest = section(client.get("/").content.decode(), "papers-heading")
    assert latest.index("Minutes brought in late") < latest.index("Budget outturn")


def test_a_member_reads_their_open_actions_and_not_those_they_may_not_see(world, make_meeting):
    person = Person.objects.get(user=world.users.member)
    meeting = make_meeting(number=73, days_ahead=-2)
    mine = actions.raise_action(
        meeting, by=None, text="Circulate the survey results.", owner="Member", owner_person=person
    )
    actions.raise_action(
        meeting,
        by=None,
        text=CANARY,
        owner="Member",
        owner_person=person,
        classification=Classification.RED,
        recipients=[world.users.recipient],
    )
    shown = section(client_for(world, "member").get("/").content.decode(), "my-actions-heading")
    assert mine.reference in shown and CANARY not in shown


def test_the_secretariat_worklist_names_items_late_for_paper_day_and_minutes_to_approve(world, make_meeting):
    soon = make_meeting(number=74, days_ahead=2)
    services.add_agenda_item(soon, by=None, title="Budget monitoring")
    hidden = make_meeting(number=75, days_ahead=2, classification="RED", recipients=[world.users.recipient], by=None)
    services.add_agenda_item(hidden, by=None, title=CANARY, classification="RED", recipients=[world.users.recipient])
    held = make_meeting(number=76, days_ahead=-7)
    services.mark_meeting_held(held, by=None)
    minutes = actions.start_minutes(held, by=None)
    worklist = section(client_for(world, "secretariat").get("/").content.decode(), "worklist-heading")
    assert "SEC Panel meeting 74" in worklist and "Budget monitoring" in worklist
    assert f'href="/minutes/{minutes.pk}/"' in worklist
    assert CANARY not in worklist and "meeting 75" not in worklist


def test_a_member_has_no_worklist(world):
    assert 'id="worklist-heading"' not in client_for(world, "member").get("/").content.decode()


def test_a_voided_action_leaves_my_actions_and_the_overdue_count(world, make_meeting):
    person = Person.objects.get(user=world.users.member)
    meeting = make_meeting(number=77, days_ahead=-20)
    duplicate = actions.raise_action(
        meeting,
        by=None,
        text="Send the duplicate reminder.",
        owner="Member",
        owner_person=person,
        due_date=world.today - dt.timedelta(days=5),
    )
    secretariat_home = client_for(world, "secretariat").get("/").content.decode()
    assert "1 overdue action" in section(secretariat_home, "worklist-heading")
    actions.void_action(duplicate, by=None, reason="Raised twice by mistake.")
    mine = section(client_for(world, "member").get("/").content.decode(), "my-actions-heading")
    assert duplicate.reference not in mine
    secretariat_home = client_for(world, "secretariat").get("/").content.decode()
    assert "0 overdue actions" in section(secretariat_home, "worklist-heading")
