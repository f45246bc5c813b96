"""The Change Status Report: written from the register for its reader, at the level asked for."""

import datetime as dt

import pytest
from django.utils import timezone

from panelbook.conftest import client_for
from panelbook.modifications import services
from panelbook.papers.tests.conftest import docx_text, pdf_pages, word

LEVELS = ("WHITE", "GREEN", "AMBER", "RED")


def canary(level: str) -> str:
    return f"CANARY-csr-{level}-5d2b"


@pytest.fixture
def register(world):
    today = timezone.localdate()
    made = {}
    release = services.create_release(
        by=None, name="Next SEC Release", kind="AD_HOC", date=today + dt.timedelta(days=40), sec_version="70.0"
    )
    for number, level in enumerate(LEVELS, start=401):
        modification = services.raise_modification(
            by=None,
            reference=f"MP{number}",
            title=canary(level),
            body=world.panel,
            issue="An issue.",
            path="PATH_3",
            raised_on=today - dt.timedelta(days=200),
            classification=level,
            recipients=[world.users.recipient] if level == "RED" else None,
        )
        services.set_timetable(
            modification, by=None, milestones=[("Refinement Consultation", today - dt.timedelta(days=10))]
        )
        services.set_target_release(modification, by=None, release=release)
        made[level] = modification
    finished = services.raise_modification(
        by=None,
        reference="MP420",
        title="Withdrawn lately",
        body=world.panel,
        issue="An issue.",
        path="PATH_3",
        raised_on=today - dt.timedelta(days=100),
    )
    services.move_to_stage(finished, by=None, stage="WITHDRAWN", on=today - dt.timedelta(days=3))
    return made


def texts(client, level):
    query = f"?level={level}"
    page = client.get(f"/modifications/reports/change-status/{query}")
    word = client.get(f"/modifications/reports/change-status.docx{query}")
    pdf = client.get(f"/modifications/reports/change-status.pdf{query}")
    assert page.status_code == word.status_code == pdf.status_code == 200
    return {"page": page.content.decode(), "word": docx_text(word.content), "pdf": " ".join(pdf_pages(pdf.content))}


@pytest.mark.parametrize(
    ("role", "level", "shown"),
    [
        ("public", "WHITE", {"WHITE"}),
        ("public", "AMBER", {"WHITE"}),  # asking for a higher level shows nothing more than the reader may see
        ("member", "GREEN", {"WHITE", "GREEN"}),
        ("member", "AMBER", {"WHITE", "GREEN", "AMBER"}),
        ("secretariat", "WHITE", {"WHITE"}),  # the secretariat's WHITE paper holds only WHITE rows
        ("recipient", "RED", {"WHITE", "GREEN", "RED"}),
    ],
)
def test_each_format_holds_only_what_the_reader_may_see_at_that_level(world, register, role, level, shown):
    for name, text in texts(client_for(world, role), level).items():
        for each in LEVELS:
            assert (canary(each) in text) == (each in shown), (role, level, name, each)


def test_the_paper_reads_as_a_status_report(world, register):
    word = texts(client_for(world, "secretariat"), "AMBER")["word"]
    assert "Change Status Report" in word and "This document has a Classification of Amber" in word
    assert "Refinement Process" not in word  # no modification is in refinement
    assert "Modification Proposal" in word and "Refinement Consultation" in word
    assert "3 modifications in progress, 3 of them behind their timetable" in word
    assert "Withdrawn lately" in word and "NOTE" in word


def test_an_unknown_level_is_a_clear_404(world, register):
    response = client_for(world, "public").get("/modifications/reports/change-status/?level=PURPLE")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("role", "level", "shown"),
    [
        ("public", "WHITE", {"WHITE"}),
        ("member", "AMBER", {"WHITE", "GREEN", "AMBER"}),
        ("secretariat", "GREEN", {"WHITE", "GREEN"}),
        ("recipient", "RED", {"WHITE", "GREEN", "RED"}),
    ],
)
def test_the_releases_section_lists_only_what_the_reader_may_see_in_scope(world, register, role, level, shown):
    client = client_for(world, role)
    found = texts(client, level)
    paper = word(client.get(f"/modifications/reports/change-status.docx?level={level}").content)
    release_tables = [t for t in paper.tables if "For this release" in t.rows[0].cells[-1].text]
    found["word"] = "\n".join(cell.text for t in release_tables for row in t.rows for cell in row.cells)
    for name, text in found.items():
        section = text.split("5. Forthcoming SEC releases")[1].split("6. Recommendation")[0] if name != "word" else text
        assert name == "word" or ("Next SEC Release" in section and "SEC version 70.0" in section), name
        for each, modification in register.items():
            assert (modification.reference in section) == (each in shown), (role, level, name, each)
