"""The DCC performance API: the catalogue of measures with their service levels, and the results.

Measures are reference data that everyone may read; results go through ``visible_to(caller)``,
filtered by ``Result.objects.matching``, as the results export is.
"""

import datetime as dt
from decimal import Decimal

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError as InputError

from panelbook.core.api import ClassificationValue, Day, Id, Input, PathId, list_endpoint, read_endpoint
from panelbook.core.auth import read_auth
from panelbook.performance import incident_reports, reports
from panelbook.performance.levels import first_of_month, previous_month
from panelbook.performance.models import CategoryChange, Incident, Measure, Provider, Restoration, Result, Scope

router = Router(auth=read_auth)


class LevelsOut(Schema):
    effective_from: dt.date
    target: Decimal
    minimum: Decimal
    source: str


class MeasureOut(Schema):
    id: int
    provider: str = Field(description="The provider's code: dcc, csp-north, dsp …")
    code: str = Field(description="CPM1, PM2, PM1.1 …; unique with the provider and methodology version.")
    methodology_version: str
    name: str
    definition: str
    unit: str
    direction: str = Field(description="HIGHER or LOWER: which way is better.")
    service_levels: list[LevelsOut]
    feeds: list[int] = Field(description="Ids of the Code Performance Measures this measure is an input to.")

    @staticmethod
    def resolve_provider(obj: Measure) -> str:
        return obj.provider.code

    @staticmethod
    def resolve_feeds(obj: Measure) -> list[int]:
        return [cpm.pk for cpm in obj.feeds.all()]


class ResultOut(Schema):
    id: int
    measure: int
    scope: str = Field(description="The scope's code: dcc-total, csp-north …")
    month: dt.date = Field(description="The first day of the month the result is for.")
    value: Decimal
    classification: ClassificationValue

    @staticmethod
    def resolve_measure(obj: Result) -> int:
        return obj.measure_id

    @staticmethod
    def resolve_scope(obj: Result) -> str:
        return obj.scope.code


class ResultFilters(Input):
    provider: str | None = Field(None, max_length=30, description="Only this provider's measures (its code).")
    scope: str | None = Field(None, max_length=30, description="Only this scope (its code).")
    measure: Id | None = Field(None, description="Only this measure (its id).")
    since: Day | None = Field(None, description="Only months from this day on.")
    until: Day | None = Field(None, description="Only months up to this day.")


@list_endpoint(router, "/performance/measures", MeasureOut, tags=["Performance"], summary="List measures")
def list_measures(user) -> QuerySet:
    """The catalogue: every Code Performance Measure and provider measure, with its service levels."""
    return reports.measures()


@read_endpoint(router, "/performance/measures/{measure_id}", MeasureOut, tags=["Performance"], summary="One measure")
def get_measure(request, measure_id: PathId):
    """One measure with its service levels and the CPMs it feeds."""
    return get_object_or_404(reports.measures(), pk=measure_id)


@list_endpoint(
    router,
    "/performance/results",
    ResultOut,
    tags=["Performance"],
    summary="List monthly results",
    filters=ResultFilters,
    order=("measure_id", "scope_id", "month"),
)
def list_results(user) -> QuerySet:
    """Monthly results the caller may see, by measure, scope and month."""
    return Result.objects.visible_to(user).in_force().select_related("scope")


class StreakFilters(Input):
    provider: str | None = Field(None, max_length=30, description="Only this provider's measures (its code).")
    scope: str | None = Field(None, max_length=30, description="Only this scope (its code).")


class StreakOut(Schema):
    measure: int = Field(description="The measure's id.")
    name: str = Field(description="The measure as papers name it: CPM1, CSP N PM2 …")
    scope: str = Field(description="The scope's code.")
    latest_month: dt.date = Field(description="The first day of the latest month with a result.")
    value: Decimal
    months_below_target: int
    months_below_minimum: int
    words: str = Field(description="“below Target for the last 17 months”.")


class StreaksOut(Schema):
    streaks: list[StreakOut] = Field(description="Longest run first.")


@read_endpoint(router, "/performance/streaks", StreaksOut, tags=["Performance"], summary="Runs below Target")
def get_streaks(request, query: Query[StreakFilters]):
    """Each measure and scope whose latest month the caller may see was below its Target, with the
    months in a row it has been below Target and below Minimum, worked out from the results the
    caller may see."""
    provider = Provider.objects.filter(code=query.provider).first() if query.provider else None
    scope = Scope.objects.filter(code=query.scope).first() if query.scope else None
    if (query.provider and provider is None) or (query.scope and scope is None):
        return {"streaks": []}
    return {"streaks": reports.streak_rows(request.auth, provider=provider, scope=scope)}


# Incidents


class CategoryChangeOut(Schema):
    at: dt.datetime
    category: int = Field(description="1 (most severe) to 5.")
    reason: str


class RestorationOut(Schema):
    service_line: str = Field(description="The service line's code.")
    restored_at: dt.datetime

    @staticmethod
    def resolve_service_line(obj: Restoration) -> str:
        return obj.service_line.code


