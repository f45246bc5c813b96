from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "panelbook.demo"
    label = "demo"
    verbose_name = "Demo data"
