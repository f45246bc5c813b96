"""The check of papers against the data: a figure a paper states for a measure and month ("CPM1
94.65% (previously 94.57%)") compared with the results stored, as one reader may see them.

Papers come in through ingest, a layer above this app; ingest registers what its files state
(``stated_sources``) so that a measure's page can show every difference without this app
knowing ingest. Finding the measure a paper names and the stored value it should equal is here,
so the ingest review page and the measure page say the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from panelbook.core.lib.sheets import heading_key
from panelbook.performance.levels import previous_month
from panelbook.performance.models import Measure, Result, Scope


class NotInCatalogue(LookupError):
    """The paper names a measure panelbook does not hold, or one it cannot tell apart; the message says which."""


def measure_named(code: str, provider: str | None = None) -> Measure:
    """The measure a paper names by its id (CPM1, PM2) and, for a provider's measure, the provider
    as papers write it ("CSP N", "CSP North"); the newest methodology version when several."""
    found = list(Measure.objects.select_related("provider").filter(code__iexact=code.replace(" ", "")))
    if provider:
        wanted = heading_key(provider)
        found = [m for m in found if wanted in _provider_names(m)]
    elif len(found) > 1:
        found = [m for m in found if not m.provider.prefix] or found  # a bare id is the DCC's own
    if not found:
        named = f"{provider} {code}" if provider else code
        raise NotInCatalogue(f"{named} is not a measure in panelbook's catalogue; add it there to check the figure.")
    providers = {m.provider_id for m in found}
    if len(providers) > 1:
        names = ", ".join(sorted(str(m) for m in found))
        raise NotInCatalogue(f"{code} could be {names}: give the provider.")
    return max(found, key=lambda m: m.methodology_version)


def _provider_names(measure: Measure) -> set[str]:
    return {heading_key(n) for n in (measure.provider.code, measure.provider.name, measure.provider.prefix) if n}


def scope_for(measure: Measure, named: str | None = None, results: Any = None) -> Scope | None:
    """The scope a paper's figure is for: the one it names; else the one scope the measure is
    reported for among ``results`` (the reader's, so a hidden scope is never learnt; all of them
    when not given); else, for a measure not yet reported, the scope of its provider's name. None
    when that leaves it open (``scope_question`` says what to ask)."""
    results = Result.objects.all() if results is None else results
    reported = set(results.in_force().filter(measure=measure).values_list("scope_id", flat=True).distinct()[:2])
    return _scope_among(list(Scope.objects.all()), measure, named, reported)


def _scope_among(scopes: list[Scope], measure: Measure, named: str | None, reported: set[int]) -> Scope | None:
    def called(wanted: str) -> Scope | None:
        return next((s for s in scopes if heading_key(wanted) in {heading_key(s.code), heading_key(s.name)}), None)

    if named:
        return called(named)
    if len(reported) == 1:
        return next(s for s in scopes if s.pk in reported)
    if not reported:
        return called(measure.provider.code) or called(measure.provider.name)
    return None


def scope_question(measure: Measure, named: str | None = None, results: Any = None) -> str:
    """What to ask when ``scope_for`` finds no scope (among the same ``results``)."""
    results = Result.objects.all() if results is None else results
    if named:
        return f"“{named}” is not a scope in panelbook; give one that is (DCC total, CSP North …)."
    if results.in_force().filter(measure=measure).exists():
        return f"{measure} is reported for several scopes; say which one this figure is for."
    return f"panelbook has no results of {measure} yet; say which scope this figure is for (DCC total, CSP North …)."


@dataclass(frozen=True)
class Stated:
    """A figure a paper states."""

    source: str  # the paper, in words
    url: str  # where the reader sees the statement
    measure: Measure
    month: dt.date
    value: Decimal
    previous: Decimal | None = None
    scope: str | None = None  # as the paper names it, if it does


@dataclass(frozen=True)
class Compared:
    """A stated figure beside the stored results it should equal."""

    stated: Stated
    scope: Scope | None
    stored: Result | None
    stored_previous: Result | None

    @property
    def differs(self) -> bool:
        return bool(self.differences())

    def differences(self) -> list[str]:
        """Each disagreement in a sentence; none when the paper and the data agree."""
        stated, unit = self.stated, self.stated.measure.unit
        month = f"{stated.month:%B %Y}"
        found = []
        if self.stored is not None and Decimal(self.stored.value) != stated.value:
            found.append(
                f"The paper states {stated.measure} for {month} as {_shown(stated.value, unit)}; "
                f"panelbook holds {_shown(self.stored.value, unit)}."
            )
        previous = self.stored_previous
        if stated.previous is not None and previous is not None and Decimal(previous.value) != stated.previous:
            found.append(
                f"The paper gives the month before ({previous.month:%B %Y}) as {_shown(stated.previous, unit)}; "
                f"panelbook holds {_shown(previous.value, unit)}."
            )
        return found


def _shown(value: Any, unit: str) -> str:
    text = f"{Decimal(value).normalize():f}"
    return f"{text}%" if unit == "%" else f"{text} {unit}"


def compare(readable: Any, stated: Stated) -> Compared:
    """``stated`` beside the results in ``readable`` (the reader's: ``Result.objects.visible_to``;
    a result they may not see compares as none)."""
    scope = scope_for(stated.measure, stated.scope, readable)
    months = [stated.month, previous_month(stated.month)]
    results = readable.in_force().filter(measure=stated.measure, scope=scope, month__in=months)
    held = {(r.scope_id, r.month): r for r in results.select_related("measure", "scope")} if scope else {}
    return _compared(stated, scope, held)


def _compared(stated: Stated, scope: Scope | None, held: dict[tuple[int, dt.date], Result]) -> Compared:
    if scope is None:
        return Compared(stated, None, None, None)
    before = previous_month(stated.month)
    return Compared(stated, scope, held.get((scope.pk, stated.month)), held.get((scope.pk, before)))


# What papers state, from the apps that hold papers: each a function (reader, measure) -> figures.
StatedSource = Callable[[Any, Measure], list[Stated]]
stated_sources: list[StatedSource] = []


def differences_for(user: Any, measure: Measure) -> list[Compared]:
    """Every figure the papers ``user`` may see state for ``measure`` that the results ``user``
    may see do not bear out, newest month first; three queries, however many papers."""
    stated = [figure for source in stated_sources for figure in source(user, measure)]
    if not stated:
        return []
    results = Result.objects.visible_to(user).in_force().filter(measure=measure).select_related("measure", "scope")
    held = {(r.scope_id, r.month): r for r in results}
    scopes = list(Scope.objects.all())
    reported = {scope_id for scope_id, _ in held}
    compared = [_compared(s, _scope_among(scopes, measure, s.scope, reported), held) for s in stated]
    return sorted((c for c in compared if c.differs), key=lambda c: (c.stated.month, c.stated.source), reverse=True)
