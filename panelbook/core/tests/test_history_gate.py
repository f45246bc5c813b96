"""History pages name related records only through the gate, and recipients only to the secretariat.

The RED meeting is Panel meeting 77; the WHITE action and minutes that point to it are readable
by everyone, so their history pages are too.
"""

import datetime as dt

import pytest
from django.utils import timezone

from panelbook.actions import services
from panelbook.actions.models import Action
from panelbook.conftest import client_for, make_user
from panelbook.governance import services as governance

NOT_NAMED = ["public", "party", "member", "secretariat", "admin"]


@pytest.fixture
def meetings(world):
    def meeting(number, day, **extra):
        starts = timezone.make_aware(dt.datetime(2017, 8, day, 10, 0))
        return governance.create_meeting(
            by=None, body=world.panel, number=number, starts_at=starts, ends_at=starts + dt.timedelta(hours=2), **extra
        )

    white = meeting(47, 10)
    red = meeting(77, 25, classification="RED", recipients=[world.users.recipient])
    later = meeting(48, 30)
    return white, red, later


def history(world, role, kind, pk) -> str:
    response = client_for(world, role).get(f"/history/{kind}/{pk}/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", NOT_NAMED)
def test_a_hidden_former_target_meeting_is_not_named(world, meetings, role):
    white, red, later = meetings
    action = services.raise_action(white, by=None, text="SECAS to write.", owner="SECAS", target_meeting=red)
    services.update_action(action, by=None, target_meeting=later)
    page = history(world, role, "action", action.pk)
    assert "meeting 48" in page and "meeting 77" not in page


def test_the_named_recipient_reads_the_former_target_meeting(world, meetings):
    white, red, later = meetings
    action = services.raise_action(white, by=None, text="SECAS to write.", owner="SECAS", target_meeting=red)
    services.update_action(action, by=None, target_meeting=later)
    assert "Panel meeting 77 → Panel meeting 48" in history(world, "recipient", "action", action.pk)


@pytest.mark.parametrize("role", NOT_NAMED)
def test_a_hidden_closing_meeting_is_named_neither_in_the_change_nor_in_its_reason(world, meetings, role):
    white, red, _ = meetings
    action = services.raise_action(white, by=None, text="DCC to report.", owner="DCC")
    services.propose_to_close(action, by=None, on=dt.date(2017, 8, 20))
    services.close_action(action, by=None, at_meeting=red)
    page = history(world, role, "action", action.pk)
    assert "meeting 77" not in page and "Closed at a meeting" in page


@pytest.mark.parametrize("role", NOT_NAMED)
def test_a_hidden_approving_decision_is_not_quoted(world, meetings, role):
    white, red, _ = meetings
    minutes = services.start_minutes(white, by=None)
    services.approve_minutes(minutes, by=None, at_meeting=red)
    page = history(world, role, "minutes", minutes.pk)
    assert "APPROVED the minutes" not in page and "Minutes approved" in page


def test_the_named_recipient_reads_the_approving_decision(world, meetings):
    white, red, _ = meetings
    minutes = services.start_minutes(white, by=None)
    services.approve_minutes(minutes, by=None, at_meeting=red)
    assert "APPROVED the minutes of meeting 47" in history(world, "recipient", "minutes", minutes.pk)


@pytest.fixture
def red_action(world, meetings):
    named = [world.users.recipient, world.users.secretariat, make_user("zed-canary")]
    action = services.raise_action(meetings[0], by=None, text="X.", owner="SECAS", classification="RED")
    services.update_action(action, by=None, recipients=named)
    return action


def test_a_red_records_recipients_are_not_named_to_a_recipient_outside_the_secretariat(world, red_action):
    page = history(world, "recipient", "action", red_action.pk)
    assert "zed-canary" not in page and "names are shown to the secretariat only" in page


def test_a_red_records_recipients_are_named_to_the_secretariat_among_them(world, red_action):
    assert "recipient, secretariat, zed-canary" in history(world, "secretariat", "action", red_action.pk)


def test_values_read_as_the_record_pages_show_them(world, meetings):
    white, _, _ = meetings
    action = services.raise_action(white, by=None, text="SECAS to write.", owner="SECAS")
    services.propose_to_close(action, by=None, on=dt.date(2017, 8, 20))
    page = history(world, "public", "action", action.pk)
    status = f"{Action.Status.OPEN.label} → {Action.Status.PROPOSE_TO_CLOSE.label}"
    assert status in page and "PROPOSE_TO_CLOSE" not in page
    assert "20/08/2017" in page and "2017-08-20" not in page
