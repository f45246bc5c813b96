"""The register's pages take the same queries for three times the rows (core/tests/test_page_queries.py
pins the other apps' pages the same way): modifications with overdue and returned DCC assessments."""

import datetime as dt

import pytest

from panelbook.conftest import client_for
from panelbook.core.tests.test_page_queries import counts
from panelbook.governance import services as governance
from panelbook.modifications import services
from panelbook.modifications.models import Release

URLS = [
    "/modifications/",
    "/modifications/?assessment_overdue=yes",
    "/modifications/export.csv",
    "/modifications/assessments/export.csv",
    "/api/modifications",
    "/api/dcc-assessments",
    "/modifications/MP400/",
    "/api/modifications/MP400",
    "/releases/",
    "/releases/export.csv",
    "/api/releases",
    "/modifications/figures/",
    "/modifications/figures/export.csv",
    "/api/modifications/figures",
]


def add_assessed(world, first: int, count: int) -> None:
    """``count`` modifications from MP<first>, each with a returned Preliminary Assessment (its document
    a paper) and an overdue Impact Assessment, all targeting a new release; MP400 gets a further pair
    each time."""
    release = services.create_release(by=None, name=f"Release {first}", kind="AD_HOC", date=dt.date(2026, 2, 2))
    for number in range(first, first + count):
        modification = services.raise_modification(
            by=None,
            reference=f"MP{number}",
            title="Assessed",
            body=world.panel,
            issue="An issue.",
            path="PATH_3",
            raised_on=dt.date(2025, 1, 6),
        )
        assess(world, modification, number)
        services.set_target_release(modification, by=None, release=release)
    from panelbook.modifications.models import Modification

    assess(world, Modification.objects.get(reference="MP400"), first + 1000)


def assess(world, modification, number: int) -> None:
    paper = governance.create_paper(
        by=None, body=world.panel, reference=f"DCC_PA_{number}", title="Assessment", paper_date=world.today
    )
    returned = services.request_assessment(
        modification, by=None, kind="PRELIMINARY", requested_on=dt.date(2025, 1, 13), due_on=dt.date(2025, 2, 3)
    )
    services.record_assessment_return(returned, by=None, delivered_on=dt.date(2025, 2, 3), document=paper)
    open_one = modification.assessments.filter(kind="IMPACT", delivered_on__isnull=True).first()
    if open_one is not None:
        services.record_assessment_return(open_one, by=None, delivered_on=dt.date(2025, 3, 3))
    services.request_assessment(
        modification, by=None, kind="IMPACT", requested_on=dt.date(2025, 3, 3), due_on=dt.date(2025, 5, 1)
    )


@pytest.mark.parametrize("role", ["public", "member", "secretariat"])
def test_the_register_pages_take_the_same_queries_for_three_times_the_rows(world, role):
    client = client_for(world, role)
    add_assessed(world, 400, 2)
    first = Release.objects.get().pk
    urls = [*URLS, f"/releases/{first}/", f"/api/releases/{first}"]
    few = counts(client, urls)
    add_assessed(world, 402, 4)
    assert counts(client, urls) == few
