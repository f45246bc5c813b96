"""The sitemap's delegations: the Delegations Register is published, each delegation in force."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from panelbook.registers.models import Delegation


class DelegationSitemap(Sitemap):
    changefreq = "monthly"

    def items(self) -> QuerySet[Delegation]:
        return Delegation.objects.in_force().order_by("number")


SITEMAPS = {"delegations": DelegationSitemap}
