"""The secretariat opens a Panel meeting's Sub-Committee Report, writes its own text for one item
and flags it for the Panel, and issues the report; the public then reads the issued paper and
downloads it. By pointer, by keyboard alone and at phone widths."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps

from panelbook.governance.models import Paper
from panelbook.papers.tests.test_subcommittee_report import records  # noqa: F401  (the records fixture)


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """What migrations seed (the report's sections, User Roles): a journey's tables are emptied
    after each test, so each puts it back first."""
    for migration in (
        "papers.migrations.0002_report_reference_data",
        "assurance.migrations.0002_user_roles_and_uep_steps",
    ):
        module = import_module(f"panelbook.{migration}")
        (module.seed if hasattr(module, "seed") else module.add)(apps, None)


def test_the_secretariat_edits_and_issues_the_report_and_the_public_reads_it(world, records, visit, way):  # noqa: F811
    journey = visit(world.users.secretariat, **way)
    journey.go(records.get_absolute_url())
    journey.follow("the Sub-Committee Report (draft and issue)")
    assert "The TABASC met twice in the period." in journey.main_text()
    journey.follow("Edit Effectiveness Review Survey")
    journey.fill("Text", "The TABASC will send the survey in May, as agreed.")
    journey.tick("Flag for the Panel's attention (a highlight)")
    journey.press("Save")
    said = journey.main_text()
    assert "is saved in the report's draft" in said
    assert said.count("The TABASC will send the survey in May, as agreed.") == 2  # the highlight and the item
    journey.follow("Issue the report…")
    journey.press("Issue")
    assert "Issued: SECP_48_1004_02 SEC Panel Sub-Committee Report.pdf as version 1" in journey.main_text()

    reader = visit(None, **way)
    reader.go(Paper.objects.get(reference="SECP_48_1004_02").get_absolute_url())
    assert "SECP_48_1004_02" in reader.main_text()
    assert reader.download("SECP_48_1004_02 SEC Panel Sub-Committee Report.pdf").suggested_filename.endswith(".pdf")
