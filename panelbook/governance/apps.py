from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone


class GovernanceConfig(AppConfig):
    name = "panelbook.governance"
    label = "governance"
    verbose_name = "Governance calendar"

    def member_body_ids(self, user: Any) -> QuerySet:
        """The gate's AMBER rule (``core.classification``): ids of the bodies where the user's
        person holds a current membership, as a subquery."""
        from panelbook.governance.models import Membership  # models load after the app configs

        return Membership.objects.current(on=timezone.localdate()).filter(person__user=user).values("body_id")

    def public_feeds(self) -> list[Any]:
        """The feeds governance offers the public (``core.portal``): new papers of every body."""
        from panelbook.core.portal import PublicFeed

        return [
            PublicFeed(
                title="New papers",
                description="Every paper published for the public, of every body, newest first.",
                rss=reverse("governance:papers_rss"),
                atom=reverse("governance:papers_atom"),
            )
        ]

    def public_pages(self) -> list[Any]:
        from panelbook.core.portal import PublicPage

        return [
            PublicPage("Home", reverse("home"), "Upcoming meetings, the latest papers and minutes."),
            PublicPage("Bodies", reverse("governance:bodies"), "The SEC Panel, its Sub-Committees and groups."),
            PublicPage("Meetings", reverse("governance:meetings"), "Upcoming and past meetings of every body."),
            PublicPage("Papers", reverse("governance:papers"), "The papers published for the public."),
            PublicPage("Feeds and calendars", reverse("governance:feeds"), "RSS, Atom and iCalendar feeds."),
        ]
