"""Every page's title is plain words ending in the site's name: a template whose title block
swallowed markup shows it in the browser's tab and history. The pages are found from the URL
configuration, not listed."""

from __future__ import annotations

import html
import re

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

from panelbook.conftest import client_for

TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def pages_without_arguments(patterns=None, prefix: str = "") -> list[str]:
    """The paths of every URL pattern that takes no argument (an address a person can type)."""
    found = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(entry.pattern)
        if "<" in route or "(" in route or route.startswith(("api/", "admin/")):
            continue
        if isinstance(entry, URLResolver):
            found += pages_without_arguments(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            found.append("/" + route.lstrip("^").rstrip("$"))
    return sorted(set(found))


@pytest.mark.parametrize("role", ["public", "member", "secretariat"])
def test_every_page_title_is_plain_words(world, role):
    client = client_for(world, role)
    titles = {}
    for path in pages_without_arguments():
        response = client.get(path)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            titles[path] = html.unescape(TITLE.search(response.content.decode())[1])
    assert "/account/" in titles or role == "public"
    assert {path: title for path, title in titles.items() if "<" in title or "\n" in title} == {}
    assert {path: title for path, title in titles.items() if not title.endswith(f" – {settings.SITE_NAME}")} == {}
