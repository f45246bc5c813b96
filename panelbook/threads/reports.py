"""What one reader may see of threads: the title they may read, each thread's meetings, and the
timeline of items with the decisions and actions on them, all read through the gate."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from panelbook.actions.models import Action, Decision
from panelbook.core.lib import timeline_chart, trend_chart
from panelbook.governance.models import AgendaItem, Body, Meeting
from panelbook.modifications import charts as modification_charts
from panelbook.modifications.models import Modification
from panelbook.performance import charts as performance_charts
from panelbook.performance import reports as performance
from panelbook.threads import proposals
from panelbook.threads.models import Thread, ThreadItem


@dataclass
class Entry:
    """One item of a thread on its timeline, with the decisions and actions on it the reader may see."""

    placed: ThreadItem
    item: AgendaItem
    meeting: Meeting
    decisions: list[Decision] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


@dataclass
class Summary:
    """A thread as one reader may see it."""

    thread: Thread
    title: str
    entries: list[Entry]

    @property
    def meetings(self) -> int:
        return len({e.meeting.pk for e in self.entries})

    @property
    def last_taken_up(self) -> dt.datetime | None:
        return max((e.meeting.starts_at for e in self.entries), default=None)

    @property
    def bodies(self) -> list[Body]:
        seen: dict[int, Body] = {}
        for entry in self.entries:
            seen.setdefault(entry.meeting.body_id, entry.meeting.body)
        return list(seen.values())


def threads_for(reader: Any) -> QuerySet:
    """The threads the reader may see (voided ones for the secretariat), the latest taken up first."""
    seen = ThreadItem.objects.visible_to(reader).in_force().filter(thread=OuterRef("pk"))
    latest = seen.order_by("-agenda_item__meeting__starts_at").values("agenda_item__meeting__starts_at")[:1]
    rows = Thread.objects.visible_to(reader).kept_for(reader).annotate(last_seen=Subquery(latest))
    return rows.select_related("measure__provider").order_by("-last_seen", "-pk")


def title_of(thread: Thread, entries: list[Entry]) -> str:
    """The thread's title to a reader who may see the item it is named after; to anyone else, the
    heading of the latest item they may see."""
    if any(entry.item.pk == thread.named_after_id for entry in entries):
        return thread.title
    latest = max(entries, key=lambda e: e.meeting.starts_at, default=None)
    return proposals.display_title(latest.item.title) if latest else str(thread)


def summaries(threads: Any, reader: Any, *, with_records: bool = False) -> list[Summary]:
    """Each thread with what the reader may see of it (a query for all the threads' items)."""
    threads = list(threads)
    items = (
        ThreadItem.objects.visible_to(reader)
        .in_force()
        .filter(thread__in=threads)
        .select_related("agenda_item__meeting__body")
    )
    by_thread: dict[int, list[Entry]] = defaultdict(list)
    entries = []
    for placed in items:
        entry = Entry(placed, placed.agenda_item, placed.agenda_item.meeting)
        by_thread[placed.thread_id].append(entry)
        entries.append(entry)
    if with_records:
        _add_records(entries, reader)
    return [Summary(t, title_of(t, by_thread[t.pk]), by_thread[t.pk]) for t in threads]


def summary(thread: Thread, reader: Any) -> Summary:
    return summaries([thread], reader, with_records=True)[0]


def _add_records(entries: list[Entry], reader: Any) -> None:
    by_item = {entry.item.pk: entry for entry in entries}
    decisions = Decision.objects.visible_to(reader).in_force().filter(agenda_item__in=list(by_item))
    for decision in decisions.order_by("decided_on", "position"):
        by_item[decision.agenda_item_id].decisions.append(decision)
    actions = Action.objects.visible_to(reader).in_force().filter(agenda_item__in=list(by_item))
    for action in actions.order_by("reference"):
        by_item[action.agenda_item_id].actions.append(action)


def modification_of(thread: Thread, reader: Any) -> Modification | None:
    """The thread's modification, where the reader may see it."""
    if thread.modification_id is None:
        return None
    return Modification.objects.visible_to(reader).filter(pk=thread.modification_id).first()


def modification_chart(modification: Modification) -> tuple[timeline_chart.Timeline, str] | None:
    milestones = list(modification.milestones.all())
    if not milestones:
        return None
    chart = modification_charts.timeline(modification.reference, milestones, timezone.localdate())
    return chart, timeline_chart.data_uri(chart)


def measure_charts(thread: Thread, reader: Any) -> list[tuple[Any, trend_chart.Trend, str]]:
    """The trend chart of each scope of the thread's measure, of the results the reader may see."""
    if thread.measure is None:
        return []
    drawn = [(s, performance_charts.trend(s)) for s in performance.all_series(reader, measure=thread.measure)]
    return [(s, chart, trend_chart.data_uri(chart)) for s, chart in drawn if s.standings]


def threads_of_meeting(meeting: Meeting, reader: Any) -> list[tuple[AgendaItem, Thread, str]]:
    """Each item of the meeting the reader may see that is in a thread, with the thread's title to them."""
    here = ThreadItem.objects.visible_to(reader).in_force().filter(agenda_item__meeting=meeting)
    threads = Thread.objects.visible_to(reader).in_force().filter(pk__in=here.values("thread"))
    titles = {s.thread.pk: s for s in summaries(threads, reader)}
    return [
        (placed.agenda_item, titles[placed.thread_id].thread, titles[placed.thread_id].title)
        for placed in here.select_related("agenda_item").order_by("agenda_item__position")
        if placed.thread_id in titles
    ]
