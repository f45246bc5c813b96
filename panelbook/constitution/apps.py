from django.apps import AppConfig


class ConstitutionConfig(AppConfig):
    name = "panelbook.constitution"
    verbose_name = "How the bodies are constituted"
