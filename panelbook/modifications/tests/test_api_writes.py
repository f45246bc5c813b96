"""The API's writes for DCC assessments and a modification's documents: a secretariat token, the
pages' own verbs, their refusals as 400, and the gate (a RED modification or paper the caller is
not named on answers 404, as a missing one does)."""

import datetime as dt

import pytest

from panelbook.core.models import ApiToken
from panelbook.governance import services as governance
from panelbook.modifications import services
from panelbook.modifications.models import Assessment, ModificationDocument

D = dt.date


def headers(world, role: str) -> dict[str, str]:
    if role == "public":
        return {}
    return {"Authorization": f"Bearer {ApiToken.issue(getattr(world.users, role), 'test')[1]}"}


def send(client, method, url, data, auth, **extra):
    return getattr(client, method)(url, data, content_type="application/json", headers={**auth, **extra})


def raised(world, reference="MP170", **extra):
    return services.raise_modification(
        by=None,
        reference=reference,
        title="Quicker prepayment top-ups",
        body=world.panel,
        issue="I.",
        path="PATH_3",
        raised_on=D(2025, 1, 6),
        **extra,
    )


def a_paper(world, reference="DCC_PA_170", **extra):
    return governance.create_paper(
        by=None,
        body=world.panel,
        reference=reference,
        title="Preliminary Assessment",
        paper_date=D(2025, 2, 3),
        **extra,
    )


@pytest.fixture
def secretariat(world):
    return headers(world, "secretariat")


REQUEST = {"kind": "PRELIMINARY", "requested_on": "2025-01-13", "due_on": "2025-01-27"}


@pytest.mark.parametrize("role", ["public", "party", "member"])
def test_only_a_secretariat_token_may_request_an_assessment(world, client, role):
    raised(world)
    answer = send(client, "post", "/api/modifications/MP170/dcc-assessments", REQUEST, headers(world, role))
    assert answer.status_code == (401 if role == "public" else 403)
    assert not Assessment.objects.exists()


def test_the_secretariat_requests_returns_corrects_voids_and_restores_an_assessment(world, client, secretariat):
    raised(world)
    paper = a_paper(world)
    made = send(client, "post", "/api/modifications/MP170/dcc-assessments", REQUEST, secretariat)
    assert made.status_code == 201
    assert (made.json()["due_on"], made.json()["overdue"]) == ("2025-01-27", True)
    url = f"/api/modifications/MP170/dcc-assessments/{made.json()['id']}"

    back = {"delivered_on": "2025-01-24", "cost": 12500.5, "lead_time": 3, "lead_time_unit": "MONTHS"}
    returned = send(client, "post", f"{url}/return", {**back, "document": "DCC_PA_170"}, secretariat)
    assert returned.status_code == 200
    assert (returned.json()["document"], returned.json()["cost"], returned.json()["overdue"]) == (
        "DCC_PA_170",
        12500.5,
        False,
    )
    assert ModificationDocument.objects.get().paper == paper  # the returned paper joins the documents

    corrected = send(client, "patch", url, {"cost": 11000, "reason": "The DCC revised its cost."}, secretariat)
    assert corrected.status_code == 200 and corrected.json()["cost"] == 11000.0
    assert corrected["ETag"] == '"3"'
    assert Assessment.history.filter(history_change_reason="Corrected: The DCC revised its cost.").exists()

    voided = send(client, "post", f"{url}/void", {"reason": "Entered twice."}, secretariat)
    assert voided.status_code == 200 and Assessment.objects.get().is_void
    restored = send(client, "post", f"{url}/restore", {"reason": "It was not a duplicate."}, secretariat)
    assert restored.status_code == 200 and not Assessment.objects.get().is_void


def test_a_stale_correction_is_refused_with_412(world, client, secretariat):
    assessment = services.request_assessment(
        raised(world), by=None, kind="IMPACT", requested_on=D(2025, 2, 3), due_on=D(2025, 3, 3)
    )
    url = f"/api/modifications/MP170/dcc-assessments/{assessment.pk}"
    services.correct_assessment(assessment, by=None, reason="First.", due_on=D(2025, 3, 10))
    answer = send(
        client, "patch", url, {"due_on": "2025-03-17", "reason": "Second."}, secretariat, **{"If-Match": '"1"'}
    )
    assert answer.status_code == 412
    assert Assessment.objects.get().due_on == D(2025, 3, 10)


