from typing import Any

from django.apps import AppConfig
from django.urls import reverse


class ModificationsConfig(AppConfig):
    name = "panelbook.modifications"
    verbose_name = "Modifications"

    def ready(self) -> None:
        from panelbook.core.events import record_changed
        from panelbook.modifications import mentions

        record_changed.connect(mentions.record_saved, dispatch_uid="modification-mentions")

    def account_section(self, request: Any) -> dict[str, Any] | None:
        """The part of the account page this app adds: what the person follows in the register."""
        from panelbook.modifications.views import following_section

        return following_section(request)

    def public_feeds(self) -> list[Any]:
        """The feed this app offers the public (``core.portal``): the register's changes of stage."""
        from panelbook.core.portal import PublicFeed

        return [
            PublicFeed(
                title="Modification changes",
                description="Each change of stage of a modification in the register.",
                rss=reverse("modifications:register_rss"),
                atom=reverse("modifications:register_feed"),
            )
        ]

    def public_pages(self) -> list[Any]:
        from panelbook.core.portal import PublicPage

        return [
            PublicPage("Modifications register", reverse("modifications:register"), "Every SEC modification."),
            PublicPage("SEC releases", reverse("modifications:releases"), "The releases and what each delivers."),
        ]
