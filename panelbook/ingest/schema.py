"""The field types of the record types' payload schemas, and the check that names each bad field.

Each module in ``kinds/`` declares its payload as a pydantic model of these types. A reviewer may
edit a payload before accepting it; ``clean`` checks it against the schema and refuses it with one
sentence per bad field, saying what to give instead. Fields a schema does not name are kept as given.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, PlainSerializer, StringConstraints
from pydantic import ValidationError as PayloadError
from pydantic_core import ErrorDetails, PydanticCustomError

from panelbook.core.services import ServiceError

REQUIRED = "This field is required."
NUMERIC = re.compile(r"[-+]?[\d.]+")
# What to give instead, by the kind of pydantic error (the first word of its type: "int_parsing" -> "int").
GIVE = {
    "string": "Give text, not a list.",
    "int": "Give a whole number, e.g. 47.",
    "float": "Give a number, e.g. 94.65.",
    "date": "Give a date as YYYY-MM-DD, e.g. 2019-04-12.",
    "datetime": "Give a date and time as YYYY-MM-DDTHH:MM, e.g. 2019-03-26T13:04.",
    "bool": "Give true or false.",
    "list": "Give a list, e.g. [].",
    "missing": REQUIRED,
}


class Payload(BaseModel):
    """A record type's payload: the fields it checks; any other field is kept as given."""

    model_config = ConfigDict(extra="allow")


def _blank_as_none(value: Any) -> Any:
    return None if value == "" else value


def _as_text(value: Any) -> Any:
    """Any single value as the text it reads as (a list or a mapping is refused as not text)."""
    return value if value is None or isinstance(value, (str, list, dict)) else str(value)


def _as_written(value: Any) -> str | None:
    return None if value is None or value == "" else str(value).strip()


def _written(what: str) -> BeforeValidator:
    """A date, time or month is read from what is written, never from a number (pydantic would take it
    for seconds since 1970)."""

    def read(value: Any) -> Any:
        text = _as_written(value)
        if text is not None and NUMERIC.fullmatch(text):
            raise PydanticCustomError(f"{what}_parsing", "Not a {what}.", {"what": what})
        return text

    return BeforeValidator(read)


def _not_a_flag(value: Any) -> Any:
    """true and false are not numbers (pydantic would read them as 1 and 0)."""
    return str(value) if isinstance(value, bool) else _blank_as_none(value)


def _none_if_blank(value: str | None) -> str | None:
    return value or None


def _present(value: Any) -> Any:
    if value is None:
        raise PydanticCustomError("missing", REQUIRED)
    return value


def _no_commas(value: Any) -> Any:
    return value.replace(",", "") if isinstance(value, str) and value else _not_a_flag(value)


def _flag(value: Any) -> Any:
    value = value.strip().lower() if isinstance(value, str) else value
    return False if value is None or value == "" else value


def _minutes(value: dt.datetime) -> str:
    return value.isoformat(timespec="minutes")


def one_of(choices: Iterable[str]) -> AfterValidator:
    """A check that a text field holds one of ``choices`` (or nothing)."""
    allowed = tuple(choices)

    def check(value: str | None) -> str | None:
        if value is not None and value not in allowed:
            raise PydanticCustomError("choice", "Give one of {choices}.", {"choices": ", ".join(allowed)})
        return value

    return AfterValidator(check)


Text = Annotated[
    Annotated[str, StringConstraints(strip_whitespace=True)] | None,
    BeforeValidator(_as_text),
    AfterValidator(_none_if_blank),
]
Required = AfterValidator(_present)  # with a field that has no default: missing, empty and null are refused
WholeNumber = Annotated[int | None, BeforeValidator(_not_a_flag)]
Number = Annotated[int | float | None, BeforeValidator(_no_commas)]
Day = Annotated[dt.date | None, _written("date")]
Moment = Annotated[Annotated[dt.datetime, PlainSerializer(_minutes, when_used="json")] | None, _written("datetime")]
Month = Annotated[
    Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d{4}-(0[1-9]|1[0-2])$")] | None,
    BeforeValidator(_as_written),
]
Flag = Annotated[bool, BeforeValidator(_flag)]
Items = Annotated[list[Any], BeforeValidator(lambda value: [] if value is None else value)]


def clean(schema: type[Payload], payload: dict[str, Any]) -> dict[str, Any]:
    """``payload`` (without its ``source``) with each field ``schema`` names checked and converted;
    refused with ``ServiceError`` naming every bad field, in the order the payload gives them."""
    given = {name: value for name, value in payload.items() if name != "source"}
    try:
        checked = schema.model_validate(given).model_dump(mode="json", exclude_unset=True)
    except PayloadError as error:
        order = list(given)
        problems = {str(each["loc"][0]): _message(each) for each in error.errors()}
        ranked = sorted(problems, key=lambda name: order.index(name) if name in order else len(order))
        raise ServiceError({name: problems[name] for name in ranked}) from None
    return {name: checked[name] for name in given}


def _message(error: ErrorDetails) -> str:
    if error["type"] in ("missing", "choice"):
        return error["msg"] if error["type"] == "choice" else REQUIRED
    if error["type"] == "string_pattern_mismatch":
        return "Give a month as YYYY-MM, e.g. 2020-12."
    return GIVE.get(error["type"].split("_")[0], error["msg"])
