"""The search API: the same engine and the same entitlements as the results page; and each
caller's saved searches."""

import datetime as dt
from typing import Literal

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import ValidationError as InputError

from panelbook.core.api import (
    BodyCode,
    ClassificationValue,
    Day,
    Input,
    PathId,
    list_endpoint,
    lookup,
    read_endpoint,
    write_endpoint,
)
from panelbook.core.auth import own_auth, read_auth
from panelbook.governance.models import Body
from panelbook.search import engine as engines
from panelbook.search import saved, services
from panelbook.search.models import SavedSearch

router = Router(auth=read_auth)
TAGS = ["Search"]


class SearchQuery(Input):
    q: str = Field("", max_length=300, description="The words: phrases in quotes, AND, OR, -word.")
    kind: str = Field("", max_length=60, description="Only records of this kind, e.g. `governance.paper`.")
    body: str = Field("", max_length=30, description="Only this body's (its code).")
    since: Day | None = Field(None, description="Dated on or after this day.")
    until: Day | None = Field(None, description="Dated on or before this day.")
    sort: str = Field("relevance", pattern="^(relevance|date)$", description="`relevance`, or `date` (newest first).")
    page: int = Field(1, ge=1, le=500)


class HitOut(Schema):
    record: str
    kind: str
    title: str
    url: str
    body: int | None
    day: dt.date | None
    page: int | None
    classification: ClassificationValue = Field(alias="level")
    snippet: str


class ResultsOut(Schema):
    total: int
    at_least: bool = Field(description="The total and counts stopped at the engine's cap: there are more.")
    page: int
    hits: list[HitOut]
    kinds: dict[str, int]


@read_endpoint(router, "/search", ResultsOut, tags=TAGS, summary="Search everything the caller may see")
def search(request, query: Query[SearchQuery]):
    """Ranked hits with highlighted snippets (HTML: the text escaped, matched words in `<b>`) and
    counts by kind; none of them from a record the caller may not see."""
    if query.since and query.until and query.since > query.until:
        raise InputError([{"loc": ["query", "since"], "msg": "The range begins after it ends (“until”)."}])
    body = Body.objects.filter(code=query.body).first() if query.body else None
    if query.body and body is None:
        raise InputError([{"loc": ["query", "body"], "msg": f"There is no body with the code {query.body!r}."}])
    asked = engines.Search(
        words=query.q, kind=query.kind, body=body.pk if body else None, since=query.since, until=query.until,
        by_date=query.sort == "date", page=query.page,
    )  # fmt: skip
    found = engines.engine().search(asked, engines.reader_for(request.auth))
    return {
        "total": found.total,
        "at_least": found.at_least,
        "page": query.page,
        "hits": found.hits,
        "kinds": found.kinds,
    }


# Saved searches: each caller's own. Listing reads the session or a token; saving and deleting
# need the caller's own token (the API checks no CSRF tokens, so a session cannot write).

SAVED_TAGS = ["Saved searches"]


class SavedIn(Input):
    name: str = Field(min_length=1, max_length=100, description="How the search is listed among yours.")
    q: str = Field("", max_length=300, description="The words, as for `/search`.")
    kind: str = Field("", max_length=60, description="Only records of this kind, e.g. `governance.paper`.")
    body: BodyCode | None = Field(None, description="Only this body's (its code).")
    level: ClassificationValue | None = Field(None, description="Only records of this classification.")
    since: Day | None = Field(None, description="Dated on or after this day.")
    until: Day | None = Field(None, description="Dated on or before this day.")
    sort: Literal["relevance", "date"] = Field("relevance", description="How its results page sorts them.")
    frequency: Literal["off", "daily", "weekly"] = Field("off", description="How often its new results are e-mailed.")


class SavedOut(Schema):
    id: int
    name: str
    q: str
    kind: str
    body: str | None = Field(description="The body's code.")
    level: str
    since: dt.date | None
    until: dt.date | None
    sort: str
    frequency: str
    feed: str = Field(description="The private feed link (RSS); it works without signing in, so keep it to yourself.")
    results: str = Field(description="The results page of the search.")
    last_sent_at: dt.datetime | None
    created_at: dt.datetime

    @staticmethod
    def resolve_body(obj: SavedSearch) -> str | None:
        return obj.body.code if obj.body is not None else None

    @staticmethod
    def resolve_sort(obj: SavedSearch) -> str:
        return obj.sort or "relevance"

    @staticmethod
    def resolve_feed(obj: SavedSearch) -> str:
        return saved.feed_url(obj)

    @staticmethod
    def resolve_results(obj: SavedSearch) -> str:
        return saved.run_url(obj)


@list_endpoint(router, "/search/saved", SavedOut, tags=SAVED_TAGS, summary="List your saved searches")
def list_saved(user):
    """The caller's saved searches, by name (none for an anonymous caller)."""
    return SavedSearch.objects.of(user).select_related("body").order_by("name", "pk")


@write_endpoint(
    router, "POST", "/search/saved", SavedOut, tags=SAVED_TAGS, summary="Save a search", status=201, auth=own_auth
)
def save_search(request, payload: SavedIn):
    """Keep a search under a name, to follow by its feed or by e-mail; it is always run as you."""
    fields = payload.model_dump()
    fields["body"] = lookup(Body.objects.all(), "body", "body", code=fields["body"]) if fields["body"] else None
    fields["level"] = fields["level"] or ""
    fields["sort"] = "" if fields["sort"] == "relevance" else fields["sort"]
    return Status(201, services.save_search(by=request.auth, **fields))


@write_endpoint(
    router, "DELETE", "/search/saved/{saved_id}", None,  # type: ignore[arg-type]  # 204: no content
    tags=SAVED_TAGS, summary="Delete a saved search", status=204, auth=own_auth,
)  # fmt: skip
def delete_saved(request, saved_id: PathId):
    """Take one of your saved searches off your list; its feed link stops working. Another person's
    saved search answers 404, as one that does not exist."""
    found = get_object_or_404(SavedSearch.objects.of(request.auth), pk=saved_id)
    services.delete_saved_search(found, by=request.auth)
    return Status(204, None)
