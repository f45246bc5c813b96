"""Following: one email per change of stage or timetable, after commit, only to followers who may
see the modification; and the public Atom feed of register changes (WHITE only)."""

import datetime as dt

import pytest
from django.core import mail

from panelbook.conftest import client_for
from panelbook.core.classification import Classification
from panelbook.modifications import services
from panelbook.modifications.models import Follow


def raised(world, reference="MP150", **extra):
    return services.raise_modification(
        by=None,
        reference=reference,
        title="Clearer alert names",
        body=world.panel,
        issue="I.",
        path="PATH_3",
        raised_on=dt.date(2025, 3, 3),
        impacted_categories=["LARGE_SUPPLIER"],
        **extra,
    )


@pytest.fixture
def followed(world):
    for role in ("party", "member"):
        user = getattr(world.users, role)
        user.email = f"{role}@example.org"
        user.save()
    return raised(world)


def test_a_follower_gets_one_email_per_stage_change_after_commit(world, followed, django_capture_on_commit_callbacks):
    client = client_for(world, "party")
    response = client.post("/modifications/MP150/follow/", follow=True)
    assert "You follow MP150" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.move_to_stage(followed, by=None, stage="REFINEMENT", on=dt.date(2025, 4, 1))
    assert [m.to for m in mail.outbox] == [["party@example.org"]]
    assert mail.outbox[0].subject == "MP150: moved to “Refinement Process” on 01/04/2025"


def test_an_extension_of_several_milestones_is_one_email(world, followed, django_capture_on_commit_callbacks):
    Follow.objects.create(user=world.users.party, modification=followed)
    first, _ = services.set_timetable(
        followed, by=None, milestones=[("Report", dt.date(2025, 6, 2)), ("Vote", dt.date(2025, 7, 1))]
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.extend_timetable(
            followed,
            by=None,
            from_milestone=first,
            working_days_added=5,
            reason="R.",
            decision_reference="SECP_150 item 4",
            agreed_on=dt.date(2025, 5, 1),
        )
    assert [m.subject for m in mail.outbox] == ["MP150: timetable extended by 5 working days (SECP_150 item 4)"]


def test_nothing_is_sent_when_the_change_rolls_back(world, followed, django_capture_on_commit_callbacks):
    Follow.objects.create(user=world.users.party, modification=followed)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.move_to_stage(followed, by=None, stage="REFINEMENT", on=dt.date(2025, 4, 1))
    assert callbacks and not mail.outbox  # sent only when the transaction commits


def test_a_category_follower_who_may_not_see_it_hears_nothing(world, django_capture_on_commit_callbacks):
    for role in ("party", "member"):
        user = getattr(world.users, role)
        user.email = f"{role}@example.org"
        user.save()
        Follow.objects.create(user=user, category="LARGE_SUPPLIER")
    amber = raised(world, reference="MP151", classification=Classification.AMBER)
    with django_capture_on_commit_callbacks(execute=True):
        services.move_to_stage(amber, by=None, stage="REFINEMENT", on=dt.date(2025, 4, 1))
    assert [m.to for m in mail.outbox] == [["member@example.org"]]


def test_unfollowing_stops_the_emails(world, followed, django_capture_on_commit_callbacks):
    client = client_for(world, "party")
    client.post("/modifications/MP150/follow/")
    response = client.post("/modifications/MP150/unfollow/", follow=True)
    assert "You no longer follow MP150" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.move_to_stage(followed, by=None, stage="REFINEMENT", on=dt.date(2025, 4, 1))
    assert not mail.outbox


def test_the_public_cannot_follow(world, followed):
    response = client_for(world, "public").post("/modifications/MP150/follow/")
    assert response.status_code in {302, 403} and not Follow.objects.exists()


def test_the_feed_holds_white_changes_only(world, followed):
    services.move_to_stage(followed, by=None, stage="REFINEMENT", on=dt.date(2025, 4, 1))
    green = raised(world, reference="MP152", classification=Classification.GREEN)
    services.correct_modification(green, by=None, reason="Canary.", title="CANARY-green-feed")
    feed = client_for(world, "party").get("/modifications/feed.atom")
    text = feed.content.decode()
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "MP150 Clearer alert names: Refinement Process" in text and "CANARY-green-feed" not in text
