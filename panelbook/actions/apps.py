from typing import Any

from django.apps import AppConfig
from django.urls import reverse


class ActionsConfig(AppConfig):
    name = "panelbook.actions"
    label = "actions"
    verbose_name = "Actions, decisions and minutes"

    def public_feeds(self) -> list[Any]:
        """The feed this app offers the public (``core.portal``): the minutes as each is approved."""
        from panelbook.core.portal import PublicFeed

        return [
            PublicFeed(
                title="Minutes",
                description="The public minutes of every body, as each is approved.",
                rss=reverse("actions:minutes_rss"),
                atom=reverse("actions:minutes_atom"),
            )
        ]

    def public_pages(self) -> list[Any]:
        from panelbook.core.portal import PublicPage

        return [PublicPage("Decisions", reverse("actions:decisions"), "The decisions of every body.")]
