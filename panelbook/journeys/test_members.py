"""Members: a Sub-Committee member reads an AMBER paper of their Sub-Committee that the public
cannot see (signed out, its address answers "Page not found" without a word of it; signed in
through the sign-in form, the same address shows it and its file downloads); a Panel member finds
their next meeting, a new paper and their action from the home page."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from panelbook.actions import services as actions
from panelbook.core.classification import Classification
from panelbook.governance import services
from panelbook.governance.models import Person

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


def test_a_member_finds_their_next_meeting_new_papers_and_actions_on_the_home_page(world, make_meeting, visit, way):
    person = Person.objects.get(user=world.users.member)
    held = make_meeting(number=90, days_ahead=-20, by=None)
    action = actions.raise_action(
        held, by=None, text="Send the tariff comparison.", owner="Member", owner_person=person
    )
    upcoming = make_meeting(number=91, days_ahead=8, by=None)
    item = services.add_agenda_item(upcoming, by=None, title="Tariff review")
    services.create_paper(
        by=None,
        agenda_item=item,
        reference="SECP_91_TARIFF",
        title="Tariff comparison",
        paper_date=world.today,
        upload=SimpleUploadedFile("tariffs.txt", b"Tariffs compared."),
    )
    journey = visit(world.users.member, **way)

    journey.go("/")
    assert action.reference in journey.main_text()
    journey.follow("SEC Panel meeting 91", within=journey.page.locator("section", has_text="Your next meetings"))
    assert journey.heading().startswith("SEC Panel meeting 91")
    journey.go("/")
    journey.follow("SECP_91_TARIFF", within=journey.page.locator("section", has_text="Papers published since"))
    assert journey.heading() == "Tariff comparison"
    journey.go("/")
    journey.follow(action.reference)
    assert journey.heading().startswith(f"Action {action.reference}")
