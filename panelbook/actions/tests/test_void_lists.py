"""The secretariat can list what it voided (to check or restore it) on the pages, the API and
the exports; nobody else can, and the lists in force never show it."""

from __future__ import annotations

import pytest

from panelbook.actions import services
from panelbook.conftest import client_for

CANARY = "CANARY-void-list-28e4"


@pytest.fixture
def voided(world, make_meeting):
    meeting = make_meeting(days_ahead=-3)
    kept = services.raise_action(meeting, by=None, text="Publish the register.", owner="SECAS")
    gone = services.raise_action(meeting, by=None, text=CANARY, owner="SECAS")
    services.void_action(gone, by=None, reason="Raised twice.")
    services.record_decision(by=None, meeting=meeting, verb="NOTED", text="the register.")
    duplicate = services.record_decision(by=None, meeting=meeting, verb="NOTED", text=f"{CANARY} decision")
    services.void_decision(duplicate, by=None, reason="Recorded twice.")
    return kept, gone


@pytest.mark.parametrize(
    "url",
    ["/actions/?status=all&void=1", "/api/actions?void=true", "/actions/export.csv?void=1",
     "/decisions/?void=1", "/api/decisions?void=true", "/decisions/export.csv?void=1"],
)  # fmt: skip
def test_the_secretariat_lists_only_the_voided_records(world, voided, url):
    shown = client_for(world, "secretariat").get(url).content.decode()
    assert CANARY in shown and "Publish the register." not in shown and "NOTED the register" not in shown


@pytest.mark.parametrize("role", ["public", "member"])
@pytest.mark.parametrize(
    "url", ["/actions/?status=all&void=1", "/api/actions?void=true", "/decisions/?void=1", "/api/decisions?void=true"]
)
def test_nobody_else_lists_a_voided_record(world, voided, role, url):
    assert CANARY not in client_for(world, role).get(url).content.decode()


@pytest.mark.parametrize("url", ["/actions/?status=all", "/api/actions", "/decisions/", "/api/decisions"])
def test_the_lists_in_force_leave_voided_records_out_for_the_secretariat_too(world, voided, url):
    shown = client_for(world, "secretariat").get(url).content.decode()
    assert CANARY not in shown
    assert "the register." in shown
