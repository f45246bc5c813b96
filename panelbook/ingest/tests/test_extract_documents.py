"""Extraction from documents written for these tests, in every format the readers accept.

One sub-committee report is written once below as blocks and laid out as OCR-style text, Word,
HTML, Markdown and a PDF with running headers, footers and page numbers. Every layout must give
the same records; the expected records are written by hand from the report's wording.
"""

from __future__ import annotations

import html
import textwrap
from pathlib import Path

import pytest

from panelbook.ingest.pipeline import process_document
from panelbook.ingest.readers import read_bytes
from panelbook.ingest.tests import builders

DOCUMENTS = Path(__file__).parent / "documents"
BANNER = "This document has a Classification of White"

REPORT = [
    ("para", BANNER),
    ("para", "Paper Reference: SECP_112_0304_09"),
    ("para", "Action: For Decision"),
    ("heading", 0, "SEC Panel Sub-Committee Report"),
    ("heading", 1, "1. Purpose and highlights"),
    (
        "para",
        "This paper gives the Panel an update on the work of its Sub-Committees since the last meeting and asks "
        "the Panel to note the updates.",
    ),
    ("bullet", "The TABASC approved the draft architecture roadmap subject to two changes."),
    ("heading", 1, "2. Technical Operations"),
    ("heading", 2, "2.1 TABASC Highlights"),
    ("heading", 3, "Architecture Roadmap Review"),
    (
        "para",
        "The DCC presented its draft architecture roadmap for the next three regulatory years. Members asked for a "
        "clearer view of the dependencies between the data service and the communications hub replacement "
        "programme. The TABASC approved the draft architecture roadmap subject to two changes.",
    ),
    ("heading", 3, "Benchmarking of Change Costs"),
    (
        "para",
        "SECAS presented a comparison of change costs across three recent releases. The TABASC asked for the "
        "comparison to be repeated once the next release has closed.",
    ),
    ("heading", 2, "2.2 TAG Highlights"),
    ("heading", 3, "Release 6.1 Test Completion Report"),
    (
        "para",
        "The TAG considered the completion report for Release 6.1, which covered the new SRV4.8.1 variant and "
        "fixes raised under CR4058 and SR8.2. The TAG agreed that the exit criteria had been met.",
    ),
    ("heading", 2, "2.3 Operations Group Highlights"),
    ("heading", 3, "Service Performance"),
    ("para", "The OPSG noted that one Code Performance Measure was below Target Service Level in the January PMR."),
    (
        "para",
        "CPM3 ‘Percentage of Alerts delivered within the applicable Target Response Time’ was below Target Service "
        "Level at 97.42% (previously 98.10%). It was also affected by Service Provider PM4.2 ‘Round trip time for "
        "test commands’, which was below Minimum Service Level for CSP C at 88.30% (previously 91.05%).",
    ),
    ("heading", 1, "3. Security Sub-Committee"),
    ("heading", 2, "3.1 SSC Highlights"),
    ("heading", 3, "Modification Security Reviews"),
    (
        "para",
        "The SSC reviewed the security impacts of MP231 ‘Retiring legacy certificate profiles’ and of DP305. "
        "The SSC agreed that neither proposal raised security concerns.",
    ),
    ("heading", 1, "4. Recommendations"),
    ("para", "The Panel is requested to:"),
    ("bullet", "NOTE the contents of this paper; and"),
    ("bullet", "APPROVE the architecture roadmap recommendation."),
    ("para", "Avery Quinn"),
    ("para", "SECAS Team"),
    ("para", "28 March 2024"),
    ("para", "Attachments:"),
    ("bullet", "Appendix A: Security Assessment Outcomes (RED)"),
]


def as_ocr_text(blocks) -> str:
    """Hard-wrapped at 96 characters, bullets read by OCR as "e", blank lines between paragraphs."""
    out = []
    for block in blocks:
        text = block[-1]
        if block[0] == "bullet":
            out.append("\n".join(textwrap.wrap("e " + text, 96)))
        else:
            out.append("\n".join(textwrap.wrap(text, 96)))
    return "\n\n".join(out) + "\n"


