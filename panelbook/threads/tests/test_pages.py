"""The secretariat's pages of threads: each says what it will do before doing it, refuses on the
field it names and stores nothing, and is the secretariat's alone; the list filters by body."""

import pytest

from panelbook.conftest import client_for
from panelbook.threads import services
from panelbook.threads.models import Thread
from panelbook.threads.tests.helpers import items_at


@pytest.fixture
def thread(world, make_meeting):
    items = items_at(make_meeting, ["Consumer Insight Update", "Consumer Insight Update", "Consumer Insight"])
    return services.start_thread(items, by=None, reason="Test")


@pytest.mark.parametrize("page", ["merge", "split", "rename", "link", "void"])
def test_only_the_secretariat_opens_a_threads_verb_pages(world, thread, page):
    assert client_for(world, "member").get(f"/threads/{thread.pk}/{page}/").status_code == 403
    assert client_for(world, "public").get(f"/threads/{thread.pk}/{page}/").status_code == 302
    assert client_for(world, "secretariat").get(f"/threads/{thread.pk}/{page}/").status_code == 200


def test_the_split_page_says_what_splitting_does_before_it_is_done(world, thread):
    page = client_for(world, "secretariat").get(f"/threads/{thread.pk}/split/").content.decode()
    assert "become a new thread of their own" in page and "Consumer Insight Update" in page


def test_a_split_without_a_reason_is_refused_on_the_reason_and_moves_nothing(world, thread):
    first = thread.items.first()
    response = client_for(world, "secretariat").post(f"/threads/{thread.pk}/split/", {"items": [first.pk]})
    assert response.status_code == 200 and "Say why" in response.context["form"].errors["reason"][0]
    assert Thread.objects.count() == 1


def test_splitting_every_item_is_refused_on_the_items_field(world, thread):
    every = [each.pk for each in thread.items.all()]
    response = client_for(world, "secretariat").post(
        f"/threads/{thread.pk}/split/", {"items": every, "reason": "All of them"}
    )
    assert "Leave at least one item" in response.context["form"].errors["items"][0]


def test_a_split_from_its_page_leads_to_the_new_thread(world, thread):
    first = thread.items.first()
    response = client_for(world, "secretariat").post(
        f"/threads/{thread.pk}/split/", {"items": [first.pk], "title": "The first look", "reason": "Another topic"}
    )
    new = Thread.objects.get(title="The first look")
    assert response.status_code == 302 and response.url == new.get_absolute_url()


def test_merging_from_its_page_offers_the_other_threads_by_the_title_the_reader_may_read(world, thread, make_meeting):
    other = services.start_thread(
        items_at(make_meeting, ["Consumer panel", "Consumer panel"], first_number=90), by=None, reason="Test"
    )
    client = client_for(world, "secretariat")
    assert "Consumer panel" in client.get(f"/threads/{thread.pk}/merge/").content.decode()
    client.post(f"/threads/{thread.pk}/merge/", {"other": other.pk, "reason": "One topic"})
    assert thread.items.count() == 5


def test_removing_an_item_from_its_page(world, thread):
    first = thread.items.first()
    client = client_for(world, "secretariat")
    assert "leaves the thread" in client.get(f"/threads/items/{first.pk}/remove/").content.decode()
    client.post(f"/threads/items/{first.pk}/remove/", {"reason": "Not the same topic"})
    first.refresh_from_db()
    assert first.is_removed and first.removed_reason == "Not the same topic"


def test_the_list_filters_by_a_body_where_the_reader_sees_an_item(world, thread):
    client = client_for(world, "public")
    assert "Consumer Insight" in client.get("/threads/?body=panel").content.decode()
    assert "Consumer Insight" not in client.get("/threads/?body=tabasc").content.decode()


def test_a_bad_filter_is_named(world, thread):
    page = client_for(world, "public").get("/threads/?body=not a code!").content.decode()
    assert "The “body” filter is not valid" in page
