"""A modification's page saved from the SEC website becomes a proposal; accepting it creates or updates
the modification through the register import's steps, keyed by its identity (DP150 is MP150).

The pages are written for these tests (a fictional MP150), as HTML and as text.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from panelbook.governance.models import Person
from panelbook.ingest import services
from panelbook.ingest.models import Proposal
from panelbook.ingest.pipeline import process_document
from panelbook.ingest.readers import read_bytes
from panelbook.modifications import services as register
from panelbook.modifications.models import Modification

D = dt.date


def page(
    reference="MP150",
    stage="Refinement Process",
    raised="4 November 2024",
    impacted=("Large Suppliers", "Electricity Network Operators"),
    update="The Working Group met on 3 February 2025.",
    timeline=(
        ("04/11/2024", "Draft Proposal raised"),
        ("02/12/2024", "Converted to Modification Proposal"),
        ("06/01/2025", "Refinement Process"),
        ("03/02/2025", "Working Group meeting"),
    ),
) -> bytes:
    items = "".join(f"<li>{name}</li>" for name in impacted)
    rows = "".join(f"<tr><td>{on}</td><td>{event}</td></tr>" for on, event in timeline)
    return f"""<!doctype html><html><head><title>{reference}</title></head><body>
<h1>{reference} ‘Quicker meter exchange’</h1>
<dl><dt>Proposer</dt><dd>Northwind Energy Ltd</dd><dt>Lead Analyst</dt><dd>Priya Okafor</dd>
<dt>Date raised</dt><dd>{raised}</dd><dt>Stage</dt><dd>{stage}</dd><dt>Path</dt><dd>Path 3: Self-Governance</dd>
<dt>Implementation date</dt><dd>November 2025 SEC Release</dd></dl>
<h2>Latest update</h2><p>{update}</p>
<h2>What is the issue?</h2><p>Exchanging a meter takes two site visits.</p>
<h2>What is the solution?</h2><p>Commission the new meter during the first visit.</p>
<h2>Who is impacted?</h2><ul>{items}</ul>
<h2>What SEC documents are affected?</h2><p>Section H, Appendix AC</p>
<h2>Timeline</h2><table><tr><th>Date</th><th>Event</th></tr>{rows}</table>
</body></html>""".encode()


def ingested(world, content: bytes, name="mp150.html"):
    services.ingest(process_document(read_bytes(name, content)), by=world.users.secretariat)
    return Proposal.objects.filter(record_type="modification").order_by("pk").last()


def in_register(world, reference, raised_on, title="Quicker meter exchange", **extra):
    return register.raise_modification(
        by=None,
        reference=reference,
        title=title,
        body=world.panel,
        issue="Exchanging a meter takes two site visits.",
        path="PATH_3",
        raised_on=raised_on,
        **extra,
    )


@pytest.fixture
def analyst(world):
    return Person.objects.create(name="Priya Okafor")


def test_a_new_modification_is_raised_and_moved_on_as_its_page_says(world, analyst):
    proposal = ingested(world, page())
    assert (proposal.change, proposal.key, proposal.warnings) == ("CREATE", "MP150", [])

    accepted = services.accept_proposal(proposal, by=world.users.secretariat)

    made = Modification.objects.get()
    assert (made.reference, made.stage, made.path, made.raised_on) == ("MP150", "REFINEMENT", "PATH_3", D(2024, 11, 4))
    assert [(c.stage, c.on) for c in made.stage_changes.all()] == [
        ("DRAFT_PROPOSAL", D(2024, 11, 4)),
        ("MODIFICATION_PROPOSAL", D(2024, 12, 2)),
        ("REFINEMENT", D(2025, 1, 6)),
    ]
    assert made.title == "Quicker meter exchange" and made.issue == "Exchanging a meter takes two site visits."
    assert made.solution == "Commission the new meter during the first visit."
    assert made.impacted_categories == ["LARGE_SUPPLIER", "ELECTRICITY_NETWORK"]
    assert made.affected_documents == "Section H, Appendix AC"
    assert (made.proposer_organisation, made.lead_analyst) == (world.supplier, analyst)
    assert made.classification == "AMBER"  # as its file: the page carries no marking
    assert accepted.outcome.startswith("MP150: Raise DP150 “Quicker meter exchange” on 04 November 2024")
    assert made.stage_changes.last().note == "Ingested from the modification's page on the SEC website"


def test_the_page_again_with_nothing_new_for_the_register_proposes_nothing(world, analyst):
    services.accept_proposal(ingested(world, page()), by=world.users.secretariat)

    again = ingested(world, page(update="Nothing has changed since February."), name="mp150-again.html")

    assert again.status == "ACCEPTED"  # the first one: the second file proposed no modification
    assert Modification.objects.count() == 1 and Proposal.objects.filter(record_type="modification").count() == 1


def test_a_draft_proposal_in_the_register_is_updated_by_its_mp_page(world, analyst):
    in_register(world, "DP150", D(2024, 11, 4))
    proposal = ingested(world, page())
    assert (proposal.change, proposal.target) == ("UPDATE", "DP150")
    assert "Move to “Modification Proposal” on 02 December 2024" in proposal.diff["changes"][1]

    services.accept_proposal(proposal, by=world.users.secretariat)

    updated = Modification.objects.get()
    assert (updated.reference, updated.stage) == ("MP150", "REFINEMENT")
    assert updated.impacted_categories == ["LARGE_SUPPLIER", "ELECTRICITY_NETWORK"]


def test_an_unknown_stage_is_named_and_nothing_is_stored(world, analyst):
    proposal = ingested(world, page(stage="Pondering"))
    assert any(w.startswith("Stage: “Pondering” is not a stage: write one of") for w in proposal.warnings)

    with pytest.raises(ValidationError, match="Stage: “Pondering” is not a stage"):
        services.accept_proposal(proposal, by=world.users.secretariat)
    assert not Modification.objects.exists()


def test_a_party_category_not_known_is_named(world, analyst):
    proposal = ingested(world, page(impacted=("Large Suppliers", "Meter Enthusiasts")))
    assert any("“Meter Enthusiasts” is not a party category" in w for w in proposal.warnings)
    with pytest.raises(ValidationError, match="Who is impacted"):
        services.accept_proposal(proposal, by=world.users.secretariat)


def test_a_page_that_conflicts_with_the_register_is_refused_naming_the_field(world, analyst):
    in_register(world, "MP150", D(2024, 10, 1))
    proposal = ingested(world, page(reference="DP150", stage="Draft Proposal", timeline=()))
    assert (proposal.change, proposal.target) == ("UPDATE", "MP150")
    assert any(w.startswith("Date raised: the register has MP150 raised on 01/10/2024") for w in proposal.warnings)

    with pytest.raises(ValidationError, match="the register has MP150 raised on 01/10/2024"):
        services.accept_proposal(proposal, by=world.users.secretariat)
    assert Modification.objects.get().stage_changes.count() == 1


def test_a_modification_the_reviewer_may_not_see_is_named_as_existing_only(world, analyst):
    in_register(
        world, "MP150", D(2024, 11, 4), "A RED modification", classification="RED", recipients=[world.users.recipient]
    )
    proposal = ingested(world, page())
    assert proposal.warnings == ["The modification MP150 exists, but you may not see it; ask its owner."]
    assert proposal.diff == {} and proposal.target == ""
    with pytest.raises(ValidationError, match="may not see"):
        services.accept_proposal(proposal, by=world.users.secretariat)
    assert Modification.objects.get().title == "A RED modification"


def test_the_page_saved_as_text_reads_the_same(world, analyst):
    text = """MP150 Quicker meter exchange
Proposer: Northwind Energy Ltd
Lead Analyst: Priya Okafor
Date raised: 4 November 2024
Stage: Modification Proposal
Path: Path 3
What is the issue?
Exchanging a meter takes two site visits.
Who is impacted?
Large Suppliers
Timeline
4 November 2024 – Draft Proposal raised
2 December 2024 – Converted to Modification Proposal
"""
    proposal = ingested(world, text.encode(), name="mp150.txt")
    assert proposal.warnings == []

    services.accept_proposal(proposal, by=world.users.secretariat)

    made = Modification.objects.get()
    assert (made.reference, made.stage, made.title) == ("MP150", "MODIFICATION_PROPOSAL", "Quicker meter exchange")
    assert made.impacted_categories == ["LARGE_SUPPLIER"]
