"""The check of papers against the data: a figure an ingested paper states for a measure and month
compared with the stored result, on the review page and on the measure page; accepting stores it
through the results' own verbs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from panelbook.conftest import signed_in
from panelbook.ingest import services
from panelbook.ingest.models import IngestedFile, Proposal
from panelbook.ingest.tests.making import Paper
from panelbook.performance.models import Result
from panelbook.performance.tests.rows import catalogue, record

REPORT = Paper(
    "papers/SECP_60_report.txt",
    "SEC Panel Sub-Committee Report\nOperations Group",
    "CPM1 was at 94.65% (previously 96.10%) in the March PMR",
)


def stating(value: float, previous: float | None = None, level: str = "GREEN", **figure):
    """The report's processed output with one CPM1 figure for February 2024."""
    measure = {
        "code": "CPM1", "value": value, "previous": previous, "unit": "%", "period": "2024-02", "provider": None,
        "status": None, "source": REPORT.source("CPM1 was at 94.65%"), **figure,
    }  # fmt: skip
    document = {"reference": "SECP_60_0304_05", "title": "Sub-Committee Report", "kind": "report", "body": "PANEL",
                "date": "2024-03-04", "classification": level}  # fmt: skip
    return REPORT.processed(document, measures=[measure])


@pytest.fixture
def cat(world):
    measures = catalogue()
    record(measures.cpm1, measures.total, ["97.00", "94.57"])  # January and February 2024
    return measures


def proposal() -> Proposal:
    return Proposal.objects.get(record_type="measure")


def test_a_figure_the_data_bears_out_proposes_nothing(world, cat):
    services.ingest(stating(94.57, previous=97.0), by=world.users.secretariat)
    assert not Proposal.objects.filter(record_type="measure").exists()


def test_a_figure_that_differs_from_the_stored_value_is_an_update_naming_both(world, cat):
    services.ingest(stating(94.65), by=world.users.secretariat)
    found = proposal()
    assert (found.change, found.diff) == ("UPDATE", {"value": [94.57, 94.65]})
    assert found.warnings == [
        "The paper states CPM1 for February 2024 as 94.65%; panelbook holds 94.57%.",
        "Accepting corrects the stored result to the paper's figure; reject to keep it.",
    ]
    page = signed_in(world.users.secretariat).get(found.get_absolute_url()).content.decode()
    assert "The paper states CPM1 for February 2024 as 94.65%; panelbook holds 94.57%." in page


def test_a_previous_value_that_differs_is_named_too(world, cat):
    services.ingest(stating(94.57, previous=96.1), by=world.users.secretariat)
    assert proposal().warnings == ["The paper gives the month before (January 2024) as 96.1%; panelbook holds 97%."]


def test_accepting_a_different_figure_needs_confirming_then_corrects_through_the_verb(world, cat):
    services.ingest(stating(94.65), by=world.users.secretariat)
    with pytest.raises(Exception, match="Accepting changes CPM1 .* its value from 94.57 to 94.65"):
        services.accept_proposal(proposal(), by=world.users.secretariat)
    services.accept_proposal(proposal(), by=world.users.secretariat, confirmed=True)
    stored = Result.objects.get(month=dt.date(2024, 2, 1))
    assert stored.value == Decimal("94.65")
    reason = stored.history.latest("history_date").history_change_reason
    assert reason == "Corrected: Stated in papers/SECP_60_report.txt"


def test_a_figure_for_a_month_with_no_result_is_recorded_as_the_file_is_classified(world, cat):
    Result.objects.filter(month=dt.date(2024, 2, 1)).delete()
    services.ingest(stating(94.65), by=world.users.secretariat)
    assert proposal().change == "CREATE"
    services.accept_proposal(proposal(), by=world.users.secretariat)
    stored = Result.objects.get(month=dt.date(2024, 2, 1))
    assert (stored.value, stored.classification, stored.body) == (Decimal("94.65"), "GREEN", world.panel)
    assert stored.history.get().history_change_reason == "Stated in papers/SECP_60_report.txt"


def test_the_measure_page_shows_a_paper_that_disagrees_to_those_who_may_see_the_paper(world, cat):
    services.ingest(stating(94.65, level="AMBER"), by=world.users.secretariat)
    url = cat.cpm1.get_absolute_url()
    difference = "The paper states CPM1 for February 2024 as 94.65%; panelbook holds 94.57%."
    member_page = signed_in(world.users.member).get(url).content.decode()
    assert difference in member_page and "papers/SECP_60_report.txt" in member_page
    public_page = signed_in(world.users.party).get(url).content.decode()
    assert difference not in public_page and "SECP_60_report" not in public_page


def test_a_rejected_figure_no_longer_shows_on_the_measure_page(world, cat):
    services.ingest(stating(94.65), by=world.users.secretariat)
    services.reject_proposal(proposal(), by=world.users.secretariat, reason="The paper's figure was a draft.")
    page = signed_in(world.users.member).get(cat.cpm1.get_absolute_url()).content.decode()
    assert "The paper states CPM1" not in page


def test_the_system_ingesting_compares_with_every_result_and_stores_no_red_value(world, cat):
    Result.objects.filter(month=dt.date(2024, 2, 1)).update(classification="GREEN")
    services.ingest(stating(94.65), by=None)
    assert proposal().diff == {"value": [94.57, 94.65]}  # a GREEN result the public may not see

    Proposal.objects.all().delete()
    IngestedFile.objects.all().delete()  # the same bytes are otherwise ingested once
    Result.objects.filter(month=dt.date(2024, 2, 1)).update(classification="RED")
    services.ingest(stating(94.66), by=None)
    found = proposal()
    assert found.diff == {"value": ["(a RED record: not shown)", 94.66]}
    assert "94.57" not in " ".join(found.warnings)
    assert found.warnings[0] == "The paper's figures differ from a RED result panelbook holds (not shown)."


def test_a_scope_the_reviewer_may_not_see_neither_asks_nor_decides_which_scope_a_figure_is_for(world, cat):
    record(cat.cpm1, cat.region, ["91.00"], classification="RED", recipients=[world.users.recipient])
    services.ingest(stating(94.65), by=world.users.secretariat)
    found = proposal()
    # The secretariat sees CPM1 reported for the DCC total only, so the figure is compared with that.
    assert found.warnings[0] == "The paper states CPM1 for February 2024 as 94.65%; panelbook holds 94.57%."
    assert not any("several scopes" in warning for warning in found.warnings)
