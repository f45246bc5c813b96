"""Slide sections: the title after an "Agenda Item N" slide heading, and what stays in the section."""

from panelbook.ingest.normalise import normalise
from panelbook.ingest.records import ReadDocument
from panelbook.ingest.segment import segment

PACK = """# Agenda Item 4
## Budget Review
The paper sets out next year's budget.
# Agenda Item 5
Working Group
Terms of Reference
Robin Vale (SECAS)
The group's remit is unchanged.
"""


def sections():
    read = ReadDocument("pack.md", "0" * 64, len(PACK), "markdown", [PACK])
    return segment(read, normalise(read.pages)).sections


def test_a_marked_title_without_a_presenter_keeps_the_next_line_in_the_section():
    budget = sections()[0]
    assert (budget.number, budget.title, budget.presenter) == ("4", "Budget Review", None)
    assert [block.text for block in budget.blocks] == ["The paper sets out next year's budget."]


def test_an_unmarked_title_runs_to_the_presenter():
    group = sections()[1]
    assert (group.title, group.presenter, group.organisation) == (
        "Working Group Terms of Reference",
        "Robin Vale",
        "SECAS",
    )
    assert [block.text for block in group.blocks] == ["The group's remit is unchanged."]


MINUTES = """SEC Panel Meeting 81 Minutes

1. Minutes and actions

The minutes were approved.

11. Regulator update

This item was taken early so that the observers could leave.

2. Release readiness

2.1 Testing

Testing is on plan.

3. Any other business

None was raised.
"""

OCR_REPORT = """SEC Panel Sub-Committee Report

1 Purpose

The paper updates the Panel.

2 Technical Operations

21 TABASC

The TABASC met once.

22 Operations Group

The group met twice.

3 Recommendations

NOTE the paper.
"""


def numbers(text: str) -> list[str | None]:
    read = ReadDocument("paper.txt", "0" * 64, len(text), "text", [text])
    return [section.number for section in segment(read, normalise(read.pages)).sections]


def test_an_item_taken_early_is_its_own_section_and_the_order_carries_on_after_it():
    assert numbers(MINUTES) == ["1", "11", "2", "2.1", "3"]


def test_a_number_without_its_dot_under_its_section_is_still_read_as_a_subsection():
    assert numbers(OCR_REPORT) == ["1", "2", "2.1", "2.2", "3"]
