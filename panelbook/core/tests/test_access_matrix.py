"""The access matrix: every role × every classification × every surface.

Each classified record carries a canary string in its title and in its file. For each role the
test reads every surface (pages, API list and detail, iCalendar feeds, file downloads) and
checks that a canary appears exactly when the role is entitled to the record.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from panelbook.conftest import ENTITLED_LEVELS, client_for
from panelbook.core.classification import Classification
from panelbook.governance import services

LEVELS = Classification.values


def canary(kind: str, level: str) -> str:
    return f"CANARY-{kind}-{level}-7f3a"


def text_upload(name: str, content: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content.encode(), content_type="text/plain")


@pytest.fixture
def records(world, make_meeting):
    """For each level: a meeting, a paper (in a WHITE meeting) and an appendix (on a WHITE paper)."""
    by = None  # created by an import, so no creator is added as a RED recipient
    host_meeting = make_meeting(number=100, by=None)
    host_item = services.add_agenda_item(host_meeting, by=by, title="Host item")
    host = services.create_paper(
        by=by,
        agenda_item=host_item,
        title="Host paper",
        paper_date=world.today,
        upload=text_upload("host.txt", "host paper"),
    )
    made = {}
    for number, level in enumerate(LEVELS, start=1):
        recipients = [world.users.recipient] if level == "RED" else None
        meeting = make_meeting(number=number, classification=level, recipients=recipients, by=None)
        services.add_agenda_item(
            meeting, by=by, title=canary("item", level), classification=level, recipients=recipients
        )
        item = services.add_agenda_item(host_meeting, by=by, title=f"Item for {level} paper")
        paper = services.create_paper(
            by=by,
            agenda_item=item,
            title=canary("paper", level),
            paper_date=world.today,
            classification=level,
            recipients=recipients,
            upload=text_upload("paper.txt", canary("paper-file", level)),
        )
        appendix = services.add_appendix(
            host,
            by=by,
            label=f"Appendix {level}",
            title=canary("appendix", level),
            classification=level,
            recipients=recipients,
            upload=text_upload("appendix.txt", canary("appendix-file", level)),
        )
        made[level] = SimpleNamespace(meeting=meeting, paper=paper, appendix=appendix)
    return SimpleNamespace(host=host, host_meeting=host_meeting, by_level=made)


def read_all_surfaces(client: Client, world, records) -> dict[str, tuple[int, str]]:
    """Fetch every surface once; return {surface name: (status, body)}."""
    urls = {
        "home": "/",
        "meeting list": "/meetings/",
        "paper list": "/papers/",
        "paper export": "/papers/export.csv",
        "body page": "/bodies/panel/",
        "host meeting page": f"/meetings/{records.host_meeting.pk}/",
        "host paper page": f"/papers/{records.host.pk}/",
        "host meeting pack": f"/meetings/{records.host_meeting.pk}/pack/",
        "host meeting pack, appendices": f"/meetings/{records.host_meeting.pk}/pack/",
        "calendar": "/calendar.ics",
        "body calendar": "/bodies/panel/calendar.ics",
        "api meetings": "/api/meetings?limit=100",
        "api papers": "/api/papers?limit=100",
        "api host paper": f"/api/papers/{records.host.pk}",
        "api host meeting": f"/api/meetings/{records.host_meeting.pk}",
        # The secretariat's forms: their choices (agenda items, appendices) pass the gate too.
        "new paper form": "/papers/new/",
        "upload form": f"/papers/{records.host.pk}/upload/",
    }
    for level, made in records.by_level.items():
        urls[f"{level} meeting page"] = f"/meetings/{made.meeting.pk}/"
        urls[f"{level} meeting pack"] = f"/meetings/{made.meeting.pk}/pack/"
        urls[f"{level} paper page"] = f"/papers/{made.paper.pk}/"
        urls[f"{level} api meeting"] = f"/api/meetings/{made.meeting.pk}"
        urls[f"{level} api paper"] = f"/api/papers/{made.paper.pk}"
        urls[f"{level} paper history"] = f"/history/paper/{made.paper.pk}/"
        urls[f"{level} paper file"] = f"/files/{made.paper.files.get().pk}/"
        urls[f"{level} appendix file"] = f"/files/{made.appendix.files.get().pk}/"
    results = {}
    for name, url in urls.items():
        response = client.get(url)
        # The stubs type test responses as plain ones; a streamed download has streaming_content.
        body = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
        results[name] = (response.status_code, body.decode("utf-8", "replace"))
    return results


@pytest.mark.parametrize("role", ENTITLED_LEVELS)
def test_every_surface_shows_exactly_what_the_role_is_entitled_to(world, records, role):
    results = read_all_surfaces(client_for(world, role), world, records)
    assert_canaries_nowhere_unless_entitled(results, role)
    assert_details_answer_404_unless_entitled(results, role)
    assert_each_surface_shows_entitled_canaries(results, role)


def assert_canaries_nowhere_unless_entitled(results, role):
    everything = "\n".join(body for _, body in results.values())
    for level in LEVELS:
        entitled = level in ENTITLED_LEVELS[role]
        for kind in ("item", "paper", "appendix", "paper-file", "appendix-file"):
            assert (canary(kind, level) in everything) == entitled, (role, kind, level)


def assert_details_answer_404_unless_entitled(results, role):
    surfaces = (
        "meeting page",
        "meeting pack",
        "paper page",
        "api meeting",
        "api paper",
        "paper history",
        "paper file",
        "appendix file",
    )
    for level in LEVELS:
        expected = 200 if level in ENTITLED_LEVELS[role] else 404
        for surface in surfaces:
            assert results[f"{level} {surface}"][0] == expected, (role, level, surface)


def assert_each_surface_shows_entitled_canaries(results, role):
    if role == "secretariat":
        for surface, kind in {"new paper form": "item", "upload form": "appendix"}.items():
            for level in LEVELS:
                assert (canary(kind, level) in results[surface][1]) == (level in ENTITLED_LEVELS[role]), (
                    surface,
                    level,
                )
    surfaces = {
        "api papers": "paper",
        "paper list": "paper",
        "paper export": "paper",
        "calendar": "item",
        "body calendar": "item",
        "host meeting page": "paper",
        "host paper page": "appendix",
        "api host paper": "appendix",
        "host meeting pack": "paper",
        "host meeting pack, appendices": "appendix",
    }
    for surface, kind in surfaces.items():
        status, body = results[surface]
        assert status == 200, surface
        for level in LEVELS:
            assert (canary(kind, level) in body) == (level in ENTITLED_LEVELS[role]), (role, surface, level)


@pytest.mark.parametrize("role", ["party", "member", "recipient"])
def test_personal_calendar_key_gives_the_same_feed_as_the_session(world, records, role):
    user = getattr(world.users, role)
    by_key = Client().get(f"/calendar.ics?key={user.calendar_key}").content.decode()
    for level in LEVELS:
        assert (canary("item", level) in by_key) == (level in ENTITLED_LEVELS[role]), level


def test_unknown_calendar_key_is_refused(world, records):
    assert Client().get("/calendar.ics?key=not-a-key").status_code == 404
