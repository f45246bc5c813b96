"""The secretariat drafts the Panel's budget, records the consultation and the Panel's approval,
and records a quarter's spend; a Panel member reads the spend against the budget and downloads
the paper. By pointer, by keyboard alone and at phone widths."""

from __future__ import annotations

import datetime as dt

from panelbook.actions import services as actions
from panelbook.budget import services
from panelbook.budget.models import CostCategory, regulatory_year


def test_the_secretariat_takes_a_budget_from_draft_to_approval_and_records_spend(world, visit, way):
    CostCategory.objects.create(name="Secretariat services")
    year = regulatory_year(world.today) - 1
    budget = services.open_budget(by=None, body=world.panel, first_year=year)
    actions.record_decision(by=None, body=world.panel, decided_on=dt.date(year, 3, 2), verb="APPROVED", text="budget")
    label = f"{year}/{(year + 1) % 100:02d}"

    journey = visit(world.users.secretariat, **way)
    journey.go("/budget/")
    journey.follow(budget.title)
    journey.follow("Draft a version")
    journey.fill(f"Secretariat services, {label} (£)", "400000")
    journey.choose("Classification", "WHITE (public)")
    journey.press("Save")
    assert "version 1 is drafted" in journey.main_text()
    journey.follow("Record the consultation")
    journey.fill_date("Consultation closed on", f"14/02/{year}")
    journey.press("Save")
    journey.follow("Record the approval")
    journey.choose("Decision", "Panel APPROVED budget")
    journey.press("Approve")
    assert "is approved; publish it by" in journey.main_text()

    journey.go(budget.get_absolute_url())
    journey.follow("Record a quarter's spend")
    journey.choose("Quarter", "Q1 (April–June)")
    journey.choose("Cost category", "Secretariat services")
    journey.fill("Amount (£)", "95000")
    journey.press("Save")

    reader = visit(world.users.member, **way)
    reader.go(f"{budget.get_absolute_url()}?year={year}")
    said = reader.main_text()
    assert "£95,000" in said and "£305,000" in said
    assert reader.page.locator("main figure.chart").count() == 1
    reader.follow("The budget paper")
    assert reader.download("Download Word (.docx)").suggested_filename.endswith(".docx")
