"""The access matrix for actions, decisions and minutes: every role × level × surface.

Canary strings sit in the text of an action, an action update, a decision and a minute entry at
each level; every surface is read as every role and a canary may appear only where entitled.
"""

import datetime as dt
import io
import zipfile

import pytest
from django.test import Client

from panelbook.actions import services
from panelbook.conftest import ENTITLED_LEVELS
from panelbook.core.classification import Classification
from panelbook.governance import services as governance

LEVELS = Classification.values


def canary(kind: str, level: str) -> str:
    return f"CANARY-{kind}-{level}-91bd"


@pytest.fixture
def records(world, panel_meetings):
    m47, m48 = panel_meetings[:2]
    made = {}
    for level in LEVELS:
        recipients = [world.users.recipient] if level == "RED" else None
        item = governance.add_agenda_item(
            m47, by=None, title=f"Item at {level}", classification=level, recipients=recipients
        )
        action = services.raise_action(
            m47, by=None, text=canary("action", level), owner="SECAS", classification=level, recipients=recipients
        )
        services.add_update(action, by=None, text=canary("update", level))
        decision = services.record_decision(
            by=None,
            meeting=m47,
            verb="NOTED",
            text=canary("decision", level),
            classification=level,
            recipients=recipients,
        )
        made[level] = (action, decision, item)
    public = services.start_minutes(m47, by=None)
    services.write_minute(public, m47.agenda_items.get(number=2), by=None, narrative=canary("minute", "WHITE"))
    for level in ("AMBER", "RED"):
        recipients = [world.users.recipient] if level == "RED" else None
        # One set of confidential minutes per meeting: AMBER at meeting 47, RED at meeting 48.
        meeting = m47 if level == "AMBER" else m48
        item = (
            made[level][2]
            if level == "AMBER"
            else governance.add_agenda_item(m48, by=None, title="Red item", classification="RED", recipients=recipients)
        )
        minutes = services.start_minutes(
            meeting, by=None, confidential=True, classification=level, recipients=recipients
        )
        services.write_minute(minutes, item, by=None, narrative=canary("minute", level))
        made[f"minutes-{level}"] = minutes
    made["public-minutes"] = public
    for number, level in enumerate(LEVELS, start=61):
        made[f"pointer-{level}"] = pointer_at(hidden_meeting(world, m47, number, level), m47)
    return made


def hidden_meeting(world, after, number: int, level: str):
    """An ad hoc meeting at ``level`` after ``after`` (ad hoc: the actions tables skip it)."""
    starts = after.starts_at + dt.timedelta(days=number - 55)
    recipients = [world.users.recipient] if level == "RED" else None
    return governance.create_meeting(
        by=None,
        body=world.panel,
        number=number,
        kind="AD_HOC",
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        classification=level,
        recipients=recipients,
    )


def pointer_at(meeting, raised_at):
    """A WHITE action due at ``meeting`` and closed there: everyone may read it, not the meeting."""
    action = services.raise_action(raised_at, by=None, text="Pointer action", owner="SECAS", target_meeting=meeting)
    services.propose_to_close(action, by=None, on=meeting.date)
    return services.close_action(action, by=None, at_meeting=meeting)


def body_of(response) -> str:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if data.startswith(b"PK"):  # an .xlsx or .docx: read the text of every part
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            data = b"".join(archive.read(name) for name in archive.namelist() if name.endswith(".xml"))
    return data.decode("utf-8", "replace")


