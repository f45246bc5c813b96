"""The sitemap's measures: each measure's page, showing the results the public may read."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from panelbook.performance.models import Measure


class MeasureSitemap(Sitemap):
    changefreq = "monthly"

    def items(self) -> QuerySet[Measure]:
        return Measure.objects.order_by("pk")


SITEMAPS = {"measures": MeasureSitemap}
