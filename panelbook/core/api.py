"""Plumbing shared by every app's API router: bounded input types, error shapes, refusals as 400,
input lookups, list and read endpoints, edits with ETag and If-Match.

Every refusal, whether the verb's, the input schema's or an unreadable body's, answers 400 with
the documented ``Refusal`` shape: a list of problems, each naming where it is (``loc``) and what is
wrong in a sentence (``msg``).
"""

import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, Literal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Field, Header, NinjaAPI, Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.errors import ValidationError as InputError
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import AwareDatetime, field_validator

from panelbook.core.auth import secretariat_auth
from panelbook.core.classification import Classification
from panelbook.core.concurrency import StaleRevision, as_json, current_revision
from panelbook.core.models import User
from panelbook.core.services import ServiceError

# Reads work without credentials too: mark the bearer token optional in the OpenAPI document.
OPTIONAL_TOKEN: dict[str, Any] = {"security": [{}]}

# A choice field as literal strings, so the OpenAPI document lists the values inline.
if TYPE_CHECKING:
    # The checker cannot read a Literal built from the choices at run time: to it they are strings.
    ClassificationValue = str
else:
    ClassificationValue = Literal[tuple(Classification.values)]

REVISION_HELP = 'Counts the saves of the record; send it as If-Match: "<revision>" with a change to it.'
RECIPIENTS_HELP = "Usernames of the named recipients; only they may see the record when it is RED."


def caller(context: Any) -> Any:
    return context["request"].auth


# Bounded inputs: what the database can hold and what makes sense, stated in the OpenAPI document.

MAX_ID = 2**63 - 1  # the largest primary key the databases can hold (BigAutoField)
MAX_NUMBER = 9999  # meeting, item and action numbers and positions
MAX_PAGE = 500
MAX_OFFSET = 1_000_000
FIRST_DAY = dt.date(1990, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)
DATE_RANGE = f"From {FIRST_DAY.isoformat()} to {LAST_DAY.isoformat()}."
_DAY_BOUNDS = {"formatMinimum": FIRST_DAY.isoformat(), "formatMaximum": LAST_DAY.isoformat()}

Id = Annotated[int, Field(ge=1, le=MAX_ID)]
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
Number = Annotated[int, Field(ge=1, le=MAX_NUMBER)]
Day = Annotated[dt.date, Field(ge=FIRST_DAY, le=LAST_DAY, json_schema_extra=_DAY_BOUNDS)]
Moment = Annotated[
    AwareDatetime,
    Field(
        ge=dt.datetime.combine(FIRST_DAY, dt.time(), dt.UTC),
        le=dt.datetime.combine(LAST_DAY, dt.time(23, 59, 59), dt.UTC),
        json_schema_extra={"formatMinimum": f"{FIRST_DAY}T00:00:00Z", "formatMaximum": f"{LAST_DAY}T23:59:59Z"},
    ),
]
_BODY_CODE = {"pattern": r"^[-a-zA-Z0-9_]+$", "max_length": 30, "description": "Code of a body, e.g. panel."}
BodyCode = Annotated[str, Field(**_BODY_CODE)]
BodyCodePath = Annotated[str, Path(**_BODY_CODE)]


def _storable(value: Any) -> bool:
    """False for text a database cannot store: a NUL character or an unpaired surrogate."""
    if isinstance(value, str):
        return "\x00" not in value and _encodes(value)
    if isinstance(value, list | tuple):
        return all(_storable(item) for item in value)
    return True


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class Input(Schema):
    """Base of every input schema: text must be storable (PostgreSQL refuses NUL characters)."""

    @field_validator("*")
    @classmethod
    def _text_is_storable(cls, value: Any) -> Any:
        if not _storable(value):
            raise ValueError("the text holds a character that cannot be stored (NUL or an unpaired surrogate)")
        return value


class Page(LimitOffsetPagination):
    """Limit and offset pagination with both bounded, so a huge offset is refused, not a crash."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_PAGE, description=f"How many to return, at most {MAX_PAGE}.")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many to skip.")


# Errors


class Message(Schema):
    detail: str


class Problem(Schema):
    loc: list[str] = Field(examples=[["body", "ends_at"]])
    msg: str = Field(examples=["The meeting must end after it starts."])


class Refusal(Schema):
    detail: list[Problem]


class Changed(Schema):
    field: str = Field(examples=["location"])
    was: Any = Field(None, description="The value at the revision named in If-Match (null if not known).")
    now: Any = Field(None, description="The value now; a related record you may not see is null.")


class Stale(Schema):
    detail: list[Problem]
    revision: int = Field(description="The record's current revision: send it in If-Match to apply your change.")
    changes: list[Changed] = Field(description="The fields saved by someone else since the revision you named.")


# What each kind of operation can answer besides success; every operation lists its own.
LIST_ERRORS: dict[int, Any] = {400: Refusal, 401: Message}
READ_ERRORS: dict[int, Any] = {400: Refusal, 401: Message, 404: Message}
WRITE_ERRORS: dict[int, Any] = {400: Refusal, 401: Message, 403: Message, 404: Message}
# An edit that names the revision it started from (If-Match) is refused with 412 when it is stale.
EDIT_ERRORS: dict[int, Any] = {**WRITE_ERRORS, 412: Stale}

_SOURCES = {
    "body": "the request body",
    "query": "the query",
    "path": "the path",
    "form": "the form",
    "file": "the files",
}


def _problem(error: dict[str, Any]) -> dict[str, Any]:
    """One pydantic error as a Problem: the location without the view's argument name, and a sentence."""
    source, *rest = [str(part) for part in error["loc"]] or ["body"]
    if source == "body" and rest:
        rest = rest[1:]  # ninja puts the view's argument name (payload) after "body"
    loc = [source, *rest]
    subject = f"The field {'.'.join(rest)}" if rest else _SOURCES.get(source, source).capitalize()
    if error.get("type") == "missing":
        return {"loc": loc, "msg": f"{subject} is required."}
    message = str(error["msg"]).removeprefix("Value error, ")
    return {"loc": loc, "msg": f"{subject} is not valid: {message[:1].lower()}{message[1:]}."}


