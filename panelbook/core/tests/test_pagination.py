"""The shared pagination links keep every filter of the page they are on."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory


def links(url: str, page_number: int) -> str:
    request = RequestFactory().get(url)
    page = Paginator(range(120), 50).get_page(page_number)
    return render_to_string("includes/pagination.html", {"page": page}, request=request)


def test_next_and_previous_keep_the_filters_and_replace_the_page():
    html = links("/actions/?status=OPEN&owner=SECAS&page=2", 2)
    assert 'href="?status=OPEN&amp;owner=SECAS&amp;page=1"' in html
    assert 'href="?status=OPEN&amp;owner=SECAS&amp;page=3"' in html
    assert "Page 2 of 3" in html


def test_one_page_needs_no_links():
    request = RequestFactory().get("/decisions/")
    html = render_to_string("includes/pagination.html", {"page": Paginator(range(3), 50).get_page(1)}, request=request)
    assert html.strip() == ""
