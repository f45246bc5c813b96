from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "panelbook.core"
    label = "core"
    verbose_name = "Core"
