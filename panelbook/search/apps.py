from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "panelbook.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from panelbook.search import indexing

        indexing.connect()
