"""The rules that propose threads, as plain data: which agenda items take up one topic.

Three rules, tried in order on each heading:

1. it names one modification ("MP123", "DP081" and "MP081" are the same one): its topic is that
   modification, at whatever body;
2. it names a performance measure by its code ("CPM4"): its topic is that measure, at whatever body;
3. otherwise its topic is its heading at its own body, the heading normalised (case, punctuation,
   months, years and numbers taken out) and matched to another body's headings when similar
   enough (``difflib``'s ratio at least ``SIMILAR``).

Procedural headings (the minutes, any other business) take up no topic. A topic becomes a new
thread when items of at least two meetings take it up; an item whose topic is an existing
thread's joins that thread. Items already in a thread are never regrouped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from panelbook.modifications import references

SIMILAR = 0.88
PROCEDURAL = frozenset(
    {
        "minutes and actions outstanding",
        "minutes",
        "summary of the last meeting and actions",
        "any other business",
        "apologies",
        "welcome and apologies",
        "welcome and introductions",
        "date of next meeting",
    }
)
MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_MONTH_OR_NUMBER = re.compile(r"\b(?:" + "|".join(MONTHS) + r"|\d+(?:st|nd|rd|th)?)\b")
_NOT_A_WORD = re.compile(r"[^a-z]+")


@dataclass(frozen=True)
class Heading:
    """One agenda item as the rules see it."""

    item: int
    meeting: int
    body: int
    title: str


@dataclass(frozen=True)
class Topic:
    """What a heading is about: ``kind`` is "modification", "measure" or "heading"."""

    kind: str
    key: str
    body: int | None = None


@dataclass
class Group:
    """The headings of one topic: those already in ``thread`` (None: a new thread) and those proposed."""

    topic: Topic
    thread: int | None
    shapes: list[str] = field(default_factory=list)
    placed: list[Heading] = field(default_factory=list)
    proposed: list[Heading] = field(default_factory=list)

    @property
    def meetings(self) -> set[int]:
        return {h.meeting for h in [*self.placed, *self.proposed]}


@dataclass
class Plan:
    """What ``propose`` would do: new threads (each a list of headings) and items joining threads."""

    new_threads: list[Group]
    joining: list[Group]

    @property
    def is_empty(self) -> bool:
        return not self.new_threads and not self.joining


def normalised(title: str) -> str:
    """A heading in the shape compared: lower case, no months, years, numbers or punctuation."""
    text = _MONTH_OR_NUMBER.sub(" ", title.lower())
    return " ".join(_NOT_A_WORD.sub(" ", text).split())


def display_title(title: str) -> str:
    """A heading as a thread's title: the month and year of one meeting taken off its end."""
    text = re.sub(r"[\s–—:-]*(?:\{?\w+\}?\s)?\b(?:" + "|".join(MONTHS) + r")\s+\d{4}\s*$", "", title, flags=re.I)
    return text.strip(" –—:-") or title


def topic_of(heading: Heading, measure_codes: Iterable[str]) -> Topic | None:
    """What the heading is about, by the rules in order; None for a procedural heading."""
    named = references.named_in(heading.title)
    if len(named) == 1:
        return Topic("modification", next(iter(named)))
    for code in sorted(measure_codes, key=len, reverse=True):
        if re.search(rf"\b{re.escape(code)}\b", heading.title):
            return Topic("measure", code)
    shape = normalised(heading.title)
    if not shape or shape in PROCEDURAL:
        return None
    return Topic("heading", shape, heading.body)


def _similar(shape: str, group: Group) -> float:
    return max((SequenceMatcher(None, shape, seen).ratio() for seen in group.shapes), default=0.0)


def _group_for(topic: Topic, groups: list[Group]) -> Group | None:
    if topic.kind != "heading":
        return next((g for g in groups if g.topic == topic), None)
    same_body = [g for g in groups if g.topic.kind == "heading" and g.topic.body == topic.body]
    best = max(same_body, key=lambda g: _similar(topic.key, g), default=None)
    return best if best is not None and _similar(topic.key, best) >= SIMILAR else None


def _remember(group: Group, heading: Heading) -> None:
    shape = normalised(heading.title)
    if shape not in group.shapes:
        group.shapes.append(shape)


def plan(unplaced: Iterable[Heading], placed: Iterable[tuple[Heading, int]], measure_codes: Iterable[str]) -> Plan:
    """Group the ``unplaced`` headings (in the order given, oldest first) by topic, joining the
    threads of the ``placed`` ones (heading, thread) where their topics meet."""
    codes = list(measure_codes)
    groups: list[Group] = []
    for heading, thread in placed:
        topic = topic_of(heading, codes)
        if topic is None:
            continue
        group = next((g for g in groups if g.thread == thread and g.topic == topic), None)
        if group is None:
            group = Group(topic, thread)
            groups.append(group)
        group.placed.append(heading)
        _remember(group, heading)
    for heading in unplaced:
        topic = topic_of(heading, codes)
        if topic is None:
            continue
        group = _group_for(topic, groups)
        if group is None:
            group = Group(topic, None)
            groups.append(group)
        group.proposed.append(heading)
        _remember(group, heading)
    new = [g for g in groups if g.thread is None and len(g.meetings) >= 2]
    joining = [g for g in groups if g.thread is not None and g.proposed]
    return Plan(new, joining)
