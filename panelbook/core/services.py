"""Helpers shared by every app's service verbs: one transaction, the acting user in history.

A verb is a function in an app's ``services.py`` decorated with ``@verb``; it takes the acting
person as ``by`` (a ``User``, or None for the system: the demo, an import without a user), checks
its rule, and saves through ``save_with_history``, which announces the change after commit
(``core.events``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar, cast

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction

from panelbook.core.classification import Classification
from panelbook.core.events import after_commit
from panelbook.core.models import VOID_REASON_LENGTH, Revisioned

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from panelbook.core.models import User

M = TypeVar("M", bound=models.Model)
P = ParamSpec("P")
R = TypeVar("R")


class ServiceError(ValidationError):
    """A verb refused: the message says why, naming the field where there is one."""


def verb(func: Callable[P, R]) -> Callable[P, R]:
    """Run a verb in a transaction: durable when it is the outermost one, the caller's otherwise.

    Called by a page, the API or a command, a verb is the outermost transaction and runs in
    ``atomic(durable=True)``: when it returns, its change is committed and announced. Called
    inside a transaction someone already holds (another verb, ingest accepting a proposal, the
    demo loader making many records at once), it joins that transaction through a savepoint,
    so the caller's whole change commits or rolls back together.

    Django exempts a ``TestCase``'s own transaction (pytest-django's ``db`` fixture) from the
    durable check, and so does this: in a test, a verb called directly is durable just as in
    production, and one called inside the test's own ``atomic()`` joins it.
    """

    @functools.wraps(func)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        with transaction.atomic(durable=not _caller_holds_a_transaction()):
            return func(*args, **kwargs)

    return run


def _caller_holds_a_transaction() -> bool:
    # The same test as Django's for a durable block: an open atomic block not opened by a TestCase.
    blocks = transaction.get_connection().atomic_blocks
    return bool(blocks) and not blocks[-1]._from_testcase


def acting_user(by: User | AnonymousUser | None) -> User | None:
    """The user to record as having acted: None for the system (imports, demo) or anonymous."""
    if by is None or not getattr(by, "is_authenticated", False):
        return None
    return cast("User", by)  # only a signed-in user is authenticated


def set_recipients(obj: Any, recipients: Iterable[Any] | None, by: User | None) -> None:
    """Name a record's recipients; whoever creates or changes a RED record is among them."""
    if recipients is not None:
        obj.recipients.set(recipients)
    if obj.classification == Classification.RED and acting_user(by) is not None:
        obj.recipients.add(by)


def check_creatable(fields: Mapping[str, Any], creatable: Iterable[str], record: str) -> None:
    """Refuse what a create verb does not set: unknown fields and those other verbs own (a status)."""
    refused = sorted(set(fields) - set(creatable))
    if refused:
        raise ServiceError({name: f"“{name}” cannot be given to a new {record}." for name in refused})


def save_with_history(obj: M, *, by: User | None, reason: str = "") -> M:
    """Validate and save ``obj`` so that its history row names who changed it and why, and
    announce the change to ``core.events`` subscribers once it is committed."""
    created = obj._state.adding
    actor = acting_user(by)
    obj._history_user = actor  # type: ignore[attr-defined]  # read by simple-history
    obj._change_reason = reason  # type: ignore[attr-defined]  # read by simple-history
    validate(obj)
    _number_revision(obj)
    obj.save()
    after_commit(obj, created=created, reason=reason, by=actor)
    return obj


def validate(obj: models.Model) -> None:
    """``obj.full_clean()``, less its query per foreign key that already holds a stored record.

    A verb sets its relations from records it has read (``meeting=meeting``), so asking the
    database whether that meeting exists is a query per relation per save that can only say yes
    (the database's own foreign-key constraint still refuses a row deleted meanwhile). Every other
    check runs as ``full_clean`` runs it: each field, ``clean()``, uniqueness and constraints, with
    the errors of all of them gathered into one ``ValidationError``.
    """
    errors: dict[str, Any] = {}
    errors = _gather(errors, obj.clean_fields, exclude=_stored_relations(obj))
    errors = _gather(errors, obj.clean)
    # As full_clean(): uniqueness and constraints skip the fields that already failed.
    errors = _gather(errors, obj.validate_unique, exclude=set(errors) - {NON_FIELD_ERRORS})
    errors = _gather(errors, obj.validate_constraints, exclude=set(errors) - {NON_FIELD_ERRORS})
    if errors:
        raise ValidationError(errors)


def _gather(errors: dict[str, Any], check: Callable[..., None], **kwargs: Any) -> dict[str, Any]:
    try:
        check(**kwargs)
    except ValidationError as error:
        return error.update_error_dict(errors)
    return errors


def _stored_relations(obj: models.Model) -> set[str]:
    """The foreign keys of ``obj`` whose related record is in hand and was read from the database."""
    stored = set()
    for field in obj._meta.concrete_fields:
        if isinstance(field, models.ForeignKey) and field.is_cached(obj):
            related = field.get_cached_value(obj)
            if related is not None and not related._state.adding and related.pk == getattr(obj, field.attname):
                stored.add(field.name)
    return stored


def save_changes(
    obj: M,
    changes: dict[str, Any],
    allowed: Iterable[str],
    *,
    by: User | None,
    recipients: Iterable[Any] | None,
    reason: str | None = None,
) -> M:
    """Set the allowed fields from ``changes``, save with ``reason`` (or one naming the fields that
    changed), and name the recipients: the last steps of every update verb."""
    changed = apply_changes(obj, changes, allowed)
    labels = [str(cast(models.Field, obj._meta.get_field(name)).verbose_name) for name in changed]
    named = "Changed " + ", ".join(labels) if changed else "Saved"
    save_with_history(obj, by=by, reason=reason or named)
    set_recipients(obj, recipients, by)
    return obj


def stated_reason(reason: str) -> str:
    """A person's reason for a correction, a void or a restoring, short enough for the history row
    that keeps it (which holds 100 characters, with a word or two before the reason)."""
    text = (reason or "").strip()
    if not text:
        raise ServiceError({"reason": "Say why; the reason is kept in the record's history."})
    if len(text) > VOID_REASON_LENGTH:
        raise ServiceError({"reason": f"Say why in at most {VOID_REASON_LENGTH} characters."})
    return text


def _number_revision(obj: models.Model) -> None:
    """Number the save about to happen: one more than the stored row's revision, read under its
    lock, so the count rises by one for every save even when the object in hand is out of date."""
    if not isinstance(obj, Revisioned) or obj._state.adding:
        return
    # Ordered by the key alone: a model's own ordering may join a nullable relation, which
    # PostgreSQL cannot lock (a decision is ordered by its optional agenda item's position).
    rows = type(obj)._base_manager.select_for_update().filter(pk=obj.pk).order_by("pk")
    stored = rows.values_list("revision", flat=True).first()
    obj.revision = (stored or 0) + 1


def apply_changes(obj: models.Model, changes: dict[str, Any], allowed: Iterable[str]) -> list[str]:
    """Set the allowed fields from ``changes`` and return the names that really changed."""
    allowed = set(allowed)
    unknown = sorted(set(changes) - allowed)
    if unknown:
        raise ServiceError({name: "This field cannot be changed here." for name in unknown})
    # full_clean() lets None through for a blank text field, and the database then refuses it.
    fields = {name: cast(models.Field, obj._meta.get_field(name)) for name in changes}
    empty = sorted(name for name, value in changes.items() if value is None and not fields[name].null)
    if empty:
        raise ServiceError({name: "This field cannot be left empty." for name in empty})
    changed = []
    for name, value in changes.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed
