"""Ingested files and their proposals pass the classification gate like any record.

A RED file and an AMBER file each carry a canary string in their text, their document fields and
a proposal's payload. Every ingest page is read as each secretariat user; a canary must appear
exactly where that user may see the file.
"""

from __future__ import annotations

import pytest
from django.test import Client

from panelbook.conftest import make_user, signed_in
from panelbook.ingest import services
from panelbook.ingest.models import Proposal
from panelbook.ingest.tests.making import Paper


def canary(level: str) -> str:
    return f"CANARY-INGEST-{level}-5c1e"


@pytest.fixture
def named(world):
    """A secretariat user named as recipient of the RED file (the plain secretariat user is not)."""
    return make_user("named_secretariat", is_secretariat=True)


@pytest.fixture
def files(world, named):
    made = {}
    for level in ("AMBER", "RED"):
        paper = Paper(f"{canary(level)}.txt", f"Cover {canary(level)}", f"SECMP0040 {canary(level)} scheduling")
        processed = paper.processed(
            {"reference": canary(level), "title": canary(level), "body": "PANEL", "classification": level},
            modifications=[{"reference": "SECMP0040", "title": canary(level), "source": paper.source("SECMP0040")}],
        )
        made[level] = services.ingest(processed, by=named if level == "RED" else None).file
    return made


def pages(files) -> dict[str, str]:
    urls = {
        "queue": "/ingest/",
        "queue, all": "/ingest/?status=all",
        "queue, modifications": "/ingest/?type=modification",
    }
    for level, stored in files.items():
        urls[f"{level} file"] = f"/ingest/files/{stored.pk}/"
        for proposal in Proposal.objects.filter(file=stored):
            urls[f"{level} {proposal.record_type}"] = f"/ingest/proposals/{proposal.pk}/"
    return urls


def read(client: Client, urls: dict[str, str]) -> dict[str, tuple[int, str]]:
    return {name: (r.status_code, r.content.decode()) for name, r in ((n, client.get(u)) for n, u in urls.items())}


@pytest.mark.parametrize("role", ["secretariat", "admin"])
def test_a_red_file_is_on_no_page_for_the_secretariat_who_are_not_named(world, files, role):
    seen = read(signed_in(getattr(world.users, role)), pages(files))

    for name, (status, body) in seen.items():
        assert canary("RED") not in body, name
        assert status == (404 if name.startswith("RED") else 200), name
    for name in ("queue", "queue, all", "queue, modifications", "AMBER file", "AMBER paper", "AMBER modification"):
        assert canary("AMBER") in seen[name][1], name


def test_a_red_file_is_on_every_page_for_its_named_recipient(world, files, named):
    seen = read(signed_in(named), pages(files))

    for name, (status, _) in seen.items():
        assert status == 200, name
    for name in ("queue", "queue, all", "queue, modifications", "RED file", "RED paper", "RED modification"):
        assert canary("RED") in seen[name][1], name


def test_a_red_file_cannot_be_decided_by_a_secretariat_user_who_is_not_named(world, files):
    red = Proposal.objects.get(file=files["RED"], record_type="modification")

    response = signed_in(world.users.secretariat).post(f"/ingest/proposals/{red.pk}/", {"do": "accept"})

    assert response.status_code == 404
    red.refresh_from_db()
    assert red.status == "PROPOSED"


def test_the_counts_of_the_queue_leave_out_what_the_user_may_not_see(world, files, named):
    assert "Modification</a>: 1" in signed_in(world.users.secretariat).get("/ingest/").content.decode()
    assert "Modification</a>: 2" in signed_in(named).get("/ingest/").content.decode()
