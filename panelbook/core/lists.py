"""One way to write a filtered list, for its page and its export.

A list is the rows a person may see (``Model.objects.visible_to(user)``), narrowed by its
QuerySet's ``matching(**filters)``, with the filters read from the query string by one Form. The
page, the export (``core.exports``) and the API (``core.api.list_endpoint``, whose schema names
the same filters) all call the same ``matching``, so they list the same records.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict

from panelbook.core.api import MAX_ID

PER_PAGE = 50
# Beyond this page the offset would not fit the database's integers: such a page is past the end.
LAST_POSSIBLE_PAGE = 2**53 // PER_PAGE
RowsT = TypeVar("RowsT", bound=QuerySet)
DATE_HINT = "Write dates as YYYY-MM-DD, e.g. 2026-03-31."


# The fields filter forms share, bounded as the API bounds the same filters.


def body_filter(label: str = "Body") -> forms.SlugField:
    return forms.SlugField(required=False, max_length=30, label=label)


def id_filter(label: str) -> forms.IntegerField:
    return forms.IntegerField(required=False, min_value=1, max_value=MAX_ID, label=label)


def date_filter(label: str) -> forms.DateField:
    return forms.DateField(required=False, input_formats=["%Y-%m-%d"], label=label, help_text=DATE_HINT)


class YesNoField(forms.Field):
    """A boolean filter read as the API reads it: true/false, 1/0, yes/no; anything else is an error."""

    TRUE = {"true", "1", "yes", "on"}
    FALSE = {"false", "0", "no", "off"}

    def to_python(self, value: Any) -> bool | None:
        if value in self.empty_values:
            return None
        text = str(value).strip().lower()
        if text in self.TRUE | self.FALSE:
            return text in self.TRUE
        raise ValidationError("Give true or false.")


# Reading a list


def where_given(rows: RowsT, **lookups: Any) -> RowsT:
    """``rows.filter(**lookups)`` with only the lookups whose value is given: a filter left
    empty (None or "") does not narrow the list; False does."""
    return rows.filter(**{lookup: value for lookup, value in lookups.items() if value not in (None, "")})


def filter_problems(form: forms.Form, *, explain: bool = False) -> list[str]:
    """A sentence for each filter that is not valid; ``explain`` adds the field's help text."""
    problems = []
    for name, errors in form.errors.items():
        hint = str(form.fields[name].help_text) if explain and name in form.fields else ""
        problems.append(" ".join(filter(None, [f"The “{name}” filter is not valid:", *errors, hint])))
    return problems


def matching(request: HttpRequest, rows: Any, form: forms.Form) -> QuerySet:
    """The rows that match the form's filters; when they are not valid, none, and the problems
    shown to the person as messages (never a 500, never the filters silently left out)."""
    if form.is_valid():
        return rows.matching(**form.cleaned_data)
    for problem in filter_problems(form, explain=True):
        messages.error(request, problem)
    return rows.none()


@dataclass
class ListPage:
    """One page of a list, read without counting the list: one row more than a page is read to
    know whether another page follows. Laid out by ``includes/pagination.html``, as Django's
    ``Page`` is."""

    object_list: list
    number: int
    more: bool

    def __iter__(self) -> Iterator:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def has_next(self) -> bool:
        return self.more

    def has_previous(self) -> bool:
        return self.number > 1

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def page_of(request: HttpRequest, rows: QuerySet) -> ListPage:
    """The page of ``rows`` that ``?page=`` names, as Django's ``Paginator.get_page`` finds it (the
    first page for a number that is not one, the last for one past the end), counting the rows
    only in that last case: a twenty-year list is not counted to show its first page."""
    try:
        number = int(request.GET.get("page", 1))
    except ValueError:
        number = 1
    if 1 <= number <= LAST_POSSIBLE_PAGE:
        start = (number - 1) * PER_PAGE
        found = list(rows[start : start + PER_PAGE + 1])
        if found or number == 1:
            return ListPage(found[:PER_PAGE], number, more=len(found) > PER_PAGE)
    last = max(1, math.ceil(rows.count() / PER_PAGE))
    start = (last - 1) * PER_PAGE
    return ListPage(list(rows[start : start + PER_PAGE]), last, more=False)


def without_page(query: QueryDict) -> str:
    """The query string of the list's filters, for its export links."""
    query = query.copy()
    query.pop("page", None)
    return query.urlencode()
