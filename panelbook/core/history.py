"""What a record's history page shows of each change, through the classification gate.

A history row holds ids: of related records (an action's target meeting, the decision that
approved the minutes) and of a RED record's named recipients. The reader has passed the gate for
the record itself, not for those: a related classified record is named only when the reader may
see it (otherwise it shows as empty, as the record's own page shows it), and the recipients are
named only to the secretariat, who keep the lists; anyone else reads that the list changed.
Only the fields the record type declares for its history page (``RecordType.history``) are shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django.db import models
from django.utils.text import capfirst

from panelbook.core.classification import is_secretariat, visible_rows
from panelbook.core.concurrency import as_text
from panelbook.core.models import User
from panelbook.core.records import RecordType, record_type

EMPTY = "—"
WITHHELD = "changed (the names are shown to the secretariat only)"


@dataclass(frozen=True)
class ShownChange:
    """One field's change; ``old`` is empty when only the fact of the change is shown."""

    field: str
    old: str
    new: str


def shown_changes(kind: RecordType, changes: list[Any], reader: Any) -> list[ShownChange]:
    """The changes of one history row as ``reader`` may read them, in the order the record type
    declares its history fields; a change that reads the same on both sides (two records the
    reader may not see) is left out."""
    declared = kind.history_fields
    shown = []
    for change in sorted((c for c in changes if c.field in declared), key=lambda c: declared.index(c.field)):
        # History keeps the model's own fields (and declared many-to-many ones), never reverse relations.
        field = cast(models.Field, kind.model._meta.get_field(change.field))
        label = capfirst(str(field.verbose_name))
        if field.many_to_many and field.related_model is User and not is_secretariat(reader):
            shown.append(ShownChange(label, "", WITHHELD))
            continue
        if isinstance(field, models.ManyToManyField):
            old, new = _people_or_records(field, change.old, reader), _people_or_records(field, change.new, reader)
        else:
            old, new = _value(field, change.old, reader), _value(field, change.new, reader)
        if old != new:
            shown.append(ShownChange(label, old, new))
    return shown


def changed_by(user: User | None, reader: Any) -> str:
    """Who made a change, as ``reader`` may be told: signed-in readers read the person's name, the
    public only whether it was the secretariat."""
    if user is None:
        return "panelbook (an import or a command)"
    if getattr(reader, "is_authenticated", False):
        return user.get_full_name() or user.username
    return "The secretariat" if user.is_secretariat or user.is_superuser else "A signed-in user"


def _value(field: models.Field, value: Any, reader: Any) -> str:
    if value is None or value == "":
        return EMPTY
    if field.is_relation:
        return _name(cast("type[models.Model]", field.related_model), value, reader)
    return as_text(field, value, reader)


def _name(model: type[models.Model], pk: Any, reader: Any) -> str:
    """The related record's name, when the reader may see it."""
    declared = record_type(model)
    if declared is not None:
        return declared.named_for(reader, pk) or EMPTY
    found = visible_rows(model, reader).filter(pk=pk).first()
    return str(found) if found is not None else EMPTY


def _people_or_records(field: models.ManyToManyField, rows: list[dict[str, Any]], reader: Any) -> str:
    """A many-to-many value: the through rows as ids, e.g. ``[{"action": 3, "user": 7}]``."""
    target = field.m2m_reverse_field_name()
    ids = [row[target] for row in rows]
    if field.related_model is User:
        return ", ".join(User.objects.filter(pk__in=ids).order_by("username").values_list("username", flat=True))
    model = cast("type[models.Model]", field.related_model)
    names = sorted(name for name in (_name(model, pk, reader) for pk in ids) if name != EMPTY)
    return ", ".join(names) or EMPTY
