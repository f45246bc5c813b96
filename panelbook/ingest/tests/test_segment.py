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
