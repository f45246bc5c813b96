from typing import Any

from django.apps import AppConfig


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
