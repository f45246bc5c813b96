"""Reads of SEC Parties and security assurance for pages, the API, exports and papers.

``party_update(meeting, reader)``: the parties admitted and the roles that completed the User Entry
Process since the body's previous meeting (public, as the Panel's minutes note them).
``assurance_counts(user, since, until)``: the counts that go beyond the SSC — assurance status
decisions by assessment type and by status, Director's letters by what they follow — read from
every assessment in force, since a count is all that leaves; a count small enough to single out
a party, or one including an assessment the secretariat marked as identifying, is withheld.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from panelbook.assurance.models import (
    AssessmentKind,
    AssuranceStatus,
    CountSuppression,
    DirectorsLetter,
    LetterTrigger,
    Party,
    PartyRole,
    SecurityAssessment,
)
from panelbook.governance.models import Meeting

# Party update


@dataclass(frozen=True)
class PartyUpdate:
    meeting: Meeting
    since: dt.date | None  # the previous meeting's day; None for the body's first meeting
    until: dt.date
    admitted: list[Party]
    completed: list[PartyRole]

    @property
    def is_empty(self) -> bool:
        return not self.admitted and not self.completed


def previous_meeting_day(meeting: Meeting, reader: Any) -> dt.date | None:
    """The day of the body's meeting before this one that ``reader`` may see (cancelled ones left
    out; every meeting for the system, ``None``): the update shows the day, so a meeting hidden
    from the reader must not be where its window starts."""
    meetings = Meeting.objects.all() if reader is None else Meeting.objects.visible_to(reader)
    earlier = meetings.filter(body=meeting.body, starts_at__lt=meeting.starts_at).exclude(
        status=Meeting.Status.CANCELLED
    )
    found = earlier.order_by("-starts_at").values_list("starts_at", flat=True).first()
    return _local_day(found) if found else None


def _local_day(moment: dt.datetime) -> dt.date:
    from django.utils import timezone

    return timezone.localtime(moment).date()


def party_update(meeting: Meeting, reader: Any) -> PartyUpdate:
    """Parties whose admission completed (SECCo countersigned) and roles whose User Entry Process
    completed after the day of the previous meeting ``reader`` may see, up to and including this
    meeting's."""
    since, until = previous_meeting_day(meeting, reader), meeting.date

    def window(field: str) -> Q:
        q = Q(**{f"{field}__lte": until})
        return q & Q(**{f"{field}__gt": since}) if since else q

    admitted = Party.objects.in_force().filter(window("countersigned_on")).select_related("organisation")
    completed = (
        PartyRole.objects.in_force().filter(window("completed_on")).select_related("party__organisation", "role")
    )
    return PartyUpdate(
        meeting,
        since,
        until,
        list(admitted.order_by("countersigned_on", "organisation__name")),
        list(completed.order_by("completed_on", "party__organisation__name", "role__display_order")),
    )


def party_update_text(update: PartyUpdate) -> str:
    """The update as the paper's summary gives it, in the minutes' own manner."""
    lines = []
    since = f"since {update.since:%d/%m/%Y}" if update.since else f"up to {update.until:%d/%m/%Y}"
    if update.admitted:
        lines.append(f"The following organisations have been admitted as SEC Parties {since}:")
        lines += [
            f"- {p.name} ({p.get_category_display()}), countersigned {p.countersigned_on:%d/%m/%Y}"
            for p in update.admitted
        ]
    else:
        lines.append(f"No organisation has been admitted as a SEC Party {since}.")
    if update.completed:
        lines.append(f"The following have completed the User Entry Process {since}:")
        lines += [f"- {r.party.name} as {r.role}, {r.completed_on:%d/%m/%Y}" for r in update.completed]
    else:
        lines.append(f"No Party has completed the User Entry Process for a User Role {since}.")
    return "\n".join(lines)


# Counts beyond the SSC


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    value: int | None  # None when withheld
    smallest_shown: int

    @property
    def shown(self) -> str:
        if self.value is not None:
            return str(self.value)
        if self.smallest_shown > 1:
            return f"withheld (fewer than {self.smallest_shown}, or it would identify a party)"
        return "withheld (it would identify a party)"


