"""Plumbing shared by every app's API router: error shapes, refusals as 400, input lookups."""

import functools
import re
from collections.abc import Callable
from typing import Annotated, Any, Literal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import QuerySet
from ninja import Field, Header, Schema, Status

from panelbook.core.classification import Classification
from panelbook.core.concurrency import StaleRevision, as_json, current_revision
from panelbook.core.models import User
from panelbook.core.services import ServiceError

# Reads work without credentials too: mark the bearer token optional in the OpenAPI document.
OPTIONAL_TOKEN = {"security": [{}]}

# A choice field as literal strings, so the OpenAPI document lists the values inline.
ClassificationValue = Literal[tuple(Classification.values)]  # type: ignore[valid-type]

REVISION_HELP = 'Counts the saves of the record; send it as If-Match: "<revision>" with a change to it.'
RECIPIENTS_HELP = "Usernames of the named recipients; only they may see the record when it is RED."


def caller(context: Any) -> Any:
    return context["request"].auth


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


READ_ERRORS: dict[int, Any] = {401: Message, 404: Message}
WRITE_ERRORS: dict[int, Any] = {400: Refusal, 401: Message, 403: Message, 404: Message}
# An edit that names the revision it started from (If-Match) is refused with 412 when it is stale.
EDIT_ERRORS: dict[int, Any] = {**WRITE_ERRORS, 412: Stale}


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
# Documents the ETag header on an edit endpoint's 200 answer.
ETAG_DOC = {
    "responses": {
        "200": {
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
