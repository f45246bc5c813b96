from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "panelbook.consultations"
    verbose_name = "Consultations the Panel answers"
