"""The sitemap's minutes: the approved minutes the public may read."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from panelbook.actions.feeds import public_minutes
from panelbook.actions.models import Minutes


class MinutesSitemap(Sitemap):
    changefreq = "yearly"

    def items(self) -> QuerySet[Minutes]:
        return public_minutes()


SITEMAPS = {"minutes": MinutesSitemap}
