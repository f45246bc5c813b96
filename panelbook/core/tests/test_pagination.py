"""The shared pagination links keep every filter of the page they are on, and a list's page is
read without counting the list."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from panelbook.core.lists import ListPage, page_of
from panelbook.core.models import User


def links(url: str, page_number: int) -> str:
    request = RequestFactory().get(url)
    page = Paginator(range(120), 50).get_page(page_number)
    return render_to_string("includes/pagination.html", {"page": page}, request=request)


def test_next_and_previous_keep_the_filters_and_replace_the_page():
    html = links("/actions/?status=OPEN&owner=SECAS&page=2", 2)
    assert 'href="?status=OPEN&amp;owner=SECAS&amp;page=1"' in html
    assert 'href="?status=OPEN&amp;owner=SECAS&amp;page=3"' in html
    assert "Page 2" in html


def test_one_page_needs_no_links():
    request = RequestFactory().get("/decisions/")
    html = render_to_string("includes/pagination.html", {"page": Paginator(range(3), 50).get_page(1)}, request=request)
    assert html.strip() == ""


def page_at(url: str) -> ListPage:
    return page_of(RequestFactory().get(url), User.objects.order_by("pk"))


@pytest.fixture
def users(db):
    User.objects.bulk_create(User(username=f"user{n:03d}") for n in range(120))


def test_a_list_page_is_read_without_counting_the_list(users):
    with CaptureQueriesContext(connection) as captured:
        page = page_at("/decisions/?page=2")
    assert [len(page), page.has_previous(), page.has_next()] == [50, True, True]
    assert not any("COUNT(" in query["sql"] for query in captured.captured_queries)


def test_the_last_page_has_no_next_and_says_it_is_the_last(users):
    page = page_at("/decisions/?page=3")
    assert [len(page), page.has_next()] == [20, False]
    html = render_to_string("includes/pagination.html", {"page": page}, request=RequestFactory().get("/"))
    assert "Page 3 of 3" in html
    assert "Next" not in html


def test_a_page_past_the_end_is_the_last_and_one_that_is_not_a_number_the_first(users):
    assert page_at("/decisions/?page=9").number == 3
    assert page_at("/decisions/?page=0").number == 3
    assert page_at(f"/decisions/?page={10**30}").number == 3
    assert page_at("/decisions/?page=two").number == 1
