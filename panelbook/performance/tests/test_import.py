"""The PMR spreadsheet import: its preview, its row errors, storing only clean files (or only the
good rows when asked), and importing a month again."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from panelbook.conftest import make_user, signed_in
from panelbook.core.lib.sheets import read_sheet
from panelbook.governance.models import Body
from panelbook.performance.imports import ColumnsRefused, import_results, preview
from panelbook.performance.models import Measure, Result
from panelbook.performance.tests.rows import catalogue, record

TODAY = dt.date(2024, 6, 15)
HEADINGS = ["Measure", "Provider", "Scope", "Month", "Value"]


def sheet(rows: list[list[str]], headings: list[str] = HEADINGS, name: str = "pmr-2024-05.csv"):
    out = io.StringIO()
    csv.writer(out).writerows([headings, *rows])
    return read_sheet(name, out.getvalue().encode("utf-8"))


@pytest.fixture
def cat(db):
    return catalogue()


def test_a_clean_file_previews_what_it_would_record_and_stores_nothing(cat):
    shown = preview(
        sheet([["CPM1", "", "DCC total", "2024-05", "94.65"], ["CSP N PM2", "", "CSP North", "May 2024", "93.1"]]),
        by=None,
        today=TODAY,
    )
    assert not shown.errors
    assert [(p.row.number, p.outcome, p.change) for p in shown.rows] == [
        (2, "create", "Record 94.650"),
        (3, "create", "Record 93.100"),
    ]
    assert not Result.objects.exists()


def test_each_bad_row_is_named_with_its_column_and_problem(cat):
    rows = [
        ["CPM9", "", "DCC total", "2024-05", "97"],  # row 2: unknown measure
        ["CPM1", "", "DCC total", "2025-01", "97"],  # row 3: a month in the future
        ["CPM1", "", "CSP North", "2024-04", "100.4"],  # row 4: over 100
        ["CPM1", "", "DCC total", "2024-03", "-1"],  # row 5: below 0
        ["CPM1", "", "DCC total", "2024-02", "n/a"],  # row 6: not a number
        ["CPM1", "", "Nowhere", "2024-02", "97"],  # row 7: unknown scope
        ["PM2", "", "CSP North", "2024-05", "98"],  # row 8: good, but see row 9
        ["PM2", "CSP North", "csp-north", "2024-05", "98.5"],  # row 9: the same result as row 8
    ]
    shown = preview(sheet(rows), by=None, today=TODAY)
    assert [str(e) for e in shown.errors] == [
        "Row 2, column “Measure”: “CPM9” is not a measure in the catalogue; add it there first, or correct the row.",
        "Row 3, column “Month”: January 2025 has not begun; a result is for a month that has.",
        "Row 4, column “Value”: CPM1 is a percentage: give a value from 0 to 100, not 100.4.",
        "Row 5, column “Value”: CPM1 is a percentage: give a value from 0 to 100, not -1.",
        "Row 6, column “Value”: “n/a” is not a number.",
        "Row 7, column “Scope”: “Nowhere” is not a scope; the scopes are “CSP North”, “DCC total”.",
        "Row 8: CSP N PM2 for CSP North, May 2024 is given again further down the file.",
        "Row 9: CSP N PM2 for CSP North, May 2024 is also on row 8: keep one of the two.",
    ]
    assert shown.rows == []


def test_a_file_in_error_stores_nothing(cat):
    rows = [["CPM1", "", "DCC total", "2024-05", "94.65"], ["CPM1", "", "DCC total", "2024-04", "lots"]]
    with pytest.raises(ValidationError, match="Row 3, column “Value”"):
        import_results(sheet(rows), by=None)
    assert not Result.objects.exists()


def test_only_the_good_rows_are_stored_when_the_person_chooses_so(cat):
    rows = [["CPM1", "", "DCC total", "2024-05", "94.65"], ["CPM1", "", "DCC total", "2024-04", "lots"]]
    import_results(sheet(rows), by=None, good_rows_only=True)
    assert list(Result.objects.values_list("month", "value")) == [(dt.date(2024, 5, 1), Decimal("94.65"))]


def test_importing_a_month_again_changes_the_values_keeps_their_history_and_says_what_changed(cat):
    record(cat.cpm1, cat.total, ["94.57", "96.00"], first=dt.date(2024, 4, 1))
    rows = [["CPM1", "", "DCC total", "2024-04", "94.57"], ["CPM1", "", "DCC total", "2024-05", "96.25"]]
    shown = preview(sheet(rows, name="pmr-reissued.csv"), by=None, today=TODAY)
    assert [(p.outcome, p.change) for p in shown.rows] == [
        ("unchanged", "Matches the stored result."),
        ("update", "Change 96.000 to 96.250"),
    ]
    import_results(sheet(rows, name="pmr-reissued.csv"), by=None, expected=shown.fingerprint())
    may = Result.objects.get(month=dt.date(2024, 5, 1))
    assert may.value == Decimal("96.25")
    history = list(may.history.order_by("history_date"))
    assert [h.value for h in history] == [Decimal("96.00"), Decimal("96.25")]
    assert history[-1].history_change_reason == "Corrected: Imported from pmr-reissued.csv"
    assert preview(sheet(rows), by=None, today=TODAY).summary().startswith("Nothing to change")


def test_a_commit_after_the_results_moved_is_refused(cat):
    rows = [["CPM1", "", "DCC total", "2024-05", "94.65"]]
    fingerprint = preview(sheet(rows), by=None, today=TODAY).fingerprint()
    record(cat.cpm1, cat.total, ["90"], first=dt.date(2024, 5, 1))
    with pytest.raises(ValidationError, match="changed since the preview"):
        import_results(sheet(rows), by=None, expected=fingerprint)
    assert Result.objects.get().value == Decimal("90")


def test_a_measure_id_two_providers_share_needs_the_provider(cat):
    Measure.objects.create(provider=cat.cpm1.provider, code="PM2", methodology_version="1", name="Another")
    shown = preview(sheet([["PM2", "", "CSP North", "2024-05", "98"]]), by=None, today=TODAY)
    assert "say which in a “Provider” or “Methodology version” column" in str(shown.errors[0])
    chosen = preview(sheet([["PM2", "CSP North", "CSP North", "2024-05", "98"]]), by=None, today=TODAY)
    assert chosen.rows[0].row.measure == cat.pm2


def test_headings_that_are_not_a_results_sheet_are_refused_by_name(cat):
    with pytest.raises(ColumnsRefused, match="it has no column “Value”; the column “Colour” is not one"):
        preview(sheet([["CPM1", "DCC total", "2024-05", "red"]], ["Measure", "Scope", "Month", "Colour"]), by=None)


def test_a_result_the_importer_may_not_see_is_an_error_not_an_overwrite(cat):
    body = Body.objects.create(
        code="opsg", name="Operations Group", short_name="OPSG", paper_prefix="OPSG", action_prefix="OPSG"
    )
    record(cat.cpm1, cat.total, ["90"], first=dt.date(2024, 5, 1), classification="AMBER", body=body)
    reporter = make_user("reporter", is_dcc_reporting=True)
    shown = preview(sheet([["CPM1", "", "DCC total", "2024-05", "94"]]), by=reporter, today=TODAY)
    assert [str(e) for e in shown.errors] == [
        "Row 2: CPM1 for DCC total, May 2024 is stored, but you may not see it; ask its owner."
    ]
    assert "90.000" not in str(shown.errors)


def test_dcc_reporting_staff_preview_and_import_through_the_page(cat):
    client = signed_in(make_user("reporter", is_dcc_reporting=True))
    out = io.StringIO()
    csv.writer(out).writerows([HEADINGS, ["CPM1", "", "DCC total", "2024-05", "94.65"]])
    upload = io.BytesIO(out.getvalue().encode())
    upload.name = "pmr.csv"
    page = client.post("/performance/import/", {"file": upload, "classification": "WHITE"})
    text = page.content.decode()
    assert "1 to record, 0 to change and 0 unchanged, from pmr.csv." in text
    assert not Result.objects.exists()
    confirm = {
        name: page.context["confirm"][name].value() for name in ("name", "content", "fingerprint", "classification")
    }
    done = client.post("/performance/import/confirm/", confirm, follow=True)
    assert "Imported pmr.csv: 1 recorded, 0 changed and 0 unchanged." in done.content.decode()
    assert Result.objects.get().value == Decimal("94.65")


def test_the_import_page_is_refused_to_a_party_user(cat):
    client = signed_in(make_user("party"))
    assert client.get("/performance/import/").status_code == 403


def test_the_command_previews_then_stores_with_commit(cat, tmp_path, capsys):
    from django.core.management import call_command

    path = tmp_path / "pmr.csv"
    path.write_text("Measure,Scope,Month,Value\nCPM1,DCC total,2024-05,94.65\n", encoding="utf-8")
    call_command("import-pmr", str(path))
    assert "Row 2 CPM1 for DCC total, May 2024: Record 94.650" in capsys.readouterr().out
    assert not Result.objects.exists()
    call_command("import-pmr", str(path), "--commit")
    assert Result.objects.get().value == Decimal("94.65")


def test_the_command_exits_1_naming_the_bad_row(cat, tmp_path, capsys):
    from django.core.management import call_command

    path = tmp_path / "pmr.csv"
    path.write_text("Measure,Scope,Month,Value\nCPM1,DCC total,2024-05,lots\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_status:
        call_command("import-pmr", str(path), "--commit")
    assert exit_status.value.code == 1
    assert "Row 2, column “Value”: “lots” is not a number." in capsys.readouterr().err
    assert not Result.objects.exists()


def test_panelbook_s_own_export_edited_imports_again_as_one_change(cat, client):
    record(cat.cpm1, cat.total, ["97.00", "96.00"])
    record(cat.pm2, cat.region, ["99.50"])
    exported = client.get("/performance/results/export.csv").content.decode("utf-8-sig")
    edited = exported.replace("96.000", "96.400")
    assert edited != exported
    shown = preview(read_sheet("edited.csv", edited.encode("utf-8")), by=None, today=TODAY)
    assert not shown.errors
    assert [(p.row.label, p.outcome) for p in shown.rows if p.outcome != "unchanged"] == [
        ("CPM1 for DCC total, February 2024", "update")
    ]
    assert shown.count("unchanged") == 2


def test_a_value_too_large_to_hold_is_a_row_error_not_a_failed_commit(cat):
    Measure.objects.filter(pk=cat.cpm1.pk).update(unit="requests")
    shown = preview(sheet([["CPM1", "", "DCC total", "2024-05", "12,345,678"]]), by=None, today=TODAY)
    assert [str(e) for e in shown.errors] == [
        "Row 2, column “Value”: “12,345,678” is larger than a result can hold (less than 1,000,000)."
    ]
