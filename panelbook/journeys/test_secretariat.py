"""The secretariat runs a meeting cycle: creates a meeting (after a first try with nothing filled
in), builds its agenda in one form, uploads a paper, records attendance, a decision and an
action, corrects the action, writes the minutes on one page, and issues the next meeting's
actions paper, which carries it."""

from __future__ import annotations

import datetime as dt
import zipfile

from panelbook.journeys.harness import Journey


def test_the_secretariat_runs_a_meeting_cycle_in_the_browser(world, make_meeting, visit, way, tmp_path):
    next_meeting = make_meeting(number=144, days_ahead=20, by=None)
    paper_file = tmp_path / "budget-2027.pdf"
    paper_file.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    journey = visit(world.users.secretariat, **way)

    journey.go("/meetings/")
    journey.follow("New meeting")
    send_an_empty_form(journey)
    create_meeting(journey, world.today - dt.timedelta(days=1))
    build_agenda(journey)

    journey.follow("Add a paper for this item")
    journey.fill("Title", "Budget for 2027")
    journey.attach("File", paper_file)
    journey.press("Save")
    assert journey.heading() == "Budget for 2027"
    journey.follow("SEC Panel meeting 143")

    journey.follow("Attendance")
    journey.choose("Person", "Member (Northwind Energy Ltd)")
    journey.press("Record")
    assert "Attendance of Member has been recorded." in journey.main_text()
    journey.follow("SEC Panel meeting 143")

    journey.follow("Record a decision")
    journey.choose("Agenda item", "1. Budget for 2027")
    journey.choose("Verb", "APPROVED")
    journey.fill("Decision (after the verb)", "the budget for 2027.")
    journey.press("Save")
    assert "APPROVED the budget for 2027." in journey.main_text()

    journey.follow("Raise an action")
    journey.choose("Agenda item", "1. Budget for 2027")
    journey.fill("Action", "Publish the approved budget to SEC Parties.")
    journey.fill("Owner", "SECAS")
    journey.press("Save")
    assert "Action SECP143/01 has been raised." in journey.main_text()
    correct_the_action(journey)
    write_the_minutes(journey)

    journey.go(next_meeting.get_absolute_url())
    journey.follow("read")
    assert "SECP143/01" in journey.main_text() and "Publish the approved budget" in journey.main_text()
    word = journey.download("Download Word (.docx)")
    assert zipfile.is_zipfile(word.path())


def correct_the_action(journey: Journey) -> None:
    journey.follow("SECP143/01")
    journey.follow("Correct the action")
    journey.fill("Owner", "SECAS and the Panel Chair")
    journey.fill("Why it is corrected", "The minutes name the Chair as well.")
    journey.press("Save")
    assert "Action SECP143/01 has been corrected." in journey.main_text()
    assert "SECAS and the Panel Chair" in journey.main_text()


def send_an_empty_form(journey: Journey) -> None:
    """Sent with nothing filled in, the form comes back with a summary that has the focus and
    "Error:" in the title; its links lead to the fields."""
    journey.press("Save")
    assert journey.page.title().startswith("Error: New meeting")
    assert journey.focused() == "error-summary"
    journey.follow_in_page("Body: This field is required.")
    assert journey.focused() == "id_body"


def create_meeting(journey: Journey, day: dt.date) -> None:
    journey.choose("Body", "Panel")
    journey.fill("Number", "143")
    journey.fill_date("Starts", f"{day:%d/%m/%Y}", "10:00")
    journey.fill_date("Ends", f"{day:%d/%m/%Y}", "12:30")
    journey.fill("Location", "Room 3, 8 Fenchurch Place")
    journey.press("Save")
    assert journey.heading().startswith("SEC Panel meeting 143")


def build_agenda(journey: Journey) -> None:
    """Two items typed into the agenda's empty lines, the second moved up, saved in one step."""
    journey.follow("Build the agenda")
    lines = journey.page.locator("main fieldset.agenda-row")
    journey.fill("Title", "Any other business", within=lines.nth(0))
    journey.fill("Title", "Budget for 2027", within=lines.nth(1))
    journey.choose("Purpose", "For Decision", within=lines.nth(1))
    journey.press_in_page("Move up", within=lines.nth(1))
    assert journey.field("Title", within=lines.nth(0)).input_value() == "Budget for 2027"
    announced = journey.page.locator("[data-agenda-announce]").inner_text()
    assert announced == "Budget for 2027 is now number 1 in the order."
    journey.press("Save the agenda")
    assert "The agenda of Panel meeting 143 has been saved: 2 items." in journey.main_text()
    agenda = journey.page.locator("main ol.agenda").inner_text()
    assert agenda.index("1. Budget for 2027") < agenda.index("2. Any other business")


def write_the_minutes(journey: Journey) -> None:
    """The minutes started, then written item by item on one page."""
    journey.follow("SEC Panel meeting 143")
    journey.follow("Start minutes")
    journey.press("Save")
    journey.follow("Write the minutes")
    journey.fill("Minute of item 1", "The Panel discussed the draft budget line by line.")
    journey.fill("Minute of item 2", "There was no other business.")
    journey.press("Save the minutes")
    assert "2 minutes saved" in journey.main_text()
    assert "The Panel discussed the draft budget line by line." in journey.main_text()
