"""The access matrix of threads: a RED-only thread, a mixed thread (WHITE and AMBER items, named
after its RED item) and an AMBER-only one, read on every surface as every role. A thread is seen
only by those who may see one of its items, with only those items; its title only by those who
may see the item it is named after, and never in a count, list, page or API answer otherwise."""

import json

import pytest

from panelbook.actions import services as actions
from panelbook.conftest import ENTITLED_LEVELS, client_for
from panelbook.threads import services
from panelbook.threads.tests.helpers import items_at

RED_THREAD = "CanaryRedThreadTitleQx"
RED_ITEM = "CanaryRedItemQx"
AMBER_ITEM = "CanaryAmberItemQx"
AMBER_DECISION = "CanaryAmberDecisionQx"
WHITE_ITEM = "Published item of the mixed thread"
ROLES = sorted(ENTITLED_LEVELS)


@pytest.fixture
def threads(world, make_meeting):
    recipients = [world.users.recipient]
    red = items_at(make_meeting, [RED_ITEM, RED_ITEM], level="RED", recipients=recipients, first_number=10)
    red_only = services.start_thread(red, by=None, reason="Canary", title=RED_THREAD)
    white = items_at(make_meeting, [WHITE_ITEM], first_number=20, start=-50)
    amber = items_at(make_meeting, [AMBER_ITEM], level="AMBER", first_number=21, start=-40)
    hidden = items_at(make_meeting, [RED_ITEM], level="RED", recipients=recipients, first_number=22, start=-30)
    mixed = services.start_thread([*white, *amber, *hidden], by=None, reason="Canary")
    services.rename_thread(mixed, by=None, title=RED_THREAD, reason="Named after the RED item", named_after=hidden[0])
    actions.record_decision(
        by=None, meeting=amber[0].meeting, agenda_item=amber[0], verb="NOTED", text=AMBER_DECISION,
        classification="AMBER",
    )  # fmt: skip
    return red_only, mixed, white[0].meeting


def surfaces(client, red_only, mixed, meeting) -> dict[str, tuple[int, str]]:
    urls = {
        "list": "/threads/",
        "list by panel": "/threads/?body=panel",
        "api list": "/api/threads?limit=100",
        "api red": f"/api/threads/{red_only.pk}",
        "api mixed": f"/api/threads/{mixed.pk}",
        "red page": f"/threads/{red_only.pk}/",
        "mixed page": f"/threads/{mixed.pk}/",
        "red history": f"/history/thread/{red_only.pk}/",
        "meeting page": meeting.get_absolute_url(),
    }
    found = {}
    for name, url in urls.items():
        response = client.get(url)
        found[name] = (response.status_code, response.content.decode("utf-8", "replace"))
    return found


@pytest.mark.parametrize("role", ROLES)
def test_a_thread_and_its_title_reach_only_those_who_may_see_its_items(world, threads, role):
    found = surfaces(client_for(world, role), *threads)
    sees = ENTITLED_LEVELS[role]
    for name, (_status, body) in found.items():
        assert (RED_THREAD in body) <= ("RED" in sees), (role, name)
        assert (RED_ITEM in body) <= ("RED" in sees), (role, name)
        assert (AMBER_ITEM in body) <= ("AMBER" in sees), (role, name)
        assert (AMBER_DECISION in body) <= ("AMBER" in sees), (role, name)
    if "RED" not in sees:
        assert {found[n][0] for n in ("red page", "api red", "red history")} == {404}
    assert found["mixed page"][0] == 200 and WHITE_ITEM in found["mixed page"][1]


@pytest.mark.parametrize("role", ROLES)
def test_the_api_counts_only_the_threads_and_meetings_the_caller_may_see(world, threads, role):
    red_only, mixed, _meeting = threads
    found = surfaces(client_for(world, role), *threads)
    listed = json.loads(found["api list"][1])
    sees_red = "RED" in ENTITLED_LEVELS[role]
    assert listed["count"] == (2 if sees_red else 1) == len(listed["items"])
    detail = json.loads(found["api mixed"][1])
    visible_levels = {"WHITE"} | (ENTITLED_LEVELS[role] & {"AMBER", "RED"})
    assert detail["meetings"] == len(visible_levels) == len(detail["items"])
    assert detail["title"] == (RED_THREAD if sees_red else (AMBER_ITEM if "AMBER" in visible_levels else WHITE_ITEM))


def test_a_member_sees_the_decision_on_an_amber_item_in_the_timeline(world, threads):
    page = surfaces(client_for(world, "member"), *threads)["mixed page"][1]
    assert AMBER_ITEM in page and AMBER_DECISION in page


def test_the_meeting_page_says_which_thread_an_item_is_part_of(world, threads):
    page = surfaces(client_for(world, "public"), *threads)["meeting page"][1]
    assert "is part of the thread" in page and WHITE_ITEM in page


def test_a_voided_thread_leaves_the_list_for_all_but_the_secretariat(world, threads):
    _red, mixed, _meeting = threads
    services.void_thread(mixed, by=world.users.secretariat, reason="Not one topic")
    assert client_for(world, "public").get(f"/threads/{mixed.pk}/").status_code == 404
    assert json.loads(client_for(world, "member").get("/api/threads").content)["count"] == 0
    assert "Not one topic" in client_for(world, "secretariat").get(f"/threads/{mixed.pk}/").content.decode()
