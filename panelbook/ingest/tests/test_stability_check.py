"""What papers state about service stability (days of stable service, counts of Major Incidents),
found in an ingested paper and checked against the incidents each reader may see, on the paper's
page and on the stability page."""

from __future__ import annotations

import datetime as dt

import pytest

from panelbook.conftest import signed_in
from panelbook.ingest import services
from panelbook.ingest.models import IngestedFile
from panelbook.ingest.pipeline import process_document
from panelbook.ingest.readers import read_bytes
from panelbook.performance import incident_services
from panelbook.performance.stability_checks import StatedCount, StatedDays, check_count, check_days
from panelbook.performance.tests.incident_rows import at, open_one, reference_data

REPORT = """This document has a Classification of Green

Paper Reference: SECP_114_0403_07

Action: For Information

SEC Panel Sub-Committee Report

1. Operations Group

Service Stability Update

SMETS2

The group heard that there were no Major Incidents in January; however, there have since been three
Major Incidents in February: two Category 1 Incidents in the north and one Category 2 Incident
affecting a single network operator.

The DCC told the group that CSP N had reached 40 days of stable service.

SMETS1

The DCC said that it has reached 200 days of stable service.

Rowan Ellis
SECAS Team
4 March 2024
"""


def found_in(text: str) -> list[dict]:
    processed = process_document(read_bytes("papers/SECP_61_report.txt", text.encode()))
    return processed.extraction.records["stability"]


def test_the_finder_reads_days_for_the_line_named_in_the_sentence_or_the_heading_above():
    days = [(r["line"], r["days"], r["on"]) for r in found_in(REPORT) if r["statement"] == "days stable"]
    assert days == [("CSP N", 40, "2024-03-04"), ("SMETS1", 200, "2024-03-04")]


def test_the_finder_reads_counts_of_major_incidents_with_their_categories_and_the_month_before_the_paper():
    counts = [
        (r["month"], r["count"], r["by_category"]) for r in found_in(REPORT) if r["statement"] == "major incidents"
    ]
    assert counts == [
        ("2024-01", 0, []),
        ("2024-02", 3, [{"category": 1, "count": 2}, {"category": 2, "count": 1}]),
    ]


@pytest.fixture
def lines(world):
    return reference_data()


def closed_incident(reference, opened, closed, *, category=2, services, major=True, **fields):
    incident = open_one(reference, opened=opened, category=category, services=services, is_major=major, **fields)
    day, time = closed.split()
    return incident_services.close_incident(incident, by=None, closed=at(day, time))


def test_days_agree_when_the_paper_is_within_a_month_of_the_records(world, lines):
    closed_incident("INC000000000201", "2024-01-20 08:00", "2024-01-24 10:00", services=[lines.csp_n])
    # 24 January to 4 March 2024 is 40 days
    checked = check_days(world.users.member, StatedDays("the report", "", 40, dt.date(2024, 3, 4), "CSP N"))
    assert checked.agrees and "40 days since INC000000000201" in checked.holds
    later = check_days(world.users.member, StatedDays("the report", "", 20, dt.date(2024, 3, 4), "csp-n"))
    assert later.agrees  # given at a meeting 20 days before the paper


def test_days_that_the_records_do_not_bear_out_say_both_figures(world, lines):
    closed_incident("INC000000000202", "2024-02-20 08:00", "2024-02-23 10:00", services=[lines.csp_n])
    checked = check_days(world.users.member, StatedDays("the report", "", 96, dt.date(2024, 3, 4), "CSP N"))
    assert checked.differences == (
        "The paper states 96 days of stable service for CSP N; from the incidents panelbook holds it had 10 "
        "on 4 March 2024 (the paper's date), 10 days since INC000000000202.",
    )


def test_days_for_a_line_panelbook_does_not_hold_cannot_be_checked(world, lines):
    checked = check_days(world.users.member, StatedDays("the report", "", 96, dt.date(2024, 3, 4), "CSP S"))
    assert checked.differences == ("“CSP S” is not a service line panelbook holds, so the figure cannot be checked.",)


def test_a_count_of_major_incidents_is_checked_in_total_and_by_category(world, lines):
    closed_incident("INC000000000203", "2024-02-05 08:00", "2024-02-05 12:00", category=1, services=[lines.smets2])
    closed_incident("INC000000000204", "2024-02-09 08:00", "2024-02-09 12:00", category=2, services=[lines.smets2])
    closed_incident(
        "INC000000000205", "2024-02-11 08:00", "2024-02-11 12:00", category=3, services=[lines.dsp], major=False
    )
    agrees = check_count(world.users.member, StatedCount("r", "", dt.date(2024, 2, 1), 2, ((1, 1), (2, 1))))
    assert agrees.agrees
    differs = check_count(world.users.member, StatedCount("r", "", dt.date(2024, 2, 1), 3, ((1, 2), (2, 1))))
    assert differs.differences == (
        "The paper counts 3 Major Incidents in February 2024; panelbook holds 2: "
        "INC000000000203 (Category 1), INC000000000204 (Category 2).",
        "The paper counts 2 Category 1 among them; panelbook holds 1.",
    )


def test_an_incident_the_reader_may_not_see_is_neither_counted_nor_named(world, lines):
    closed_incident(
        "INC000000000299",
        "2024-02-05 08:00",
        "2024-02-05 12:00",
        category=1,
        services=[lines.smets2],
        classification="RED",
        recipients=[world.users.recipient],
    )
    stated = StatedCount("r", "", dt.date(2024, 2, 1), 1, ((1, 1),))
    assert check_count(world.users.recipient, stated).agrees
    hidden = check_count(world.users.member, stated)
    assert "INC000000000299" not in " ".join([hidden.holds, *hidden.differences])
    assert hidden.differences[0] == "The paper counts 1 Major Incident in February 2024; panelbook holds 0."


def ingest_report(world, level: str) -> IngestedFile:
    text = REPORT.replace("Classification of Green", f"Classification of {level.capitalize()}")
    services.ingest(
        process_document(read_bytes("papers/SECP_61_report.txt", text.encode())), by=world.users.secretariat
    )
    return IngestedFile.objects.get()


def test_the_papers_page_and_the_stability_page_show_each_statement_checked(world, lines):
    closed_incident("INC000000000206", "2024-02-20 08:00", "2024-02-23 10:00", services=[lines.csp_n])
    stored = ingest_report(world, "GREEN")
    client = signed_in(world.users.secretariat)
    paper = client.get(stored.get_absolute_url()).content.decode()
    wrong = "The paper states 40 days of stable service for CSP N; from the incidents panelbook holds it had 10"
    assert wrong in paper
    assert (
        "The paper counts 3 Major Incidents in February 2024; panelbook holds 1: INC000000000206 (Category 2)." in paper
    )
    assert "0 Major Incidents in January 2024" in paper  # stated and borne out
    assert paper.count("Agrees") == 1
    stability = client.get("/performance/stability/").content.decode()
    assert wrong in stability and stored.name in stability


def test_a_paper_the_reader_may_not_see_states_nothing_on_the_stability_page(world, lines):
    stored = ingest_report(world, "AMBER")
    assert stored.classification == "AMBER"
    page = signed_in(world.users.other_member).get("/performance/stability/").content.decode()
    assert stored.name not in page and "What papers state" not in page
