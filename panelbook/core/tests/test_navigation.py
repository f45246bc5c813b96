"""The main navigation marks where the reader is: aria-current="page" on the page a link leads
to, "true" on the pages under it, and nothing elsewhere."""

from __future__ import annotations

import re

from panelbook.conftest import client_for


def current_links(page: str) -> dict[str, str]:
    nav = page[page.index('<nav aria-label="Main">') : page.index("</nav>")]
    return dict(re.findall(r'<a href="([^"]*)" aria-current="([^"]*)"', nav))


def test_the_link_to_the_page_shown_is_the_current_page(world):
    page = client_for(world, "public").get("/meetings/").content.decode()
    assert current_links(page) == {"/meetings/": "page"}


def test_a_page_under_a_section_marks_its_link_as_current(world, make_meeting):
    meeting = make_meeting(number=7)
    page = client_for(world, "public").get(f"/meetings/{meeting.pk}/").content.decode()
    assert current_links(page) == {"/meetings/": "true"}


def test_the_home_page_marks_no_section(world):
    page = client_for(world, "member").get("/").content.decode()
    assert current_links(page) == {}
