"""The performance app's part of the history matrix's canary world (core/tests/test_record_types.py)."""

import datetime as dt
from decimal import Decimal

from panelbook.performance import incident_services, services
from panelbook.performance.models import Measure, Provider, Scope, ServiceLine

MONTHS = {"WHITE": 1, "GREEN": 2, "AMBER": 3, "RED": 4}


def add(world, level: str, named: dict) -> None:
    """A monthly result and an incident at ``level``, reviewed by the Panel (so AMBER is for its members)."""
    provider, _ = Provider.objects.get_or_create(code="canary-dcc", defaults={"name": "Canary DCC"})
    scope, _ = Scope.objects.get_or_create(code="canary-total", defaults={"name": "Canary total"})
    measure, _ = Measure.objects.get_or_create(
        provider=provider, code="CPM1", methodology_version="1", defaults={"name": "Canary measure"}
    )
    services.record_result(
        by=None,
        measure=measure,
        scope=scope,
        month=dt.date(2025, MONTHS[level], 1),
        value=Decimal("97.5"),
        classification=level,
        body=world.panel,
        **named,
    )
    line, _ = ServiceLine.objects.get_or_create(code="canary-line", defaults={"name": "Canary line"})
    incident_services.open_incident(
        by=None,
        reference=f"INC{MONTHS[level]:012d}",
        title=f"Canary incident {level}",
        opened=dt.datetime(2025, MONTHS[level], 1, 9, tzinfo=dt.UTC),
        category=2,
        services=[line],
        classification=level,
        body=world.panel,
        **named,
    )
