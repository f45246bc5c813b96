"""Tags of the site's frame (base.html): the main navigation's links, the feeds and the page's canonical address."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from panelbook.core.portal import public_feeds

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_link(context: dict[str, Any], target: str, label: str) -> SafeString:
    """A navigation link marked ``aria-current``: "page" on its own page, "true" on the pages under it."""
    url = target if target.startswith("/") else reverse(target)
    request = context.get("request")
    path = request.path if request is not None else ""
    if path == url:
        return format_html('<a href="{}" aria-current="page">{}</a>', url, label)
    if path.startswith(url.rstrip("/") + "/") and url != "/":
        return format_html('<a href="{}" aria-current="true">{}</a>', url, label)
    return format_html('<a href="{}">{}</a>', url, label)


@register.inclusion_tag("includes/feed_links.html")
def feed_links() -> dict[str, Any]:
    """The ``<link rel="alternate">`` of every feed the apps offer the public (``core.portal``)."""
    return {"feeds": public_feeds()}


@register.simple_tag(takes_context=True)
def canonical_url(context: dict[str, Any]) -> str:
    """The page's own address at the site's configured base, without its query string, so a page
    reached by another host name or with filters names one address to search engines."""
    request = context.get("request")
    return f"{settings.PANELBOOK_BASE_URL}{request.path if request is not None else '/'}"