def as_html(blocks) -> str:
    parts = ["<!doctype html><html><head><title>Report</title><style>p {color: red}</style></head><body>"]
    for block in blocks:
        text = html.escape(block[-1])
        if block[0] == "heading":
            level = max(block[1], 1)
            parts.append(f"<h{level}>{text}</h{level}>")
        elif block[0] == "bullet":
            parts.append(f"<ul><li>{text}</li></ul>")
        else:
            parts.append(f"<p>{text.replace('SECAS Team', '<b>SECAS</b> Team')}</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def as_markdown(blocks) -> str:
    out = []
    for block in blocks:
        if block[0] == "heading":
            out.append("#" * max(block[1], 1) + " " + block[2])
        elif block[0] == "bullet":
            out.append("- " + block[1])
        else:
            out.append(block[1].replace("Avery Quinn", "**Avery Quinn**"))
    return "\n\n".join(out) + "\n"


def as_pdf(blocks) -> bytes:
    """Three pages with the paper's reference and title on top and the banner and page number below."""
    body = [block for block in blocks if block[-1] != BANNER]
    cut_one = body.index(("heading", 2, "2.2 TAG Highlights"))
    cut_two = body.index(("heading", 1, "3. Security Sub-Committee"))
    pages = [body[:cut_one], body[cut_one:cut_two], body[cut_two:]]
    texts = []
    for page in pages:
        lines = []
        for block in page:
            lines.append(("• " if block[0] == "bullet" else "") + block[-1])
        texts.append("\n\n".join(lines))
    return builders.make_pdf(texts, header="SECP_112_0304_09 SEC Panel Sub-Committee Report", banner=BANNER)


LAYOUTS = {
    "report.txt": lambda: as_ocr_text(REPORT).encode(),
    "report.docx": lambda: builders.make_docx(REPORT),
    "report.html": lambda: as_html(REPORT).encode(),
    "report.md": lambda: as_markdown(REPORT).encode(),
    "report.pdf": lambda: as_pdf(REPORT),
}


def extract(name: str, data: bytes):
    return process_document(read_bytes(name, data, max_bytes=10_000_000))


def comparable(extraction) -> dict:
    """The records without what depends on layout: sources, page count, line breaks inside item text."""

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("source", "file", "pages")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        if isinstance(value, str):
            return " ".join(value.split())
        return value

    return strip(extraction.as_json())


@pytest.fixture(scope="module")
def text_report():
    return extract("report.txt", LAYOUTS["report.txt"]())


def test_report_front_matter(text_report):
    document = text_report.extraction.document
    assert document == {
        **document,
        "reference": "SECP_112_0304_09",
        "title": "SEC Panel Sub-Committee Report",
        "kind": "sub-committee report",
        "date": "2024-03-28",
        "classification": "WHITE",
        "purpose": "decision",
        "author": "Avery Quinn",
        "body": "PANEL",
        "meeting": 112,
    }
    assert [(a["title"], a["classification"]) for a in document["appendices"]] == [
        ("Appendix A: Security Assessment Outcomes", "RED")
    ]


def test_report_sections_and_items(text_report):
    sections = [(s["number"], s["body"], [i["title"] for i in s["items"]]) for s in text_report.extraction.sections]
    assert sections == [
        ("1", None, []),
        ("2", None, []),
        ("2.1", "TABASC", ["Architecture Roadmap Review", "Benchmarking of Change Costs"]),
        ("2.2", "TAG", ["Release 6.1 Test Completion Report"]),
        ("2.3", "OPSG", ["Service Performance"]),
        ("3", "SSC", []),
        ("3.1", "SSC", ["Modification Security Reviews"]),
        ("4", None, []),
    ]


def test_report_records(text_report):
    extraction = text_report.extraction
    assert [(d["body"], d["verb"], d["text"], d["item"]) for d in extraction.records["decisions"]] == [
        ("TABASC", "APPROVED", "the draft architecture roadmap subject to two changes", "2.1"),
        ("TAG", "AGREED", "that the exit criteria had been met", "2.2"),
        ("SSC", "AGREED", "that neither proposal raised security concerns", "3.1"),
    ]
    assert [(m["reference"], m["title"]) for m in extraction.records["modifications"]] == [
        ("MP231", "Retiring legacy certificate profiles"),
        ("DP305", None),
    ]
    assert [
        (m["code"], m["value"], m["previous"], m["provider"], m["period"]) for m in extraction.records["measures"]
    ] == [
        ("CPM3", 97.42, 98.10, None, "2024-01"),
        ("PM4.2", 88.30, 91.05, "CSP C", "2024-01"),
    ]
    assert [(r["verb"], r["text"]) for r in extraction.records["recommendations"]] == [
        ("NOTE", "the contents of this paper"),
        ("APPROVE", "the architecture roadmap recommendation"),
    ]
    assert extraction.records["actions"] == [] and extraction.records["incidents"] == []
    (meeting,) = extraction.records["meetings"]
    assert (meeting["body"], meeting["number"], meeting["date"]) == ("PANEL", 112, "2024-04-03")


def test_sources_point_at_the_text_they_came_from(text_report):
    text = text_report.normal.text
    for record in text_report.extraction.records["measures"] + text_report.extraction.records["modifications"]:
        source = record["source"]
        assert source["file"] == "report.txt" and source["page"] == 1
        assert text[source["start"] : source["end"]].startswith(record.get("code") or record.get("reference"))


@pytest.mark.parametrize("name", ["report.docx", "report.html", "report.md", "report.pdf"])
def test_every_layout_gives_the_same_records(text_report, name):
    assert comparable(extract(name, LAYOUTS[name]()).extraction) == comparable(text_report.extraction)


def test_pdf_page_furniture_is_gone_and_pages_are_kept():
    processed = extract("report.pdf", LAYOUTS["report.pdf"]())
    assert processed.read.format == "pdf" and len(processed.read.pages) == 3
    assert "Page 2 of 3" in processed.read.pages[1]  # the furniture was there to remove
    text = processed.normal.text
    assert "Page " not in text and BANNER not in text
    assert text.count("SECP_112_0304_09") == 1  # the running header is gone; page 1's reference stays
    pages = {m["code"]: m["source"]["page"] for m in processed.extraction.records["measures"]}
    assert pages == {"CPM3": 2, "PM4.2": 2}
    mp231 = processed.extraction.records["modifications"][0]
    assert mp231["source"]["page"] == 3


def test_stale_running_footer_is_a_warning():
    pages = ["Paper Reference: SECP_112_0304_09\n\nSEC Panel Sub-Committee Report", "Body text.", "More text."]
    data = builders.make_pdf(pages, header="SECP_111_0603_09 SEC Panel Sub-Committee Report")
    extraction = extract("stale.pdf", data).extraction
    assert extraction.document["reference"] == "SECP_112_0304_09"
    assert any("SECP_111_0603_09" in warning for warning in extraction.warnings)


# Minutes and a slide pack


def test_minutes_in_ocr_text():
    extraction = extract("minutes.txt", (DOCUMENTS / "minutes.txt").read_bytes()).extraction
    assert (extraction.document["kind"], extraction.document["meeting"]) == ("minutes", 112)
    assert [(a["reference"], a["status"], a["raised"]) for a in extraction.records["actions"]] == [
        ("SECP111/04", None, False),
        ("SECP112/01", "OPEN", True),
        ("SECP112/02", "OPEN", True),
    ]
    assert extraction.records["actions"][2]["text"].startswith(
        "SECAS to convene the first Working Group meeting for MP240"
    )
    assert [(m["reference"], m["title"]) for m in extraction.records["modifications"]] == [
        ("MP240", "Shorter Referral Periods for Minor Changes")
    ]
    assert [(d["item"], d["verb"], d["majority"]) for d in extraction.records["decisions"]] == [
        ("2", "NOTED", False),
        ("2", "APPROVED", False),
        ("3", "AGREED", True),
    ]
    (meeting,) = extraction.records["meetings"]
    assert [(a["category"], a["name"]) for a in meeting["apologies"]] == [
        ("Large Suppliers", "Dana Whitlock"),
        ("Gas Network Parties", "Priya Raman"),
    ]


SLIDES = [
    ("SEC Panel Meeting 112", ["3 April 2024"]),
    ("SEC Panel Meeting 112 Agenda", ["1. Minutes and Actions Outstanding", "2. Release Planning (deferred)"]),
    ("Agenda Item 1", ["Minutes and Actions Outstanding", "Jordan Ellis (SECAS)"]),
    (
        "Actions outstanding",
        [
            (
                "table",
                [
                    ["Action Reference", "Action", "Update", "Status"],
                    ["SECP110/03", "SECAS to circulate the release calendar.", "Circulated on 2 April.", "CLOSED"],
                    ["SECP111/01", "The DCC to report on outage notices.", "Due in May.", "Open"],
                ],
            )
        ],
    ),
    ("Agenda Item 2", ["Release Planning", "Sam Okafor (DCC)"]),
    ("Next Meeting Date", ["Friday 3 May 2024"]),
]


def test_slide_pack_from_powerpoint():
    processed = extract("pack.pptx", builders.make_pptx(SLIDES))
    extraction = processed.extraction
    assert len(processed.read.pages) == 6
    document = extraction.document
    assert (document["kind"], document["meeting"], document["date"]) == ("slide pack", 112, "2024-04-03")
    (meeting,) = extraction.records["meetings"]
    assert [(a["number"], a["title"], a["note"], a["presenter"], a["organisation"]) for a in meeting["agenda"]] == [
        (1, "Minutes and Actions Outstanding", None, "Jordan Ellis", "SECAS"),
        (2, "Release Planning", "deferred", "Sam Okafor", "DCC"),
    ]
    assert meeting["next_meeting"] == "2024-05-03"
    assert [(a["reference"], a["status"], a["owner"]) for a in extraction.records["actions"]] == [
        ("SECP110/03", "CLOSED", "SECAS"),
        ("SECP111/01", "OPEN", "DCC"),
    ]
    assert extraction.records["actions"][0]["source"]["page"] == 4
