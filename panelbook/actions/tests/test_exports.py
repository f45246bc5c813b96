"""CSV and XLSX exports of the actions log and the decision register."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from panelbook.actions import services
from panelbook.actions.exports import ACTION_COLUMNS, DECISION_COLUMNS

LEVELS = ("WHITE", "AMBER", "RED")


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_sheet(response):
    return load_workbook(io.BytesIO(response.content)).active


@pytest.fixture
def actions(world, panel_meetings):
    m47, m48 = panel_meetings[:2]
    done = services.raise_action(m47, by=None, text="SECAS to publish the register.", owner="SECAS")
    services.add_update(done, by=None, text="Drafted.", on=dt.date(2017, 8, 20))
    services.propose_to_close(done, by=None, update="Published.", on=dt.date(2017, 9, 1))
    services.close_action(done, by=None, at_meeting=m48)
    for level in ("AMBER", "RED"):
        services.raise_action(
            m47,
            by=None,
            text=f"canary-{level} DCC to report.",
            owner="DCC",
            due_date=dt.date(2017, 10, 1),
            classification=level,
            recipients=[world.users.recipient] if level == "RED" else None,
        )
    return done


@pytest.fixture
def decisions(world, panel_meetings):
    services.record_decision(by=None, verb="NOTED", text="the report.", meeting=panel_meetings[0])
    services.record_decision(
        by=None,
        verb="AGREED",
        text="the extension.",
        body=world.panel,
        decided_on=dt.date(2017, 9, 20),
        by_majority=True,
        dissent="two Panel Members did not agree",
    )
    for level in ("AMBER", "RED"):
        services.record_decision(
            by=None,
            verb="AGREED",
            text=f"canary-{level} the sanction.",
            meeting=panel_meetings[0],
            classification=level,
            recipients=[world.users.recipient] if level == "RED" else None,
        )


def test_the_actions_csv_has_one_row_per_visible_action(world, client, actions):
    response = client.get("/actions/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="actions-{world.today:%Y-%m-%d}.csv"'
    header, *rows = csv_rows(response)
    assert header == ACTION_COLUMNS
    assert rows == [
        [
            "SECP47/01",
            "Panel",
            "Panel meeting 47",
            "2017-08-10",
            "SECAS to publish the register.",
            "SECAS",
            "",
            "Closed",
            "Published.",
            "Panel meeting 48",
            "2017-09-10",
            "WHITE",
        ]
    ]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(("role", "seen"), [("party", []), ("member", ["AMBER"]), ("recipient", ["RED"])])
def test_canaries_appear_only_in_exports_for_entitled_roles(world, client, actions, decisions, fmt, role, seen):
    client.force_login(getattr(world.users, role))
    for url in (f"/actions/export.{fmt}", f"/decisions/export.{fmt}"):
        response = client.get(url)
        text = response.content.decode("utf-8-sig") if fmt == "csv" else _sheet_text(xlsx_sheet(response))
        assert {level for level in LEVELS if f"canary-{level}" in text} == set(seen), url


def _sheet_text(sheet) -> str:
    return " ".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None)


def test_the_actions_export_takes_the_api_filters(world, client, actions):
    client.force_login(world.users.member)
    rows = csv_rows(client.get("/actions/export.csv?status=OPEN&owner=dcc&overdue=true&body=panel"))
    assert [r[0] for r in rows[1:]] == ["SECP47/02"]


def test_a_bad_filter_answers_400_naming_the_field(world, client, actions):
    response = client.get("/actions/export.csv?overdue=maybe")
    assert response.status_code == 400
    assert response.content.decode() == "The “overdue” filter is not valid: Give true or false."
    response = client.get("/decisions/export.xlsx?date_from=10/09/2017")
    assert (response.status_code, response.content.decode()) == (
        400,
        "The “date_from” filter is not valid: Enter a valid date.",
    )


def test_an_unknown_format_is_404(world, client):
    assert client.get("/actions/export.pdf").status_code == 404
    assert client.get("/decisions/export.json").status_code == 404


def test_the_decision_register_csv_says_ex_committee_and_records_dissent(world, client, decisions):
    header, *rows = csv_rows(client.get("/decisions/export.csv?ex_committee=true"))
    assert header == DECISION_COLUMNS
    assert rows == [
        [
            "Panel",
            "ex-committee",
            "2017-09-20",
            "AGREED",
            "the extension.",
            "Yes",
            "two Panel Members did not agree",
            "WHITE",
        ]
    ]


def test_the_decision_register_xlsx_has_a_bold_frozen_header_and_dates(world, client, decisions):
    response = client.get("/decisions/export.xlsx?verb=NOTED")
    assert response["Content-Disposition"] == f'attachment; filename="decisions-{world.today:%Y-%m-%d}.xlsx"'
    sheet = xlsx_sheet(response)
    assert [c.value for c in sheet[1]] == DECISION_COLUMNS
    assert (sheet["A1"].font.b, sheet.freeze_panes) == (True, "A2")
    assert [c.value for c in sheet[2]][:4] == ["Panel", "Panel meeting 47", dt.datetime(2017, 8, 10), "NOTED"]
    assert sheet.column_dimensions["E"].width >= len("the report.")


def test_cells_that_look_like_formulas_are_quoted_in_csv(world, client, panel_meetings):
    for text in ('=HYPERLINK("http://evil")', "+1", "-2", "@SUM(A1)"):
        services.raise_action(panel_meetings[0], by=None, text=text, owner="SECAS")
    rows = csv_rows(client.get("/actions/export.csv"))
    assert [r[4] for r in rows[1:]] == ['\'=HYPERLINK("http://evil")', "'+1", "'-2", "'@SUM(A1)"]


def test_cells_that_look_like_formulas_are_text_in_xlsx(world, client, panel_meetings):
    services.raise_action(panel_meetings[0], by=None, text="=1+1", owner="SECAS")
    cell = xlsx_sheet(client.get("/actions/export.xlsx"))["E2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("=1+1", "s", True)


def test_the_export_links_of_the_log_and_register_pages_keep_their_filters(world, client, actions, decisions):
    assert [r[0] for r in csv_rows(client.get("/actions/export.csv?status=outstanding&page=2"))[1:]] == []
    assert [r[0] for r in csv_rows(client.get("/actions/export.csv?status=all"))[1:]] == ["SECP47/01"]
    rows = csv_rows(client.get("/decisions/export.csv?date_from=2017-09-01&date_to=2017-09-30"))
    assert [r[4] for r in rows[1:]] == ["the extension."]


def test_export_queries_do_not_grow_with_the_rows(world, client, panel_meetings):
    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    def add_rows(count):
        for _ in range(count):
            action = services.raise_action(panel_meetings[0], by=None, text="x", owner="SECAS")
            services.add_update(action, by=None, text="Done.")
            services.propose_to_close(action, by=None)
            services.close_action(action, by=None, at_meeting=panel_meetings[1])
            services.record_decision(by=None, verb="NOTED", text="x", meeting=panel_meetings[1])

    add_rows(1)
    few = [queries(f"/{kind}/export.{fmt}") for kind in ("actions", "decisions") for fmt in ("csv", "xlsx")]
    add_rows(5)
    assert [queries(f"/{kind}/export.{fmt}") for kind in ("actions", "decisions") for fmt in ("csv", "xlsx")] == few
