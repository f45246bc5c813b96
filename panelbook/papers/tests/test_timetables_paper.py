"""The Modification Timetables paper: every open modification's timetable with its chart, for its
reader, at the level asked for, in HTML, Word and PDF."""

import datetime as dt
import io

import docx
import pytest

from panelbook.conftest import client_for
from panelbook.modifications import services
from panelbook.modifications.reports import timetables_report
from panelbook.papers import render
from panelbook.papers.document import timetables_paper
from panelbook.papers.tests.conftest import docx_text, pdf_pages

LEVELS = ("WHITE", "GREEN", "AMBER", "RED")
BASE = "/modifications/reports/timetables"


def canary(level: str) -> str:
    return f"CANARY-mtt-{level}-81c4"


@pytest.fixture
def register(world):
    """One open modification at each level, with a two-milestone timetable extended once; one
    finished modification, which the paper leaves out; one open with no timetable."""
    made = {}
    for number, level in enumerate(LEVELS, start=501):
        modification = services.raise_modification(
            by=None,
            reference=f"MP{number}",
            title=canary(level),
            body=world.panel,
            issue="An issue.",
            path="PATH_3",
            raised_on=dt.date(2025, 1, 6),
            classification=level,
            recipients=[world.users.recipient] if level == "RED" else None,
        )
        first, second = services.set_timetable(
            modification,
            by=None,
            milestones=[
                (f"Consultation {canary(level)}", dt.date(2025, 3, 3)),
                ("Modification Report", dt.date(2025, 4, 1)),
            ],
        )
        services.record_milestone_reached(first, by=None, on=dt.date(2025, 3, 5))
        services.extend_timetable(
            modification,
            by=None,
            from_milestone=second,
            working_days_added=10,
            reason="The Working Group met again.",
            decision_reference="SECP_140 item 6",
            agreed_on=dt.date(2025, 3, 20),
        )
        made[level] = modification
    finished = services.raise_modification(
        by=None,
        reference="MP520",
        title="Withdrawn one",
        body=world.panel,
        issue="I.",
        path="PATH_3",
        raised_on=dt.date(2025, 1, 6),
    )
    services.set_timetable(finished, by=None, milestones=[("Modification Report", dt.date(2025, 4, 1))])
    services.move_to_stage(finished, by=None, stage="WITHDRAWN", on=dt.date(2025, 2, 3))
    services.raise_modification(
        by=None,
        reference="DP521",
        title="Not yet timetabled",
        body=world.panel,
        issue="I.",
        path="PATH_3",
        raised_on=dt.date(2025, 2, 3),
    )
    return made


def fetched(client, level):
    query = f"?level={level}"
    page, word, pdf = client.get(f"{BASE}/{query}"), client.get(f"{BASE}.docx{query}"), client.get(f"{BASE}.pdf{query}")
    assert page.status_code == word.status_code == pdf.status_code == 200
    return page.content, word.content, pdf.content


def texts(client, level):
    page, word, pdf = fetched(client, level)
    return {"page": page.decode(), "word": docx_text(word), "pdf": " ".join(pdf_pages(pdf))}


@pytest.mark.parametrize(
    ("role", "level", "shown"),
    [
        ("public", "WHITE", {"WHITE"}),
        ("public", "AMBER", {"WHITE"}),
        ("member", "AMBER", {"WHITE", "GREEN", "AMBER"}),
        ("secretariat", "GREEN", {"WHITE", "GREEN"}),
        ("secretariat", "RED", {"WHITE", "GREEN", "AMBER"}),  # RED only to its named recipient
        ("recipient", "RED", {"WHITE", "GREEN", "RED"}),
    ],
)
def test_each_format_holds_only_what_the_reader_may_see_at_that_level(world, register, role, level, shown):
    for name, text in texts(client_for(world, role), level).items():
        for each in LEVELS:
            assert (canary(each) in text) == (each in shown), (role, level, name, each)


def rendered(world, as_of):
    paper = timetables_paper(timetables_report(world.users.public, as_of=as_of, classification="WHITE"))
    return {
        "page": render.html(paper),
        "word": docx_text(render.docx(paper)),
        "pdf": " ".join(pdf_pages(render.pdf(paper))),
    }


def test_each_timetable_gives_baseline_plan_reached_slippage_and_the_rule(world, register):
    for name, text in rendered(world, dt.date(2025, 3, 25)).items():
        # Tue 1 Apr 2025 + 10 Working Days is Tue 15 Apr 2025 (no bank holiday between).
        assert "01/04/2025" in text and "15/04/2025" in text, name
        assert "10 WD" in text, name
        assert "2 WD" in text, name  # Mon 3 Mar -> Wed 5 Mar 2025
        assert "extended (SECP_140 item 6)" in text, name
        assert "The Working Group met again." in text, name
        assert "DP521" in text and "Not yet timetabled" in text, name
        assert "Withdrawn one" not in text, name
        assert "1 open modification with a timetable, 0 of them late" in text, name


def test_the_chart_is_in_every_format_with_its_words(world, register):
    page, word, pdf = fetched(client_for(world, "public"), "WHITE")
    assert b'<img src="data:image/svg+xml;base64,' in page and b"Timetable of MP501: Consultation" in page
    pictures = docx.Document(io.BytesIO(word)).inline_shapes
    assert len(pictures) == 1
    assert pictures[0]._inline.docPr.get("descr").startswith("Timetable of MP501: Consultation CANARY-mtt-WHITE")
    assert b"/Alt" in pdf and b"Timetable of MP501: Consultation CANARY-mtt-WHITE" in pdf  # tagged with its words


def test_the_modification_page_shows_its_chart(world, register):
    page = client_for(world, "public").get(register["WHITE"].get_absolute_url()).content.decode()
    assert '<img src="data:image/svg+xml;base64,' in page
    assert "Modification Report: baseline 01/04/2025, planned 15/04/2025, not yet reached." in page