class IncidentOut(Schema):
    id: int
    reference: str = Field(description="INC and its digits.")
    title: str
    services: list[str] = Field(description="Codes of the service lines it affected.")
    regions: list[str] = Field(description="Codes of the regions it affected.")
    opened: dt.datetime
    closed: dt.datetime | None
    category: int = Field(description="The category it is in now.")
    worst_category: int = Field(description="The most severe category it reached, by which it is counted and judged.")
    categories: list[CategoryChangeOut] = Field(description="Its category history, oldest first.")
    restorations: list[RestorationOut]
    is_major: bool
    impact: str
    actions_taken: str
    root_cause: str = Field(description="Empty while it is under investigation.")
    classification: ClassificationValue

    @staticmethod
    def resolve_services(obj: Incident) -> list[str]:
        return [s.code for s in obj.services.all()]

    @staticmethod
    def resolve_regions(obj: Incident) -> list[str]:
        return [r.code for r in obj.regions.all()]

    @staticmethod
    def resolve_categories(obj: Incident) -> list[CategoryChange]:
        return list(obj.changes.all())

    @staticmethod
    def resolve_restorations(obj: Incident) -> list[Restoration]:
        return list(obj.restorations.all())


class IncidentFilters(Input):
    category: int | None = Field(None, ge=1, le=5, description="Only incidents whose most severe category was this.")
    line: str | None = Field(None, max_length=30, description="Only incidents affecting this service line (its code).")
    month: Day | None = Field(None, description="Only incidents opened in the month of this day.")
    open: bool | None = Field(None, description="true: only open ones; false: only closed ones.")
    major: bool | None = Field(None, description="Only Major Incidents (true) or only the others (false).")


@list_endpoint(
    router,
    "/performance/incidents",
    IncidentOut,
    tags=["Performance"],
    summary="List incidents",
    filters=IncidentFilters,
    order=("-opened", "reference"),
)
def list_incidents(user) -> QuerySet:
    """Incidents the caller may see, newest first; void ones are left out."""
    return incident_reports.readable(user)


@read_endpoint(
    router, "/performance/incidents/{incident_id}", IncidentOut, tags=["Performance"], summary="One incident"
)
def get_incident(request, incident_id: PathId):
    """One incident with its category history and restorations."""
    return get_object_or_404(incident_reports.readable(request.auth), pk=incident_id)


class PeriodQuery(Input):
    since: Day | None = Field(None, description="The first month (any day of it); 11 months before `until` if empty.")
    until: Day | None = Field(None, description="The last month (any day of it); this month if empty.")
    category: int = Field(
        2, ge=1, le=5, description="Days of stable service since an incident of this category or worse."
    )


class MonthCountsOut(Schema):
    month: dt.date
    counts: dict[str, int] = Field(description="Incidents opened that month, by the most severe category reached.")


class StabilityOut(Schema):
    service_line: str = Field(description="The service line's code.")
    days: int | None = Field(description="Days of stable service; null when it had no such incident.")
    since: str | None = Field(description="The reference of the incident counted from.")
    still_open: bool
    words: str


class StabilityFiguresOut(Schema):
    first_month: dt.date
    last_month: dt.date
    on: dt.date = Field(description="The day the days of stable service are counted to: the last of the period.")
    category: int
    months: list[MonthCountsOut]
    totals: dict[str, int]
    major: list[str] = Field(description="References of the Major Incidents opened in the period.")
    stability: list[StabilityOut]


def _figures(figures: incident_reports.StabilityFigures) -> dict:
    return {
        "first_month": figures.first_month,
        "last_month": figures.last_month,
        "on": figures.on,
        "category": figures.category,
        "months": [{"month": m, "counts": {str(c): n for c, n in counts.items()}} for m, counts in figures.by_month],
        "totals": {str(c): n for c, n in figures.totals.items()},
        "major": [i.reference for i in figures.major],
        "stability": [
            {
                "service_line": line.code,
                "days": found.days,
                "since": found.since.reference if found.since else None,
                "still_open": found.still_open,
                "words": found.in_words(),
            }
            for line, found in figures.stability
        ],
    }


@read_endpoint(
    router, "/performance/stability", StabilityFiguresOut, tags=["Performance"], summary="Incident counts and stability"
)
def get_stability(request, query: Query[PeriodQuery]):
    """For a period of months: incidents opened each month by category, the Major Incidents, and
    each service line's days of stable service on the period's last day, from the incidents the
    caller may see."""
    until = first_of_month(query.until or timezone.localdate())
    since = first_of_month(query.since) if query.since else _months_before(until, 11)
    if since > until:
        raise InputError([{"loc": ["query", "since"], "msg": "The first month comes after the last (“until”)."}])
    figures = incident_reports.stability_figures(
        request.auth, first_month=since, last_month=until, category=query.category
    )
    return _figures(figures)


def _months_before(month: dt.date, count: int) -> dt.date:
    for _ in range(count):
        month = previous_month(month)
    return month
