"""Reconcile and the accept verbs act for a person and see only what that person may see (issue 8).

Each test hides a canary string in a RED record, builds the proposal that matches it, and reads
the proposal page as a secretariat user and an administrator who are not named (the canary and
any link to the record must be absent) and as the named recipient (the canary is there).
"""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command

from panelbook.actions import services as actions
from panelbook.actions.models import Action
from panelbook.conftest import make_user, signed_in
from panelbook.core.services import ServiceError
from panelbook.governance import services as governance
from panelbook.ingest import pipeline, services
from panelbook.ingest.models import Proposal
from panelbook.ingest.tests.making import Paper, meeting_at

CANARY = "CANARY-GATE-RED-91d4"
REFERENCE = "SECP_48_1409_03"


@pytest.fixture
def named(world):
    """A secretariat user named on the RED records; the world's secretariat and admin are not."""
    return make_user("named_secretariat", is_secretariat=True)


def paper_file(name: str, title: str, level: str, **records):
    paper = Paper(name, f"{title}\nSECP47/02 SECAS to report. Update: Reported in September.")
    document = {"reference": REFERENCE, "title": title, "body": "PANEL", "meeting": 48, "date": "2017-09-14"}
    return paper.processed({**document, "classification": level}, **records)


def page(user, proposal: Proposal) -> str:
    response = signed_in(user).get(proposal.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def paper_proposal(outcome) -> Proposal:
    return next(p for p in outcome.proposals if p.record_type == "paper")


# Finding 1: an earlier RED version shows through a later version's diff.


@pytest.mark.parametrize("ingester", ["named", "admin", "system"])
def test_an_earlier_red_version_does_not_show_through_a_later_versions_proposal(world, named, ingester):
    red = services.ingest(paper_file(f"{CANARY}.txt", f"Budget {CANARY}", "RED"), by=named)
    earlier = paper_proposal(red)
    by = {"named": named, "admin": world.users.admin, "system": None}[ingester]

    later = paper_proposal(services.ingest(paper_file("budget-v2.txt", "Budget for 2018", "GREEN"), by=by))

    for reader in (world.users.admin, world.users.secretariat):
        body = page(reader, later)
        assert CANARY not in body
        assert f"proposal #{earlier.pk}" not in body and earlier.get_absolute_url() not in body
    if ingester == "admin":
        assert "An earlier version of this document exists, but you may not see it; ask its owner." in body
        assert later.file.supersedes is None
    else:
        assert f"Budget {CANARY}" in page(named, later)  # the named recipient sees the difference
    earlier.refresh_from_db()
    assert earlier.status == ("PROPOSED" if ingester == "admin" else "REJECTED")


def test_a_proposal_retired_by_a_later_red_version_does_not_name_it(world, named):
    green = paper_proposal(services.ingest(paper_file("budget.txt", "Budget", "GREEN"), by=named))

    services.ingest(paper_file(f"{CANARY}.txt", f"Budget {CANARY}", "RED"), by=named)

    green.refresh_from_db()
    assert green.status == "REJECTED"
    assert CANARY not in page(world.users.admin, green)
    assert CANARY in page(named, green)


# Finding 2: a paper RED only through its agenda item shows through matching.


@pytest.fixture
def paper_under_red_item(world, named):
    meeting = meeting_at(world, 48, dt.date(2017, 9, 14))
    item = governance.add_agenda_item(
        meeting, by=None, number=3, title="Item", classification="RED", recipients=[named]
    )
    return governance.create_paper(
        by=None, agenda_item=item, title=f"Budget {CANARY}", paper_date=dt.date(2017, 9, 14), classification="GREEN"
    )


@pytest.mark.parametrize("ingester", ["system", "named", "admin"])
def test_a_paper_red_through_its_agenda_item_does_not_show_through_matching(
    world, named, paper_under_red_item, ingester
):
    assert signed_in(world.users.admin).get(paper_under_red_item.get_absolute_url()).status_code == 404
    by = {"named": named, "admin": world.users.admin, "system": None}[ingester]

    proposal = paper_proposal(services.ingest(paper_file("budget.txt", "Budget for 2018", "GREEN"), by=by))

    body = page(world.users.admin, proposal)
    assert CANARY not in body and paper_under_red_item.get_absolute_url() not in body
    if ingester == "admin":
        assert "A paper with the reference SECP_48_1409_03 exists, but you may not see it" in body
    else:
        assert f"Budget {CANARY}" in page(named, proposal)


# Finding 3: accepting a proposal writes to records the reviewer cannot see.


@pytest.fixture
def red_action(world, named):
    meeting = meeting_at(world, 47, dt.date(2017, 8, 10))
    actions.raise_action(meeting, by=None, text="SECAS to begin.", owner="SECAS")
    hidden = actions.raise_action(
        meeting, by=None, text=f"SECAS to report {CANARY}.", owner="SECAS", classification="RED", recipients=[named]
    )
    assert hidden.reference == "SECP47/02"
    return hidden


def action_record(**fields):
    return {
        "reference": "SECP47/02",
        "text": "SECAS to report.",
        "update": "Reported in September.",
        "status": "OPEN",
        "owner": "SECAS",
        **fields,
    }


@pytest.mark.parametrize("ingester", ["admin", "system"])
@pytest.mark.parametrize("status", ["OPEN", "PROPOSE_TO_CLOSE"])
def test_accepting_does_not_write_to_a_red_action_the_reviewer_may_not_see(world, red_action, ingester, status):
    admin = world.users.admin
    assert signed_in(admin).get(red_action.get_absolute_url()).status_code == 404
    processed = paper_file("log.txt", "Actions log", "GREEN", actions=[action_record(status=status)])
    services.ingest(processed, by=admin if ingester == "admin" else None)
    proposal = Proposal.objects.get(record_type="action")
    client = signed_in(admin)

    response = client.post(proposal.get_absolute_url(), {"do": "accept"})

    body = response.content.decode() + " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert response.status_code == 200
    assert "An action with the reference SECP47/02 exists, but you may not see it; ask its owner." in body
    assert CANARY not in body and red_action.get_absolute_url() not in body
    red_action.refresh_from_db()
    assert (red_action.status, red_action.updates.count()) == ("OPEN", 0)
    proposal.refresh_from_db()
    assert proposal.status == "PROPOSED"


def test_the_named_recipient_accepts_the_same_proposal(world, named, red_action):
    services.ingest(paper_file("log.txt", "Actions log", "GREEN", actions=[action_record()]), by=None)
    proposal = Proposal.objects.get(record_type="action")
    assert CANARY not in page(world.users.admin, proposal)

    response = signed_in(named).post(proposal.get_absolute_url(), {"do": "accept"})

    assert response.status_code == 302
    assert [u.text for u in Action.objects.get(pk=red_action.pk).updates.all()] == ["Reported in September."]
    proposal.refresh_from_db()
    assert proposal.outcome == "Action SECP47/02: added the update"
    admin_page = page(world.users.admin, proposal)
    assert "SECP47/02: added the update" not in admin_page and red_action.get_absolute_url() not in admin_page


def test_a_proposal_the_person_may_not_see_cannot_be_decided_by_them(world, named):
    red = paper_proposal(services.ingest(paper_file(f"{CANARY}.txt", f"Budget {CANARY}", "RED"), by=named))

    for decide in (services.accept_proposal, services.reject_proposal):
        with pytest.raises(ServiceError) as refused:
            decide(red, by=world.users.admin)
        assert refused.value.messages == [f"There is no proposal #{red.pk}."]

    red.refresh_from_db()
    assert red.status == "PROPOSED"


def test_panelbook_ingest_plans_for_its_user(world, red_action, tmp_path, monkeypatch):
    processed = paper_file("log.txt", "Actions log", "GREEN", actions=[action_record()])
    monkeypatch.setattr(pipeline, "process_file", lambda path: processed)
    (tmp_path / "log.txt").write_text("read by the stand-in above", encoding="utf-8")

    call_command("ingest", str(tmp_path / "log.txt"), "--user", "admin", stdout=StringIO(), stderr=StringIO())

    proposal = Proposal.objects.get(record_type="action")
    assert proposal.warnings == [
        "An action with the reference SECP47/02 exists, but you may not see it; ask its owner."
    ]
    assert (proposal.diff, proposal.target, proposal.records) == ({}, "", [])
