"""The performance pages' database work does not grow with the results and measures they show
(as core/tests/test_page_queries.py pins the other lists)."""

from decimal import Decimal

import pytest

from panelbook.conftest import client_for
from panelbook.core.tests.test_page_queries import counts
from panelbook.performance import services
from panelbook.performance.models import Measure, Provider
from panelbook.performance.tests.rows import START, catalogue, record

ROLES = ["public", "member", "secretariat"]


def pages(cat) -> list[str]:
    return [
        "/performance/",
        "/performance/?month=2024-03",
        "/performance/streaks/",
        "/performance/streaks/export.csv",
        "/api/performance/streaks",
        f"/performance/measures/{cat.cpm1.pk}/",
        "/performance/results/export.csv",
        "/api/performance/measures",
        "/api/performance/results",
    ]


def another_feeder(cat, number: int) -> Measure:
    provider = Provider.objects.create(code=f"p{number}", name=f"Provider {number}", prefix=f"P{number}")
    measure = Measure.objects.create(provider=provider, code="PM2", methodology_version="1", name="Feeder")
    measure.feeds.set([cat.cpm1])
    services.set_service_levels(measure, by=None, effective_from=START, target=Decimal(99), minimum=Decimal(96))
    return measure


@pytest.mark.parametrize("role", ROLES)
def test_the_pages_take_the_same_queries_for_three_times_the_results_and_measures(world, role):
    client, cat = client_for(world, role), catalogue()
    record(cat.cpm1, cat.total, ["97", "96.5", "95"])
    record(another_feeder(cat, 1), cat.region, ["95", "94", "93"])
    few = counts(client, pages(cat))
    record(cat.cpm1, cat.total, ["97", "96.5", "95", "94", "93", "92"], first=START.replace(month=4))
    record(cat.pm2, cat.region, ["95", "94", "93"] * 3)
    for number in (2, 3):
        record(another_feeder(cat, number), cat.region, ["95", "94", "93"] * 3)
    assert counts(client, pages(cat)) == few
