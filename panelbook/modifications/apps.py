from django.apps import AppConfig


class ModificationsConfig(AppConfig):
    name = "panelbook.modifications"
    verbose_name = "Modifications"
