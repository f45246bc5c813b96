"""Text a user typed prints as typed: typst and HTML markup characters are never read as markup."""

import datetime as dt

import pytest

from panelbook.actions import services
from panelbook.actions.reports import actions_tables
from panelbook.papers import pdf, render
from panelbook.papers.document import Paper, Paragraph, actions_paper
from panelbook.papers.tests.conftest import pdf_pages, raise_action, table_rows, word

AWKWARD = 'Pay #1 $5 *now* _soon_ <b>bold</b> [see] \\ @ref // "quoted" £10 – done'


@pytest.fixture
def awkward_paper(world, panel_meetings):
    action = raise_action(panel_meetings[0], f"SECAS to {AWKWARD}")
    services.add_update(action, by=None, text='#set page(width: 1cm) #panic("no") $x^2$', on=dt.date(2017, 9, 1))
    return actions_paper(actions_tables(panel_meetings[1], world.users.public))


def test_pdf_prints_markup_characters_literally(awkward_paper):
    text = " ".join(pdf_pages(render.pdf(awkward_paper)))
    assert f"SECAS to {AWKWARD}" in text
    assert '#set page(width: 1cm) #panic("no") $x^2$' in text


def test_word_cells_hold_the_text_exactly(awkward_paper):
    outstanding = table_rows(word(render.docx(awkward_paper)))[-1]
    assert outstanding[1][1:3] == [f"SECAS to {AWKWARD}", '#set page(width: 1cm) #panic("no") $x^2$']


def test_html_escapes_the_text(awkward_paper):
    html = render.html(awkward_paper)
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "<b>bold</b>" not in html


def test_a_reference_and_title_with_markup_characters_reach_the_pdf_as_data(world):
    paper = Paper("REF_#1_$", "Title *with* [marks]", "Running _title_", "GREEN", [("Note", "<x>")], [Paragraph("@a")])
    assert pdf.paper_data(paper)["title"] == "Title *with* [marks]"
    text = " ".join(pdf_pages(render.pdf(paper)))
    assert "REF_#1_$ Running _title_" in text and "Title *with* [marks]" in text and "Note: <x>" in text
    assert "This document has a Classification of Green" in text
