"""The SEC Panel Sub-Committee Report, written from records made here: its numbered sections and
item headings, how often each body met, the counts of assurance decisions and Director's letters,
the measures below Target with their values, previous values and runs, in the Word file and the
PDF; what it leaves out; its RED appendix for named readers only; and issuing it, frozen."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from panelbook.actions import services as actions
from panelbook.assurance import services as assurance
from panelbook.assurance.models import CountSuppression
from panelbook.assurance.tests.helpers import holding, party, role, ssc
from panelbook.conftest import client_for, signed_in
from panelbook.governance import services as governance
from panelbook.governance.models import Body, Paper
from panelbook.ingest.pipeline import process_document
from panelbook.ingest.readers import read_bytes
from panelbook.papers import render, services
from panelbook.papers.subcommittee import subcommittee_report
from panelbook.papers.subcommittee_document import appendix_paper, subcommittee_paper
from panelbook.papers.tests.conftest import docx_text, pdf_pages, word
from panelbook.performance.tests import incident_rows
from panelbook.performance.tests.rows import catalogue, record

D = dt.date
AMBER_ITEM = "CANARY-amber-tabasc-item-71c3"
RED_FINDING = "CANARY-red-finding-c0a9"
MEASURE_SENTENCE = (
    "CPM1 ‘On-demand on time’ (DCC total) was below Target Service Level at 97.00% (previously 97.50%). "
    "It has been below Target for the last 2 months."
)
EXPECTED_HEADINGS = [
    "1. Purpose and highlights",
    "2. Technical Operations",
    "2.1 TABASC Highlights",
    "Effectiveness Review Survey",
    "Network design review",
    "2.2 OPSG Highlights",
    "CSP North performance",
    "Service Performance",
    "CPM1 On-demand on time (DCC total)",
    "Service Stability",
    "3. Security Sub-Committee and SMKI PMA",
    "3.1 Assurance and Compliance Status Decisions",
    "3.2 Director's Letters",
    "3.3 SSC Highlights",
    "Security Controls Framework update",
    "4. SMDA Sub-Committee",
    "5. Recommendations",
]


def meeting(body, number, day, *titles, **fields):
    starts = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
    made = governance.create_meeting(
        by=None, body=body, number=number, starts_at=starts, ends_at=starts + dt.timedelta(hours=2), **fields
    )
    items = [governance.add_agenda_item(made, by=None, title=title) for title in titles]
    return made, items


def paper_for(item, summary, **fields):
    return governance.create_paper(
        by=None, agenda_item=item, title=item.title, paper_date=item.meeting.date, summary=summary, **fields
    )


@pytest.fixture
def records(world):
    """Panel meetings 47 (11 March 2024) and 48 (10 April 2024, item 2 the report); between them
    TABASC met twice, OPSG and the SSC once; TABASC also met before the period."""
    panel47, _ = meeting(world.panel, 47, D(2024, 3, 11), "Minutes and Actions Outstanding")
    panel48, _ = meeting(
        world.panel, 48, D(2024, 4, 10), "Minutes and Actions Outstanding", "SEC Panel Sub-Committee Report"
    )
    _, (old,) = meeting(world.tabasc, 59, D(2024, 3, 1), "Old business from February")
    paper_for(old, "Before the period.")
    _, (minutes, survey) = meeting(
        world.tabasc, 60, D(2024, 3, 15), "Minutes and Actions Outstanding", "Effectiveness Review Survey"
    )
    paper_for(minutes, "The minutes of TABASC 59.")
    paper_for(survey, "The fourth survey of Users on the DCC's effectiveness.")
    actions.record_decision(
        by=None, body=world.tabasc, meeting=survey.meeting, agenda_item=survey, verb="AGREED",
        text="that the survey is sent in May", decided_on=D(2024, 3, 15),
    )  # fmt: skip
    _, (design, amber) = meeting(world.tabasc, 61, D(2024, 4, 2), "Network design review", AMBER_ITEM)
    paper_for(design, "The DCC's design for the next network.")
    governance.update_agenda_item(amber, by=None, classification="AMBER")
    opsg = Body.objects.create(
        code="opsg", name="Operations Group", short_name="OPSG", paper_prefix="OPSG", action_prefix="OPSG"
    )
    _, (csp,) = meeting(opsg, 20, D(2024, 3, 20), "CSP North performance")
    paper_for(csp, "Firmware delivery in the north is still below the service level.")
    cat = catalogue()
    record(cat.cpm1, cat.total, ["99.50", "97.50", "97.00"])  # January to March: below Target for two months
    lines = incident_rows.reference_data()
    incident_rows.open_one(
        "INC000000000301", opened="2024-03-04 08:15", category=2, services=[lines.smets2], is_major=True,
        title="Install failures for SMETS2 meters",
    )  # fmt: skip
    body = ssc(world)
    _, (scf,) = meeting(body, 30, D(2024, 3, 25), "Security Controls Framework update")
    paper_for(scf, "Changes to the Security Controls Framework for cloud-hosted systems.")
    _assessments(world, body)
    return panel48


def _assessments(world, body):
    CountSuppression.objects.create(effective_from=D(2000, 1, 1), smallest_shown=1)
    for number, kind in enumerate(["FUSA", "FUSA", "SSA"]):
        p = party(f"Assessed Energy {number}", acceded=D(2023, 1, 5))
        holding(p)
        assessment = assurance.record_assessment(
            by=None, party=p, role=role(), body=body, kind=kind, cio="Independent Assurance Ltd",
            reported_on=D(2024, 3, 1),
        )  # fmt: skip
        assurance.set_status(assessment, by=None, status="APPROVED", set_on=D(2024, 3, 20), set_by=body)
        if number == 0:
            assurance.record_finding(assessment, by=None, finding=RED_FINDING, control="G5.14")
            assurance.record_letter(
                by=None,
                assessment=assessment,
                trigger="INITIAL_FUSA",
                received_on=D(2024, 3, 10),
                reviewed_on=D(2024, 3, 25),
            )


def word_headings(data: bytes) -> list[str]:
    return [p.text for p in word(data).paragraphs if p.style is not None and p.style.name.startswith("Heading")]


def report_for(world, panel48, level="WHITE", user=None):
    report = subcommittee_report(panel48, user or world.users.secretariat, level)
    return subcommittee_paper(report)


def test_the_report_has_its_sections_and_items_in_order_in_word_and_pdf(world, records):
    paper = report_for(world, records)
    assert paper.reference == "SECP_48_1004_02"
    assert word_headings(render.docx(paper)) == EXPECTED_HEADINGS
    pdf = " ".join(pdf_pages(render.pdf(paper)))
    positions = [pdf.index(heading) for heading in EXPECTED_HEADINGS]
    assert positions == sorted(positions)
    assert "Paper Reference: SECP_48_1004_02" in pdf
    assert "Page 1 of" in pdf


def test_it_says_how_often_each_body_met_and_what_each_item_was(world, records):
    for text in (
        docx_text(render.docx(report_for(world, records))),
        " ".join(pdf_pages(render.pdf(report_for(world, records)))),
    ):
        assert "The TABASC met twice in the period." in text
        assert "The OPSG met once in the period." in text
        assert "The SSC met once in the period." in text
        assert "The fourth survey of Users on the DCC's effectiveness." in text
        assert "The TABASC agreed that the survey is sent in May." in text
        assert "Old business from February" not in text
        assert "The minutes of TABASC 59." not in text


def test_the_assurance_counts_and_the_measure_figures_are_in_the_tables(world, records):
    data = render.docx(report_for(world, records))
    rows = [[cell.text for cell in row.cells] for table in word(data).tables for row in table.rows]
    assert ["Full User Security Assessment (FUSA)", "2"] in rows
    assert ["Security Self-Assessment (SSA)", "1"] in rows
    assert ["an initial FUSA", "1"] in rows
    text = docx_text(data)
    assert "The SSC set the compliance status after 3 User Security Assessments" in text
    assert "The SSC reviewed 1 Director's letter between" in text
    assert "1 incident opened" in text
    assert "INC000000000301 Install failures for SMETS2 meters (Category 2, opened 4 March 2024)" in text
    assert "Appendix A: User Security Assessments – Identified Non-Compliances (RED)" in text
    pdf = " ".join(pdf_pages(render.pdf(report_for(world, records))))
    assert "Full User Security Assessment (FUSA) 2" in pdf
    for said in (text, pdf):
        assert MEASURE_SENTENCE in said


def test_an_amber_item_is_only_in_a_report_for_an_amber_audience(world, records):
    assert AMBER_ITEM not in docx_text(render.docx(report_for(world, records, "WHITE")))
    assert AMBER_ITEM in docx_text(render.docx(report_for(world, records, "AMBER")))
    assert AMBER_ITEM not in docx_text(render.docx(report_for(world, records, "AMBER", world.users.member)))


def test_the_red_detail_is_only_in_the_appendix_and_only_for_named_readers(world, records):
    for level in ("WHITE", "GREEN", "AMBER", "RED"):
        assert RED_FINDING not in docx_text(render.docx(report_for(world, records, level)))
    named = subcommittee_report(records, world.users.ssc_member, "RED")
    assert RED_FINDING in " ".join(pdf_pages(render.pdf(appendix_paper(named))))
    member = subcommittee_report(records, world.users.member, "RED")
    assert RED_FINDING not in " ".join(pdf_pages(render.pdf(appendix_paper(member))))


def test_the_secretariat_s_text_flags_and_omissions_change_the_draft(world, records):
    items = {i.heading: i for i in subcommittee_report(records, world.users.secretariat, "WHITE").items}
    survey, design = items["Effectiveness Review Survey"], items["Network design review"]
    secretary = world.users.secretariat
    services.edit_item(
        records, survey.key, by=secretary, text="Our own words on the survey.", flagged=False, omitted=False
    )
    services.save_draft(
        records, by=world.users.secretariat, flagged=[survey.key], omitted=[design.key], author="Ada Clerk"
    )
    text = docx_text(render.docx(report_for(world, records)))
    assert "Our own words on the survey." in text
    assert "The fourth survey of Users" not in text
    assert "Network design review" not in text
    assert "Ada Clerk" in text
    highlights = report_for(world, records).blocks[3]
    assert highlights.items == ["Our own words on the survey."]


def test_issuing_stores_a_frozen_version_and_its_red_appendix_for_named_readers(world, records):
    issued = services.issue_subcommittee_report(
        records, by=world.users.secretariat, level="WHITE", recipients=[world.users.ssc_member]
    )
    report, appendix = issued
    paper = report.paper
    assert (paper.reference, paper.classification, report.pdf.version) == ("SECP_48_1004_02", "WHITE", 1)
    assert (appendix.appendix.label, appendix.appendix.classification) == ("Appendix A", "RED")
    stored = report.pdf.file.read()
    public = client_for(world, "public")
    assert public.get(report.pdf.get_absolute_url()).status_code == 200
    assert public.get(appendix.pdf.get_absolute_url()).status_code == 404
    assert client_for(world, "member").get(appendix.pdf.get_absolute_url()).status_code == 404
    assert signed_in(world.users.ssc_member).get(appendix.pdf.get_absolute_url()).status_code == 200
    assert public.get(f"/issued/{appendix.pk}/word/").status_code == 404
    assert RED_FINDING.encode() not in stored

    survey = Paper.objects.get(title="Effectiveness Review Survey")
    governance.update_paper(survey, by=None, summary="A summary written after the report was issued.")
    report.pdf.refresh_from_db()
    report.pdf.file.open("rb")
    assert report.pdf.file.read() == stored
    later = services.issue_subcommittee_report(records, by=world.users.secretariat, level="WHITE", with_appendix=False)
    assert [i.pdf.version for i in later] == [2]
    assert "A summary written after" in " ".join(pdf_pages(later[0].pdf.file.read()))
    assert "A summary written after" not in " ".join(pdf_pages(stored))


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_issued_report_reads_back_through_the_ingest_as_it_was_written(world, records, fmt):
    paper = report_for(world, records)
    data = render.docx(paper) if fmt == "docx" else render.pdf(paper)
    extraction = process_document(read_bytes(f"report.{fmt}", data)).extraction
    assert extraction.document["reference"] == "SECP_48_1004_02"
    assert extraction.document["kind"] == "sub-committee report"
    sections = {s["number"]: s for s in extraction.sections}
    assert [(n, sections[n]["body"]) for n in ("2.1", "2.2", "3.3")] == [
        ("2.1", "TABASC"),
        ("2.2", "OPSG"),
        ("3.3", "SSC"),
    ]
    items = {n: [i["title"] for i in sections[n]["items"]] for n in ("2.1", "3.3")}
    assert items == {
        "2.1": ["Effectiveness Review Survey", "Network design review"],
        "3.3": ["Security Controls Framework update"],
    }
    (cpm1,) = [m for m in extraction.records["measures"] if m["code"] == "CPM1"]
    assert (cpm1["value"], cpm1["previous"], cpm1["status"]) == (97.0, 97.5, "below Target Service Level")
    assert [(r["verb"], r["text"]) for r in extraction.records["recommendations"]] == [
        ("NOTE", "the contents of this paper"),
        ("ENDORSE", "the concerns raised by the Sub-Committees"),
    ]


def test_a_count_below_the_threshold_is_withheld_in_words_and_in_the_table(world, records):
    CountSuppression.objects.create(effective_from=D(2024, 1, 1), smallest_shown=3)
    text = docx_text(render.docx(report_for(world, records)))
    assert "The SSC set the compliance status after User Security Assessments (how many is withheld" in text
    rows = [
        [c.text for c in row.cells]
        for table in word(render.docx(report_for(world, records))).tables
        for row in table.rows
    ]
    assert ["Full User Security Assessment (FUSA)", "withheld (fewer than 3, or it would identify a party)"] in rows
    assert ["Full User Security Assessment (FUSA)", "2"] not in rows


def test_an_appendix_a_the_issuer_may_not_see_is_never_written_to(world, records):
    item = records.agenda_items.get(title="SEC Panel Sub-Committee Report")
    paper = paper_for(item, "The report as first circulated.")
    hidden = governance.add_appendix(
        paper,
        by=None,
        label="Appendix A",
        title="Earlier detail",
        classification="RED",
        recipients=[world.users.recipient],
    )
    with pytest.raises(ValidationError) as refused:
        services.issue_subcommittee_report(records, by=world.users.secretariat, level="WHITE")
    assert "already has an Appendix A" in str(refused.value)
    assert hidden.files.count() == 0
    assert paper.files.count() == 0  # nothing of the issue is kept: the report's version went with it


def test_a_report_item_the_reader_may_not_see_is_never_named(world, records):
    item = records.agenda_items.get(title="SEC Panel Sub-Committee Report")
    governance.update_agenda_item(
        item, by=None, title="CANARY-red-report-item-5b1e", classification="RED", recipients=[world.users.recipient]
    )
    governance.add_agenda_item(records, by=None, title="SEC Panel Sub-Committee Report (hidden copy)")
    governance.update_agenda_item(
        records.agenda_items.get(title="SEC Panel Sub-Committee Report (hidden copy)"),
        by=None,
        classification="RED",
        recipients=[world.users.recipient],
    )
    report = subcommittee_report(records, world.users.secretariat, "RED")
    assert report.agenda_item is None and report.reference == "SECP_48_1004"
    with pytest.raises(ValidationError) as refused:
        services.issue_subcommittee_report(records, by=world.users.secretariat, level="WHITE")
    assert "that you may see at WHITE or below" in str(refused.value)
