"""The register spreadsheet import: preview, row errors naming row and column, one commit, re-runs."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from panelbook.conftest import client_for
from panelbook.core.classification import Classification
from panelbook.core.services import ServiceError
from panelbook.modifications import services
from panelbook.modifications.imports import import_register, preview, read_sheet
from panelbook.modifications.models import Milestone, Modification

HEADINGS = [
    "Reference",
    "Title",
    "Path",
    "Stage",
    "Date raised",
    "Modification Proposal",
    "Refinement Process",
    "Report Phase",
    "Planned Modification Report",
    "Planned Change Board vote",
    "Reached Modification Report",
]
# Three modifications of our own: a converted DP in refinement, a legacy one at the Report Phase,
# and a split solution still a Modification Proposal.
ROWS = [
    ["DP201", "Shorter alert texts", "Path 3", "Refinement Process", "03/02/2025", "10/03/2025", "14/04/2025"]
    + ["", "2025-11-03", "2026-01-12", ""],
    ["SECMP0050", "A single form for access requests", "PATH_2", "Report Phase", "2024-06-03", "", "2024-07-01"]
    + ["2024-09-02", "2024-10-07", "2024-12-02", "2024-10-09"],
    ["MP202A", "Interim fix for late readings", "Path 3: Self-Governance", "Modification Proposal", "2025-05-06"]
    + ["", "", "", "", "", ""],
]


def csv_file(rows, headings=HEADINGS, name="register.csv"):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headings)
    writer.writerows(rows)
    return read_sheet(name, out.getvalue().encode("utf-8"))


def xlsx_bytes(rows, headings=HEADINGS):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def errors_of(rows, world, **kwargs):
    return [str(error) for error in preview(csv_file(rows, **kwargs), by=world.users.secretariat).errors]


def with_cell(row, heading, value, headings=HEADINGS):
    changed = list(row)
    changed[headings.index(heading)] = value
    return changed


def test_the_preview_says_what_would_be_created_and_stores_nothing(world):
    shown = preview(csv_file(ROWS), by=world.users.secretariat)
    assert not shown.errors
    assert [(row.reference, row.outcome) for row in shown.rows] == [
        ("MP201", "create"),
        ("SECMP0050", "create"),
        ("MP202A", "create"),
    ]
    assert "Move to “Modification Proposal” on 10 March 2025" in shown.rows[0].changes
    assert shown.summary() == "3 to create, 0 to update and 0 unchanged, from register.csv."
    assert not Modification.objects.exists()


def test_importing_stores_each_row_through_the_verbs(world):
    import_register(csv_file(ROWS), by=world.users.secretariat, body=world.panel)
    converted = Modification.objects.get(reference="MP201")
    assert [(c.stage, c.on) for c in converted.stage_changes.all()] == [
        ("DRAFT_PROPOSAL", dt.date(2025, 2, 3)),
        ("MODIFICATION_PROPOSAL", dt.date(2025, 3, 10)),
        ("REFINEMENT", dt.date(2025, 4, 14)),
    ]
    legacy = Modification.objects.get(reference="SECMP0050")
    assert legacy.stage == "REPORT_PHASE" and legacy.path == "PATH_2"
    report = legacy.milestones.get(name="Modification Report")
    assert (report.baseline, report.planned, report.actual) == (
        dt.date(2024, 10, 7),
        dt.date(2024, 10, 7),
        dt.date(2024, 10, 9),
    )
    assert legacy.history.first().history_user == world.users.secretariat


def test_the_same_file_again_changes_nothing_and_says_so(world):
    import_register(csv_file(ROWS), by=None, body=world.panel)
    history_rows = Modification.history.count() + Milestone.history.count()
    again = import_register(csv_file(ROWS), by=None, body=world.panel)
    assert again.summary() == "Nothing to change: all 3 rows of register.csv match the register."
    assert Modification.history.count() + Milestone.history.count() == history_rows


def test_a_later_sheet_moves_a_modification_on_and_corrects_its_title(world):
    import_register(csv_file(ROWS), by=None, body=world.panel)
    later = with_cell(ROWS[0], "Stage", "Report Phase")
    later = with_cell(later, "Report Phase", "2025-09-01")
    later = with_cell(later, "Title", "Shorter alert texts for installers")
    shown = import_register(csv_file([later]), by=None, body=world.panel)
    assert shown.rows[0].outcome == "update"
    moved = Modification.objects.get(reference="MP201")
    assert moved.stage == "REPORT_PHASE" and moved.title == "Shorter alert texts for installers"


def test_an_xlsx_with_date_cells_imports_like_the_csv(world):
    rows = [["MP203", "Naming the installer", "Path 3", "Report Phase", dt.datetime(2025, 1, 6), None, None]]
    rows[0] += [dt.datetime(2025, 3, 3), None, None, None]
    sheet = read_sheet("register.xlsx", xlsx_bytes(rows))
    import_register(sheet, by=None, body=world.panel)
    stored = Modification.objects.get(reference="MP203")
    assert [c.stage for c in stored.stage_changes.all()] == ["MODIFICATION_PROPOSAL", "REPORT_PHASE"]


def test_an_unknown_stage_is_named_by_row_and_column(world):
    assert errors_of([with_cell(ROWS[2], "Stage", "Parked")], world) == [
        "Row 2, column “Stage”: “Parked” is not a stage: write one of “Draft Proposal”, “Modification Proposal”, "
        "“Refinement Process”, “Report Phase”, “Modification Report Consultation”, “Change Board vote”, "
        "“With the Authority”, “Approved”, “Rejected”, “Awaiting implementation”, “Implemented”, “Withdrawn”."
    ]


def test_an_impossible_date_is_named_by_row_and_column(world):
    (error,) = errors_of([ROWS[0], with_cell(ROWS[2], "Date raised", "31/02/2025")], world)
    assert error.startswith("Row 3, column “Date raised”: “31/02/2025” is not a date")


def test_a_malformed_date_is_named_by_row_and_column(world):
    (error,) = errors_of([with_cell(ROWS[0], "Report Phase", "soon")], world)
    assert error.startswith("Row 2, column “Report Phase”: “soon” is not a date: write it as 2025-03-31")


def test_a_stage_dated_in_the_future_is_refused(world):
    tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    (error,) = errors_of([with_cell(ROWS[2], "Date raised", tomorrow)], world)
    assert error.startswith("Row 2, column “Date raised”:") and "is in the future" in error


def test_a_reference_in_no_known_format_is_named(world):
    assert errors_of([with_cell(ROWS[2], "Reference", "CR12")], world) == [
        "Row 2, column “Reference”: “CR12” is in no known reference format: write SECMP0040, DP081, MP122 or MP102A."
    ]


def test_a_transition_the_lifecycle_refuses_is_named(world):
    skipped = with_cell(ROWS[2], "Stage", "Implemented")
    headings = [*HEADINGS, "Implemented"]
    (error,) = errors_of([[*skipped, "2025-09-01"]], world, headings=headings)
    assert error == (
        "Row 2, column “Implemented”: MP202A: A modification at “Modification Proposal” on Path 3: Self-Governance "
        "cannot move to “Implemented”; it can move to “Refinement Process”, “Report Phase”, “Withdrawn”. "
        "Give the date of each stage it passed through."
    )


def test_a_stage_without_its_date_is_named(world):
    (error,) = errors_of([with_cell(ROWS[2], "Stage", "Report Phase")], world)
    assert error.startswith("Row 2, column “Stage”: MP202A is at “Report Phase”, but the last stage the row dates")


def test_a_conversion_date_on_a_legacy_modification_is_refused(world):
    (error,) = errors_of([with_cell(ROWS[1], "Modification Proposal", "2024-06-10")], world)
    assert error.startswith("Row 2, column “Modification Proposal”: SECMP0050 was raised as a Modification Proposal")


def test_a_reference_given_twice_is_refused_even_under_its_other_name(world):
    twice = with_cell(ROWS[0], "Reference", "MP201")
    assert errors_of([ROWS[0], twice], world) == [
        "Row 3, column “Reference”: MP201 is also on row 2 (as DP201): a modification takes one row."
    ]


def test_an_unknown_column_refuses_the_file(world):
    (error,) = errors_of([[*ROWS[2], "x"]], world, headings=[*HEADINGS, "Notes"])
    assert error.startswith("Row 1: register.csv: the column “Notes” is not one the import knows")


def test_nothing_is_stored_while_any_row_is_in_error(world):
    bad = with_cell(ROWS[2], "Stage", "Parked")
    with pytest.raises(ServiceError) as refused:
        import_register(csv_file([ROWS[0], ROWS[1], bad]), by=None, body=world.panel)
    assert refused.value.messages[0].startswith("Row 4, column “Stage”: “Parked” is not a stage")
    assert not Modification.objects.exists()


def test_a_sheet_behind_the_register_is_refused(world):
    import_register(csv_file(ROWS), by=None, body=world.panel)
    services.move_to_stage(Modification.objects.get(reference="MP202A"), by=None, stage="REPORT_PHASE", on=world.today)
    (error,) = errors_of(ROWS, world)
    assert error.startswith("Row 4, column “Stage”: the register has MP202A further on, at “Report Phase”")


def test_a_changed_plan_is_refused_with_what_to_do(world):
    import_register(csv_file(ROWS), by=None, body=world.panel)
    replanned = with_cell(ROWS[0], "Planned Change Board vote", "2026-02-02")
    (error,) = errors_of([replanned], world)
    assert error == (
        "Row 2, column “Planned Change Board vote”: the register plans “Change Board vote” for 12/01/2026, "
        "the sheet for 02/02/2026: extend the timetable in panelbook with the Panel's decision, or correct the sheet."
    )


def test_a_modification_hidden_from_the_importer_is_not_described(world):
    services.raise_modification(
        by=world.users.recipient,
        reference="MP202A",
        title="Something confidential",
        body=world.panel,
        issue="A RED canary issue.",
        path="PATH_3",
        raised_on=dt.date(2025, 5, 6),
        classification=Classification.RED,
        recipients=[world.users.recipient],
    )
    (error,) = errors_of([ROWS[2]], world)
    assert error == "Row 2, column “Reference”: MP202A is in the register, but you may not see it; ask its owner."


def test_the_command_previews_then_commits(world, tmp_path):
    path = tmp_path / "register.xlsx"
    path.write_bytes(xlsx_bytes(ROWS))
    out = io.StringIO()
    call_command("import-modifications", str(path), "--body", "panel", stdout=out)
    assert "3 to create" in out.getvalue() and "Nothing is stored: run again with --commit" in out.getvalue()
    assert not Modification.objects.exists()
    call_command("import-modifications", str(path), "--body", "panel", "--commit", stdout=io.StringIO())
    assert Modification.objects.count() == 3


def sent(name, content, **fields):
    return {"file": SimpleUploadedFile(name, content), **fields}


def test_the_secretariat_previews_then_imports_on_the_page(world, secretariat_client):
    content = xlsx_bytes(ROWS)
    page = secretariat_client.post("/modifications/import/", sent("register.xlsx", content, body=world.panel.pk))
    text = page.content.decode()
    assert "3 to create, 0 to update and 0 unchanged, from register.xlsx." in text
    assert "Create 3 and update 0 modifications" in text and not Modification.objects.exists()
    confirm = {
        name: text.split(f'name="{name}" value="')[1].split('"')[0] for name in ("name", "content", "fingerprint")
    }
    done = secretariat_client.post("/modifications/import/confirm/", {**confirm, "body": world.panel.pk}, follow=True)
    assert "Imported register.xlsx: 3 created, 0 updated and 0 unchanged." in done.content.decode()
    assert Modification.objects.count() == 3


def test_the_page_shows_row_errors_and_offers_no_import(world, secretariat_client):
    bad = csv_file([with_cell(ROWS[2], "Reference", "CR12")])
    out = io.StringIO()
    csv.writer(out).writerows([bad.headings, *[cells for _, cells in bad.rows]])
    page = secretariat_client.post(
        "/modifications/import/", sent("register.csv", out.getvalue().encode(), body=world.panel.pk)
    )
    text = page.content.decode()
    assert "Row 2, column “Reference”: “CR12” is in no known reference format" in text
    assert "/modifications/import/confirm/" not in text


def test_a_file_of_another_type_is_refused_on_the_form(world, secretariat_client):
    page = secretariat_client.post("/modifications/import/", sent("register.txt", b"Reference\n", body=world.panel.pk))
    assert "register.txt: the register is read from a .csv or .xlsx file." in page.content.decode()


@pytest.mark.parametrize("role", ["public", "party", "member"])
def test_only_the_secretariat_may_import(world, role):
    client = client_for(world, role)
    assert client.get("/modifications/import/").status_code in {302, 403, 404}
    content = xlsx_bytes(ROWS)
    client.post("/modifications/import/", sent("register.xlsx", content, body=world.panel.pk))
    confirm = {"name": "register.xlsx", "content": base64.b64encode(content).decode(), "body": world.panel.pk}
    fingerprint = preview(read_sheet("register.xlsx", content), by=None).fingerprint()
    client.post("/modifications/import/confirm/", {**confirm, "fingerprint": fingerprint})
    assert not Modification.objects.exists()
