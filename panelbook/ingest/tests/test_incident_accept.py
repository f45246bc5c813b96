"""Accepting an incident an ingested paper reports: logged through the incidents' verbs with its
category history and closing, the service lines named by the reviewer; an incident already held
is proposed again only with what the paper adds."""

from __future__ import annotations

import pytest

from panelbook.core.services import ServiceError
from panelbook.ingest import services
from panelbook.ingest.models import Proposal
from panelbook.ingest.tests.making import Paper
from panelbook.performance.models import Incident
from panelbook.performance.tests.incident_rows import at, open_one, reference_data

SLIDES = Paper(
    "papers/major_incidents.pptx",
    "Major Incident Summary\nINC000000770011: Install requests rejected in the central region",
    "Incident opened: 5 March 2024 at 09:10 Category 3\n5 March 2024 at 09:55 raised to Category 2\n"
    "5 March 2024 at 10:40 raised to Category 1\nIncident closed: 5 March 2024 at 12:05",
)


def reporting(level="AMBER", *, closed="2024-03-05T12:05", categories=((("2024-03-05T09:10"), 3),), services=None):
    incident = {
        "reference": "INC000000770011",
        "title": "Install requests rejected in the central region",
        "opened": "2024-03-05T09:10",
        "closed": closed,
        "closures": [],
        "categories": [{"at": moment, "category": category} for moment, category in categories],
        "services": services,
        "major": True,
        "source": SLIDES.source("INC000000770011"),
    }
    document = {"title": "Major Incident Summary", "kind": "slide pack", "body": "PANEL", "date": "2024-03-08",
                "classification": level}  # fmt: skip
    return SLIDES.processed(document, incidents=[incident])


ESCALATED = (("2024-03-05T09:10", 3), ("2024-03-05T09:55", 2), ("2024-03-05T10:40", 1))


@pytest.fixture
def lines(world):
    return reference_data()


def proposal() -> Proposal:
    return Proposal.objects.get(record_type="incident")


def test_a_new_incident_asks_for_its_service_lines_and_is_refused_without_them(world, lines):
    services.ingest(reporting(categories=ESCALATED), by=world.users.secretariat)
    found = proposal()
    assert found.change == "CREATE"
    assert "Name the service lines it affected (SMETS2, CSP N …) before accepting." in found.warnings
    with pytest.raises(ServiceError, match="Name the service lines the incident affected"):
        services.accept_proposal(found, by=world.users.secretariat)
    assert not Incident.objects.exists()


def test_a_service_line_panelbook_does_not_hold_is_named_and_nothing_is_logged(world, lines):
    services.ingest(reporting(categories=ESCALATED, services="SMETS2, CSP Z"), by=world.users.secretariat)
    with pytest.raises(ServiceError, match="“CSP Z” is not a service line panelbook holds"):
        services.accept_proposal(proposal(), by=world.users.secretariat)
    assert not Incident.objects.exists()


def test_accepting_logs_the_incident_with_its_category_history_and_closing_as_the_file_is_classified(world, lines):
    services.ingest(reporting(categories=ESCALATED, services="SMETS2; csp-n"), by=world.users.secretariat)
    services.accept_proposal(proposal(), by=world.users.secretariat)
    logged = Incident.objects.get()
    assert [(c.at, c.category) for c in logged.changes.order_by("at")] == [
        (at("2024-03-05", "09:10"), 3),
        (at("2024-03-05", "09:55"), 2),
        (at("2024-03-05", "10:40"), 1),
    ]
    assert (logged.category, logged.worst_category, logged.closed) == (1, 1, at("2024-03-05", "12:05"))
    assert {line.code for line in logged.services.all()} == {"smets2", "csp-n"}
    assert (logged.classification, logged.body, logged.is_major) == ("AMBER", world.panel, True)
    first = logged.history.earliest("history_date").history_change_reason
    assert first == "Stated in papers/major_incidents.pptx"
    assert proposal().status == "ACCEPTED"


def test_the_same_paper_again_proposes_nothing_once_the_incident_is_held(world, lines):
    services.ingest(reporting(categories=ESCALATED, services="SMETS2"), by=world.users.secretariat)
    services.accept_proposal(proposal(), by=world.users.secretariat)
    again = reporting(categories=ESCALATED, services="SMETS2")
    again.extraction.document["title"] = "Major Incident Summary (reissued)"
    services.ingest(again, by=world.users.secretariat)
    assert Proposal.objects.filter(record_type="incident").count() == 1


def test_a_later_category_and_the_closing_of_an_incident_held_open_are_proposed_and_applied(world, lines):
    held = open_one("INC000000770011", opened="2024-03-05 09:10", category=3, services=[lines.smets2])
    services.ingest(reporting(categories=ESCALATED), by=world.users.secretariat)
    found = proposal()
    assert (found.change, found.diff) == ("UPDATE", {"category": [3, 1], "closed": [None, "2024-03-05T12:05+00:00"]})
    services.accept_proposal(found, by=world.users.secretariat)
    held.refresh_from_db()
    assert [c.category for c in held.changes.order_by("at")] == [3, 2, 1]
    assert held.closed == at("2024-03-05", "12:05")
    assert held.changes.order_by("at").last().reason == "Stated in papers/major_incidents.pptx"


def test_an_incident_the_reviewer_may_not_see_is_only_said_to_exist(world, lines):
    open_one(
        "INC000000770011",
        opened="2024-03-05 09:10",
        services=[lines.smets2],
        classification="RED",
        recipients=[world.users.recipient],
    )
    services.ingest(reporting(categories=ESCALATED), by=world.users.secretariat)
    found = proposal()
    assert found.diff == {} and found.target == ""
    assert any("INC000000770011" in w and "you may not see" in w for w in found.warnings)