@dataclass(frozen=True)
class AssuranceCounts:
    since: dt.date
    until: dt.date
    smallest_shown: int
    by_kind: list[Count]
    by_status: list[Count]
    letters: list[Count]
    decisions: Count
    letters_total: Count

    def in_words(self) -> str:
        """ "5 FUSAs, 1 VUSA and 1 follow-up assessment"; "5 Director's letters after a subsequent FUSA"."""
        decisions = _sentence(f"{c.value} {_plural(_short(c.label), c.value)}" for c in self.by_kind if c.value)
        letters = _sentence(
            f"{c.value} Director's {'letter' if c.value == 1 else 'letters'} after {c.label}"
            for c in self.letters
            if c.value
        )
        return "; ".join(part for part in (decisions, letters) if part) or "None."


def _short(label: str) -> str:
    return label.split(" (")[-1].rstrip(")") if "(" in label else label[0].lower() + label[1:]


def _plural(name: str, n: int | None) -> str:
    if n == 1:
        return name
    return name + "s" if name.isupper() else name.replace("assessment", "assessments")


def _sentence(parts: Iterable[str]) -> str:
    items = list(parts)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def withhold(counts: dict[str, int], flagged: set[str], smallest_shown: int) -> dict[str, int | None]:
    """Withhold the counts below ``smallest_shown`` (but not none) and those ``flagged`` as
    including an identifying record; when exactly one count of the set is withheld, withhold the
    smallest of the others too, so it cannot be worked out from a total."""
    kept: dict[str, int | None] = {
        key: None if n and (n < smallest_shown or key in flagged) else n for key, n in counts.items()
    }
    withheld = [key for key, n in kept.items() if n is None]
    others = sorted((n, key) for key, n in kept.items() if n)
    if len(withheld) == 1 and others:
        kept[others[0][1]] = None
    return kept


def _counts(
    keys: Sequence[tuple[str, str]], rows: list[tuple[str, bool]], smallest: int
) -> tuple[list[Count], dict[str, int | None]]:
    tally = Counter(key for key, _ in rows)
    flagged = {key for key, identifying in rows if identifying}
    kept = withhold({key: tally.get(key, 0) for key, _ in keys}, flagged, smallest)
    return [Count(key, label, kept[key], smallest) for key, label in keys], kept


def assurance_counts(user: Any, since: dt.date, until: dt.date) -> AssuranceCounts:
    """The counts of a period that anyone may be given: status decisions (by the day the status
    was set) by type and by status, and Director's letters (by the day the SSC reviewed them) by
    what they follow. Every assessment in force is counted whoever asks (``user`` is for the
    same answer to all: a count names no party, and withheld counts stay withheld even for the
    SSC, so the page, API, export and paper agree)."""
    smallest = CountSuppression.in_force(until)
    decided = SecurityAssessment.objects.in_force().filter(status_set_on__range=(since, until)).exclude(status="")
    rows = list(decided.values_list("kind", "status", "is_identifying"))
    by_kind, kinds = _counts(AssessmentKind.choices, [(k, i) for k, _, i in rows], smallest)
    by_status, statuses = _counts(AssuranceStatus.choices, [(s, i) for _, s, i in rows], smallest)
    letters_q = DirectorsLetter.objects.in_force().filter(reviewed_on__range=(since, until), assessment__is_void=False)
    letter_rows = list(letters_q.values_list("trigger", "assessment__is_identifying"))
    letters, triggers = _counts(LetterTrigger.choices, letter_rows, smallest)
    any_withheld = None in kinds.values() or None in statuses.values()
    total = Count("decisions", "status decisions", None if any_withheld else len(rows), smallest)
    letters_total = Count(
        "letters", "Director's letters", None if None in triggers.values() else len(letter_rows), smallest
    )
    return AssuranceCounts(since, until, smallest, by_kind, by_status, letters, total, letters_total)


@dataclass(frozen=True)
class CountRow:
    counted: str
    label: str
    shown: str


def count_rows(found: AssuranceCounts) -> list[CountRow]:
    """The counts as rows (for the export): each set, then its total."""
    sets = [
        ("Status decisions by type", found.by_kind),
        ("Status decisions by status", found.by_status),
        ("Director's letters after", found.letters),
    ]
    rows = [CountRow(counted, c.label, c.shown) for counted, counts in sets for c in counts]
    rows.append(CountRow("Total", found.decisions.label, found.decisions.shown))
    rows.append(CountRow("Total", found.letters_total.label, found.letters_total.shown))
    return rows
