from django.apps import AppConfig


class PapersConfig(AppConfig):
    name = "panelbook.papers"
    label = "papers"
    verbose_name = "Generated papers"
