"""The public portal's governance parts: the feeds of new papers (RSS and Atom, of every body and of
each), the "Feeds and calendars" page and ``robots.txt``.

Every feed is built as the public reads it (``core.portal.the_public``), never as the request's
user, so a feed's address shows the same to everyone and never what a signed-in reader may see.
"""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from ninja import NinjaAPI

from panelbook.core.portal import public_feeds, the_public
from panelbook.governance.models import Body, Paper, PaperFile

FEED_LENGTH = 50


def public_papers(body: Body | None = None) -> QuerySet[Paper]:
    """The papers the public may read and that stand (not withdrawn), latest published first."""
    papers = Paper.objects.visible_to(the_public()).filter(status=Paper.Status.CURRENT)
    if body is not None:
        papers = papers.filter(body=body)
    return papers.select_related("body", "meeting", "agenda_item").order_by("-published_at", "-pk")


class PaperFeed(Feed):
    """New papers the public may read, of every body, or of one (``/bodies/<code>/papers.rss``)."""

    feed_type: type[SyndicationFeed] = Rss201rev2Feed

    def get_object(self, request: HttpRequest, code: str | None = None) -> Body | None:
        return get_object_or_404(Body, code=code) if code else None

    def title(self, body: Body | None) -> str:
        return f"{settings.SITE_NAME}: {f'papers of the {body.name}' if body else 'new papers'}"

    def link(self, body: Body | None) -> str:
        return body.get_absolute_url() if body else reverse("governance:papers")

    def description(self, body: Body | None) -> str:
        of = f"the {body.name}" if body else "the SEC Panel and its Sub-Committees"
        return f"Papers of {of} published for the public, newest first."

    subtitle = description

    def items(self, body: Body | None) -> list[Paper]:
        return list(public_papers(body)[:FEED_LENGTH])

    def item_title(self, paper: Paper) -> str:
        return f"{paper.reference} {paper.title}"

    def item_description(self, paper: Paper) -> str:
        where = [paper.body.name]
        if paper.meeting:
            where.append(paper.meeting.title)
        if paper.agenda_item:
            where.append(f"item {paper.agenda_item.number}: {paper.agenda_item.title}")
        return " · ".join(where) + f". Dated {paper.paper_date:%d %B %Y}. {paper.summary}".rstrip()

    def item_link(self, paper: Paper) -> str:
        return paper.get_absolute_url()

    def item_guid(self, paper: Paper) -> str:
        return f"paper-{paper.pk}@{settings.PANELBOOK_SITE_DOMAIN}"

    item_guid_is_permalink = False

    def item_pubdate(self, paper: Paper):
        return paper.published_at

    def item_categories(self, paper: Paper) -> tuple[str, ...]:
        return (paper.body.name,)


class PaperAtomFeed(PaperFeed):
    feed_type = Atom1Feed


def feeds_page(request: HttpRequest) -> HttpResponse:
    """Every feed and calendar the public may follow, on one page."""
    bodies = Body.objects.filter(is_active=True)
    return render(request, "governance/feeds.html", {"feeds": public_feeds(), "bodies": bodies})


# What no search engine is to crawl: signing in and accounts, the admin, search results (every query
# a page of its own) and saved searches' secret feeds.
PRIVATE_PATHS = ("/login/", "/logout/", "/password-reset/", "/account/", "/admin/", "/search/")


def robots_txt(request: HttpRequest, api: NinjaAPI) -> HttpResponse:
    lines = ["User-agent: *", "Allow: /"]
    lines += [f"Disallow: {path}" for path in PRIVATE_PATHS]
    lines += [f"Disallow: {path}" for path in api_write_paths(api)]
    lines += [f"Disallow: {path}" for path in withdrawn_paper_files()]
    lines += ["", f"Sitemap: {settings.PANELBOOK_BASE_URL}{reverse('sitemap')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@lru_cache(maxsize=1)
def api_write_paths(api: NinjaAPI) -> tuple[str, ...]:
    """The API's paths that only write (a path that is also read by GET stays open), as robots.txt
    patterns: each ``{parameter}`` a ``*``, anchored at the end with ``$``."""
    schema = api.get_openapi_schema()
    paths = []
    for path, operations in schema["paths"].items():
        if "get" not in operations:
            pattern = "/".join("*" if part.startswith("{") else part for part in path.split("/"))
            paths.append(f"{pattern}$")
    return tuple(paths)


def withdrawn_paper_files() -> list[str]:
    """The files of papers the public may see but that were withdrawn: kept on the record, not to be
    found by search. Files of papers the public may not see answer 404 to a crawler, and are not
    listed here, since listing them would publish that they exist."""
    files = PaperFile.objects.visible_to(the_public()).filter(paper__status=Paper.Status.WITHDRAWN)
    return [reverse("governance:file", args=[pk]) for pk in files.order_by("pk").values_list("pk", flat=True)]
