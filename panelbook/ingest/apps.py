from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "panelbook.ingest"
    label = "ingest"
    verbose_name = "Ingest of legacy papers"

    def ready(self) -> None:
        from panelbook.ingest.kinds import measures, stability
        from panelbook.performance import checks, stability_checks

        # The measure pages show where ingested papers state a figure the data does not bear out.
        if measures.stated_in_papers not in checks.stated_sources:
            checks.stated_sources.append(measures.stated_in_papers)
        # The stability page and an ingested paper's page check what papers state about stability.
        if stability.stated_in_papers not in stability_checks.stability_sources:
            stability_checks.stability_sources.append(stability.stated_in_papers)
