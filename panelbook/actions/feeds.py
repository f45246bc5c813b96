"""The feed of minutes (RSS and Atom): the public minutes of every body once approved, latest first.

Built as the public reads them (``core.portal.the_public``), whoever fetches the feed. A minutes'
day in the feed is the day its approval was decided when the public may see that decision, and
otherwise its meeting's day, so the feed never dates anything by a record the public may not read.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import DateField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed

from panelbook.actions.models import Decision, Minutes
from panelbook.core.portal import the_public

FEED_LENGTH = 50


def public_minutes() -> QuerySet[Minutes]:
    """Approved minutes the public may read (the confidential minutes are never among them), each
    with ``published_on``, latest first."""
    public = the_public()
    approved_on = Decision.objects.visible_to(public).filter(pk=OuterRef("approval_id")).values("decided_on")
    minutes = Minutes.objects.visible_to(public).filter(status=Minutes.Status.APPROVED, confidential=False)
    return (
        minutes.annotate(
            published_on=Coalesce(Subquery(approved_on), TruncDate("meeting__starts_at"), output_field=DateField())
        )
        .select_related("meeting__body")
        .order_by("-published_on", "-meeting__starts_at", "-pk")
    )


class MinutesFeed(Feed):
    feed_type: type[SyndicationFeed] = Rss201rev2Feed
    title = f"{settings.SITE_NAME}: minutes"
    description = "The public minutes of the SEC Panel and its Sub-Committees, as each is approved."
    subtitle = description

    def link(self) -> str:
        return reverse("governance:meetings")

    def items(self) -> list[Minutes]:
        return list(public_minutes()[:FEED_LENGTH])

    def item_title(self, minutes: Minutes) -> str:
        return f"Minutes of {minutes.meeting.title}"

    def item_description(self, minutes: Minutes) -> str:
        meeting = minutes.meeting
        return f"{meeting.body.name}: the minutes of the meeting of {meeting.starts_at:%d %B %Y}, approved."

    def item_link(self, minutes: Minutes) -> str:
        return minutes.get_absolute_url()

    def item_guid(self, minutes: Minutes) -> str:
        return f"minutes-{minutes.pk}@{settings.PANELBOOK_SITE_DOMAIN}"

    item_guid_is_permalink = False

    def item_pubdate(self, minutes: Minutes) -> dt.datetime:
        return dt.datetime.combine(minutes.published_on, dt.time(12), tzinfo=dt.UTC)  # type: ignore[attr-defined]

    def item_categories(self, minutes: Minutes) -> tuple[str, ...]:
        return (minutes.meeting.body.name,)


class MinutesAtomFeed(MinutesFeed):
    feed_type = Atom1Feed
