"""A small catalogue for the performance tests: CPM1 fed by CSP North's PM2, with results."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from panelbook.performance import services
from panelbook.performance.levels import next_month
from panelbook.performance.models import Measure, Provider, Scope

START = dt.date(2024, 1, 1)


def catalogue() -> SimpleNamespace:
    dcc = Provider.objects.create(code="dcc", name="DCC", position=0)
    north = Provider.objects.create(code="csp-north", name="CSP North", prefix="CSP N", position=1)
    total = Scope.objects.create(code="dcc-total", name="DCC total")
    region = Scope.objects.create(code="csp-north", name="CSP North")
    cpm1 = Measure.objects.create(provider=dcc, code="CPM1", methodology_version="1", name="On-demand on time")
    pm2 = Measure.objects.create(provider=north, code="PM2", methodology_version="1", name="Firmware on time")
    pm2.feeds.set([cpm1])
    for measure in (cpm1, pm2):
        services.set_service_levels(measure, by=None, effective_from=START, target=Decimal(99), minimum=Decimal(96))
    return SimpleNamespace(cpm1=cpm1, pm2=pm2, total=total, region=region)


def record(measure, scope, values: list[str], first: dt.date = START, **fields) -> list:
    made, month = [], first
    for value in values:
        made.append(
            services.record_result(by=None, measure=measure, scope=scope, month=month, value=Decimal(value), **fields)
        )
        month = next_month(month)
    return made
