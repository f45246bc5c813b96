from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "panelbook.performance"
    verbose_name = "DCC performance"
