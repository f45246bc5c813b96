"""The public portal's parts that apps declare: the feeds they offer and their public pages.

An app's AppConfig may declare ``public_feeds()`` (a list of ``PublicFeed``) and ``public_pages()``
(a list of ``PublicPage``); these collect them in install order, so the frame's ``<link
rel="alternate">``, the "Feeds and calendars" page, the front page and the sitemap name every app's
without a lower layer knowing the higher ones.

What a feed holds is built as ``the_public()`` reads it, never as whoever fetches it: a feed URL
is the same for everyone, so it may not carry what a signed-in reader sees.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.models import AnonymousUser


@dataclass(frozen=True)
class PublicFeed:
    title: str
    description: str
    rss: str
    atom: str


@dataclass(frozen=True)
class PublicPage:
    title: str
    url: str
    description: str


def the_public() -> AnonymousUser:
    """The reader every feed and the sitemap are built for: anyone, not signed in."""
    return AnonymousUser()


def public_feeds() -> list[PublicFeed]:
    return [feed for config in apps.get_app_configs() for feed in _declared(config, "public_feeds")]


def public_pages() -> list[PublicPage]:
    return [page for config in apps.get_app_configs() for page in _declared(config, "public_pages")]


def _declared(config, hook: str) -> list:
    declared = getattr(config, hook, None)
    return declared() if declared else []
