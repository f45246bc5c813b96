"""Record types: what each kind of record offers the rest of the house, declared on its model.

A model declares ``record = RecordType(...)`` beside its ``gate``, the way the gate declares its
classification: the fields its history page shows (``"__all__"``, as a ModelForm says it, or a
tuple; none: it has no history page), the text fields search will index, and the attribute that
names one record to a reader. Its label and plural are
the model's own ``verbose_name`` and ``verbose_name_plural``; its kind, the history page's
``/history/<kind>/<pk>/``, is the model's name.

core finds the declarations through Django's app registry (``record_types``), never by importing
an app, so a new app's models reach the history page, the access-matrix tests and search by being
declared rather than by being added to a list here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from django.apps import apps
from django.db import models

from panelbook.core.classification import Gate, visible_rows

# Fields every history keeps that say nothing to a reader: the row's id and the save count.
BOOKKEEPING = {"id", "revision"}


@dataclass(eq=False)
class RecordType:
    """One kind of record, as its model declares it.

    ``history``: the fields its history page shows, in this order, or ``"__all__"`` for every
    field its history keeps but the bookkeeping (``id``, ``revision``), in the model's order;
    ``None`` for a kind without a history page. ``search``: its title and text fields, for search.
    ``name``: the attribute that names one record in a sentence (a history row naming a related
    record, an ingest proposal naming its target); empty for the model's ``__str__``.
    """

    history: tuple[str, ...] | Literal["__all__"] | None = None
    search: tuple[str, ...] = ()
    name: str = ""
    model: type[models.Model] = field(init=False, repr=False)

    def contribute_to_class(self, model: type[models.Model], attribute: str) -> None:
        """Django calls this as it builds the model class: the declaration learns its model."""
        self.model = model
        setattr(model, attribute, self)

    @property
    def kind(self) -> str:
        return str(self.model._meta.model_name)

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def plural(self) -> str:
        return str(self.model._meta.verbose_name_plural)

    @property
    def history_fields(self) -> tuple[str, ...]:
        """The fields the history page shows, in order (none for a kind without one)."""
        if self.history != "__all__":
            return self.history or ()
        history = self.model.history.model  # type: ignore[attr-defined]
        kept = {f.name for f in history._meta.fields} | {f.name for f in history._history_m2m_fields}
        options = self.model._meta
        return tuple(f.name for f in [*options.fields, *options.many_to_many] if f.name in kept - BOOKKEEPING)

    @property
    def gate(self) -> Gate | None:
        return getattr(self.model, "gate", None)

    def rows_for(self, reader: Any) -> models.QuerySet:
        """The records of this kind ``reader`` may see (through the gate when it has one)."""
        return visible_rows(self.model, reader)

    def name_of(self, record: models.Model) -> str:
        return str(getattr(record, self.name)) if self.name else str(record)

    def named_for(self, reader: Any, pk: Any) -> str | None:
        """The name of the record ``pk`` when ``reader`` may see it, else None (hidden or missing alike)."""
        found = self.rows_for(reader).filter(pk=pk).first()
        return self.name_of(found) if found is not None else None


def record_types() -> list[RecordType]:
    """Every declared kind of record, of every installed app."""
    declared = (model.__dict__.get("record") for model in apps.get_models())
    return [each for each in declared if isinstance(each, RecordType)]


def record_type(model: type[models.Model]) -> RecordType | None:
    declared = model.__dict__.get("record")
    return declared if isinstance(declared, RecordType) else None


def with_history(kind: str) -> RecordType | None:
    """The kind of record whose history page is ``/history/<kind>/…``, if it has one."""
    return next((each for each in record_types() if each.kind == kind and each.history is not None), None)


# References: a record named in stored data (an ingest proposal), re-checked for each reader.


def reference(record: models.Model) -> str:
    """A record's stable reference, ``app_label.model:pk``."""
    return f"{record._meta.label_lower}:{record.pk}"


def hidden_references(references: Iterable[str], reader: Any) -> set[str]:
    """The references among ``references`` to records ``reader`` may not see (one query a model)."""
    wanted: dict[str, set[int]] = {}
    for each in references:
        label, _, pk = each.partition(":")
        wanted.setdefault(label, set()).add(int(pk))
    hidden: set[str] = set()
    for label, pks in wanted.items():
        visible = set(visible_rows(apps.get_model(label), reader).filter(pk__in=pks).values_list("pk", flat=True))
        hidden.update(f"{label}:{pk}" for pk in pks - visible)
    return hidden
