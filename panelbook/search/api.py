"""The search API: the same engine and the same entitlements as the results page."""

import datetime as dt

from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError as InputError

from panelbook.core.api import ClassificationValue, Day, Input, read_endpoint
from panelbook.core.auth import read_auth
from panelbook.governance.models import Body
from panelbook.search import engine as engines

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
