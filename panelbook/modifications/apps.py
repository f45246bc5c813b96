from django.apps import AppConfig


class ModificationsConfig(AppConfig):
    name = "panelbook.modifications"
    verbose_name = "Modifications"

    def ready(self) -> None:
        from panelbook.core.events import record_changed
        from panelbook.modifications import mentions

        record_changed.connect(mentions.record_saved, dispatch_uid="modification-mentions")
