"""Keeping the index true: every save, delete or change of recipients of a searchable record puts
it on the queue (``Pending``) inside its own transaction; once the transaction commits, the house's
``record_changed`` hook drains the queue into the engine. A record whose access changed takes its
dependants (the records whose gate names it as a parent: a meeting's papers, a paper's files) with
it. A record saved outside the verbs (no announcement) waits on the queue for the next drain;
``check_search`` counts what waits.

``reindex`` rebuilds the whole index from the database, in batches, while the site serves.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.apps import apps
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from panelbook.core.events import record_changed
from panelbook.search import engine as engines
from panelbook.search.entries import Entry, access_of, all_records, entries_for, record_key, searchable
from panelbook.search.models import Pending

log = logging.getLogger(__name__)

BATCH = 200


def connect() -> None:
    record_changed.connect(_drain_after_change, dispatch_uid="search-drains-after-a-change", weak=False)
    for declared in searchable():
        model = declared.model
        uid = f"search-{model._meta.label_lower}"
        post_save.connect(_saved, sender=model, dispatch_uid=f"{uid}-save", weak=False)
        post_delete.connect(_saved, sender=model, dispatch_uid=f"{uid}-delete", weak=False)
        recipients = getattr(model, "recipients", None)
        if recipients is not None:
            m2m_changed.connect(_saved, sender=recipients.through, dispatch_uid=f"{uid}-recipients", weak=False)


def _saved(sender: Any, instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
    if raw or kwargs.get("action", "post_add").startswith("pre_"):
        return
    if not isinstance(instance, models.Model) or instance.pk is None:
        return
    enqueue([record_key(instance)])


# Whether this thread has queued records since its last drain: the announcements of a
# transaction's other changes, and of changes to kinds search does not hold, then cost nothing.
_queued = threading.local()


def enqueue(records: Iterable[str]) -> None:
    """Queue ``records`` in the current transaction (drained once a change is announced committed)."""
    Pending.objects.bulk_create([Pending(record=key) for key in records])
    _queued.since_drain = True


def _drain_after_change(**kwargs: Any) -> None:
    """The house's hook (core.events) tells of each committed change: the first after this thread
    queued something drains the whole queue (a second process's rows too)."""
    if getattr(_queued, "since_drain", False):
        _queued.since_drain = False
        drain()


def drain() -> int:
    """Index every queued record; a second process draining at once skips the rows the first holds
    (PostgreSQL row locks), and rows that fail stay queued for the next drain."""
    done = 0
    while True:
        with transaction.atomic():
            batch = list(Pending.objects.select_for_update(skip_locked=True).order_by("pk")[:BATCH])
            if not batch:
                return done
            keys = list(dict.fromkeys(row.record for row in batch))
            try:
                index(keys)
            except engines.IndexBusy:  # a rebuild runs: it drains the queue when it has swapped
                log.info("The search index is being rebuilt; %s queued records wait for it.", len(keys))
                return done
            Pending.objects.filter(pk__in=[row.pk for row in batch]).delete()
            done += len(keys)


def index(keys: list[str]) -> None:
    """Replace the entries of the records ``keys`` (a record gone is taken out), and of the
    dependants of those whose access changed."""
    seen: set[str] = set()
    todo = list(keys)
    while todo:
        batch, todo = [k for k in dict.fromkeys(todo) if k not in seen], []
        seen.update(batch)
        engine = engines.engine()
        entries: list[Entry] = []
        for record in _records(batch):
            if engine.access_of(record_key(record)) not in (None, access_of(record)):
                todo.extend(record_key(child) for child in dependants(record))
            entries.extend(entries_for(record))
        engine.replace(batch, entries)


def _records(keys: list[str]) -> Iterator[models.Model]:
    wanted: dict[str, list[int]] = {}
    for key in keys:
        label, _, pk = key.partition(":")
        wanted.setdefault(label, []).append(int(pk))
    for label, pks in wanted.items():
        model = apps.get_model(label)
        yield from model._default_manager.filter(pk__in=pks)


def dependants(record: models.Model) -> Iterator[models.Model]:
    """The searchable records whose gate names ``record`` as a parent."""
    for declared in searchable():
        gate = getattr(declared.model, "gate", None)
        for name in gate.parents if gate else ():
            field = declared.model._meta.get_field(name)
            if field.related_model is type(record):
                yield from declared.model._default_manager.filter(**{name: record})


def reindex(progress: Callable[[int], None] | None = None) -> int:
    """Rebuild the index from the database, every record in batches of ``BATCH``, as one change:
    until it lands, searches answer from the index it replaces."""
    counted = [0]

    def batches() -> Iterator[tuple[list[str], list[Entry]]]:
        keys: list[str] = []
        entries: list[Entry] = []
        for record in all_records():
            keys.append(record_key(record))
            entries.extend(entries_for(record))
            if len(keys) >= BATCH:
                yield keys, entries
                counted[0] += len(keys)
                keys, entries = [], []
                if progress:
                    progress(counted[0])
        yield keys, entries
        counted[0] += len(keys)
        if progress:
            progress(counted[0])

    engines.engine().rebuild(batches())
    drain()  # the changes saved while it ran
    return counted[0]


def total() -> int:
    """How many searchable records the database holds (the check command compares)."""
    return sum(declared.model._default_manager.count() for declared in searchable())


def waiting() -> int:
    return Pending.objects.count()


def differences() -> list[tuple[str, int, int]]:
    """The kinds whose records the index and the database count differently: (kind, database, index)."""
    indexed = engines.engine().record_counts()
    found = []
    for declared in searchable():
        kind = declared.model._meta.label_lower
        in_database = declared.model._default_manager.count()
        if in_database != indexed.get(kind, 0):
            found.append((kind, in_database, indexed.get(kind, 0)))
    return found