def input_refused(request: HttpRequest, error: InputError, api: NinjaAPI) -> HttpResponse:
    """Input that does not match the schema: the documented 400, one problem per field."""
    return api.create_response(request, {"detail": [_problem(e) for e in error.errors]}, status=400)


def http_error(request: HttpRequest, error: HttpError, api: NinjaAPI) -> HttpResponse:
    """ninja's HTTP errors; its only 400, a body it cannot parse, in the documented Refusal shape."""
    if error.status_code == 400:
        problem = {
            "loc": ["body"],
            "msg": "The request body could not be read: send it as JSON (or multipart/form-data for uploads).",
        }
        return api.create_response(request, {"detail": [problem]}, status=400)
    return api.create_response(request, {"detail": str(error)}, status=error.status_code)


def answer_refusals_as_documented(api: NinjaAPI) -> None:
    api.add_exception_handler(InputError, functools.partial(input_refused, api=api))
    api.add_exception_handler(HttpError, functools.partial(http_error, api=api))


def refusal_body(error: ValidationError, rename: dict[str, str]) -> dict[str, Any]:
    if hasattr(error, "error_dict"):
        pairs = [(f, m) for f, messages in error.message_dict.items() for m in messages]
    else:
        pairs = [(NON_FIELD_ERRORS, m) for m in error.messages]
    problems = []
    for name, message in pairs:
        loc = ["body"] if name == NON_FIELD_ERRORS else ["body", rename.get(name, name)]
        problems.append({"loc": loc, "msg": message})
    return {"detail": problems}


def stale_body(stale: StaleRevision, user: Any) -> dict[str, Any]:
    sentence = f'{stale.message} Read it again, or send If-Match: "{stale.revision}" to apply your change over theirs.'
    changes = [
        {"field": c.field.name, "was": as_json(c.field, c.was, user), "now": as_json(c.field, c.now, user)}
        for c in stale.changes()
    ]
    return {
        "detail": [{"loc": ["header", "If-Match"], "msg": sentence}],
        "revision": stale.revision,
        "changes": changes,
    }


def refusals_as_400(rename: dict[str, str] | None = None) -> Callable:
    """Answer a verb's refusal (or a model's validation error) with 400 naming the field, and a
    stale edit (``If-Match`` naming an earlier revision) with 412 listing what changed.

    ``rename`` maps a model field name to the name the endpoint's input uses for it.
    """

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(request: Any, *args: Any, **kwargs: Any) -> Any:
            try:
                return view(request, *args, **kwargs)
            except StaleRevision as stale:
                return Status(412, stale_body(stale, request.auth))
            except ValidationError as error:
                return Status(400, refusal_body(error, rename or {}))

        return wrapper

    return decorator


def lookup(queryset: QuerySet, field: str, what: str, **match: Any) -> Any:
    """One row for an input field, or a refusal naming that field."""
    found = queryset.filter(**match).first()
    if found is None:
        value = next(iter(match.values()))
        raise ServiceError({field: f"There is no {what} {value!r} that you can see."})
    return found


def recipients_named(usernames: list[str] | None) -> list[User] | None:
    if usernames is None:
        return None
    users = list(User.objects.filter(username__in=usernames))
    missing = sorted(set(usernames) - {u.username for u in users})
    if missing:
        raise ServiceError({"recipients": f"There is no user called {', '.join(missing)}."})
    return users


# Revisions: ETag out, If-Match in


IF_MATCH_HELP = (
    'The ETag of the revision your change starts from, e.g. "3" (the record\'s `revision`). If someone '
    "saved the record since, nothing is changed and the answer is 412 with what changed. Left out, "
    "the change is applied whatever the revision (as before revisions existed)."
)
IfMatch = Annotated[str | None, Header(None, alias="If-Match", description=IF_MATCH_HELP)]
# Documents the ETag header on an edit endpoint's 200 answer. The key is the integer 200, as
# ninja's own responses are keyed, so the two merge; "200" would make a second "200" key in the
# JSON, which Swagger UI refuses to read.
ETAG_DOC = {
    "responses": {
        200: {
            "headers": {
                "ETag": {
                    "description": "The record's revision after the change; send it in If-Match next time.",
                    "schema": {"type": "string", "examples": ['"4"']},
                }
            }
        }
    }
}
NO_MATCH = -1
STRONG_TAG = re.compile(r'"([0-9]{1,9})"')


