"""Verbs of topic threads.

``propose_threads`` groups agenda items by the rules of ``proposals`` (same modification, same
measure, same or similar heading at a body) and starts or extends threads; the secretariat merges
two threads, splits items off into a new one, renames a thread, removes an item, links a thread to
a modification or measure, and voids and restores a thread, each with a reason kept in history.
Whatever a person has placed by hand stays where they put it: the proposals only place items that
no thread has held.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import models

from panelbook.core.classification import Classification
from panelbook.core.models import User
from panelbook.core.services import ServiceError, save_with_history, stated_reason, verb
from panelbook.governance.models import AgendaItem
from panelbook.modifications import references
from panelbook.modifications.models import Modification
from panelbook.performance.models import Measure
from panelbook.threads import proposals
from panelbook.threads.models import TITLE_LENGTH, Thread, ThreadItem


def _locked(thread: Thread) -> Thread:
    return Thread.objects.select_for_update().get(pk=thread.pk)


def _in_force(thread: Thread) -> None:
    if thread.is_void:
        raise ServiceError(f"{thread} is void; restore it before changing it.")


def _reach(item: AgendaItem) -> tuple[int, float]:
    """How widely an item may be read (its level and its meeting's, the higher), then how late it was."""
    level = max(Classification.rank(item.classification), Classification.rank(item.meeting.classification))
    return (level, -item.meeting.starts_at.timestamp())


def name_item(items: Iterable[AgendaItem]) -> AgendaItem:
    """The item a thread is named after: the one the most people may read, the latest of those."""
    return min(items, key=_reach)


def _title(title: str) -> str:
    text = (title or "").strip()
    if not text:
        raise ServiceError({"title": "Give the thread a title."})
    if len(text) > TITLE_LENGTH:
        raise ServiceError({"title": f"Give a title of at most {TITLE_LENGTH} characters."})
    return text


def _items_of(thread: Thread) -> models.QuerySet:
    return ThreadItem.objects.in_force().filter(thread=thread).select_related("agenda_item__meeting")


def _rename_after(thread: Thread, *, by: User | None, reason: str) -> None:
    """Name the thread after its most widely read item when the item it was named after has left."""
    items = [each.agenda_item for each in _items_of(thread)]
    if not items or thread.named_after_id in {item.pk for item in items}:
        return
    named = name_item(items)
    thread.named_after, thread.title = named, proposals.display_title(named.title)[:TITLE_LENGTH]
    save_with_history(thread, by=by, reason=reason)


def _start(
    items: Sequence[AgendaItem],
    *,
    by: User | None,
    reason: str,
    title: str = "",
    by_hand: bool,
    modification: Modification | None = None,
    measure: Measure | None = None,
) -> Thread:
    named = name_item(items)
    thread = Thread(
        title=_title(title or proposals.display_title(named.title)[:TITLE_LENGTH]),
        named_after=named,
        modification=modification,
        measure=measure,
    )
    save_with_history(thread, by=by, reason=reason)
    for item in items:
        _place(thread, item, by=by, by_hand=by_hand, reason=reason)
    return thread


def _place(thread: Thread, item: AgendaItem, *, by: User | None, by_hand: bool, reason: str) -> ThreadItem:
    return save_with_history(ThreadItem(thread=thread, agenda_item=item, placed_by_hand=by_hand), by=by, reason=reason)


# Proposing


def _unplaced() -> models.QuerySet:
    return (
        AgendaItem.objects.filter(is_withdrawn=False, thread_item__isnull=True)
        .select_related("meeting")
        .order_by("meeting__starts_at", "position", "pk")
    )


def _heading(item: AgendaItem) -> proposals.Heading:
    return proposals.Heading(item.pk, item.meeting_id, item.meeting.body_id, item.title)


def _modification_named(identity: str) -> Modification | None:
    for modification in Modification.objects.filter(reference__regex=r"\d"):
        try:
            if references.identity(references.parse(modification.reference)) == identity:
                return modification
        except references.NotAReference:
            continue
    return None


def _measure_named(code: str, title: str) -> Measure | None:
    """The measure with this code; where providers share the code, the one whose provider the heading names."""
    found = list(Measure.objects.filter(code=code).select_related("provider").order_by("-methodology_version"))
    providers = {m.provider_id for m in found}
    if len(providers) == 1:
        return found[0]
    named = [m for m in found if m.provider.prefix and m.provider.prefix.lower() in title.lower()]
    return named[0] if named else None


def _subject(group: proposals.Group, items: Sequence[AgendaItem]) -> dict[str, Any]:
    if group.topic.kind == "modification":
        return {"modification": _modification_named(group.topic.key)}
    if group.topic.kind == "measure":
        return {"measure": _measure_named(group.topic.key, items[0].title)}
    return {}


def current_plan() -> proposals.Plan:
    placed = ThreadItem.objects.filter(thread__is_void=False, is_removed=False).select_related("agenda_item__meeting")
    codes = set(Measure.objects.values_list("code", flat=True))
    return proposals.plan(
        [_heading(item) for item in _unplaced()],
        [(_heading(each.agenda_item), each.thread_id) for each in placed],
        codes,
    )


@verb
def propose_threads(*, by: User | None = None, dry_run: bool = False) -> proposals.Plan:
    """Start a thread for each topic taken up at two meetings or more, and add the items not yet in
    any thread to the threads whose topic they take up. ``dry_run``: only say what it would do."""
    plan = current_plan()
    if dry_run:
        return plan
    reason = "Proposed: the same modification, measure or heading"
    for group in plan.new_threads:
        items = list(AgendaItem.objects.filter(pk__in=[h.item for h in group.proposed]).select_related("meeting"))
        _start(items, by=by, reason=reason, by_hand=False, **_subject(group, items))
    for group in plan.joining:
        thread = Thread.objects.get(pk=group.thread or 0)
        for item in AgendaItem.objects.filter(pk__in=[h.item for h in group.proposed]):
            _place(thread, item, by=by, by_hand=False, reason=reason)
    return plan


# The secretariat's verbs


@verb
def start_thread(items: Sequence[AgendaItem], *, by: User | None, reason: str, title: str = "") -> Thread:
    """Start a thread by hand from agenda items no thread has held."""
    why = stated_reason(reason)
    if not items:
        raise ServiceError({"items": "Choose the agenda items the thread takes up."})
    held = ThreadItem.objects.filter(agenda_item__in=items).select_related("agenda_item").first()
    if held is not None:
        raise ServiceError({"items": f"Item {held.agenda_item} is already in a thread; split it off instead."})
    items = list(AgendaItem.objects.filter(pk__in=[i.pk for i in items]).select_related("meeting"))
    return _start(items, by=by, reason=f"Started: {why}", title=title, by_hand=True)


@verb
def merge_threads(keep: Thread, other: Thread, *, by: User | None, reason: str) -> Thread:
    """Move every item of ``other`` into ``keep``; ``other`` is void, marked merged into ``keep``."""
    why = stated_reason(reason)
    keep, other = _locked(keep), _locked(other)
    if keep.pk == other.pk:
        raise ServiceError({"other": "Choose another thread to merge; a thread cannot be merged into itself."})
    _in_force(keep)
    _in_force(other)
    for each in ThreadItem.objects.select_for_update().filter(thread=other):
        each.thread, each.placed_by_hand = keep, True
        save_with_history(each, by=by, reason=f"Merged into {keep}: {why}")
    keep.modification = keep.modification or other.modification
    keep.measure = keep.measure or other.measure
    save_with_history(keep, by=by, reason=f"{other} merged in: {why}")
    other.is_void, other.merged_into = True, keep
    other.void_reason = f"Merged into {keep}"
    save_with_history(other, by=by, reason=f"Merged into {keep}: {why}")
    return keep


@verb
def split_thread(
    thread: Thread, items: Sequence[ThreadItem], *, by: User | None, reason: str, title: str = ""
) -> Thread:
    """Take ``items`` out of ``thread`` into a new thread of their own."""
    why = stated_reason(reason)
    thread = _locked(thread)
    _in_force(thread)
    chosen = list(ThreadItem.objects.select_for_update().filter(pk__in=[i.pk for i in items], thread=thread))
    if not chosen or len(chosen) != len(items) or any(each.is_removed for each in chosen):
        raise ServiceError({"items": f"Choose items that are in {thread} to split off."})
    if _items_of(thread).exclude(pk__in=[each.pk for each in chosen]).count() == 0:
        raise ServiceError({"items": f"Leave at least one item in {thread}; to move them all, merge the threads."})
    agenda_items = [each.agenda_item for each in ThreadItem.objects.filter(pk__in=[c.pk for c in chosen])
                    .select_related("agenda_item__meeting")]  # fmt: skip
    named = name_item(agenda_items)
    new = Thread(title=_title(title or proposals.display_title(named.title)[:TITLE_LENGTH]), named_after=named)
    save_with_history(new, by=by, reason=f"Split off {thread}: {why}")
    for each in chosen:
        each.thread, each.placed_by_hand = new, True
        save_with_history(each, by=by, reason=f"Split off into {new}: {why}")
    _rename_after(thread, by=by, reason=f"Renamed after its items when {new} was split off")
    return new


@verb
def rename_thread(
    thread: Thread, *, by: User | None, title: str, reason: str, named_after: AgendaItem | None = None
) -> Thread:
    """Give the thread a new title, shown to those who may read the item it is named after."""
    why = stated_reason(reason)
    thread = _locked(thread)
    _in_force(thread)
    if named_after is not None:
        if not _items_of(thread).filter(agenda_item=named_after).exists():
            raise ServiceError({"named_after": f"Name {thread} after one of its own items."})
        thread.named_after = named_after
    thread.title = _title(title)
    return save_with_history(thread, by=by, reason=f"Renamed: {why}")


@verb
def remove_item(item: ThreadItem, *, by: User | None, reason: str) -> ThreadItem:
    """Take an item out of its thread; it stays recorded as removed and no proposal places it again."""
    why = stated_reason(reason)
    item = ThreadItem.objects.select_for_update().select_related("thread").get(pk=item.pk)
    _in_force(item.thread)
    if item.is_removed:
        raise ServiceError(f"Item {item.agenda_item} is already removed from {item.thread}.")
    if _items_of(item.thread).exclude(pk=item.pk).count() == 0:
        raise ServiceError(f"Item {item.agenda_item} is the last in {item.thread}; void the thread instead.")
    item.is_removed, item.removed_reason, item.placed_by_hand = True, why, True
    save_with_history(item, by=by, reason=f"Removed: {why}")
    _rename_after(item.thread, by=by, reason="Renamed after its items when an item was removed")
    return item


@verb
def link_thread(
    thread: Thread,
    *,
    by: User | None,
    reason: str,
    modification: Modification | None = None,
    measure: Measure | None = None,
) -> Thread:
    """Say which modification or measure the thread concerns (or none), for its chart."""
    why = stated_reason(reason)
    thread = _locked(thread)
    _in_force(thread)
    if (thread.modification_id, thread.measure_id) == (getattr(modification, "pk", None), getattr(measure, "pk", None)):
        raise ServiceError("The thread already concerns these; choose another modification or measure.")
    thread.modification, thread.measure = modification, measure
    return save_with_history(thread, by=by, reason=f"Linked: {why}")


@verb
def void_thread(thread: Thread, *, by: User | None, reason: str) -> Thread:
    thread = _locked(thread)
    if thread.is_void:
        raise ServiceError(f"{thread} is already void.")
    thread.is_void, thread.void_reason = True, stated_reason(reason)
    return save_with_history(thread, by=by, reason=f"Voided: {thread.void_reason}")


@verb
def restore_thread(thread: Thread, *, by: User | None, reason: str) -> Thread:
    why = stated_reason(reason)
    thread = _locked(thread)
    if not thread.is_void:
        raise ServiceError(f"{thread} is not void; there is nothing to restore.")
    if thread.merged_into_id:
        raise ServiceError(f"{thread} was merged into Thread {thread.merged_into_id}; split its items off that thread.")
    thread.is_void, thread.void_reason = False, ""
    return save_with_history(thread, by=by, reason=f"Restored: {why}")
