"""Service lines, regions, targets and incidents for the incident tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.utils import timezone

from panelbook.performance import incident_services as services
from panelbook.performance.models import Incident, Region, ServiceLine


def at(day: str, time: str = "09:00") -> dt.datetime:
    """A moment in the site's time zone (Europe/London)."""
    return timezone.make_aware(dt.datetime.fromisoformat(f"{day}T{time}"))


def reference_data() -> SimpleNamespace:
    lines = {
        code: ServiceLine.objects.create(code=code, name=name, position=n)
        for n, (code, name) in enumerate(
            [("smets1", "SMETS1"), ("smets2", "SMETS2"), ("csp-n", "CSP N"), ("dsp", "DSP")]
        )
    }
    north = Region.objects.create(code="north", name="North")
    for category, hours in [(1, 4), (2, 8), (3, 24)]:
        services.set_target_resolution_time(
            by=None, category=category, effective_from=dt.date(2019, 1, 1), hours=Decimal(hours), source="Demo value"
        )
    services.set_target_resolution_time(by=None, category=4, effective_from=dt.date(2019, 1, 1), working_days=3)
    return SimpleNamespace(north=north, **{code.replace("-", "_"): line for code, line in lines.items()})


def open_one(reference: str = "INC000000000101", *, opened: str = "2024-02-13 10:27", **fields: Any) -> Incident:
    day, time = opened.split()
    return services.open_incident(
        by=fields.pop("by", None),
        reference=reference,
        title=fields.pop("title", "Multiple Users unable to install meters"),
        opened=at(day, time),
        category=fields.pop("category", 3),
        services=fields.pop("services"),
        **fields,
    )
