"""Everything that mentions a modification: kept as records are saved, read through each one's gate.

Every record whose kind declares text to search (``RecordType.search``) and a gate is read as it is
saved (``core.events.record_changed``, after commit), and the modifications its text names are kept
as ``Mention`` rows. A modification's page then asks one indexed question (which records name it)
and reads those records through their own gate, kind by kind: a RED paper that names MP122 stays
hidden from whoever may not see it. Scanning every paper's and ingested file's text on each page
view would read the whole archive; the stored rows keep the page's cost to its mentions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models, transaction

from panelbook.core.records import RecordType, record_type
from panelbook.modifications.models import Mention, Modification
from panelbook.modifications.references import IN_TEXT, identity, named_in

SHOWN = 50  # the latest this many of each kind


def _watched(model: type[models.Model]) -> RecordType | None:
    kind = record_type(model)
    if kind is None or not kind.search or kind.gate is None or model._meta.app_label == "modifications":
        return None
    return kind


def names_in(record: models.Model, kind: RecordType) -> set[str]:
    return named_in(names_text(record, kind))


def record_saved(sender: type[models.Model], record: models.Model, created: bool, **_: Any) -> None:
    """Keep the record's mentions as its text now reads (``core.events.record_changed``)."""
    kind = _watched(sender)
    if kind is None:
        return
    found = names_in(record, kind)
    if created and not found:
        return  # nothing to add and nothing kept before it
    keep(record._meta.label_lower, record.pk, found)


def keep(model: str, record_id: int, found: set[str]) -> None:
    with transaction.atomic():
        held = Mention.objects.filter(model=model, record_id=record_id)
        stored = set(held.values_list("reference", flat=True))
        if stored - found:
            held.filter(reference__in=stored - found).delete()
        Mention.objects.bulk_create(
            [Mention(model=model, record_id=record_id, reference=reference) for reference in sorted(found - stored)],
            ignore_conflicts=True,
        )


def rebuild() -> int:
    """Read every watched record again and keep what it mentions; returns how many mentions there are."""
    for model in apps.get_models():
        kind = _watched(model)
        if kind is None:
            continue
        for record in model._base_manager.only("pk", *kind.search).iterator(chunk_size=500):
            keep(record._meta.label_lower, record.pk, names_in(record, kind))
    return Mention.objects.count()


@dataclass(frozen=True)
class Mentioned:
    label: str  # "Papers"
    records: list[tuple[str, str, str]]  # (name, where the text names it, address or "")


def mentioning(modification: Modification, reader: Any) -> list[Mentioned]:
    """The records naming ``modification`` that ``reader`` may see, by kind, latest first."""
    named = identity(modification.parsed_reference)
    rows = Mention.objects.filter(reference=named).order_by("model", "-record_id")
    wanted: dict[str, list[int]] = {}
    for model, record_id in rows.values_list("model", "record_id"):
        wanted.setdefault(model, []).append(record_id)
    found = []
    for label, ids in wanted.items():
        kind = record_type(apps.get_model(label))
        if kind is None:
            continue
        records = [(_name(kind, r), snippet(names_text(r, kind), named), _address(r)) for r in _seen(kind, reader, ids)]
        if records:
            found.append(Mentioned(str(kind.plural).capitalize(), records))
    return found


def names_text(record: models.Model, kind: RecordType) -> str:
    return " ".join(str(getattr(record, name, "") or "") for name in kind.search)


def snippet(text: str, named: str, around: int = 70) -> str:
    """The words about the first place ``text`` names the modification ``named``."""
    for match in IN_TEXT.finditer(text):
        if named_in(match.group()) == {named}:
            start, end = max(match.start() - around, 0), min(match.end() + around, len(text))
            return ("…" if start else "") + " ".join(text[start:end].split()) + ("…" if end < len(text) else "")
    return ""


def _seen(kind: RecordType, reader: Any, ids: Iterable[int]) -> list[models.Model]:
    rows = kind.rows_for(reader)
    if hasattr(rows, "in_force"):
        rows = rows.in_force()
    if _meeting_of(kind.model):
        rows = rows.select_related("meeting__body")
    return list(rows.filter(pk__in=list(ids)).order_by("-pk")[:SHOWN])


def _meeting_of(model: type[models.Model]) -> bool:
    return any(f.name == "meeting" and f.is_relation for f in model._meta.concrete_fields)


def _name(kind: RecordType, record: models.Model) -> str:
    name = kind.name_of(record)
    if _meeting_of(kind.model) and getattr(record, "meeting_id", None):
        return f"{name} ({record.meeting})"  # type: ignore[attr-defined]
    return name


def _address(record: models.Model) -> str:
    """The record's page, or its meeting's for a record without one (an agenda item)."""
    for each in (record, getattr(record, "meeting", None) if getattr(record, "meeting_id", None) else None):
        address = getattr(each, "get_absolute_url", None)
        if callable(address):
            return address()
    return ""
