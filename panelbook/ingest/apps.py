from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "panelbook.ingest"
    label = "ingest"
    verbose_name = "Ingest of legacy papers"

    def ready(self) -> None:
        from panelbook.ingest.kinds import measures
        from panelbook.performance import checks

        # The measure pages show where ingested papers state a figure the data does not bear out.
        if measures.stated_in_papers not in checks.stated_sources:
            checks.stated_sources.append(measures.stated_in_papers)
