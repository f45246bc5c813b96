"""The DCC performance demo: the catalogue of ``performance.yaml`` and its monthly results.

Providers, scopes and measures are reference data, made as the admin would; service levels and
results go through ``performance.services``. The last result of each series is for the month
before the day of loading, so the month at a glance always has a month to show.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from panelbook.demo.conflict import DemoConflict
from panelbook.demo.documents import read
from panelbook.governance.models import Body
from panelbook.performance import services
from panelbook.performance.levels import first_of_month, previous_month
from panelbook.performance.models import Measure, Provider, Result, Scope, ServiceLevel


def check_empty() -> None:
    if Measure.objects.exists() or Result.objects.exists():
        raise DemoConflict("The database already holds performance measures or results.")


def counts() -> dict[str, int]:
    return {
        "performance measures": Measure.objects.count(),
        "service levels": ServiceLevel.objects.count(),
        "performance results": Result.objects.count(),
    }


def months_back(today: dt.date, count: int) -> dt.date:
    month = first_of_month(today)
    for _ in range(count):
        month = previous_month(month)
    return month


def build(now: dt.datetime) -> None:
    today = timezone.localdate(now)
    document = read("performance")
    providers = {p["code"]: Provider.objects.create(**p) for p in document["providers"]}
    scopes = {s["code"]: Scope.objects.create(**s) for s in document["scopes"]}
    measures = {}
    for spec in document["measures"]:
        measures[(spec["provider"], spec["code"])] = _measure(spec, providers, document, today)
    for spec in document["measures"]:
        feeds = [measures[("dcc", code)] for code in spec.get("feeds", [])]
        measures[(spec["provider"], spec["code"])].feeds.set(feeds)
    body = Body.objects.get(code=document["body"])
    for spec in document["results"]:
        measure = measures[(spec["provider"], spec["measure"])]
        values = spec["values"]
        for index, value in enumerate(values):
            month = months_back(today, len(values) - index)
            services.record_result(
                by=None, measure=measure, scope=scopes[spec["scope"]], month=month, value=Decimal(str(value)), body=body
            )


def _measure(spec: dict[str, Any], providers: dict, document: dict, today: dt.date) -> Measure:
    measure = Measure.objects.create(
        provider=providers[spec["provider"]],
        code=spec["code"],
        methodology_version=document["methodology_version"],
        name=spec["name"],
        definition=spec["definition"],
    )
    first = months_back(today, document["levels_from_months_ago"])
    services.set_service_levels(
        measure,
        by=None,
        effective_from=first,
        target=Decimal(str(spec["target"])),
        minimum=Decimal(str(spec["minimum"])),
    )
    if later := spec.get("later"):
        services.set_service_levels(
            measure,
            by=None,
            effective_from=months_back(today, later["months_ago"]),
            target=Decimal(str(later["target"])),
            minimum=Decimal(str(later["minimum"])),
            source=later["source"],
        )
    return measure
