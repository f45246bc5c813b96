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
from panelbook.performance import incident_services, services
from panelbook.performance.levels import first_of_month, previous_month
from panelbook.performance.models import Incident, Measure, Provider, Region, Result, Scope, ServiceLevel, ServiceLine


def check_empty() -> None:
    if Measure.objects.exists() or Result.objects.exists():
        raise DemoConflict("The database already holds performance measures or results.")
    if Incident.objects.exists() or ServiceLine.objects.exists():
        raise DemoConflict("The database already holds incidents or service lines.")


def counts() -> dict[str, int]:
    return {
        "performance measures": Measure.objects.count(),
        "service levels": ServiceLevel.objects.count(),
        "performance results": Result.objects.count(),
        "incidents": Incident.objects.count(),
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
    _incidents(today)


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


def _incidents(today: dt.date) -> None:
    """The incidents of ``incidents.yaml``, each opened, recategorised, restored and closed
    through the incident verbs, as DCC reporting staff would have entered them."""
    document = read("incidents")
    lines = {spec["code"]: ServiceLine.objects.create(**spec) for spec in document["service_lines"]}
    regions = {spec["code"]: Region.objects.create(**spec) for spec in document["regions"]}
    since = months_back(today, document["targets_from_months_ago"])
    for spec in document["targets"]:
        hours = Decimal(str(spec["hours"])) if "hours" in spec else None
        incident_services.set_target_resolution_time(
            by=None,
            category=spec["category"],
            effective_from=since,
            hours=hours,
            working_days=spec.get("working_days"),
            source=spec["source"],
        )
    body = Body.objects.get(code=document["body"])
    for spec in document["incidents"]:
        _incident(spec, today, lines, regions, body)


def _incident(spec: dict[str, Any], today: dt.date, lines: dict, regions: dict, body: Body) -> None:
    day = months_back(today, spec["months_ago"]).replace(day=spec["day"])
    opened = timezone.make_aware(dt.datetime.combine(day, dt.time.fromisoformat(spec["at"])))

    def after(minutes: int) -> dt.datetime:
        return opened + dt.timedelta(minutes=minutes)

    (_, first), *later = spec["steps"]
    incident = incident_services.open_incident(
        by=None,
        reference=f"INC000000{spec['number']}",
        title=spec["title"],
        opened=opened,
        category=first,
        services=[lines[code] for code in spec["lines"]],
        regions=[regions[code] for code in spec.get("regions", [])],
        is_major=spec.get("major", False),
        impact=spec["impact"],
        actions_taken=spec["actions"],
        classification=spec.get("level", "WHITE"),
        body=body,
    )
    for minutes, category in later:
        why = "Escalated as more Users were affected" if category < incident.category else "Lowered as service returned"
        incident = incident_services.recategorise(incident, by=None, category=category, at=after(minutes), reason=why)
    for code, minutes in spec.get("restored", {}).items():
        incident_services.record_restoration(incident, by=None, service_line=lines[code], restored_at=after(minutes))
    if "closed" in spec:
        incident_services.close_incident(incident, by=None, closed=after(spec["closed"]), root_cause=spec.get("cause"))
