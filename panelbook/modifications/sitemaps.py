"""The sitemap's modifications: those in force the public may read."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from panelbook.core.portal import the_public
from panelbook.modifications.models import Modification


class ModificationSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> QuerySet[Modification]:
        return Modification.objects.visible_to(the_public()).in_force().order_by("reference")


SITEMAPS = {"modifications": ModificationSitemap}
