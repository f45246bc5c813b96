"""The DCC performance API: the catalogue of measures with their service levels, and the results.

Measures are reference data that everyone may read; results go through ``visible_to(caller)``,
filtered by ``Result.objects.matching``, as the results export is.
"""

import datetime as dt
from decimal import Decimal

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from panelbook.core.api import ClassificationValue, Day, Id, Input, PathId, list_endpoint, read_endpoint
from panelbook.core.auth import read_auth
from panelbook.performance import reports
from panelbook.performance.models import Measure, Result

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
