"""Nothing lost when two people edit, nothing made twice by a double click.

An edit names the revision of the record it started from; the verb, holding the row lock,
refuses it with ``StaleRevision`` when someone saved the record since, and the refusal lists what
changed field by field. A create form carries a one-time token; ``run_once`` makes the record the
first time the token is sent and answers every later sending with that same record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.text import capfirst

from panelbook.core.classification import visible_rows
from panelbook.core.models import FormSubmission, Revisioned
from panelbook.core.services import ServiceError

T = TypeVar("T")
M = TypeVar("M", bound=models.Model)

# Stands for a value nobody knows: the form was opened at a revision with no history row.
UNKNOWN = object()

ALREADY_SENT = "This form had already been sent, so nothing new was created; here is what the first sending created."


# Revisions


@dataclass(frozen=True)
class Change:
    """One field saved by someone else since the edit began (foreign keys as ids)."""

    field: models.Field
    was: Any
    now: Any


class StaleRevision(ServiceError):
    """An edit started from an earlier revision than the record's: nothing was saved."""

    def __init__(self, record: models.Model, started_from: int, fields: Sequence[str]):
        super().__init__(
            f"Someone else saved this {record._meta.verbose_name} after you started your change, so nothing "
            f"was saved; it is now at revision {current_revision(record)}."
        )
        self.record = record
        self.started_from = started_from
        self.fields = tuple(fields)

    @property
    def revision(self) -> int:
        return current_revision(self.record)

    def changes(self) -> list[Change]:
        """The fields that differ between the revision the edit started from and now."""
        then = _snapshot(self.record, self.started_from)
        found = []
        for name in self.fields:
            field = cast(models.Field, self.record._meta.get_field(name))
            now = getattr(self.record, field.attname)
            was = getattr(then, field.attname) if then is not None else self._before_any_save(field)
            if was != now:
                found.append(Change(field, was, now))
        return found

    def _before_any_save(self, field: models.Field) -> Any:
        # Revision 0 is a record not written yet (a minute): it started from the field's default.
        return field.get_default() if self.started_from == 0 else UNKNOWN


def current_revision(record: models.Model) -> int:
    """The record's revision; 0 for one not saved yet (a minute not written)."""
    return cast(Revisioned, record).revision if record.pk is not None else 0


def check_revision(record: models.Model, started_from: int | None, fields: Sequence[str]) -> None:
    """Refuse an edit that started from another revision; None (not said) skips the check.

    Call it on the row the verb has locked, so that no save can slip in between.
    """
    if started_from is not None and started_from != current_revision(record):
        raise StaleRevision(record, started_from, fields)


def _snapshot(record: models.Model, revision: int) -> Any:
    if record.pk is None or revision < 1:
        return None
    history = record.history  # type: ignore[attr-defined]  # simple-history adds it and has no stubs
    return history.filter(revision=revision).order_by("-history_date", "-history_id").first()


# Showing a value to the person whose edit was refused: related records only through the gate.


def visible_related(field: models.Field, pk: Any, user: Any) -> models.Model | None:
    return visible_rows(cast("type[models.Model]", field.related_model), user).filter(pk=pk).first()


def as_text(field: models.Field, value: Any, user: Any) -> str:
    """A value as the pages show it: names for related records the person may see, UK dates."""
    if value is UNKNOWN:
        return "(not known)"
    if value is None or value == "":
        return "(empty)"
    if field.is_relation:
        related = visible_related(field, value, user)
        return str(related) if related is not None else "(a record you cannot see)"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        return f"{timezone.localtime(value):%d/%m/%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def as_json(field: models.Field, value: Any, user: Any) -> Any:
    """A value as the API gives it: ids for related records the caller may see, ISO 8601 dates."""
    if value is UNKNOWN:
        return None
    if field.is_relation and value is not None:
        return value if visible_related(field, value, user) is not None else None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def label_of(field: models.Field) -> str:
    return str(capfirst(field.verbose_name))


# One creation per form


def run_once(token: str | None, user: Any, create: Callable[[], M]) -> tuple[M, bool]:
    """Create with ``create`` unless this form token was used: then return what its first use made.

    The token row is claimed in the same transaction as the creation, so a refusal frees the token
    for a corrected sending, and a second sending waits on the unique token until the first commits.
    No token (a client that does not send one) creates every time.
    """
    if not token:
        return create(), True
    with transaction.atomic():
        try:
            with transaction.atomic():
                claim = FormSubmission.objects.create(token=token, user=user)
        except IntegrityError:
            return _first_result(token, user), False
        result = create()
        claim.record_type = result._meta.label
        claim.record_id = result.pk
        claim.save(update_fields=["record_type", "record_id"])
    return result, True


def _first_result(token: str, user: Any) -> Any:
    sent = FormSubmission.objects.filter(token=token, user=user).exclude(record_id=None).first()
    model = apps.get_model(sent.record_type) if sent else None
    record = visible_rows(model, user).filter(pk=sent.record_id).first() if sent and model is not None else None
    if record is not None:
        return record
    raise ServiceError("This form has already been sent. Open the page again to fill in a new one.")
