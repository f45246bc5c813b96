"""Following the register: an email per change of stage or timetable, and the public feeds of changes
(Atom and RSS), built as the public reads the register whoever fetches them.

A signed-in person follows one modification, or every modification that affects a party category.
The verbs that move a modification on or change its timetable call ``changed``, which sends after
the change commits (``transaction.on_commit``), one email to each follower who may see the
modification (through the gate: a follower who may not read it hears nothing of it).
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed

from panelbook.core.models import User
from panelbook.core.portal import the_public
from panelbook.modifications.models import Follow, Modification, StageChange


def changed(modification: Modification, what: str) -> None:
    """Tell the modification's followers ``what`` happened to it, once the change is committed."""
    transaction.on_commit(partial(_send, modification.pk, what), robust=True)


def followers(modification: Modification) -> list[User]:
    """Everyone following it, by itself or by a party category it affects, who may see it."""
    wanted = Q(modification=modification)
    if modification.impacted_categories:
        wanted |= Q(category__in=modification.impacted_categories)
    users = User.objects.filter(is_active=True, pk__in=Follow.objects.filter(wanted).values("user")).exclude(email="")
    return [
        user for user in users if Modification.objects.visible_to(user).in_force().filter(pk=modification.pk).exists()
    ]


def _send(pk: int, what: str) -> None:
    modification = Modification.objects.get(pk=pk)
    address = f"{settings.PANELBOOK_BASE_URL.rstrip('/')}{modification.get_absolute_url()}"
    for user in followers(modification):
        send_mail(
            f"{modification.reference}: {what}",
            f"{modification.reference} {modification.title}\n\n{what}.\n\nSee it at {address}\n\n"
            "You get this because you follow it in panelbook; stop following it on its page.",
            None,
            [user.email],
        )


class RegisterFeed(Feed):
    """The register's latest stage changes, as the public may read them (WHITE only)."""

    feed_type: type[SyndicationFeed] = Atom1Feed
    title = "panelbook: modifications register"
    subtitle = "Each modification's latest change of stage."
    description = subtitle
    link = "/modifications/"

    def items(self) -> Any:
        public = the_public()
        rows = StageChange.objects.visible_to(public).filter(modification__is_void=False)
        return rows.select_related("modification").order_by("-on", "-id")[:50]

    def item_title(self, item: StageChange) -> str:
        return f"{item.modification.reference} {item.modification.title}: {item.get_stage_display()}"

    def item_description(self, item: StageChange) -> str:
        return f"On {item.on:%d %B %Y}. {item.note}".strip()

    def item_link(self, item: StageChange) -> str:
        return item.modification.get_absolute_url()

    def item_guid(self, item: StageChange) -> str:
        return f"stage-change-{item.pk}@{settings.PANELBOOK_SITE_DOMAIN}"

    def item_updateddate(self, item: StageChange) -> dt.datetime:
        return dt.datetime.combine(item.on, dt.time(12), tzinfo=dt.UTC)


class RegisterRssFeed(RegisterFeed):
    feed_type = Rss201rev2Feed

    def item_pubdate(self, item: StageChange) -> dt.datetime:
        return self.item_updateddate(item)
