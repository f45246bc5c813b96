"""A modification's documents: governance papers attached by type (and version), each keeping its
own classification, listed by type on the modification's page through the gate; detached with a reason."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from panelbook.conftest import client_for
from panelbook.governance import services as governance
from panelbook.modifications import services
from panelbook.modifications.models import ModificationDocument


def a_modification(world, reference="MP170"):
    return services.raise_modification(
        by=None,
        reference=reference,
        title="Shorter install windows",
        body=world.panel,
        issue="Install windows are a full day.",
        path="PATH_3",
        raised_on=dt.date(2025, 3, 3),
    )


def a_paper(world, reference, title="A paper", **extra):
    return governance.create_paper(
        by=None, body=world.panel, reference=reference, title=title, paper_date=world.today, **extra
    )


ON = dt.date(2025, 4, 1)


def test_documents_are_listed_by_type_with_their_versions(world):
    modification = a_modification(world)
    services.attach_document(
        modification,
        by=None,
        paper=a_paper(world, "LT1", "Legal text draft"),
        kind="LEGAL_TEXT",
        version="0.1",
        attached_on=ON,
    )
    services.attach_document(
        modification, by=None, paper=a_paper(world, "PS1", "The problem"), kind="PROBLEM_STATEMENT", attached_on=ON
    )
    services.attach_document(
        modification,
        by=None,
        paper=a_paper(world, "LT2", "Legal text again"),
        kind="LEGAL_TEXT",
        version="v0.2",
        attached_on=ON,
    )
    page = client_for(world, "public").get("/modifications/MP170/").content.decode()
    problem, legal = page.index("<h3>Problem statement</h3>"), page.index("<h3>Legal text</h3>")
    assert problem < legal < page.index("LT1") < page.index("LT2")
    assert "version 0.2" in page  # the "v" is taken off


def test_a_versioned_type_needs_a_version_and_each_version_is_attached_once(world):
    modification = a_modification(world)
    with pytest.raises(ValidationError) as refused:
        services.attach_document(modification, by=None, paper=a_paper(world, "LT1"), kind="LEGAL_TEXT", attached_on=ON)
    assert "give the version" in refused.value.message_dict["version"][0]
    services.attach_document(
        modification, by=None, paper=a_paper(world, "MR1"), kind="MODIFICATION_REPORT", version="1.0", attached_on=ON
    )
    with pytest.raises(ValidationError, match="has modification report version 1.0 already"):
        services.attach_document(
            modification,
            by=None,
            paper=a_paper(world, "MR2"),
            kind="MODIFICATION_REPORT",
            version="1.0",
            attached_on=ON,
        )
    assert modification.documents.count() == 1


def test_a_paper_is_attached_once_as_one_type_and_a_withdrawn_one_not_at_all(world):
    modification, paper = a_modification(world), a_paper(world, "C1")
    services.attach_document(modification, by=None, paper=paper, kind="CONSULTATION", attached_on=ON)
    with pytest.raises(ValidationError, match="as its consultation already"):
        services.attach_document(modification, by=None, paper=paper, kind="CONSULTATION", attached_on=ON)
    withdrawn = governance.withdraw_paper(a_paper(world, "C2"), by=None, reason="Sent in error")
    with pytest.raises(ValidationError, match="C2 is withdrawn"):
        services.attach_document(modification, by=None, paper=withdrawn, kind="CONSULTATION", attached_on=ON)


def test_a_detached_document_leaves_the_page_and_keeps_its_reason_in_history(world, secretariat_client):
    modification = a_modification(world)
    document = services.attach_document(
        modification, by=None, paper=a_paper(world, "DL1"), kind="DECISION_LETTER", attached_on=ON
    )
    url = f"/modifications/MP170/documents/{document.pk}/detach/"
    assert "Keep it attached" in secretariat_client.get(url).content.decode()
    assert secretariat_client.post(url, {"reason": "Belongs to MP171"}).status_code == 302
    assert "DL1" not in client_for(world, "public").get("/modifications/MP170/").content.decode()
    document.refresh_from_db()
    assert document.detached_on is not None
    assert document.history.first().history_change_reason == "Detached: Belongs to MP171"
    with pytest.raises(ValidationError, match="detached on"):
        services.detach_document(document, by=None, reason="Again", on=ON)


def test_the_secretariat_attaches_a_document_in_the_browser(world, secretariat_client):
    a_modification(world)
    paper = a_paper(world, "BR1", "What the change must do")
    response = secretariat_client.post(
        "/modifications/MP170/documents/new/",
        {"paper": paper.pk, "kind": "BUSINESS_REQUIREMENTS", "attached_on": "2025-04-01"},
        follow=True,
    )
    assert "BR1 is attached to MP170 as its business requirements." in response.content.decode()
    refused = secretariat_client.post(
        "/modifications/MP170/documents/new/", {"paper": paper.pk, "kind": "LEGAL_TEXT", "attached_on": "2025-04-01"}
    )
    assert "give the version" in refused.content.decode()


def test_the_public_cannot_reach_the_document_steps(world):
    document = services.attach_document(
        a_modification(world), by=None, paper=a_paper(world, "PS1"), kind="PROBLEM_STATEMENT", attached_on=ON
    )
    public = client_for(world, "public")
    for step in ("documents/new/", f"documents/{document.pk}/detach/"):
        assert public.get(f"/modifications/MP170/{step}").status_code in (302, 403), step


def test_a_returned_assessments_paper_is_attached_as_a_dcc_assessment(world):
    modification = a_modification(world)
    assessment = services.request_assessment(
        modification, by=None, kind="IMPACT", requested_on=ON, due_on=dt.date(2025, 6, 2)
    )
    paper = a_paper(world, "IA1", "Impact Assessment")
    services.record_assessment_return(assessment, by=None, delivered_on=dt.date(2025, 5, 30), document=paper)
    (document,) = ModificationDocument.objects.filter(modification=modification)
    assert (document.paper, document.kind, document.attached_on) == (paper, "DCC_ASSESSMENT", dt.date(2025, 5, 30))
