"""Topic threads: the agenda items that take up one topic across meetings and bodies.

A thread groups agenda items (and so their meetings, decisions and actions); it may concern a
modification or a performance measure. A thread has no classification of its own: a person sees a
thread only when they may see at least one of its items (``visible_to``, through the gate of the
items), and sees only those items. Its title is named after one of its items (``named_after``) and
is shown only to a reader who may see that item; anyone else reads the heading of the latest item
they may see (``reports.title_for``), so a title never tells of an item a reader may not see.
"""

from __future__ import annotations

from typing import Any, Self

from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse

from panelbook.core.classification import ClassifiedQuerySet, Gate, is_secretariat
from panelbook.core.history_records import HistoricalRecords
from panelbook.core.models import Revisioned, Voidable
from panelbook.core.records import RecordType
from panelbook.governance.models import AgendaItem
from panelbook.modifications.models import Modification
from panelbook.performance.models import Measure

TITLE_LENGTH = 200


class ThreadItemQuerySet(ClassifiedQuerySet):
    def in_force(self) -> Self:
        return self.filter(is_removed=False)


class ThreadQuerySet(models.QuerySet):
    """Threads as one reader may see them: ``visible_to(user)`` keeps the reader, so that a filter
    (``matching``) looks only at the items that reader may see."""

    _reader: Any = None

    def _clone(self) -> Self:
        clone = super()._clone()  # type: ignore[misc]  # Django's private copy, typed loosely by the stubs
        clone._reader = self._reader
        return clone

    def visible_to(self, user: Any) -> Self:
        seen = ThreadItem.objects.visible_to(user).in_force().filter(thread=OuterRef("pk"))
        rows = self.filter(Exists(seen))
        rows._reader = user
        return rows

    def in_force(self) -> Self:
        return self.filter(is_void=False)

    def kept_for(self, user: Any) -> Self:
        """Voided threads only for the secretariat, who see them marked void and can restore them."""
        return self if is_secretariat(user) else self.in_force()

    def seen_items(self) -> models.QuerySet:
        """The items of these threads the reader (of ``visible_to``) may see."""
        return ThreadItem.objects.visible_to(self._reader).in_force()

    def matching(self, *, body: str | None = None, q: str | None = None) -> Self:
        """The filters of the list, its API: a body where the reader sees an item of the thread."""
        rows = self
        if body:
            rows = rows.filter(
                Exists(self.seen_items().filter(thread=OuterRef("pk"), agenda_item__meeting__body__code=body))
            )
        if q:
            rows = rows.filter(Exists(self.seen_items().filter(thread=OuterRef("pk"), agenda_item__title__icontains=q)))
        return rows


class Thread(Revisioned, Voidable):
    """One topic taken up at several meetings."""

    title = models.CharField(max_length=TITLE_LENGTH)
    named_after = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        help_text="The item whose readers may read the title; others read the heading of an item they may see.",
    )
    modification = models.ForeignKey(
        Modification, null=True, blank=True, on_delete=models.PROTECT, related_name="threads"
    )
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.PROTECT, related_name="threads")
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )

    # The history page shows what names nothing hidden: the title is shown on the thread's page only.
    record = RecordType(history=("modification", "measure", "is_void", "void_reason", "merged_into"))
    history = HistoricalRecords()
    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Thread {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("threads:thread", args=[self.pk])


class ThreadItem(models.Model):
    """One agenda item in a thread. An item is in one thread at most, ever: removed from its thread,
    it stays recorded as removed, and ``propose_threads`` never places it again."""

    thread = models.ForeignKey(Thread, on_delete=models.PROTECT, related_name="items")
    agenda_item = models.OneToOneField(AgendaItem, on_delete=models.PROTECT, related_name="thread_item")
    placed_by_hand = models.BooleanField(
        default=False, help_text="Placed by the secretariat (split, merged, removed), not by the proposals."
    )
    is_removed = models.BooleanField(default=False)
    removed_reason = models.CharField(max_length=100, blank=True)

    gate = Gate(body="agenda_item__meeting__body", parents=("agenda_item",), own_level=False)
    record = RecordType()
    history = HistoricalRecords()
    objects = ThreadItemQuerySet.as_manager()

    class Meta:
        ordering = ["agenda_item__meeting__starts_at", "agenda_item__position", "pk"]

    def __str__(self) -> str:
        return f"{self.thread}: {self.agenda_item}"
