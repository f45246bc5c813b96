"""The minutes as a paper: attendance, decision blocks, action lines, confidential items, approval."""

import datetime as dt

import pytest

from panelbook.actions import services
from panelbook.actions.reports import minutes_report
from panelbook.governance import services as governance
from panelbook.governance.models import Person
from panelbook.papers import render
from panelbook.papers.document import minutes_paper
from panelbook.papers.tests.conftest import docx_text, pdf_pages, raise_action, table_rows, word


@pytest.fixture
def minuted_47(world, panel_meetings):
    """Meeting 47: two present, one apology, a decision block and an action under item 2."""
    m47 = panel_meetings[0]
    chair, member, apology = (Person.objects.create(name=n) for n in ("Alex Chair", "Morgan Field", "Sam Reed"))
    governance.record_attendance(m47, chair, by=None, status="PRESENT", represents="INDEPENDENT")
    governance.record_attendance(m47, member, by=None, status="PRESENT", represents="LARGE_SUPPLIER")
    governance.record_attendance(m47, apology, by=None, status="APOLOGIES", represents="CONSUMER")
    item = m47.agenda_items.get(number=2)
    minutes = services.start_minutes(m47, by=None)
    services.write_minute(minutes, item, by=None, narrative="SECAS presented the register.\nThe Panel discussed it.")
    for verb, text in [("NOTED", "the contents of the paper"), ("APPROVED", "the Delegations Register")]:
        services.record_decision(by=None, meeting=m47, agenda_item=item, verb=verb, text=text)
    services.record_decision(by=None, meeting=m47, agenda_item=item, verb="DEFERRED", text="the SOC2 decision.")
    raise_action(m47, "SECAS to publish the Delegations Register.", agenda_item=item)
    return minutes


def paragraphs(data: bytes) -> list[tuple[str, str]]:
    return [(p.style.name if p.style else "", p.text) for p in word(data).paragraphs]


def test_decision_block_is_a_bulleted_list_of_capitalised_verbs(world, minuted_47):
    data = render.docx(minutes_paper(minutes_report(minuted_47, world.users.public)))
    found = paragraphs(data)
    start = found.index(("Heading 1", "2. Delegations Register"))
    assert found[start : start + 8] == [
        ("Heading 1", "2. Delegations Register"),
        ("Normal", "SECAS presented the register."),
        ("Normal", "The Panel discussed it."),
        ("Normal", "The Panel:"),
        ("List Bullet", "NOTED the contents of the paper;"),
        ("List Bullet", "APPROVED the Delegations Register; and"),
        ("List Bullet", "DEFERRED the SOC2 decision."),
        ("Normal", "ACTION SECP47/01: SECAS to publish the Delegations Register."),
    ]


def test_attendees_and_apologies_are_tables_by_category(world, minuted_47):
    data = render.docx(minutes_paper(minutes_report(minuted_47, world.users.public)))
    assert table_rows(word(data)) == [
        [["Category", "Name"], ["Independent (Chair)", "Alex Chair"], ["Large Supplier Parties", "Morgan Field"]],
        [["Category", "SEC Panel Members"], ["Consumer members", "Sam Reed"]],
    ]


def test_minutes_end_with_the_closing_line(world, minuted_47):
    data = render.docx(minutes_paper(minutes_report(minuted_47, world.users.public)))
    assert paragraphs(data)[-1] == ("Normal", "There was no other business and the Chair closed the meeting.")


def test_draft_minutes_say_draft_on_the_first_page_and_every_page(world, minuted_47):
    data = render.docx(minutes_paper(minutes_report(minuted_47, world.users.public)))
    assert ("Normal", "Status: Draft: not yet approved.") in paragraphs(data)
    assert word(data).sections[0].header.paragraphs[0].text.startswith("SECP_47_1008_MINUTES  Minutes (Draft)\t")


def test_approved_minutes_say_where_and_when_they_were_approved(world, panel_meetings, minuted_47):
    services.approve_minutes(minuted_47, by=None, at_meeting=panel_meetings[1])
    minuted_47.refresh_from_db()
    pages = pdf_pages(render.pdf(minutes_paper(minutes_report(minuted_47, world.users.public))))
    assert "Status: Approved at Panel meeting 48 on 10 September 2017." in pages[0]
    assert "(Draft)" not in pages[0]


@pytest.fixture
def confidential_item(world, panel_meetings, minuted_47):
    m47 = panel_meetings[0]
    secret = governance.add_agenda_item(m47, by=None, title="CANARY User CIO demand", classification="AMBER")
    confidential = services.start_minutes(m47, by=None, confidential=True)
    services.write_minute(confidential, secret, by=None, narrative="CANARY narrative of the demand profile.")
    services.record_decision(by=None, meeting=m47, agenda_item=secret, verb="NOTED", text="CANARY demand figures")
    return confidential


def test_public_minutes_keep_a_placeholder_line_for_a_confidential_item(world, minuted_47, confidential_item):
    data = render.docx(minutes_paper(minutes_report(minuted_47, world.users.member)))
    found = paragraphs(data)
    start = found.index(("Heading 1", "3. Confidential item"))
    assert found[start + 1][1] == (
        "This item was taken in confidential session. It is recorded in the Confidential Minutes of this meeting."
    )
    assert "CANARY" not in docx_text(data)


def test_confidential_minutes_hold_the_item_in_full(world, minuted_47, confidential_item):
    report = minutes_report(confidential_item, world.users.member)
    pages = pdf_pages(render.pdf(minutes_paper(report)))
    text = " ".join(pages)
    assert "Confidential Minutes" in text and "SECP_47_1008_MINUTES_CONF" in text
    assert "3. CANARY User CIO demand" in text
    assert "CANARY narrative of the demand profile." in text and "NOTED CANARY demand figures." in text
    assert "This document has a Classification of Amber" in pages[0]
    assert "Delegations Register" not in text


def test_minutes_approved_ex_committee_say_so(world, minuted_47):
    services.approve_minutes(minuted_47, by=None, on=dt.date(2017, 8, 30))
    minuted_47.refresh_from_db()
    data = render.docx(minutes_paper(minutes_report(minuted_47, world.users.public)))
    assert ("Normal", "Status: Approved ex-committee on 30 August 2017.") in paragraphs(data)