def etag(record: Any) -> str:
    return f'"{current_revision(record)}"'


def revision_from_if_match(header: str | None, record: Any) -> int | None:
    """The revision an edit starts from, read from If-Match: None for no header or ``*``.

    The verb compares it under the row lock. Of a list of tags, the current revision if it is
    there, else the first (whose values the 412 compares with); a header naming no revision
    ``"N"`` never matches.
    """
    if header is None or header.strip() == "*":
        return None
    named = [int(m[1]) for tag in header.split(",") if (m := STRONG_TAG.fullmatch(tag.strip()))]
    current = current_revision(record)
    if current in named:
        return current
    return named[0] if named else NO_MATCH


# Declaring read endpoints

# Given the caller, the rows they may see: a QuerySet with ``matching`` when the list has filters.
Rows = Callable[[Any], Any]


def list_endpoint(
    router: Router,
    path: str,
    out: type[Schema],
    *,
    tags: list[str],
    summary: str,
    filters: type[Input] | None = None,
    order: tuple[str, ...] = (),
    paginated: bool = True,
) -> Callable[[Rows], Rows]:
    """Declare GET ``path`` listing ``out``; the decorated function, given the caller, returns
    the rows they may see (``Model.objects.visible_to(user)``) and its docstring describes them.

    The endpoint reads ``filters`` from the query string and applies them with the rows'
    ``matching(**filters)``, as the list's page and export do, then ``order``, then pages with
    limit and offset (``Page``: the answer is ``{"items": [...], "count": n}``); it lists every
    status a list can answer. The operation keeps the decorated function's name, module and
    docstring, so its operationId reads as if the function were the view.
    """

    def declare(rows: Rows) -> Rows:
        def listed(request: Any, chosen: Input | None) -> QuerySet:
            found = rows(request.auth)
            if chosen is not None:
                found = found.matching(**chosen.model_dump())
            return found.order_by(*order) if order else found

        schema = filters or Input

        def unfiltered(request: Any) -> QuerySet:
            return listed(request, None)

        def filtered(request: Any, filters: Query[schema]) -> QuerySet:  # type: ignore[valid-type]
            return listed(request, filters)

        view = unfiltered if filters is None else filtered
        for name in ("__name__", "__qualname__", "__module__", "__doc__"):
            setattr(view, name, getattr(rows, name))
        response = {200: list[out], **LIST_ERRORS}  # type: ignore[valid-type]
        operation = router.get(path, response=response, tags=tags, summary=summary, openapi_extra=OPTIONAL_TOKEN)
        operation(paginate(Page)(view) if paginated else view)
        return rows

    return declare


def read_endpoint(router: Router, path: str, out: type[Schema], *, tags: list[str], summary: str) -> Callable:
    """Declare GET ``path`` answering one ``out``, or 404 for a record the caller may not see."""
    response = {200: out, **READ_ERRORS}
    return router.get(path, response=response, tags=tags, summary=summary, openapi_extra=OPTIONAL_TOKEN)


def edited(response: HttpResponse, record: Any, if_match: str | None, verb: Callable, *args: Any, **kwargs: Any) -> Any:
    """``verb(*args, **kwargs)`` editing ``record`` from the revision ``If-Match`` names (the verb
    refuses a stale one under the row lock), answered with the saved record's ETag."""
    saved = verb(*args, if_revision=revision_from_if_match(if_match, record), **kwargs)
    response["ETag"] = etag(saved)
    return saved


# Declaring write endpoints: a secretariat token, the verb's refusals as 400, every status listed


def write_endpoint(
    router: Router,
    method: str,
    path: str,
    out: type[Schema],
    *,
    tags: list[str],
    summary: str,
    status: int = 200,
    rename: dict[str, str] | None = None,
    auth: Any = secretariat_auth,
) -> Callable:
    """Declare ``method path`` for the secretariat (or ``auth``: ``own_auth`` for a caller's own
    things), answering ``status`` with ``out``; a verb's refusal answers 400 naming the field
    (``rename``: see ``refusals_as_400``)."""
    operation = router.api_operation(
        [method], path, auth=auth, response={status: out, **WRITE_ERRORS}, tags=tags, summary=summary
    )
    return lambda view: operation(refusals_as_400(rename)(view))


def edit_endpoint(
    router: Router, method: str, path: str, out: type[Schema], *, tags: list[str], summary: str
) -> Callable:
    """Declare an edit: as ``write_endpoint``, and it takes If-Match, answers a stale revision with
    412 (``EDIT_ERRORS``) and documents the ETag of its answer (the view answers through ``edited``)."""
    operation = router.api_operation(
        [method],
        path,
        auth=secretariat_auth,
        response={200: out, **EDIT_ERRORS},
        tags=tags,
        summary=summary,
        openapi_extra=ETAG_DOC,
    )
    return lambda view: operation(refusals_as_400()(view))
