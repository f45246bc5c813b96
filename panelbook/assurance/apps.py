from django.apps import AppConfig


class AssuranceConfig(AppConfig):
    name = "panelbook.assurance"
    verbose_name = "SEC Parties and security assurance"
