"""The figures page, its API and its CSV: the same numbers, read through the gate.

Two WHITE Fast-Track modifications implemented in 2025: MP501 raised Mon 6 Jan, implemented Mon 20
Jan (10 working days, 14 days); MP502 raised Mon 3 Feb, implemented Mon 10 Feb (5 and 7). An AMBER
one, MP503, took five years (raised 6 Jan 2020, implemented 6 Jan 2025): a Panel member sees it and
its median; the public does not, and their median is that of the two WHITE ones alone.
"""

import csv
import datetime as dt
import io

import pytest

from panelbook.conftest import client_for
from panelbook.modifications import services

D = dt.date


def implemented(world, number, raised, approved, done, level="WHITE"):
    modification = services.raise_modification(
        by=None,
        reference=f"MP{number}",
        title=f"Fast-Track {number}",
        body=world.panel,
        issue="A typing error in Section H.",
        path="FAST_TRACK",
        raised_on=raised,
        classification=level,
    )
    modification = services.move_to_stage(modification, by=None, stage="APPROVED", on=approved)
    return services.move_to_stage(modification, by=None, stage="IMPLEMENTED", on=done)


@pytest.fixture
def register(world):
    implemented(world, 501, D(2025, 1, 6), D(2025, 1, 13), D(2025, 1, 20))
    implemented(world, 502, D(2025, 2, 3), D(2025, 2, 5), D(2025, 2, 10))
    implemented(world, 503, D(2020, 1, 6), D(2020, 3, 2), D(2025, 1, 6), level="AMBER")


def fast_track(answer):
    return next(p for p in answer.json()["paths"] if p["path"] == "FAST_TRACK")


def test_the_public_median_is_moved_only_by_what_the_public_may_see(world, register):
    public = fast_track(client_for(world, "public").get("/api/modifications/figures"))
    assert public["modifications"] == 2
    assert public["working_days"] == {"count": 2, "median": 7.5, "mean": 7.5}
    assert public["calendar_days"] == {"count": 2, "median": 10.5, "mean": 10.5}


def test_a_panel_member_who_may_see_the_amber_one_has_it_in_their_median(world, register):
    member = fast_track(client_for(world, "member").get("/api/modifications/figures"))
    assert member["modifications"] == 3
    assert member["working_days"]["median"] == 10.0  # of 5, 10 and MP503's five years
    assert member["calendar_days"]["median"] == 14.0


def test_the_page_shows_the_same_numbers_to_each_reader(world, register):
    public = client_for(world, "public").get("/modifications/figures/").content.decode()
    member = client_for(world, "member").get("/modifications/figures/").content.decode()
    assert "over the 2 modifications you may see" in public and "over the 3 modifications you may see" in member
    fast = '<th scope="row">Fast-Track Self-Governance</th><td>{}</td><td>{}</td>'
    assert fast.format(2, "7.5") in public
    assert fast.format(3, "10") in member


def test_the_csv_has_the_same_numbers_and_leaves_out_the_amber_one_for_the_public(world, register):
    answer = client_for(world, "public").get("/modifications/figures/export.csv")
    lines = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig"))))
    fast = next(line for line in lines if line["Stage, path or assessment"] == "Fast-Track Self-Governance")
    assert (fast["Modifications"], fast["Median working days"], fast["Mean calendar days"]) == ("2", "7.5", "10.5")
    # Time at Approved: MP501 13→20 Jan (5 working days), MP502 5→10 Feb (3): never MP503's years.
    approved = next(line for line in lines if line["Stage, path or assessment"] == "Approved")
    assert (approved["Modifications"], approved["Median working days"]) == ("2", "4.0")


def test_the_period_raised_narrows_the_figures(world, register):
    answer = client_for(world, "member").get("/api/modifications/figures?raised_from=2025-02-01")
    assert answer.json()["modifications"] == 1
    assert fast_track(answer)["working_days"]["median"] == 5.0
    page = client_for(world, "member").get("/modifications/figures/?raised_to=2024-12-31").content.decode()
    assert "over the 1 modification you may see raised to 31 December 2024" in page


def test_a_period_that_ends_before_it_starts_is_refused_on_each_surface(world, register):
    query = "raised_from=2025-02-01&raised_to=2025-01-01"
    client = client_for(world, "public")
    api = client.get(f"/api/modifications/figures?{query}")
    assert api.status_code == 400 and "ends before it starts" in api.content.decode()
    page = client.get(f"/modifications/figures/?{query}").content.decode()
    assert "The “raised_to” filter is not valid" in page and "Fast-Track Self-Governance" not in page
    export = client.get(f"/modifications/figures/export.csv?{query}")
    assert export.status_code == 400 and "ends (01/01/2025) before it starts (01/02/2025)" in export.content.decode()


def test_assessment_turnaround_leaves_out_void_assessments(world, register):
    modification = services.raise_modification(
        by=None,
        reference="MP504",
        title="In progress",
        body=world.panel,
        issue="An issue.",
        path="PATH_3",
        raised_on=D(2025, 1, 6),
    )
    kept = services.request_assessment(
        modification, by=None, kind="PRELIMINARY", requested_on=D(2025, 1, 6), due_on=D(2025, 1, 8)
    )
    services.record_assessment_return(kept, by=None, delivered_on=D(2025, 1, 10))  # 4 working days, late
    voided = services.request_assessment(
        modification, by=None, kind="PRELIMINARY", requested_on=D(2025, 1, 13), due_on=D(2025, 1, 15)
    )
    services.void_assessment(voided, by=None, reason="Entered twice.")
    preliminary = client_for(world, "public").get("/api/modifications/figures").json()["assessments"][0]
    assert preliminary == {
        "kind": "PRELIMINARY",
        "modifications": 1,
        "turnaround": {"count": 1, "median": 4.0, "mean": 4.0},
        "returned_late": 1,
        "overdue": 0,
    }


def test_the_register_links_to_the_figures(world):
    assert 'href="/modifications/figures/"' in client_for(world, "public").get("/modifications/").content.decode()
