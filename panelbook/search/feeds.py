"""The RSS feed of a saved search, at its secret link: the newest hits by date, as its owner sees them.

A feed reader does not sign in, so the link is the credential: it answers what the saved search
finds with its OWNER's entitlements on the day it is read (``saved.newest_hits``), whoever fetches
it. An unknown link, a deleted search, or an owner whose account is inactive answers 404; a new
link (``services.new_feed_link``) makes the old one answer 404 too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

from panelbook.core.classification import Classification
from panelbook.search import engine as engines
from panelbook.search import saved
from panelbook.search.models import SavedSearch

NOT_FOUND = "There is no saved search at this link: it was deleted, or its feed link was made anew."


@dataclass(frozen=True)
class Item:
    """A hit with what its feed item names besides: its kind in words, and a link when it has no page."""

    hit: engines.Hit
    kind: str
    link: str


class SavedSearchFeed(Feed):
    """One instance answers every request, so what is per saved search travels in its ``Item``s."""

    feed_type = Rss201rev2Feed

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().__call__(request, *args, **kwargs)
        # What it holds is one person's: no shared cache keeps it, and no search engine lists it.
        response["Cache-Control"] = "private, no-cache"
        response["X-Robots-Tag"] = "noindex"
        return response

    def get_object(self, request: HttpRequest, token: str) -> SavedSearch:
        found = SavedSearch.objects.followed().select_related("owner", "body").filter(feed_token=token).first()
        if found is None:
            raise Http404(NOT_FOUND)
        return found

    def title(self, obj: SavedSearch) -> str:
        return f"{settings.SITE_NAME}: {obj.name}"

    def link(self, obj: SavedSearch) -> str:
        return saved.run_url(obj)

    def description(self, obj: SavedSearch) -> str:
        return f"The newest of what {saved.described(obj)} finds, as {obj.owner.username} may see it."

    def items(self, obj: SavedSearch) -> list[Item]:
        labels, run = saved.kind_labels(), saved.run_url(obj)
        return [Item(hit, labels.get(hit.kind, hit.kind), f"{run}#{hit.key}") for hit in saved.newest_hits(obj)]

    def item_title(self, item: Item) -> str:
        hit = item.hit
        return hit.title if hit.level == Classification.WHITE else f"{hit.title} ({hit.level})"

    def item_link(self, item: Item) -> str:
        return item.hit.url or item.link

    def item_description(self, item: Item) -> str:
        return saved.plain_snippet(item.hit)

    def item_guid(self, item: Item) -> str:
        return item.hit.key

    def item_guid_is_permalink(self, item: Item) -> bool:
        return False

    def item_pubdate(self, item: Item) -> dt.datetime | None:
        if item.hit.day is None:
            return None
        return timezone.make_aware(dt.datetime.combine(item.hit.day, dt.time()))

    def item_categories(self, item: Item) -> list[str]:
        return [item.kind, item.hit.level]
