"""The incident log import: its preview, its row errors (a category outside 1–5, a restoration
before the incident opened …), storing only clean files or the good rows when asked, and a file
imported again."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from panelbook.conftest import signed_in
from panelbook.core.lib.sheets import read_sheet
from panelbook.performance.incident_imports import ColumnsRefused, import_incidents, preview
from panelbook.performance.models import Incident
from panelbook.performance.tests.incident_rows import at, open_one, reference_data

HEADINGS = ["Reference", "Title", "Opened", "Category", "Services", "Restored", "Closed", "Major"]
GOOD = [
    ["INC000000880001", "Install requests rejected", "2024-03-05 09:10", "2", "SMETS2; CSP N", "",
     "2024-03-05 12:05", "yes"],
    ["INC000000880002", "Slow alerts from SMETS1", "06/03/2024 07:30", "3", "SMETS1", "06/03/2024 09:00", "", "no"],
]  # fmt: skip


def sheet(rows, headings=HEADINGS, name="incidents-2024-03.csv"):
    out = io.StringIO()
    csv.writer(out).writerows([headings, *rows])
    return read_sheet(name, out.getvalue().encode("utf-8"))


@pytest.fixture
def lines(world):
    return reference_data()


def test_a_clean_file_previews_what_it_would_log_and_stores_nothing(lines):
    shown = preview(sheet(GOOD), by=None)
    assert not shown.errors
    assert [(p.row.number, p.outcome, p.change) for p in shown.rows] == [
        (2, "create", "Log at Category 2, opened 5 March 2024 09:10, closed 5 March 2024 12:05"),
        (3, "create", "Log at Category 3, opened 6 March 2024 07:30, still open"),
    ]
    assert not Incident.objects.exists()


def test_each_bad_row_is_named_with_its_column_and_problem(lines):
    rows = [
        ["INC000000880003", "Category six", "2024-03-05 09:10", "6", "SMETS2", "", "", ""],
        ["INC000000880004", "Back before it began", "2024-03-05 09:10", "2", "SMETS2", "2024-03-05 08:00", "", ""],
        ["INC000000880005", "Closed before it began", "2024-03-05 09:10", "2", "SMETS2", "", "2024-03-04 09:00", ""],
        ["INC000000880006", "An unknown line", "2024-03-05 09:10", "2", "SMETS3", "", "", ""],
        ["12345", "Not a reference", "2024-03-05 09:10", "2", "SMETS2", "", "", ""],
        ["INC000000880007", "Not a time", "next Tuesday", "2", "SMETS2", "", "", ""],
        ["INC000000880008", "Not yet", "2099-01-01 09:00", "2", "SMETS2", "", "", ""],
        ["INC000000880009", "", "2024-03-05 09:10", "2", "SMETS2", "", "", ""],
        ["INC000000880010", "Twice", "2024-03-05 09:10", "2", "SMETS2", "", "", ""],
        ["INC000000880010", "Twice", "2024-03-05 09:10", "2", "SMETS2", "", "", ""],
        ["INC000000880011", "Major maybe", "2024-03-05 09:10", "2", "SMETS2", "", "", "perhaps"],
    ]
    shown = preview(sheet(rows), by=None)
    assert [str(error) for error in shown.errors] == [
        "Row 2, column “Category”: “6” is not a category; a category is 1 to 5.",
        "Row 3, column “Restored”: it cannot be restored (5 March 2024 08:00) before it opened (5 March 2024 09:10).",
        "Row 4, column “Closed”: it cannot be closed (4 March 2024 09:00) before it opened (5 March 2024 09:10).",
        "Row 5, column “Services”: “SMETS3” is not a service line; the service lines are "
        "“SMETS1”, “SMETS2”, “CSP N”, “DSP”.",
        "Row 6, column “Reference”: “12345” is not an incident reference; write it as INC followed by its digits.",
        "Row 7, column “Opened”: “next Tuesday” is not a date and time; "
        "write it as 2026-03-05 09:10 or 05/03/2026 09:10.",
        "Row 8, column “Opened”: 1 January 2099 09:00 has not come yet.",
        "Row 9, column “Title”: is empty.",
        "Row 10: INC000000880010 is given again further down the file.",
        "Row 11: INC000000880010 is also on row 10: keep one.",
        "Row 12, column “Major”: “perhaps” is neither yes nor no.",
    ]
    assert shown.rows == []


def test_a_file_with_a_row_in_error_stores_nothing_unless_only_the_good_rows_are_asked_for(lines):
    rows = [*GOOD, ["INC000000880012", "Category zero", "2024-03-05 09:10", "0", "SMETS2", "", "", ""]]
    with pytest.raises(ValidationError, match="Row 4, column “Category”"):
        import_incidents(sheet(rows), by=None)
    assert not Incident.objects.exists()
    import_incidents(sheet(rows), by=None, good_rows_only=True)
    assert sorted(Incident.objects.values_list("reference", flat=True)) == ["INC000000880001", "INC000000880002"]


def test_importing_logs_through_the_verbs_with_restorations_closing_and_the_file_named(lines):
    import_incidents(sheet(GOOD), by=None, classification="AMBER")
    closed = Incident.objects.get(reference="INC000000880001")
    assert (closed.category, closed.closed, closed.is_major, closed.classification) == (
        2,
        at("2024-03-05", "12:05"),
        True,
        "AMBER",
    )
    assert {line.code for line in closed.services.all()} == {"smets2", "csp-n"}
    assert closed.history.earliest("history_date").history_change_reason == "Imported from incidents-2024-03.csv"
    open_ = Incident.objects.get(reference="INC000000880002")
    assert open_.closed is None
    assert [r.restored_at for r in open_.restorations.all()] == [at("2024-03-06", "09:00")]


def test_a_file_imported_again_stores_nothing_and_closes_what_it_now_gives_a_closing(lines):
    import_incidents(sheet(GOOD), by=None)
    again = [GOOD[0], [*GOOD[1][:6], "2024-03-06 10:00", "no"]]
    shown = preview(sheet(again), by=None)
    assert [(p.outcome, p.change) for p in shown.rows] == [
        ("unchanged", "Matches the incident held."),
        ("close", "Close it at 6 March 2024 10:00"),
    ]
    import_incidents(sheet(again), by=None)
    assert Incident.objects.get(reference="INC000000880002").closed == at("2024-03-06", "10:00")
    assert not preview(sheet(again), by=None).changes_anything


def test_a_held_incident_at_another_category_is_sent_to_its_page(lines):
    open_one("INC000000880001", opened="2024-03-05 09:10", category=3, services=[lines.smets2])
    shown = preview(sheet(GOOD[:1]), by=None)
    assert [str(e) for e in shown.errors] == [
        "Row 2, column “Category”: INC000000880001 is held at Category 3, the file says 2: "
        "recategorise it on its page, with the time the category changed."
    ]


def test_an_incident_the_importer_may_not_see_is_only_said_to_exist(world, lines):
    open_one(
        "INC000000880001",
        opened="2024-03-05 09:10",
        category=2,
        services=[lines.smets2],
        classification="RED",
        recipients=[world.users.recipient],
    )
    shown = preview(sheet(GOOD[:1]), by=world.users.secretariat)
    assert [str(e) for e in shown.errors] == [
        "Row 2: INC000000880001 is logged, but you may not see it; ask its owner."
    ]


def test_headings_that_are_not_an_incident_log_are_refused_naming_them(lines):
    with pytest.raises(ColumnsRefused, match="it has no column “Services”; the column “Colour” is not one"):
        preview(sheet([], headings=["Reference", "Title", "Opened", "Category", "Colour"]), by=None)


def test_the_page_previews_then_imports(world, lines):
    client = signed_in(world.users.secretariat)
    out = io.StringIO()
    csv.writer(out).writerows([HEADINGS, *GOOD])
    upload = io.BytesIO(out.getvalue().encode())
    upload.name = "incidents.csv"
    page = client.post("/performance/incidents/import/", {"file": upload, "classification": "WHITE", "body": ""})
    text = page.content.decode()
    assert "2 to log, 0 to close and 0 unchanged, from incidents.csv." in text
    assert not Incident.objects.exists()
    confirm = page.context["confirm"]
    data = {name: confirm.initial.get(name, "") for name in ("name", "content", "fingerprint", "classification")}
    done = client.post("/performance/incidents/import/confirm/", data, follow=True)
    assert "Imported incidents.csv: 2 logged, 0 closed and 0 unchanged." in done.content.decode()
    assert Incident.objects.count() == 2


def test_the_page_is_for_dcc_reporting_and_the_secretariat_only(world, lines):
    assert signed_in(world.users.member).get("/performance/incidents/import/").status_code == 403


def test_the_command_previews_then_stores_with_commit(lines, tmp_path, capsys):
    path = tmp_path / "incidents.csv"
    out = io.StringIO()
    csv.writer(out).writerows([HEADINGS, *GOOD])
    path.write_text(out.getvalue())
    call_command("import-incidents", str(path))
    assert "Nothing is stored: run again with --commit" in capsys.readouterr().out
    assert not Incident.objects.exists()
    call_command("import-incidents", str(path), "--commit")
    assert Incident.objects.count() == 2
