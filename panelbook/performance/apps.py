from typing import Any

from django.apps import AppConfig
from django.urls import reverse


class PerformanceConfig(AppConfig):
    name = "panelbook.performance"
    verbose_name = "DCC performance"

    def public_pages(self) -> list[Any]:
        from panelbook.core.portal import PublicPage

        return [
            PublicPage("DCC performance", reverse("performance:glance"), "The DCC's performance, month by month."),
            PublicPage("Service stability", reverse("performance:stability"), "Incidents and days of stable service."),
        ]
