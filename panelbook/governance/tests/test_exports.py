"""The meetings and papers lists: their filters on the page and their CSV and XLSX exports."""

import csv
import io

import pytest
from openpyxl import load_workbook

from panelbook.conftest import ENTITLED_LEVELS, client_for
from panelbook.governance import services
from panelbook.governance.exports import MEETINGS, PAPERS

LEVELS = ("WHITE", "AMBER", "RED")


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def text_of(response, fmt: str) -> str:
    if fmt == "csv":
        return response.content.decode("utf-8-sig")
    sheet = load_workbook(io.BytesIO(response.content)).active
    return " ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None)


@pytest.fixture
def papers(world, make_meeting):
    """A WHITE meeting with a paper at each level, and an AMBER meeting with a WHITE paper in it."""
    meeting = make_meeting(number=47, by=None)
    for level in LEVELS:
        services.create_paper(
            by=None,
            body=world.panel,
            meeting=meeting,
            reference=f"SECP_47_{level}",
            title=f"canary-{level} paper",
            paper_date=world.today,
            classification=level,
            recipients=[world.users.recipient] if level == "RED" else None,
        )
    hidden_meeting = make_meeting(number=48, days_ahead=20, classification="AMBER", by=None)
    services.create_paper(
        by=None,
        body=world.panel,
        meeting=hidden_meeting,
        reference="SECP_48_01",
        title="canary-AMBER meeting's paper",
        paper_date=world.today,
    )
    return meeting


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("role", ["public", "party", "other_member", "member", "recipient"])
def test_hidden_papers_never_appear_in_the_papers_export(world, papers, role, fmt):
    text = text_of(client_for(world, role).get(f"/papers/export.{fmt}"), fmt)
    seen = {level for level in LEVELS if f"canary-{level}" in text}
    assert seen == {level for level in LEVELS if level in ENTITLED_LEVELS[role]}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_public_export_of_meetings_leaves_out_a_hidden_meeting(world, papers, fmt):
    text = text_of(client_for(world, "public").get(f"/meetings/export.{fmt}"), fmt)
    assert "SEC Panel meeting 47" in text
    assert "SEC Panel meeting 48" not in text
    assert "SEC Panel meeting 48" in text_of(client_for(world, "member").get(f"/meetings/export.{fmt}"), fmt)


def test_the_papers_csv_has_a_row_per_visible_paper_with_its_meeting(world, papers):
    response = client_for(world, "public").get("/papers/export.csv")
    assert response["Content-Disposition"] == f'attachment; filename="papers-{world.today:%Y-%m-%d}.csv"'
    header, *rows = csv_rows(response)
    assert header == PAPERS.titles
    assert rows == [
        [
            "SECP_47_WHITE",
            "canary-WHITE paper",
            "Panel",
            "Panel meeting 47",
            "",
            "For Information",
            "",
            world.today.isoformat(),
            "Current",
            "WHITE",
        ]
    ]


def test_the_meetings_xlsx_has_the_titles_and_the_meeting(world, papers):
    response = client_for(world, "public").get("/meetings/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == MEETINGS.titles
    assert [c.value for c in sheet[2]][:3] == ["Panel", 47, "SEC Panel meeting 47"]


def test_the_exports_take_the_list_filters(world, papers):
    member = client_for(world, "member")
    rows = csv_rows(member.get("/papers/export.csv?classification=AMBER&q=canary"))
    assert [r[0] for r in rows[1:]] == ["SECP_47_AMBER"]
    rows = csv_rows(member.get(f"/papers/export.csv?meeting={papers.pk}&body=panel"))
    assert sorted(r[0] for r in rows[1:]) == ["SECP_47_AMBER", "SECP_47_WHITE"]
    rows = csv_rows(member.get(f"/meetings/export.csv?date_from={papers.date:%Y-%m-%d}&date_to={papers.date:%Y-%m-%d}"))
    assert [r[1] for r in rows[1:]] == ["47"]


def test_a_bad_filter_of_an_export_answers_400_naming_it(world):
    response = client_for(world, "public").get("/meetings/export.csv?date_from=31/02/2017")
    assert (response.status_code, response.content.decode()) == (
        400,
        "The “date_from” filter is not valid: Enter a valid date.",
    )
    assert client_for(world, "public").get("/papers/export.pdf").status_code == 404


def test_the_list_pages_link_their_exports_with_their_filters(world, papers):
    body = client_for(world, "public").get("/papers/?q=canary&page=1").content.decode()
    assert 'href="/papers/export.csv?q=canary"' in body
    body = client_for(world, "public").get("/meetings/?body=panel").content.decode()
    assert 'href="/meetings/export.xlsx?body=panel"' in body


def test_the_meetings_page_filters_by_status_and_date(world, papers, make_meeting):
    meeting = make_meeting(number=49, days_ahead=30)
    services.cancel_meeting(meeting, by=None, reason="No quorum.")
    body = client_for(world, "public").get("/meetings/?status=CANCELLED").content.decode()
    assert "SEC Panel meeting 49" in body and "SEC Panel meeting 47" not in body


@pytest.mark.parametrize(
    "url, problem",
    [
        ("/meetings/?date_from=31/02/2017", "The “date_from” filter is not valid: Enter a valid date."),
        ("/meetings/?status=SOMETIMES", "The “status” filter is not valid: Select a valid choice."),
        ("/papers/?meeting=0", "The “meeting” filter is not valid: Ensure this value is greater than"),
        (f"/papers/?meeting={2**63}", "The “meeting” filter is not valid: Ensure this value is less than"),
        ("/papers/?q=" + "x" * 301, "The “q” filter is not valid: Ensure this value has at most 300"),
    ],
)
def test_a_bad_filter_on_a_list_page_says_what_is_wrong(world, papers, url, problem):
    response = client_for(world, "public").get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert problem in body
    assert "canary-WHITE" not in body and "SEC Panel meeting 47" not in body
