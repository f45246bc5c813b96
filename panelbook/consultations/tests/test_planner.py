"""Closing dates reach the forward planner: each body asked, and the answering body, sees a
consultation before the first of its meetings on or after the closing date, and only there."""

from panelbook.consultations import services
from panelbook.consultations.tests.helpers import consultation
from panelbook.registers.planner import forward_plan


def _items(plan) -> list[list[str]]:
    return [[item.text for item in meeting.items if item.kind == "Consultation closing"] for meeting in plan.meetings]


def test_a_closing_date_is_planned_before_the_meeting_it_falls_before(world, make_meeting):
    for number, days in enumerate([10, 40, 70], start=1):
        make_meeting(body=world.tabasc, number=number, days_ahead=days)
    consultation(world, subject="Closes between", closes_in=25)
    consultation(world, subject="Closes soon", closes_in=5)
    planned = _items(forward_plan(world.tabasc, world.users.other_member))
    assert [[text.split(" (")[0] for text in meeting] for meeting in planned] == [
        ["The DCC: Closes soon"],
        ["The DCC: Closes between"],
        [],
    ]


def test_a_consultation_answered_or_void_leaves_the_plan(world, make_meeting):
    make_meeting(body=world.tabasc, number=1, days_ahead=30)
    asked = consultation(world, closes_in=10)
    assert _items(forward_plan(world.tabasc, world.users.public)) == [
        [f"{asked.title} (closes {asked.closing_date:%d/%m/%Y})"]
    ]
    services.void_consultation(asked, by=None, reason="Entered twice")
    assert _items(forward_plan(world.tabasc, world.users.public)) == [[]]


def test_an_amber_consultation_is_planned_only_for_those_who_may_see_it(world, make_meeting):
    make_meeting(number=1, days_ahead=30)
    consultation(world, subject="Amber one", closes_in=10, classification="AMBER")
    assert [text.split(" (")[0] for text in _items(forward_plan(world.panel, world.users.member))[0]] == [
        "The DCC: Amber one"
    ]
    assert _items(forward_plan(world.panel, world.users.public)) == [[]]
