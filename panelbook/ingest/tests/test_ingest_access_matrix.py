"""The ingest access matrix: every reconcile and accept path × every role, with canaries.

Hidden RED records (or GREEN ones RED only through a parent) carry canary strings. GREEN files,
ingested by a secretariat user named on them (the plan that stores the most), propose records that
match them on each path: a paper, a meeting, an action and a decision, to CREATE and to UPDATE,
and a file whose earlier version is RED. Every ingest page is read, and every proposal accepted,
as each role. Only the named recipient may see a canary or have a hidden record written to; the
others get the same pages without them and a refusal that says only that the record exists.
A new record type or path belongs in ``PATHS`` and ``scene``.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.contrib.messages import get_messages

from panelbook.actions import services as actions
from panelbook.actions.models import Action, ActionUpdate, Decision
from panelbook.conftest import make_user, signed_in
from panelbook.governance import services as governance
from panelbook.governance.models import Meeting
from panelbook.governance.models import Paper as PaperRecord
from panelbook.ingest import services
from panelbook.ingest.matching import WITHHELD_MATCH
from panelbook.ingest.models import Proposal
from panelbook.ingest.tests.making import Paper, meeting_at

ROLES = ("public", "party", "member", "secretariat", "admin", "named")
REVIEWERS_NOT_NAMED = ("secretariat", "admin")
MOVED_TO = "2031-07-20"
NEW_PAPER = "SECP_48_1409_04"
LATER = "SECP_60_0101_01"


def canary(kind: str) -> str:
    return f"CANARY-INGEST-{kind}-3b7e"


# The date of the hidden meeting 50 is a canary too: its proposal's difference would show it.
CANARY_DATE = "2031-07-19"
CANARIES = [canary(kind) for kind in ("paper", "item", "action", "update", "meeting", "earlier")] + [CANARY_DATE]

# path -> (record type, key, what a reviewer not named is told when accepting, or None when nothing is hidden)
PATHS = {
    "paper UPDATE, RED through its item": ("paper", "{pack}", "A paper with the reference {pack}"),
    "paper CREATE under a RED item": ("paper", NEW_PAPER, "Item 4 of Panel meeting 48"),
    "meeting UPDATE of a RED meeting": ("meeting", "PANEL|50", "Panel meeting 50"),
    "meeting CREATE": ("meeting", "PANEL|51", None),
    "action UPDATE of a RED action": ("action", "SECP47/02", "An action with the reference SECP47/02"),
    "action CREATE at a RED meeting": ("action", "SECP49/01", "Panel meeting 49"),
    "decision CREATE at a RED meeting": ("decision", "PANEL|49|AGREED|to publish the plan.", "Panel meeting 49"),
    "decision CREATE under a RED item": ("decision", "PANEL|48|NOTED|the report.", "Item 5 of Panel meeting 48"),
    "decision UPDATE, equal to a RED one": (
        "decision",
        "PANEL|48|AGREED|to consult.",
        "An equal decision at Panel meeting 48",
    ),
    "paper with a RED earlier version": ("paper", LATER, None),
    # Held until its app exists; accepting holds a newer proposal and writes nothing to the RED one.
    "modification UPDATE of a RED accepted one": ("modification", "SECMP0040", None),
}


@pytest.fixture
def named(world):
    return make_user("named_secretariat", is_secretariat=True)


def user_of(world, named, role: str):
    return named if role == "named" else getattr(world.users, role)


@pytest.fixture
def scene(world, named):
    """The hidden records, then the GREEN files that match them (and a RED earlier version)."""
    red = {"classification": "RED", "recipients": [named]}
    m47 = meeting_at(world, 47, dt.date(2017, 8, 10))
    actions.raise_action(m47, by=None, text="SECAS to begin.", owner="SECAS")
    action = actions.raise_action(m47, by=None, text=f"SECAS to report {canary('action')}.", owner="SECAS", **red)
    actions.add_update(action, by=None, text=f"Drafted {canary('update')}.")
    m48 = meeting_at(world, 48, dt.date(2017, 9, 14))
    item3 = governance.add_agenda_item(m48, by=None, number=3, title=canary("item"), **red)
    paper = governance.create_paper(
        by=None, agenda_item=item3, title=f"Budget {canary('paper')}", paper_date=m48.date, classification="GREEN"
    )
    governance.add_agenda_item(m48, by=None, number=4, title=f"Four {canary('item')}", **red)
    governance.add_agenda_item(m48, by=None, number=5, title=f"Five {canary('item')}", **red)
    actions.record_decision(by=None, verb="AGREED", text="to consult.", meeting=m48, **red)
    m49 = meeting_at(world, 49, dt.date(2017, 10, 12), location=canary("meeting"), **red)
    m50 = meeting_at(world, 50, dt.date.fromisoformat(CANARY_DATE), location=canary("meeting"), **red)
    modification = {"reference": "SECMP0040", "title": canary("earlier")}
    earlier = services.ingest(
        document(f"{canary('earlier')}.txt", LATER, f"Plan {canary('earlier')}", "RED", modifications=[modification]),
        by=named,
    )
    services.accept_proposal(earlier.file.proposals.get(record_type="modification"), by=named)
    files = [
        services.ingest(pack(paper.reference), by=named).file,
        services.ingest(document("new-paper.txt", NEW_PAPER, "Four", "GREEN"), by=named).file,
        services.ingest(document("plan-v2.txt", LATER, "Plan for 2018", "GREEN"), by=named).file,
        # Planned for the admin, who may not see the equal RED decision (the named user's plan matches it away).
        services.ingest(equal_decision(), by=world.users.admin).file,
    ]
    # The same minutes planned for the admin, who may see none of the hidden records: read only.
    admin_plan = services.ingest(pack(paper.reference, name="minutes-48-admin.txt"), by=world.users.admin).file
    return SimpleNamespace(
        pack=paper.reference,
        paper=paper,
        action=action,
        hidden_meetings=[m49, m50],
        earlier=earlier.file,
        earlier_proposals=list(earlier.file.proposals.all()),
        files=files,
        admin_plan=admin_plan,
        hidden_urls=[
            paper.get_absolute_url(),
            action.get_absolute_url(),
            m49.get_absolute_url(),
            m50.get_absolute_url(),
            earlier.file.get_absolute_url(),
            *(p.get_absolute_url() for p in earlier.file.proposals.all()),
        ],
    )


def document(name: str, reference: str, title: str, level: str, **records):
    document = {"reference": reference, "title": title, "date": "2017-09-14", "classification": level}
    return Paper(name, title).processed({**document, "body": "PANEL", "meeting": 48}, **records)


def pack(reference: str, name: str = "minutes-48.txt"):
    """GREEN minutes of meeting 48 that mention every hidden record by its reference."""
    text = "Minutes\nSECP47/02 Reported.\nSECP49/01 DCC to plan.\nAGREED to publish the plan.\nNOTED the report."
    paper = Paper(name, f"{text}\n{name}")
    document = {"reference": reference, "title": "Budget for 2018", "kind": "minutes", "date": "2017-09-14"}

    def decision(meeting: int, verb: str, text: str, item: str | None = None) -> dict:
        return {"body": "PANEL", "meeting": meeting, "verb": verb, "text": text, "item": item, "majority": False}

    def meeting(number: int, date: str) -> dict:
        return {"body": "PANEL", "number": number, "date": date, "agenda": [], "attendance": [], "apologies": []}

    return paper.processed(
        {**document, "body": "PANEL", "meeting": 48, "classification": "GREEN"},
        meetings=[meeting(50, MOVED_TO), meeting(51, "2017-11-09")],
        actions=[
            {"reference": "SECP47/02", "text": "SECAS to report.", "update": "Reported.", "status": "OPEN",
             "owner": "SECAS", "source": paper.source("Reported.")},
            {"reference": "SECP49/01", "text": "DCC to plan.", "update": None, "status": "OPEN", "owner": "DCC",
             "source": paper.source("DCC to plan.")},
        ],
        decisions=[
            decision(49, "AGREED", "to publish the plan."),
            decision(48, "NOTED", "the report.", item="5"),
            decision(48, "AGREED", "to consult."),
        ],
        modifications=[{"reference": "SECMP0040", "title": "User Security Assessment scheduling"}],
    )  # fmt: skip


def equal_decision():
    paper = Paper("decisions-48.txt", "The Panel AGREED to consult.")
    document = {"reference": "SECP_48_1409_09", "kind": "minutes", "body": "PANEL", "meeting": 48}
    decision = {"body": "PANEL", "meeting": 48, "verb": "AGREED", "text": "to consult.", "majority": False}
    return paper.processed({**document, "classification": "GREEN"}, decisions=[decision])


def proposal_on(scene, path: str) -> Proposal:
    record_type, key, _ = PATHS[path]
    return Proposal.objects.get(record_type=record_type, key=key.format(pack=scene.pack), file__in=scene.files)


def ingest_pages(scene) -> dict[str, str]:
    urls = {"queue": "/ingest/", "queue, all": "/ingest/?status=all", "RED earlier file": scene.earlier.url}
    for stored in scene.files:
        urls[f"file {stored.name}"] = stored.get_absolute_url()
    for path in PATHS:
        urls[path] = proposal_on(scene, path).get_absolute_url()
    for proposal in scene.admin_plan.proposals.all():
        urls[f"admin's plan {proposal.record_type} {proposal.key}"] = proposal.get_absolute_url()
    for proposal in scene.earlier_proposals:
        urls[f"RED earlier {proposal.record_type}"] = proposal.get_absolute_url()
    return urls


def read(client, urls: dict[str, str]) -> dict[str, tuple[int, str]]:
    return {name: (r.status_code, r.content.decode()) for name, r in ((n, client.get(u)) for n, u in urls.items())}


@pytest.fixture
def scene_urls(scene):
    scene.earlier.url = scene.earlier.get_absolute_url()
    return ingest_pages(scene)


# Reading


@pytest.mark.parametrize("role", ROLES)
def test_every_ingest_page_shows_a_hidden_record_only_to_its_named_recipient(world, named, scene, scene_urls, role):
    seen = read(signed_in(user_of(world, named, role)), scene_urls)

    if role == "public":
        assert all(status == 302 and not body for status, body in seen.values())
        return
    if role in ("party", "member"):
        assert {status for status, _ in seen.values()} == {403}
        assert not any(c in body for _, body in seen.values() for c in CANARIES)
        return
    for name, (status, body) in seen.items():
        hidden_page = name.startswith("RED earlier")
        assert status == (404 if hidden_page and role != "named" else 200), (role, name)
        if role != "named":
            assert not [c for c in CANARIES if c in body], (role, name)
            assert not [url for url in scene.hidden_urls if url in body], (role, name)
    if role == "named":
        assert_named_recipient_sees_the_matches(seen)
    else:
        assert_the_admins_plan_says_only_that_hidden_records_exist(seen, scene)


def assert_the_admins_plan_says_only_that_hidden_records_exist(seen, scene):
    said = {name: body for name, (_, body) in seen.items() if name.startswith("admin's plan")}
    for what in (
        "A paper with the reference {pack}",
        "Panel meeting 50",
        "An action with the reference SECP47/02",
        "An accepted modification with the key SECMP0040",
    ):
        sentence = f"{what.format(pack=scene.pack)} exists, but you may not see it; ask its owner."
        assert [name for name, body in said.items() if sentence in body], what


def assert_named_recipient_sees_the_matches(seen):
    assert canary("paper") in seen["paper UPDATE, RED through its item"][1]
    assert CANARY_DATE in seen["meeting UPDATE of a RED meeting"][1]
    assert canary("update") in seen["action UPDATE of a RED action"][1]
    assert canary("earlier") in seen["paper with a RED earlier version"][1]
    assert canary("earlier") in seen["modification UPDATE of a RED accepted one"][1]


# Accepting


def fingerprint(scene) -> tuple:
    """Everything an accept could write to or beside a hidden record."""
    action = Action.objects.get(pk=scene.action.pk)
    return (
        action.status,
        list(ActionUpdate.objects.filter(action=action).values_list("text", flat=True)),
        Action.objects.count(),
        sorted(Decision.objects.values_list("meeting__number", "verb", "text", "agenda_item__number")),
        sorted(PaperRecord.objects.values_list("reference", "title")),
        sorted((m.number, m.starts_at) for m in Meeting.objects.all()),
        sorted(Proposal.objects.filter(file=scene.earlier).values_list("pk", "status", "outcome")),
    )


@pytest.mark.parametrize("role", ["public", "party", "member"])
def test_no_path_can_be_accepted_by_anyone_outside_the_secretariat(world, named, scene, role):
    before = fingerprint(scene)
    client = signed_in(user_of(world, named, role))

    for path in PATHS:
        response = client.post(proposal_on(scene, path).get_absolute_url(), {"do": "accept"})
        assert response.status_code == (302 if role == "public" else 403), path

    assert fingerprint(scene) == before
    assert set(Proposal.objects.filter(file__in=scene.files).values_list("status", flat=True)) == {"PROPOSED"}


@pytest.mark.parametrize("role", ["secretariat", "admin", "named"])
def test_accepting_writes_to_a_hidden_record_only_for_its_named_recipient(world, named, scene, role):
    client = signed_in(user_of(world, named, role))
    for path in PATHS:  # the paths touch different records, so each is judged against the state just before it
        accept_one_path(world, scene, client, role, path)


def accept_one_path(world, scene, client, role: str, path: str) -> None:
    proposal = proposal_on(scene, path)
    before = fingerprint(scene)

    # Confirmed, as a reviewer who may see the record confirms a change to its date or status.
    response = client.post(proposal.get_absolute_url(), {"do": "accept", "confirm": "on"})

    said = response.content.decode() + " ".join(str(m) for m in get_messages(response.wsgi_request))
    proposal.refresh_from_db()
    refusal = PATHS[path][2]
    if role in REVIEWERS_NOT_NAMED:
        assert not [c for c in CANARIES if c in said] and not [u for u in scene.hidden_urls if u in said], path
    if role in REVIEWERS_NOT_NAMED and refusal is not None:
        assert response.status_code == 200, path
        assert f"{refusal.format(pack=scene.pack)} exists, but you may not see it; ask its owner." in said, path
        assert (fingerprint(scene), proposal.status) == (before, "PROPOSED"), path
        return
    assert response.status_code == 302, (path, said)
    assert proposal.status == "ACCEPTED", path
    assert_accepted_as_expected(scene, path, before)
    assert_the_outcome_is_withheld_from_those_not_named(world, scene, proposal, path)


def assert_accepted_as_expected(scene, path: str, before: tuple) -> None:
    after = fingerprint(scene)
    changed = {index for index, (old, new) in enumerate(zip(before, after, strict=True)) if old != new}
    expected = {
        "paper UPDATE, RED through its item": set(),  # linked to the paper; its fields are unchanged
        "paper CREATE under a RED item": {4},
        "meeting UPDATE of a RED meeting": {5},
        "meeting CREATE": {5},
        "action UPDATE of a RED action": {1},
        "action CREATE at a RED meeting": {2},
        "decision CREATE at a RED meeting": {3},
        "decision CREATE under a RED item": {3},
        "decision UPDATE, equal to a RED one": set(),  # already recorded
        "paper with a RED earlier version": set(),  # held: meeting 60 is not in panelbook
        "modification UPDATE of a RED accepted one": set(),
    }[path]
    assert changed == expected, path
    if path == "decision CREATE under a RED item":
        assert Decision.objects.filter(agenda_item__number=5, text="the report.").exists()


def assert_the_outcome_is_withheld_from_those_not_named(world, scene, proposal: Proposal, path: str) -> None:
    """What the named recipient did names a record the others may not see, except a new meeting."""
    for role in REVIEWERS_NOT_NAMED:
        client = signed_in(getattr(world.users, role))
        for url in (proposal.get_absolute_url(), proposal.file.get_absolute_url(), "/ingest/?status=all"):
            body = client.get(url).content.decode()
            assert not [c for c in CANARIES if c in body], (role, url)
            assert not [u for u in scene.hidden_urls if u in body], (role, url)
        body = client.get(proposal.get_absolute_url()).content.decode()
        assert (proposal.outcome in body) == (path == "meeting CREATE"), (role, path)
        assert (WITHHELD_MATCH in body) == (path != "meeting CREATE"), (role, path)
