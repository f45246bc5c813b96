"""Extraction from the three real public SEC papers in ../shared/corpus/.

Every expected value here was written by reading the papers, not by running the extractor.
The papers are not part of the project: without the folder these tests skip and say why.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from panelbook.ingest.pipeline import process_file

CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus"
REPORT_2021 = CORPUS / "000_6f942952bdb42c66.txt"
SLIDES_2019 = CORPUS / "003_552a31cac22aaa70.txt"
MINUTES_2017 = CORPUS / "004_2bd199d1195febd0.txt"

pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=f"the real SEC papers are not here ({CORPUS} is absent); corpus extraction tests skipped",
)


@pytest.fixture(scope="module")
def minutes():
    return process_file(MINUTES_2017, max_bytes=10_000_000)


@pytest.fixture(scope="module")
def report():
    return process_file(REPORT_2021, max_bytes=10_000_000)


@pytest.fixture(scope="module")
def slides():
    return process_file(SLIDES_2019, max_bytes=10_000_000)


def spanned(processed, record) -> str:
    source = record["source"]
    return processed.normal.text[source["start"] : source["end"]]


# Minutes of Panel meeting 47, August 2017


def test_minutes_are_recognised_as_panel_meeting_47(minutes):
    document = minutes.extraction.document
    assert (document["kind"], document["body"], document["meeting"]) == ("minutes", "PANEL", 47)
    assert document["title"] is None  # the minutes print no title of their own


def test_minutes_raise_actions_47_02_to_05(minutes):
    raised = {a["reference"]: a for a in minutes.extraction.records["actions"] if a["raised"]}
    assert sorted(raised) == ["SECP47/02", "SECP47/03", "SECP47/04", "SECP47/05"]
    assert {a["status"] for a in raised.values()} == {"OPEN"}
    assert {a["owner"] for a in raised.values()} == {"SECAS"}
    assert raised["SECP47/03"]["text"].startswith("SECAS to publish the Delegation register on the SEC Website")
    assert raised["SECP47/05"]["text"].endswith("for discussion at the September 2017 meeting.")
    for action in raised.values():
        assert action["reference"] in spanned(minutes, action)


def test_minutes_give_an_update_on_an_earlier_action(minutes):
    earlier = next(a for a in minutes.extraction.records["actions"] if a["reference"] == "SECP46/01")
    assert earlier["raised"] is False and earlier["text"] is None
    assert "guidance note on the technical specification versioning" in earlier["update"]
    assert "18 August 2017" in earlier["update"]  # the OCR'd superscript ("18\" August") is repaired


def test_minutes_refer_to_eight_modifications_with_ocr_repaired(minutes):
    found = {m["reference"]: m["title"] for m in minutes.extraction.records["modifications"]}
    assert sorted(found) == [
        "SECMP0010",
        "SECMP0012",
        "SECMP0013",
        "SECMP0015",
        "SECMP0019",
        "SECMP0027",
        "SECMP0040",
        "SECMP0041",
    ]
    assert found["SECMP0027"] == "Amending Service Request Forecasting"
    assert found["SECMP0040"] == "User Security Assessment Scheduling"
    assert found["SECMP0041"] == "Amending the Change Board decision making rules for Modification proposals"
    assert found["SECMP0013"] is None  # "six month extension" is what was agreed, not a title


def test_minutes_record_the_apologies(minutes):
    (meeting,) = minutes.extraction.records["meetings"]
    assert [(a["category"], a["name"]) for a in meeting["apologies"]] == [
        ("Citizen’s Advice", "Morgan Wild"),
        ("Small Suppliers", "Eric Graham"),
    ]


def test_minutes_agenda_has_23_items_with_wrapped_titles_joined(minutes):
    (meeting,) = minutes.extraction.records["meetings"]
    agenda = {line["number"]: line["title"] for line in meeting["agenda"]}
    assert list(agenda) == list(range(1, 24))
    assert agenda[3] == "Post-implementation Temporary Maintenance Schedule — request for extension"
    assert agenda[5] == "Updated Demand Profile for Security Assurance Services to the Security Sub-Committee"
    assert agenda[23] == "Any Other Business"


def test_minutes_decisions_per_item(minutes):
    verbs = defaultdict(list)
    for decision in minutes.extraction.records["decisions"]:
        assert decision["body"] == "PANEL"
        verbs[decision["item"]].append(decision["verb"])
    assert dict(verbs) == {
        "2": ["AGREED", "NOTED", "AGREED"],
        "4": ["APPROVED", "NOTED", "NOTED", "APPROVED"],
        "6": ["AGREED", "APPROVED", "DEFERRED"],
        "8": ["NOTED", "DISCUSSED", "AGREED"],
        "9": ["AGREED"],
        "10": ["AGREED"],
        "12": ["AGREED"] * 6,
        "13": ["AGREED"],
        **{str(item): ["NOTED"] for item in range(14, 23)},
    }


def test_minutes_decision_texts_and_majority(minutes):
    decisions = minutes.extraction.records["decisions"]
    extensions = next(d for d in decisions if d["item"] == "10")
    assert extensions["text"].startswith("the following extensions:")
    assert "SECMP0013 — six month extension" in extensions["text"]
    deferred = next(d for d in decisions if d["verb"] == "DEFERRED")
    assert deferred["text"].startswith("the decision on delegating responsibility for the scope and frequency")
    refinement = next(d for d in decisions if d["item"] == "13")
    assert refinement["majority"] is True
    assert [d["majority"] for d in decisions].count(True) == 1


# SEC Panel Sub-Committee Report, March 2021


def test_report_front_matter(report):
    document = report.extraction.document
    assert document["reference"] == "SECP_90_1203_27"  # OCR printed "SECP_90 1203 27"
    assert document["title"] == "SEC Panel Sub-Committee Report"
    assert document["kind"] == "sub-committee report"
    assert document["purpose"] == "decision"
    assert document["date"] == "2021-03-05"
    assert document["author"] == "Cecily Bain"
    assert (document["body"], document["meeting"]) == ("PANEL", 90)
    assert [(a["title"], a["classification"]) for a in document["appendices"]] == [
        ("Appendix A: User Security Assessments — Identified Non-Compliances", "RED")
    ]


def test_report_sections_per_sub_committee(report):
    sections = {s["number"]: s for s in report.extraction.sections}
    assert [(n, sections[n]["body"]) for n in ("2.1", "2.2", "2.3", "3.3", "3.4", "3.5")] == [
        ("2.1", "TABASC"),
        ("2.2", "TAG"),
        ("2.3", "OPSG"),
        ("3.3", "SSC"),
        ("3.4", "SMKI PMA"),
        ("3.5", "SMDA"),
    ]
    assert sections["3.1"]["body"] == "SSC"  # under "3. Security Sub-Committee and SMKI PMA"
    assert sections["4"]["title"] == "Recommendations"


def test_report_item_headings(report):
    items = {s["number"]: [i["title"] for i in s["items"]] for s in report.extraction.sections}
    assert items["2.1"] == [
        "DCC Contract Change Requirements Register",
        "Effectiveness Review Survey",
        "Data Service Provider (DSP) Outcomes and Drivers",
        "DSP Contract Extension",
        "Invitation to Tender (ITT) Progress for the Communication Hub and Network Project",
        "Lessons Learned — Network Evolution Project",
    ]
    assert items["2.2"][0] == "SMETS1 FOC Primary Release Migration Test Completion Report"
    assert items["2.2"][-1] == "Release 2.0 Fylingdales DITAD"
    assert "Code Performance Measure 1" in items["2.3"]
    assert "Supplier of Last Resort (SOLR)" in items["3.4"]
    assert items["3.4"][-1] == "SMETS1 Symmetric Keys"
    every_title = [title for titles in items.values() for title in titles]
    assert "Cecily Bain" not in every_title and "SECAS Team" not in every_title


def test_report_item_text_runs_to_the_next_heading(report):
    tabasc = next(s for s in report.extraction.sections if s["number"] == "2.1")
    survey = tabasc["items"][1]
    assert survey["text"].startswith("The TABASC agreed that the fourth iteration")
    assert survey["text"].endswith("previously issued in September 2019.")  # and no further


def test_report_performance_measures(report):
    measures = {m["code"]: m for m in report.extraction.records["measures"]}
    assert sorted(measures) == ["CPM1", "PM1.1"]
    cpm1 = measures["CPM1"]
    assert (cpm1["value"], cpm1["previous"], cpm1["provider"], cpm1["period"]) == (94.65, 94.57, None, "2020-12")
    assert cpm1["status"] == "below Target Service Level"
    pm11 = measures["PM1.1"]
    assert (pm11["value"], pm11["previous"], pm11["provider"]) == (95.19, 99.97, "Secure")
    assert pm11["status"] == "below Minimum Service Level"
    assert "94.65%" in spanned(report, cpm1)


def test_report_modifications_without_look_alikes(report):
    found = {m["reference"]: m["title"] for m in report.extraction.records["modifications"]}
    assert sorted(found) == ["MP078", "MP104", "MP122A", "MP139"]
    assert found["MP122A"] == "Operational Metrics"
    assert found["MP104"] == "Security Improvements"
    assert found["MP078"] == "Incorporation of multiple Issue Resolution Proposals into the SEC - Part 2"


def test_report_sub_committee_decisions(report):
    decisions = {(d["body"], d["verb"], d["text"]) for d in report.extraction.records["decisions"]}
    assert ("TAG", "APPROVED", "the Release 2.0 Fylingdales DITAD") in decisions
    assert ("TAG", "AGREED", "that all the SIT exit criteria had been met") in decisions
    assert any(body == "OPSG" and verb == "ENDORSED" for body, verb, _ in decisions)
    assert any(body == "SSC" and verb == "SET_STATUS" for body, verb, _ in decisions)
    assert any(body == "SMKI PMA" and verb == "APPROVED" for body, verb, _ in decisions)
    assert not any(verb == "NOTED" for _, verb, _ in decisions)  # reports note for information
    effectiveness = [d for d in report.extraction.records["decisions"] if "Effectiveness Review Survey" in d["text"]]
    assert [d["item"] for d in effectiveness] == ["2.1"]  # the highlight in section 1 is not counted twice


def test_report_recommendations(report):
    assert [(r["verb"], r["text"]) for r in report.extraction.records["recommendations"]] == [
        ("NOTE", "the contents of this paper"),
        ("ENDORSE", "the concerns raised by the Sub-Committees"),
    ]


# Slide pack of Panel meeting 67, April 2019


def test_slides_meeting_and_agenda(slides):
    document = slides.extraction.document
    assert (document["kind"], document["meeting"], document["date"]) == ("slide pack", 67, "2019-04-12")
    (meeting,) = slides.extraction.records["meetings"]
    assert meeting["next_meeting"] == "2019-05-10"
    agenda = meeting["agenda"]
    assert [line["number"] for line in agenda][:3] == [10, 1, 2]  # item 10 was brought forward
    assert sorted(line["number"] for line in agenda) == list(range(1, 24))
    first = agenda[0]
    assert (first["title"], first["note"], first["presenter"], first["organisation"]) == (
        "SECAS Contract update",
        "brought forward",
        "Sarah Gratte",
        "SECAS",
    )
    by_number = {line["number"]: line for line in agenda}
    assert (by_number[6]["presenter"], by_number[6]["organisation"]) == ("Jim Henton", "DCC")
    assert (by_number[15]["presenter"], by_number[15]["organisation"]) == ("Rob Thornes", "BEIS")


def test_slides_actions_tables(slides):
    statuses = {a["reference"]: a["status"] for a in slides.extraction.records["actions"]}
    assert statuses == {
        "SECP65/13": "CLOSED",
        "SECP66/02": "CLOSED",
        "SECP66/03": "CLOSED",
        "SECP64/02": "PROPOSE_TO_CLOSE",
        "SECP62/06": "OPEN",
        "SECP65/07": "OPEN",
        "SECP65/08": "OPEN",
        "SECP66/01": "OPEN",
        "SECP66/04": "OPEN",
    }
    published = next(a for a in slides.extraction.records["actions"] if a["reference"] == "SECP66/02")
    assert published["text"] == "SECAS to publish the Panel Information Policy v3.1 on the SEC Website"
    assert published["update"].startswith("SECAS published version 3.1 of the Panel Information Policy")
    assert spanned(slides, published).startswith("SECP66/02\tSECAS to publish")  # the <b> tags are gone


def test_slides_major_incidents_with_category_history(slides):
    incidents = {i["reference"]: i for i in slides.extraction.records["incidents"]}
    assert sorted(incidents) == ["INC000000435359", "INC000000439021", "INC000000440855"]
    first = incidents["INC000000435359"]
    assert first["title"] == "Multiple Service Users unable to perform Meter Installs"
    assert (first["opened"], first["closed"]) == ("2019-02-13T10:27", "2019-02-13T12:13")
    escalated = incidents["INC000000439021"]
    assert escalated["opened"] == "2019-03-26T12:18"
    assert [(c["at"], c["category"]) for c in escalated["categories"]] == [
        ("2019-03-26T12:18", 3),
        ("2019-03-26T13:04", 2),
        ("2019-03-26T13:46", 1),
    ]
    assert [(c["at"], c["what"]) for c in escalated["closures"]] == [
        ("2019-03-26T14:25", "Birth events"),
        ("2019-03-26T14:38", "AD1 Power Outage Alerts"),
    ]
    assert escalated["closed"] == "2019-03-26T14:38"


def test_slides_have_no_modifications(slides):
    # "on demand SRVs" and "Service Reference Variants (SRVs)" are not modification references.
    assert slides.extraction.records["modifications"] == []