def test_the_verbs_refusals_answer_400_naming_the_field(world, client, secretariat):
    raised(world)
    late = {"kind": "IMPACT", "requested_on": "2025-02-03", "due_on": "2025-01-03"}
    answer = send(client, "post", "/api/modifications/MP170/dcc-assessments", late, secretariat)
    assert answer.status_code == 400
    assert [(p["loc"][-1], p["msg"][:40]) for p in answer.json()["detail"]] == [
        ("due_on", "The Impact Assessment of MP170 cannot be")
    ]
    assert not Assessment.objects.exists()


def test_a_returned_paper_the_caller_may_not_see_is_refused_like_a_missing_one(world, client, secretariat):
    assessment = services.request_assessment(
        raised(world), by=None, kind="IMPACT", requested_on=D(2025, 2, 3), due_on=D(2025, 3, 3)
    )
    a_paper(world, "DCC_IA_RED", classification="RED", recipients=[world.users.recipient])
    url = f"/api/modifications/MP170/dcc-assessments/{assessment.pk}/return"
    hidden = send(client, "post", url, {"delivered_on": "2025-02-28", "document": "DCC_IA_RED"}, secretariat)
    missing = send(client, "post", url, {"delivered_on": "2025-02-28", "document": "DCC_IA_NONE"}, secretariat)
    assert hidden.status_code == missing.status_code == 400
    assert hidden.json()["detail"][0]["msg"] == "There is no paper 'DCC_IA_RED' that you can see."
    assert Assessment.objects.get().delivered_on is None


def test_a_red_modification_the_secretariat_is_not_named_on_answers_404(world, client, secretariat):
    raised(world, classification="RED", recipients=[world.users.recipient])
    answer = send(client, "post", "/api/modifications/MP170/dcc-assessments", REQUEST, secretariat)
    missing = send(client, "post", "/api/modifications/MP999/dcc-assessments", REQUEST, secretariat)
    assert answer.status_code == missing.status_code == 404
    assert answer.content == missing.content
    assert not Assessment.objects.exists()


def test_the_secretariat_attaches_and_detaches_a_document(world, client, secretariat):
    raised(world)
    a_paper(world, "MP170_LEGAL_01")
    attach = {"paper": "MP170_LEGAL_01", "kind": "LEGAL_TEXT", "version": "0.1", "attached_on": "2025-02-03"}
    made = send(client, "post", "/api/modifications/MP170/documents", attach, secretariat)
    assert made.status_code == 201
    assert (made.json()["modification"], made.json()["version"], made.json()["detached_on"]) == ("MP170", "0.1", None)

    again = send(client, "post", "/api/modifications/MP170/documents", {**attach, "version": "0.2"}, secretariat)
    assert again.status_code == 400
    assert "attached to MP170 as its legal text already" in again.json()["detail"][0]["msg"]

    url = f"/api/modifications/MP170/documents/{made.json()['id']}/detach"
    detached = send(client, "post", url, {"reason": "Superseded by 0.2.", "on": "2025-03-03"}, secretariat)
    assert detached.status_code == 200 and detached.json()["detached_on"] == "2025-03-03"
    assert ModificationDocument.objects.get().detach_reason == "Superseded by 0.2."


def test_a_document_needs_a_secretariat_token_and_a_paper_the_caller_may_see(world, client, secretariat):
    raised(world)
    a_paper(world, "MP170_RED", classification="RED", recipients=[world.users.recipient])
    attach = {"paper": "MP170_RED", "kind": "CONSULTATION"}
    member = send(client, "post", "/api/modifications/MP170/documents", attach, headers(world, "member"))
    assert member.status_code == 403
    hidden = send(client, "post", "/api/modifications/MP170/documents", attach, secretariat)
    assert hidden.status_code == 400 and hidden.json()["detail"][0]["loc"][-1] == "paper"
    assert not ModificationDocument.objects.exists()
