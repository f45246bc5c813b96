"""Helpers shared by every app's service verbs: one transaction, the acting user in history."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar, cast

from django.core.exceptions import ValidationError
from django.db import models

from panelbook.core.classification import Classification
from panelbook.core.models import Revisioned

M = TypeVar("M", bound=models.Model)


class ServiceError(ValidationError):
    """A verb refused: the message says why, naming the field where there is one."""


def acting_user(by: Any) -> Any:
    """The user to record as having acted: None for the system (imports, demo) or anonymous."""
    return by if by is not None and getattr(by, "is_authenticated", False) else None


def set_recipients(obj: Any, recipients: Iterable[Any] | None, by: Any) -> None:
    """Name a record's recipients; whoever creates or changes a RED record is among them."""
    if recipients is not None:
        obj.recipients.set(recipients)
    if obj.classification == Classification.RED and acting_user(by) is not None:
        obj.recipients.add(by)


def save_with_history(obj: M, *, by: Any, reason: str = "") -> M:
    """Validate and save ``obj`` so that its history row names who changed it and why."""
    obj._history_user = acting_user(by)  # type: ignore[attr-defined]
    obj._change_reason = reason  # type: ignore[attr-defined]
    obj.full_clean()
    _number_revision(obj)
    obj.save()
    return obj


def _number_revision(obj: models.Model) -> None:
    """Number the save about to happen: one more than the stored row's revision, read under its
    lock, so the count rises by one for every save even when the object in hand is out of date."""
    if not isinstance(obj, Revisioned) or obj._state.adding:
        return
    stored = type(obj)._base_manager.select_for_update().filter(pk=obj.pk).values_list("revision", flat=True).first()
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
