from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "panelbook.ingest"
    label = "ingest"
    verbose_name = "Ingest of legacy papers"
