"""The sitemap's section of the pages apps declare public (``core.portal.public_pages``)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap

from panelbook.core.portal import PublicPage, public_pages


class PublicPagesSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> list[PublicPage]:
        return public_pages()

    def location(self, item: PublicPage) -> str:
        return item.url


SITEMAPS = {"pages": PublicPagesSitemap}
