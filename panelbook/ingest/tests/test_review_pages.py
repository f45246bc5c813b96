"""The review queue pages: the queue, a file, and a proposal beside the text it came from."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from panelbook.actions.models import Action
from panelbook.ingest import services
from panelbook.ingest.models import IngestedFile, Proposal
from panelbook.ingest.tests.making import Paper, meeting_at

PACK = Paper(
    "pack/SECP_48_actions.txt",
    "Front page of the pack",
    'Intro.\nACTION SECP47/01: SECAS to publish <the> "register".\nSECMP0040 Scheduling\nMore.',
)


@pytest.fixture
def proposals(world):
    processed = PACK.processed(
        {"reference": "SECP_48_1409_03", "body": "PANEL", "meeting": 48, "date": "2017-09-14", "title": "Actions"},
        actions=[{"reference": "SECP47/01", "text": 'SECAS to publish <the> "register".', "update": None,
                  "status": "OPEN", "owner": "SECAS", "source": PACK.source('SECAS to publish <the> "register".')}],
        modifications=[{"reference": "SECMP0040", "title": "Scheduling", "source": PACK.source("SECMP0040")}],
    )  # fmt: skip
    services.ingest(processed, by=None)
    return {p.record_type: p for p in Proposal.objects.all()}


def test_the_queue_lists_waiting_proposals_with_counts_by_type(secretariat_client, proposals):
    body = secretariat_client.get("/ingest/").content.decode()

    for proposal in proposals.values():
        assert f'href="/ingest/proposals/{proposal.pk}/"' in body
    assert "Action</a>: 1" in body and "Modification</a>: 1" in body and "Meeting</a>: 0" in body
    assert "1 warning" in body  # the action's meeting is not in panelbook


def test_the_queue_filters_by_type_and_status(secretariat_client, proposals):
    actions_only = secretariat_client.get("/ingest/?type=action").content.decode()
    assert f"/ingest/proposals/{proposals['action'].pk}/" in actions_only
    assert f"/ingest/proposals/{proposals['modification'].pk}/" not in actions_only
    assert "No proposals match." in secretariat_client.get("/ingest/?status=ACCEPTED").content.decode()


def test_a_proposal_is_shown_beside_its_source_with_the_span_marked_and_escaped(secretariat_client, proposals):
    body = secretariat_client.get(f"/ingest/proposals/{proposals['action'].pk}/").content.decode()

    assert "<mark>SECAS to publish &lt;the&gt; &quot;register&quot;.</mark>" in body
    assert "Intro.\nACTION SECP47/01: <mark>" in body
    assert "Source: page 2" in body
    assert "Front page of the pack" not in body  # only the record's own page is shown
    assert "Panel meeting 47 is not in panelbook yet; accept the meeting first." in body


def test_the_file_page_shows_the_document_and_its_proposals(secretariat_client, proposals):
    stored = IngestedFile.objects.get()
    body = secretariat_client.get(f"/ingest/files/{stored.pk}/").content.decode()
    assert "SECP_48_1409_03" in body and "pack/SECP_48_actions.txt" in body
    assert "held as AMBER" in body
    assert f"/ingest/proposals/{proposals['modification'].pk}/" in body


def test_accepting_goes_on_to_the_next_waiting_proposal(world, secretariat_client, proposals):
    meeting_at(world, 47, dt.date(2017, 8, 10))

    response = secretariat_client.post(f"/ingest/proposals/{proposals['action'].pk}/", {"do": "accept"})

    assert response.status_code == 302 and response["Location"] == f"/ingest/proposals/{proposals['modification'].pk}/"
    assert Action.objects.get().reference == "SECP47/01"


def test_a_refused_accept_is_shown_on_the_page(secretariat_client, proposals):
    response = secretariat_client.post(f"/ingest/proposals/{proposals['action'].pk}/", {"do": "accept"})

    assert response.status_code == 200
    assert "Panel meeting 47 is not in panelbook yet; accept the meeting first." in response.content.decode()
    assert Proposal.objects.get(pk=proposals["action"].pk).status == "PROPOSED"


def test_an_edit_with_a_bad_value_names_the_field(secretariat_client, proposals):
    modification = proposals["modification"]
    response = secretariat_client.post(
        f"/ingest/proposals/{modification.pk}/", {"do": "edit", "edit-reference": "", "edit-title": "Scheduling"}
    )

    assert "Reference: This field is required." in response.content.decode()
    assert Proposal.objects.get(pk=modification.pk).status == "PROPOSED"


def test_an_edit_is_accepted_as_edited(secretariat_client, proposals):
    modification = proposals["modification"]
    secretariat_client.post(
        f"/ingest/proposals/{modification.pk}/", {"do": "edit", "edit-reference": "SECMP0041", "edit-title": "Renamed"}
    )
    accepted = Proposal.objects.get(pk=modification.pk)
    assert accepted.status == "ACCEPTED" and accepted.payload["reference"] == "SECMP0041"


def test_rejecting_the_last_waiting_proposal_returns_to_the_queue(world, secretariat_client, proposals):
    for proposal in Proposal.objects.exclude(pk=proposals["modification"].pk):
        services.reject_proposal(proposal, by=None)

    response = secretariat_client.post(
        f"/ingest/proposals/{proposals['modification'].pk}/", {"do": "reject", "reject-reason": "A look-alike."}
    )

    assert response["Location"] == "/ingest/"
    rejected = Proposal.objects.get(pk=proposals["modification"].pk)
    assert (rejected.status, rejected.outcome, rejected.decided_by) == (
        "REJECTED",
        "Rejected: A look-alike.",
        world.users.secretariat,
    )


@pytest.mark.parametrize("role", ["party", "member", "recipient"])
def test_only_the_secretariat_may_use_the_ingest_pages(world, proposals, role):
    client = Client()
    client.force_login(getattr(world.users, role))
    stored = IngestedFile.objects.get()
    for url in ("/ingest/", f"/ingest/files/{stored.pk}/", f"/ingest/proposals/{proposals['action'].pk}/"):
        assert client.get(url).status_code == 403
    assert client.post(f"/ingest/proposals/{proposals['action'].pk}/", {"do": "reject"}).status_code == 403
    assert Proposal.objects.get(pk=proposals["action"].pk).status == "PROPOSED"


def test_the_public_is_sent_to_sign_in(world, proposals):
    response = Client().get("/ingest/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_the_nav_links_the_queue_for_the_secretariat_only(world, secretariat_client):
    assert 'href="/ingest/">Ingest</a>' in secretariat_client.get("/").content.decode()
    party = Client()
    party.force_login(world.users.party)
    assert 'href="/ingest/"' not in party.get("/").content.decode()


def test_an_update_shows_its_differences(world, secretariat_client, proposals):
    changed = Paper("pack/SECP_48_actions.txt", "Front page, revised", "SECMP0040 Scheduling of assessments")
    services.ingest(
        changed.processed(
            {"reference": "SECP_48_1409_03", "body": "PANEL", "meeting": 48, "date": "2017-09-14", "title": "Actions"},
            modifications=[{"reference": "SECMP0040", "title": "Scheduling of assessments", "source": None}],
        ),
        by=None,
    )
    update = Proposal.objects.get(change="UPDATE")

    body = secretariat_client.get(f"/ingest/proposals/{update.pk}/").content.decode()

    assert '<h2 id="diff-heading">Differences</h2>' in body
    assert '<th scope="row">Title</th><td><pre class="value">Scheduling</pre></td>' in body
    assert '<td><pre class="value">Scheduling of assessments</pre></td></tr>' in body
    assert "The record has no source span; the page is shown whole." in body
