"""The incident pages' database work does not grow with the incidents they show (as
test_page_queries.py pins the results' pages)."""

import pytest

from panelbook.conftest import client_for
from panelbook.core.tests.test_page_queries import counts
from panelbook.performance import incident_services as services
from panelbook.performance.tests.incident_rows import at, open_one, reference_data

ROLES = ["public", "member", "secretariat"]
PAGES = [
    "/performance/incidents/",
    "/performance/incidents/month/?month=2024-02",
    "/performance/stability/?category=3&on=2024-03-01",
    "/performance/incidents/export.csv",
    "/api/performance/incidents",
    "/api/performance/stability?since=2024-01-01&until=2024-03-01",
]


def some(ref, first: int, count: int) -> None:
    for n in range(first, first + count):
        incident = open_one(f"INC{n:012d}", opened=f"2024-02-{n:02d} 09:00", services=[ref.csp_n, ref.dsp])
        services.recategorise(incident, by=None, category=2, at=at(f"2024-02-{n:02d}", "10:00"), reason="Wider.")
        services.record_restoration(
            incident, by=None, service_line=ref.dsp, restored_at=at(f"2024-02-{n:02d}", "11:00")
        )
        services.close_incident(incident, by=None, closed=at(f"2024-02-{n:02d}", "12:00"))


@pytest.mark.parametrize("role", ROLES)
def test_the_incident_pages_take_the_same_queries_for_three_times_the_incidents(world, role):
    client, ref = client_for(world, role), reference_data()
    some(ref, 1, 2)
    few = counts(client, PAGES)
    some(ref, 3, 4)
    assert counts(client, PAGES) == few
