"""Saved searches: kept under their owner's name, followed by feed and e-mail, always run as the owner.

Each test makes its papers through the governance verbs, committed (so the index follows them as
it does in production), with a canary in the title of what the owner may not see.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from panelbook.conftest import ENTITLED_LEVELS, client_for, signed_in
from panelbook.core.classification import Classification
from panelbook.core.models import ApiToken
from panelbook.governance import services as governance
from panelbook.governance.models import Membership
from panelbook.search import emails, services
from panelbook.search.models import Frequency, SavedSearch

RED_CANARY = "CANARY-red-quokka-5e1b"
TABASC_CANARY = "CANARY-tabasc-amber-quokka-5e1b"


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what follows a commit (the index's update) at the end of the block, as production does."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def papers(world, commit):
    """Quokka papers at each level the member may or may not read."""
    made = {}
    with commit():
        for key, title, body, level, recipients in [
            ("white", "Quokka public census", world.panel, Classification.WHITE, None),
            ("amber", "Quokka Panel briefing", world.panel, Classification.AMBER, None),
            ("red", f"{RED_CANARY} quokka letter", world.panel, Classification.RED, [world.users.recipient]),
            ("tabasc", f"{TABASC_CANARY} note", world.tabasc, Classification.AMBER, None),
        ]:
            made[key] = governance.create_paper(
                by=None, body=body, reference=f"QK_{key.upper()}", title=title, paper_date=world.today,
                classification=level, recipients=recipients,
            )  # fmt: skip
    return made


def saved_for(user, name="Quokkas", **fields):
    return services.save_search(by=user, name=name, q="quokka", **fields)


def feed_of(saved_search, client=None):
    response = (client or Client()).get(f"/search/saved/{saved_search.feed_token}/feed/")
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# The feed


def test_the_feed_holds_what_its_owner_may_see_and_never_a_red_canary(world, papers):
    feed = feed_of(saved_for(world.users.member))
    assert "Quokka public census" in feed and "Quokka Panel briefing (AMBER)" in feed
    assert RED_CANARY not in feed and TABASC_CANARY not in feed


def test_the_feed_is_its_owners_whoever_fetches_it(world, papers):
    """It IS the owner's feed: a reader with other entitlements sees the owner's, not their own."""
    saved = saved_for(world.users.member)
    as_owner = feed_of(saved)
    for reader in ("other_member", "recipient", "secretariat"):
        feed = feed_of(saved, client_for(world, reader))
        assert feed == as_owner, reader
        assert RED_CANARY not in feed and TABASC_CANARY not in feed


def test_the_named_recipients_feed_holds_the_red_paper(world, papers):
    feed = feed_of(saved_for(world.users.recipient))
    assert RED_CANARY in feed and "Quokka Panel briefing" not in feed


def test_an_amber_paper_leaves_the_feed_when_its_owner_leaves_the_body(world, papers):
    saved = saved_for(world.users.member)
    assert "Quokka Panel briefing" in feed_of(saved)
    Membership.objects.filter(person__user=world.users.member).update(end_date=world.today - dt.timedelta(days=1))
    feed = feed_of(saved)
    assert "Quokka Panel briefing" not in feed and "Quokka public census" in feed


def test_an_unknown_link_a_deleted_search_and_an_inactive_owner_answer_404(world, papers):
    saved = saved_for(world.users.member)
    assert Client().get("/search/saved/not-a-real-token/feed/").status_code == 404
    world.users.member.is_active = False
    world.users.member.save()
    assert Client().get(f"/search/saved/{saved.feed_token}/feed/").status_code == 404
    other = saved_for(world.users.party)
    services.delete_saved_search(other, by=world.users.party)
    assert Client().get(f"/search/saved/{other.feed_token}/feed/").status_code == 404


def test_a_new_feed_link_stops_the_old_one(world, papers):
    saved = saved_for(world.users.member)
    old = saved.feed_token
    renewed = services.new_feed_link(saved, by=world.users.member)
    assert Client().get(f"/search/saved/{old}/feed/").status_code == 404
    assert "Quokka public census" in feed_of(renewed)
    assert renewed.history.first().history_change_reason.startswith("Feed link made anew")


# E-mail


@pytest.fixture
def member(world):
    world.users.member.email = "member@example.org"
    world.users.member.save()
    return world.users.member


def test_the_email_lists_what_the_owner_may_see_and_never_a_red_canary(world, papers, member, mailoutbox):
    saved_for(member, frequency=Frequency.DAILY)
    assert emails.send_emails(emails.plan_emails()) == 1
    (message,) = mailoutbox
    assert message.to == ["member@example.org"] and "2 new results" in message.subject
    assert "Quokka public census" in message.body and "Quokka Panel briefing (Papers" in message.body
    assert RED_CANARY not in message.body and TABASC_CANARY not in message.body
    assert "<b>" not in message.body and f"/papers/{papers['white'].pk}/" in message.body


def test_the_next_email_sends_only_new_results(world, papers, member, mailoutbox, commit):
    saved = saved_for(member, frequency=Frequency.DAILY)
    emails.send_emails(emails.plan_emails())
    with commit():
        governance.create_paper(by=None, body=world.panel, reference="QK_NEW", title="Quokka follow-up",
                                paper_date=world.today)  # fmt: skip
    assert emails.plan_emails().emails == []  # a day has not passed
    tomorrow = timezone.now() + dt.timedelta(days=1)
    emails.send_emails(emails.plan_emails(now=tomorrow))
    assert len(mailoutbox) == 2
    assert "Quokka follow-up" in mailoutbox[1].body and "Quokka public census" not in mailoutbox[1].body
    assert "1 new result of" in mailoutbox[1].subject
    saved.refresh_from_db()
    assert len(saved.sent_keys) == 3


def test_nothing_new_sends_nothing(world, papers, member, mailoutbox):
    saved_for(member, frequency=Frequency.WEEKLY)
    emails.send_emails(emails.plan_emails())
    assert emails.plan_emails(now=timezone.now() + dt.timedelta(days=8)).emails == []
    assert len(mailoutbox) == 1


def test_a_dry_run_sends_nothing_and_records_nothing(world, papers, member, mailoutbox):
    saved = saved_for(member, frequency=Frequency.DAILY)
    out = io.StringIO()
    call_command("send_saved_searches", "--dry-run", stdout=out)
    assert "Would send to member <member@example.org>: 2 new results of “Quokkas” (2)." in out.getvalue()
    assert "Dry run: 1 e-mail not sent." in out.getvalue()
    saved.refresh_from_db()
    assert mailoutbox == [] and saved.sent_keys == [] and saved.last_sent_at is None
    call_command("send_saved_searches", stdout=io.StringIO())
    assert len(mailoutbox) == 1


def test_what_fails_to_send_is_not_recorded(world, papers, member, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    saved = saved_for(member, frequency=Frequency.DAILY)
    with pytest.raises(OSError):
        emails.send_emails(emails.plan_emails())
    saved.refresh_from_db()
    assert saved.sent_keys == [] and saved.last_sent_at is None


def test_searches_left_off_are_not_emailed(world, papers, member, mailoutbox):
    saved_for(member, name="Never", frequency=Frequency.OFF)
    services.delete_saved_search(saved_for(member, name="Gone", frequency=Frequency.DAILY), by=member)
    out = io.StringIO()
    call_command("send_saved_searches", stdout=out)
    assert mailoutbox == [] and "Sent 0 e-mails." in out.getvalue()


def test_an_owner_without_an_address_is_reported(world, papers, mailoutbox):
    saved_for(world.users.party, frequency=Frequency.DAILY)
    out = io.StringIO()
    call_command("send_saved_searches", stdout=out)
    assert "No address for party" in out.getvalue() and mailoutbox == []


# The pages


def test_the_results_page_offers_to_save_only_to_the_signed_in(world, papers):
    public = Client().get("/search/", {"q": "quokka"}).content.decode()
    member = client_for(world, "member").get("/search/", {"q": "quokka", "sort": "date"}).content.decode()
    assert "Save this search" not in public
    assert 'href="/search/saved/new/?q=quokka&amp;sort=date"' in member


def test_saving_from_the_results_keeps_the_search_and_lists_it(world, papers):
    client = client_for(world, "member")
    form = client.get("/search/saved/new/", {"q": "quokka", "kind": "governance.paper"}).content.decode()
    assert 'value="quokka"' in form and "run as you" in form
    data = {"name": "Quokka papers", "q": "quokka", "kind": "governance.paper", "frequency": "weekly"}
    response = client.post("/search/saved/new/", data, follow=True)
    (saved,) = SavedSearch.objects.of(world.users.member)
    assert (saved.kind, saved.frequency) == ("governance.paper", "weekly")
    page = response.content.decode()
    assert "Quokka papers" in page and f"/search/saved/{saved.feed_token}/feed/" in page


def test_bad_input_is_refused_naming_the_field(world):
    client = client_for(world, "member")
    saved_for(world.users.member, name="Taken")
    page = client.post("/search/saved/new/", {"name": "", "frequency": "off"}).content.decode()
    assert "Name: Give the search a name" in page
    page = client.post("/search/saved/new/", {"name": "taken", "frequency": "off"}).content.decode()
    assert "You already have a saved search called “taken”" in page
    dates = {"name": "Dated", "frequency": "off", "since": "2026-05-01", "until": "2026-04-01"}
    assert "To: The end of the range is before its start." in client.post("/search/saved/new/", dates).content.decode()
    assert SavedSearch.objects.count() == 1


def test_only_the_owner_sees_or_changes_a_saved_search(world, papers):
    saved = saved_for(world.users.member, name=f"Member's {RED_CANARY}")
    other = client_for(world, "other_member")
    assert RED_CANARY not in other.get("/search/saved/").content.decode()
    for path in ("edit", "delete", "feed-link"):
        assert other.get(f"/search/saved/{saved.pk}/{path}/").status_code == 404, path
        assert other.post(f"/search/saved/{saved.pk}/{path}/", {"name": "Mine"}).status_code == 404, path
    assert Client().get("/search/saved/").status_code == 302  # to sign in
    saved.refresh_from_db()
    assert not saved.is_void and saved.name == f"Member's {RED_CANARY}"


def test_deleting_asks_first_then_voids_with_history(world, papers):
    saved = saved_for(world.users.member)
    client = client_for(world, "member")
    confirm = client.get(f"/search/saved/{saved.pk}/delete/").content.decode()
    assert "its feed link stops working" in confirm
    saved.refresh_from_db()
    assert not saved.is_void
    client.post(f"/search/saved/{saved.pk}/delete/")
    saved.refresh_from_db()
    assert saved.is_void and saved.history.first().history_change_reason == "Deleted by its owner"
    assert "Run “Quokkas”" not in client.get("/search/saved/").content.decode()


def test_a_new_feed_link_asks_first(world, papers):
    saved = saved_for(world.users.member)
    client = client_for(world, "member")
    assert "the old one stops working" in client.get(f"/search/saved/{saved.pk}/feed-link/").content.decode()
    assert SavedSearch.objects.get(pk=saved.pk).feed_token == saved.feed_token
    client.post(f"/search/saved/{saved.pk}/feed-link/")
    assert SavedSearch.objects.get(pk=saved.pk).feed_token != saved.feed_token


def test_a_change_is_kept_in_the_history_with_what_changed(world, papers):
    saved = saved_for(world.users.member)
    client = client_for(world, "member")
    data = {"name": "Quokkas weekly", "q": "quokka", "frequency": "weekly", "sort": "date"}
    client.post(f"/search/saved/{saved.pk}/edit/", data)
    saved.refresh_from_db()
    assert (saved.name, saved.frequency, saved.sort) == ("Quokkas weekly", "weekly", "date")
    assert saved.history.first().history_change_reason == "Changed name, e-mail me new results, sort by"
    assert saved.history.first().history_user == world.users.member


# The API


def bearer(user):
    _, raw = ApiToken.issue(user, name="test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_the_api_lists_only_the_callers_saved_searches(world, papers):
    saved_for(world.users.member, name="Members")
    saved_for(world.users.other_member, name=f"Others {RED_CANARY}")
    answer = client_for(world, "member").get("/api/search/saved").json()
    assert [item["name"] for item in answer["items"]] == ["Members"]
    assert answer["items"][0]["feed"].startswith("/search/saved/")
    assert Client().get("/api/search/saved").json()["items"] == []


def test_the_api_saves_and_deletes_with_the_callers_own_token(world, papers):
    headers = bearer(world.users.party)
    made = Client().post(
        "/api/search/saved", {"name": "Quokkas", "q": "quokka", "body": "panel", "sort": "date"},
        content_type="application/json", **headers,
    )  # fmt: skip
    assert made.status_code == 201, made.content
    assert (made.json()["body"], made.json()["sort"]) == ("panel", "date")
    deleted = Client().delete(f"/api/search/saved/{made.json()['id']}", **headers)
    assert deleted.status_code == 204 and SavedSearch.objects.of(world.users.party).count() == 0


def test_the_api_refuses_another_persons_search_and_bad_input(world, papers):
    saved = saved_for(world.users.member)
    headers = bearer(world.users.party)
    assert Client().delete(f"/api/search/saved/{saved.pk}", **headers).status_code == 404
    bad = Client().post(
        "/api/search/saved", {"name": "X", "body": "nowhere"}, content_type="application/json", **headers
    )
    assert bad.status_code == 400 and bad.json()["detail"][0]["loc"] == ["body", "body"]
    session = client_for(world, "member").post("/api/search/saved", {"name": "X"}, content_type="application/json")
    assert session.status_code == 401  # a session cannot write: the API checks no CSRF token
    assert not SavedSearch.objects.get(pk=saved.pk).is_void


def test_signed_in_readers_see_their_list_page(world):
    saved_for(world.users.member)
    page = signed_in(world.users.member).get("/search/saved/").content.decode()
    assert "Run “Quokkas”" in page and "“quokka”" in page


# Every role × every level: the feed and the e-mail hold a level's canary exactly when the owner may read it


def level_canary(level):
    return f"CANARY-saved-{level}-9c4d"


@pytest.fixture
def canary_papers(world, commit):
    with commit():
        for level in Classification.values:
            governance.create_paper(
                by=None, body=world.panel, reference=f"CN_{level}", title=f"{level_canary(level)} walrus",
                paper_date=world.today, classification=level,
                recipients=[world.users.recipient] if level == Classification.RED else None,
            )  # fmt: skip


@pytest.mark.parametrize("role", sorted(set(ENTITLED_LEVELS) - {"public"}))
def test_feed_and_email_hold_a_canary_exactly_when_the_owner_may_read_it(world, canary_papers, role, mailoutbox):
    owner = getattr(world.users, role)
    owner.email = f"{role}@example.org"
    owner.save()
    saved = services.save_search(by=owner, name="Walruses", q="walrus", frequency=Frequency.DAILY)
    feed = feed_of(saved)
    emails.send_emails(emails.plan_emails())
    (message,) = mailoutbox
    for level in Classification.values:
        entitled = level in ENTITLED_LEVELS[role]
        assert (level_canary(level) in feed) == entitled, (role, level, "feed")
        assert (level_canary(level) in message.body) == entitled, (role, level, "e-mail")
