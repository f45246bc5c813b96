"""Following every modification that affects a party category: the register's buttons, the account
page's list, and one email per change of stage to a category's follower."""

import datetime as dt

import pytest
from django.core import mail

from panelbook.conftest import client_for
from panelbook.modifications import services
from panelbook.modifications.models import Follow


def raised(world, reference="MP160", categories=("LARGE_SUPPLIER",), **extra):
    return services.raise_modification(
        by=None,
        reference=reference,
        title="Faster change of supplier",
        body=world.panel,
        issue="I.",
        path="PATH_3",
        raised_on=dt.date(2025, 3, 3),
        impacted_categories=list(categories),
        **extra,
    )


@pytest.fixture
def party(world):
    world.users.party.email = "party@example.org"
    world.users.party.save()
    return client_for(world, "party")


def test_a_category_follower_gets_one_email_when_a_modification_affecting_it_moves_on(
    world, party, django_capture_on_commit_callbacks
):
    answer = party.post("/modifications/follow/", {"category": "LARGE_SUPPLIER"}, follow=True)
    assert "You follow every modification affecting Large Supplier Parties" in answer.content.decode()
    affecting, elsewhere = raised(world), raised(world, "MP161", categories=("GAS_NETWORK",))
    with django_capture_on_commit_callbacks(execute=True):
        services.move_to_stage(affecting, by=None, stage="REFINEMENT", on=dt.date(2025, 4, 1))
        services.move_to_stage(elsewhere, by=None, stage="REFINEMENT", on=dt.date(2025, 4, 1))
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["party@example.org"], "MP160: moved to “Refinement Process” on 01/04/2025")
    ]


def test_following_a_category_and_the_modification_itself_is_still_one_email(
    world, party, django_capture_on_commit_callbacks
):
    modification = raised(world)
    party.post("/modifications/follow/", {"category": "LARGE_SUPPLIER"})
    party.post("/modifications/MP160/follow/")
    with django_capture_on_commit_callbacks(execute=True):
        services.move_to_stage(modification, by=None, stage="REFINEMENT", on=dt.date(2025, 4, 1))
    assert len(mail.outbox) == 1


def test_following_twice_is_once_and_unfollowing_stops_the_emails(world, party, django_capture_on_commit_callbacks):
    party.post("/modifications/follow/", {"category": "LARGE_SUPPLIER"})
    party.post("/modifications/follow/", {"category": "LARGE_SUPPLIER"})
    assert Follow.objects.filter(user=world.users.party).count() == 1
    answer = party.post("/modifications/unfollow/", {"category": "LARGE_SUPPLIER"}, follow=True)
    assert "You no longer follow the modifications affecting Large Supplier Parties" in answer.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.move_to_stage(raised(world), by=None, stage="REFINEMENT", on=dt.date(2025, 4, 1))
    assert mail.outbox == [] and not Follow.objects.exists()


def test_a_category_that_is_not_one_is_refused_and_nothing_is_followed(world, party):
    answer = party.post("/modifications/follow/", {"category": "PLUMBERS"}, follow=True)
    assert "Choose a party category to follow" in answer.content.decode()
    assert not Follow.objects.exists()


def test_the_public_is_sent_to_sign_in_and_follows_nothing(world):
    answer = client_for(world, "public").post("/modifications/follow/", {"category": "LARGE_SUPPLIER"})
    assert answer.status_code == 302 and answer["Location"].startswith("/login/")
    assert not Follow.objects.exists()


def test_the_register_offers_to_follow_a_category_and_to_stop(world, party):
    page = party.get("/modifications/").content.decode()
    assert 'action="/modifications/follow/"' in page and "Stop following" not in page
    party.post("/modifications/follow/", {"category": "SMALL_SUPPLIER"})
    page = party.get("/modifications/").content.decode()
    assert 'action="/modifications/unfollow/"' in page and "Stop following Small Supplier Parties" in page
    assert 'action="/modifications/follow/"' not in client_for(world, "public").get("/modifications/").content.decode()


def test_the_account_page_lists_what_the_person_follows_through_the_gate(world, party):
    raised(world, "MP162")
    raised(world, "MP163", classification="AMBER")  # the Panel's: a party user may not see it
    Follow.objects.create(user=world.users.party, modification=services.Modification.objects.get(reference="MP162"))
    Follow.objects.create(user=world.users.party, modification=services.Modification.objects.get(reference="MP163"))
    party.post("/modifications/follow/", {"category": "DCC"})
    page = party.get("/account/").content.decode()
    assert 'href="/modifications/MP162/"' in page and "MP163" not in page
    assert "Every modification affecting DCC" in page
