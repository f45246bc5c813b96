"""The sitemap's governance sections: bodies, meetings and papers, as the public may read them."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from panelbook.core.portal import the_public
from panelbook.governance.models import Body, Meeting, Paper


class BodySitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> QuerySet[Body]:
        return Body.objects.order_by("display_order", "name")


class MeetingSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> QuerySet[Meeting]:
        return Meeting.objects.visible_to(the_public()).order_by("-starts_at", "pk")


class PaperSitemap(Sitemap):
    changefreq = "monthly"

    def items(self) -> QuerySet[Paper]:
        return Paper.objects.visible_to(the_public()).order_by("-published_at", "pk")

    def lastmod(self, paper: Paper):
        return paper.published_at


SITEMAPS = {"bodies": BodySitemap, "meetings": MeetingSitemap, "papers": PaperSitemap}
