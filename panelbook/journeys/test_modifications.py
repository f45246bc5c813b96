"""The modifications register: the secretariat raises a Draft Proposal, converts it, agrees an
extension of its timetable with the Panel's decision reference, and the public reads the register
and the Change Status Report; by pointer, by keyboard alone and at phone widths."""

from __future__ import annotations

import datetime as dt

from panelbook.modifications import services
from panelbook.modifications.models import Modification


def test_the_secretariat_raises_and_progresses_a_modification(world, visit, way):
    journey = visit(world.users.secretariat, **way)
    journey.go("/modifications/")
    journey.follow("Raise a modification")
    journey.fill("Reference", "DP170")
    journey.fill("Title", "Naming the sender of every alert")
    journey.choose("Body", "Panel")
    journey.choose("Path", "Path 3: Self-Governance")
    journey.fill_date("Date raised", "02/06/2025")
    journey.fill("What is the issue?", "An alert does not say which service sent it.")
    journey.press("Save")
    assert journey.heading().startswith("DP170 Naming the sender of every alert")

    journey.follow("Move to the next stage")
    journey.choose("Stage", "Modification Proposal")
    journey.fill_date("On", "07/07/2025")
    journey.press("Save")
    assert journey.heading().startswith("MP170 Naming the sender of every alert")

    record = Modification.objects.get(reference="MP170")
    services.set_timetable(record, by=None, milestones=[("Modification Report", dt.date(2026, 3, 2))])
    journey.go(record.get_absolute_url())
    journey.follow("Extend the timetable")
    journey.choose("From milestone", "Modification Report")
    journey.fill("Working Days added", "10")
    journey.fill("Reason", "The Working Group asked for a second meeting.")
    journey.fill("Decision reference", "SECP_140 item 6")
    journey.press("Save")
    assert "extended by 10 working days" in journey.main_text()
    assert "16/03/2026" in journey.main_text()  # Mon 2 Mar 2026 + 10 Working Days

    services.create_release(by=None, name="June 2026 SEC Release", kind="JUNE", date=dt.date(2026, 6, 25))
    journey.go(record.get_absolute_url())
    journey.follow("Set its release")
    journey.choose("Target release", "June 2026 SEC Release")
    journey.press("Save")
    assert "MP170's releases are saved: target June 2026 SEC Release." in journey.main_text()
    journey.follow("June 2026 SEC Release")
    assert journey.heading() == "June 2026 SEC Release"
    assert "MP170" in journey.main_text()

    public = visit(**way)
    public.go("/modifications/")
    assert "MP170" in public.main_text()
    public.follow("SEC releases")
    assert "June 2026 SEC Release" in public.main_text() and "Naming the sender of every alert" in public.main_text()
    public.go("/modifications/")
    public.follow("The Change Status Report")
    assert "Naming the sender of every alert" in public.main_text()


def test_the_secretariat_imports_the_register_spreadsheet(world, visit, way, tmp_path):
    sheet = tmp_path / "register.csv"
    sheet.write_text(
        "Reference,Title,Path,Stage,Date raised,Modification Proposal,Report Phase\n"
        "DP180,Quicker reinstatement notices,Path 3,Report Phase,03/03/2025,07/04/2025,02/06/2025\n"
        "MP181,Clearer refusal codes,Path 2,Refinement Process,2025-04-01,,\n",
        encoding="utf-8",
    )
    journey = visit(world.users.secretariat, **way)
    journey.go("/modifications/")
    journey.follow("Import the register spreadsheet")
    journey.attach("Register spreadsheet", sheet)
    journey.choose("Body", "Panel")
    journey.press("Preview")
    said = journey.main_text()
    assert "Row 3, column “Stage”: MP181 is at “Refinement Process”, but the last stage the row dates" in said
    assert not Modification.objects.exists()

    sheet.write_text(sheet.read_text().replace("Refinement Process", "Modification Proposal"), encoding="utf-8")
    journey.attach("Register spreadsheet", sheet)
    journey.choose("Body", "Panel")
    journey.press("Preview")
    assert "2 to create, 0 to update and 0 unchanged, from register.csv." in journey.main_text()
    journey.press("Create 2 and update 0 modifications")
    assert "Imported register.csv: 2 created, 0 updated and 0 unchanged." in journey.main_text()
    assert Modification.objects.get(reference="MP180").stage == "REPORT_PHASE"
