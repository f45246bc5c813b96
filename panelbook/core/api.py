"""Plumbing shared by every app's API router: error shapes, refusals as 400, input lookups."""

import functools
from collections.abc import Callable
from typing import Any, Literal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import QuerySet
from ninja import Field, Schema, Status

from panelbook.core.classification import Classification
from panelbook.core.models import User
from panelbook.core.services import ServiceError

# Reads work without credentials too: mark the bearer token optional in the OpenAPI document.
OPTIONAL_TOKEN = {"security": [{}]}

# A choice field as literal strings, so the OpenAPI document lists the values inline.
ClassificationValue = Literal[tuple(Classification.values)]  # type: ignore[valid-type]

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


READ_ERRORS: dict[int, Any] = {401: Message, 404: Message}
WRITE_ERRORS: dict[int, Any] = {400: Refusal, 401: Message, 403: Message, 404: Message}


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


def refusals_as_400(rename: dict[str, str] | None = None) -> Callable:
    """Answer a verb's refusal (or a model's validation error) with 400 naming the field.

    ``rename`` maps a model field name to the name the endpoint's input uses for it.
    """

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return view(*args, **kwargs)
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
