from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "panelbook.actions"
    label = "actions"
    verbose_name = "Actions, decisions and minutes"
