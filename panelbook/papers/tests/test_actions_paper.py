"""The "Minutes and Actions Outstanding" paper: its three tables, in Word and in PDF."""

import datetime as dt

import pypdfium2

from panelbook.actions.reports import actions_tables
from panelbook.papers import render
from panelbook.papers.document import actions_paper
from panelbook.papers.tests.conftest import pdf_pages, raise_action, table_rows, word

HEADER = ["Action Reference", "Action", "Update", "Status"]


def paper_for(meeting, user):
    return actions_paper(actions_tables(meeting, user))


def test_the_three_tables_hold_the_actions_as_they_stood_at_the_meeting(world, meeting_49):
    tables = actions_tables(meeting_49, world.users.public)
    assert [(r.reference, r.status, r.update) for r in tables.completed] == [
        ("SECP47/01", "Closed", "Published on 1 September.")
    ]
    assert [(r.reference, r.status) for r in tables.propose_to_close] == [("SECP47/03", "Propose to Close")]
    assert [r.reference for r in tables.outstanding] == ["SECP47/02", "SECP48/01"]


def test_word_tables_hold_reference_action_update_and_status(world, meeting_49):
    document = word(render.docx(paper_for(meeting_49, world.users.public)))
    completed, propose_to_close, outstanding = table_rows(document)
    assert completed == [
        HEADER,
        ["SECP47/01", "SECAS to publish the Delegations Register.", "Published on 1 September.", "Closed"],
    ]
    assert propose_to_close == [
        HEADER,
        ["SECP47/03", "OPSG to review its Terms of Reference.", "Reviewed; no changes.", "Propose to Close"],
    ]
    assert outstanding == [
        HEADER,
        ["SECP47/02", "DCC to report on the SOC2 scope.", "Report due in November.", "Open"],
        ["SECP48/01", "SECAS to circulate the activity planner.", "", "Open"],
    ]


def test_word_paper_has_headings_styles_and_a_repeating_table_header(world, meeting_49):
    document = word(render.docx(paper_for(meeting_49, world.users.public)))
    styled = [(p.style.name, p.text) for p in document.paragraphs if p.style.name != "Normal"]
    assert styled == [
        ("Title", "Minutes and Actions Outstanding"),
        ("Heading 1", "Actions completed"),
        ("Heading 1", "Actions – propose to close"),
        ("Heading 1", "Actions outstanding"),
    ]
    assert all(table.style.name == "Table Grid" for table in document.tables)
    assert 'w:tblHeader w:val="true"' in document.tables[0].rows[0]._tr.xml


def test_word_first_page_carries_reference_title_and_banner(world, meeting_49):
    texts = [p.text for p in word(render.docx(paper_for(meeting_49, world.users.public))).paragraphs]
    assert texts[:6] == [
        "Minutes and Actions Outstanding",
        "Paper Reference: SECP_49_1010_01",
        "Meeting: SEC Panel meeting 49, 10 October 2017",
        "Agenda Item: 1 – Minutes and Actions Outstanding",
        "Action: For Decision",
        "This document has a Classification of White   WHITE ",
    ]
    assert (
        "The Panel is requested to confirm that the actions above marked Closed and Propose to Close can be closed."
        in texts
    )


def test_word_header_and_footer_carry_banner_and_page_fields_on_every_page(world, meeting_49):
    section = word(render.docx(paper_for(meeting_49, world.users.public))).sections[0]
    assert section.header.paragraphs[0].text == "SECP_49_1010_01  Minutes and Actions Outstanding\t WHITE "
    footer = section.footer.paragraphs[0]
    assert footer.text == "This document has a Classification of White\tPage 1 of 1"
    instructions = [node.text.strip() for node in footer._p.iter() if node.tag.endswith("}instrText")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert not section.different_first_page_header_footer


def test_empty_tables_say_so_and_the_confirmation_line_is_left_out(world, panel_meetings):
    texts = [p.text for p in word(render.docx(paper_for(panel_meetings[0], world.users.public))).paragraphs]
    assert "No actions were closed since the last meeting." in texts
    assert "No actions are proposed to close." in texts
    assert "No actions are outstanding." in texts
    assert not any("requested to confirm" in text for text in texts)


def test_overdue_action_is_marked_in_its_status_cell(world, panel_meetings):
    raise_action(panel_meetings[0], "SECAS to write the guidance.", due_date=dt.date(2017, 9, 1))
    document = word(render.docx(paper_for(panel_meetings[1], world.users.public)))
    assert table_rows(document)[-1][1][3] == "Open\nOverdue"


def test_short_pdf_is_one_a4_page_with_banner_and_page_number(world, meeting_49):
    data = render.pdf(paper_for(meeting_49, world.users.public))
    (page,) = pdf_pages(data)
    assert "SECP_49_1010_01" in page and "This document has a Classification of White" in page
    assert "Page 1 of 1" in page
    assert "SECP47/01" in page and "Reviewed; no changes." in page
    width, height = pypdfium2.PdfDocument(data)[0].get_size()
    assert (round(width), round(height)) == (595, 842)


def test_long_pdf_repeats_header_banner_and_numbers_every_page(world, panel_meetings):
    for number in range(1, 61):
        raise_action(panel_meetings[0], f"SECAS to report on topic {number} with findings and a recommendation.")
    pages = pdf_pages(render.pdf(paper_for(panel_meetings[1], world.users.public)))
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "SECP_48_1009_01" in text and "This document has a Classification of White" in text
        assert "Action Reference" in text  # The table's header row repeats on each page.
    everything = "\n".join(pages)
    assert [everything.count(f"SECP47/{n:02d} ") for n in range(1, 61)] == [1] * 60