def surfaces(records, panel_meetings) -> dict[str, str]:
    m47, m48 = panel_meetings[:2]
    urls = {
        "actions log": "/actions/?status=all",
        "decision register": "/decisions/",
        "meeting page": f"/meetings/{m47.pk}/",
        "next meeting page": f"/meetings/{m48.pk}/",
        "actions paper": f"/meetings/{m48.pk}/actions-outstanding/",
        "actions paper docx": f"/meetings/{m48.pk}/actions-outstanding.docx",
        "public minutes": f"/minutes/{records['public-minutes'].pk}/",
        "public minutes docx": f"/minutes/{records['public-minutes'].pk}/paper.docx",
        "api actions": "/api/actions?limit=100",
        "api decisions": "/api/decisions?limit=100",
        "api actions outstanding": f"/api/meetings/{m48.pk}/actions-outstanding",
        "actions csv": "/actions/export.csv?status=all",
        "actions xlsx": "/actions/export.xlsx?status=all",
        "decisions csv": "/decisions/export.csv",
        "decisions xlsx": "/decisions/export.xlsx",
    }
    for level in LEVELS:
        action, decision, _ = records[level]
        urls[f"{level} action page"] = f"/actions/{action.pk}/"
        urls[f"{level} api action"] = f"/api/actions/{action.pk}"
        urls[f"{level} api decision"] = f"/api/decisions/{decision.pk}"
        urls[f"{level} action history"] = f"/history/action/{action.pk}/"
        pointer = records[f"pointer-{level}"]
        urls[f"{level} pointer page"] = f"/actions/{pointer.pk}/"
        urls[f"{level} pointer history"] = f"/history/action/{pointer.pk}/"
    for level in ("AMBER", "RED"):
        minutes = records[f"minutes-{level}"]
        urls[f"{level} minutes page"] = f"/minutes/{minutes.pk}/"
        urls[f"{level} minutes docx"] = f"/minutes/{minutes.pk}/paper.docx"
        urls[f"{level} api minutes"] = f"/api/minutes/{minutes.pk}"
    return urls


@pytest.mark.parametrize("role", ENTITLED_LEVELS)
def test_every_surface_shows_exactly_what_the_role_is_entitled_to(world, records, panel_meetings, role):
    client = Client()
    if role != "public":
        client.force_login(getattr(world.users, role))
    results = {name: client.get(url) for name, url in surfaces(records, panel_meetings).items()}
    texts = {name: body_of(response) for name, response in results.items()}
    everything = "\n".join(texts.values())
    entitled = ENTITLED_LEVELS[role]
    for level in LEVELS:
        for kind in ("action", "update", "decision"):
            assert (canary(kind, level) in everything) == (level in entitled), (role, kind, level)
        for surface in ("action page", "api action", "api decision", "action history"):
            expected = 200 if level in entitled else 404
            assert results[f"{level} {surface}"].status_code == expected, (role, level, surface)
    for level in ("AMBER", "RED"):
        assert (canary("minute", level) in everything) == (level in entitled), (role, "minute", level)
        for surface in ("minutes page", "minutes docx", "api minutes"):
            expected = 200 if level in entitled else 404
            assert results[f"{level} {surface}"].status_code == expected, (role, level, surface)
    for name in ("actions log", "decision register", "actions csv", "decisions xlsx", "api actions"):
        assert results[name].status_code == 200, name
        for level in LEVELS:
            kind = "decision" if "decision" in name else "action"
            assert (canary(kind, level) in texts[name]) == (level in entitled), (role, name, level)
    for level in LEVELS:
        assert (canary("action", level) in texts["actions paper docx"]) == (level in entitled), (role, level)
    assert canary("minute", "WHITE") in texts["public minutes"]
    assert_meetings_pointed_to_are_named_only_if_entitled(results, texts, records, role)


def assert_meetings_pointed_to_are_named_only_if_entitled(results, texts, records, role):
    """A WHITE action due at and closed at a meeting of each level: the meeting's name and id
    appear on the action's page, history, exports and API only for a role that may see it."""
    entitled = ENTITLED_LEVELS[role]
    api = {row["id"]: row for row in results["api actions"].json()["items"]}
    for level in LEVELS:
        pointer = records[f"pointer-{level}"]
        name = f"meeting {pointer.target_meeting.number}"
        for surface in (f"{level} pointer page", f"{level} pointer history", "actions csv", "actions xlsx"):
            assert (name in texts[surface]) == (level in entitled), (role, level, surface)
        row = api[pointer.pk]
        expected = pointer.target_meeting_id if level in entitled else None
        assert (row["target_meeting"], row["closed_at_meeting"]) == (expected, expected), (role, level)
