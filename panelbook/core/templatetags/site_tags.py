"""Tags of the site's frame (base.html): the main navigation's links."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

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
