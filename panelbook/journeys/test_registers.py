"""The secretariat keeps the Panel's risk register: it raises a risk, corrects a score entered at
the wrong row, adds a mitigation, voids the risk as raised twice and restores it; a Panel member
reads the register and the heat map. By pointer, by keyboard alone and at phone widths."""

from __future__ import annotations

from panelbook.registers.models import Entry
from panelbook.registers.tests.conftest import make_register


def test_the_secretariat_raises_corrects_voids_and_restores_a_risk(world, visit, way):
    register = make_register(world.panel, "RISK", name="SEC Panel Risk Register")
    journey = visit(world.users.secretariat, **way)
    journey.go("/registers/")
    journey.follow("SEC Panel Risk Register")
    journey.follow("Raise a risk")
    journey.fill("Title", "Test lab unavailable in March")
    journey.fill("Likelihood", "2")
    journey.fill("Impact", "3")
    journey.press("Save")
    assert "Risk 1 is in the SEC Panel Risk Register." in journey.main_text()
    assert "2 × 3 = 6" in journey.main_text()

    journey.follow("Correct")
    journey.fill("Likelihood", "4")
    journey.fill("Why is it corrected?", "Scored from the wrong row of the matrix")
    journey.press("Save")
    assert "4 × 3 = 12" in journey.main_text()

    journey.follow("Add a mitigation")
    journey.fill("Text", "Book the second lab for the March window")
    journey.press("Save")
    assert "Book the second lab for the March window" in journey.main_text()

    journey.follow("Void")
    assert "It leaves the register" in journey.main_text()
    journey.fill("Why", "Raised twice")
    journey.press("Void")
    assert "Void: Raised twice" in journey.main_text()
    journey.follow("Restore")
    journey.fill("Why", "It was not a duplicate after all")
    journey.press("Restore")
    entry = Entry.objects.get(register=register)
    assert (entry.is_void, entry.score) == (False, 12)

    reader = visit(world.users.member, **way)
    reader.go(register.get_absolute_url())
    assert "Test lab unavailable in March" in reader.main_text()
    assert reader.page.locator("main figure.chart").count() == 1
