"""The secretariat's pages for correcting, moving, reviewing, voiding and restoring register entries
and delegations: each says what it does, runs its verb, keeps the reason in history, and is refused
to everyone else."""

import pytest

from panelbook.actions import services as actions
from panelbook.conftest import client_for
from panelbook.registers import services
from panelbook.registers.models import Delegation, Entry, Mitigation
from panelbook.registers.tests.conftest import raise_risk


@pytest.fixture
def risk(registers):
    return raise_risk(registers[0], title="Release slips", likelihood=2, impact=2)


@pytest.fixture
def delegation(world):
    return services.propose_delegation(
        by=None, activity="Approve test plans", from_body=world.panel, to_body=world.tabasc, sec_reference="H14"
    )


def reasons(record) -> list[str]:
    return [row.history_change_reason for row in record.history.order_by("history_date")]


def test_a_correction_rescores_the_entry_and_keeps_the_reason(world, risk):
    client = client_for(world, "secretariat")
    page = client.get(f"/registers/entries/{risk.pk}/correct/")
    assert page.status_code == 200 and "Why is it corrected?" in page.text
    fields = {"title": "Release slips badly", "likelihood": 5, "impact": 4, "classification": "AMBER"}
    response = client.post(f"/registers/entries/{risk.pk}/correct/", {**fields, "reason": "Scored at the wrong row"})
    assert response.status_code == 302
    risk.refresh_from_db()
    assert (risk.title, risk.score, risk.rag) == ("Release slips badly", 20, "RED")
    assert reasons(risk)[-1] == "Corrected: Scored at the wrong row"


def test_a_likelihood_off_the_registers_scale_is_refused_on_its_field_and_nothing_changes(world, risk):
    fields = {"title": "Release slips", "likelihood": 9, "impact": 2, "classification": "AMBER", "reason": "Typo"}
    response = client_for(world, "secretariat").post(f"/registers/entries/{risk.pk}/correct/", fields)
    assert response.status_code == 200
    assert "likelihood" in response.context["form"].errors
    risk.refresh_from_db()
    assert (risk.likelihood, risk.score) == (2, 4)


def test_status_review_and_mitigations_are_recorded_from_their_pages(world, risk, make_meeting):
    client = client_for(world, "secretariat")
    meeting = make_meeting(days_ahead=-1)
    other_body = make_meeting(body=world.tabasc, number=90, days_ahead=-2)
    review_page = client.get(f"/registers/entries/{risk.pk}/review/")
    offered = set(review_page.context["form"].fields["meeting"].queryset)
    assert meeting in offered and other_body not in offered

    assert client.post(f"/registers/entries/{risk.pk}/status/", {"status": "MITIGATED"}).status_code == 302
    on = world.today.isoformat()
    assert client.post(f"/registers/entries/{risk.pk}/review/", {"on": on, "meeting": meeting.pk}).status_code == 302
    added = {"text": "Second supplier on standby", "status": "PLANNED"}
    assert client.post(f"/registers/entries/{risk.pk}/mitigations/new/", added).status_code == 302
    mitigation = Mitigation.objects.get(entry=risk)
    done = {"text": mitigation.text, "status": "DONE", "reason": "Contract signed"}
    assert client.post(f"/registers/mitigations/{mitigation.pk}/", done).status_code == 302

    risk.refresh_from_db()
    mitigation.refresh_from_db()
    assert risk.status == "MITIGATED"
    assert risk.reviews.get().meeting == meeting
    assert mitigation.status == "DONE"
    assert mitigation.history.latest().history_change_reason == "Contract signed"


def test_an_entry_is_voided_and_restored_with_its_reasons(world, risk):
    client = client_for(world, "secretariat")
    confirm = client.get(f"/registers/entries/{risk.pk}/void/")
    assert "It leaves the register" in confirm.text
    assert client.post(f"/registers/entries/{risk.pk}/void/", {"reason": "Raised twice"}).status_code == 302
    assert Entry.objects.get(pk=risk.pk).is_void
    member_view = client_for(world, "member").get(f"/registers/entries/{risk.pk}/")
    assert member_view.status_code == 404
    assert client.post(f"/registers/entries/{risk.pk}/restore/", {"reason": "Was not a duplicate"}).status_code == 302
    risk.refresh_from_db()
    assert not risk.is_void
    assert reasons(risk)[-2:] == ["Voided: Raised twice", "Restored: Was not a duplicate"]


def test_a_delegation_is_proposed_decided_corrected_and_voided_from_its_pages(world, make_meeting):
    client = client_for(world, "secretariat")
    fields = {"from_body": world.panel.pk, "to_body": world.tabasc.pk, "activity": "Set test windows"}
    assert client.post("/delegations/new/", fields).status_code == 302
    delegation = Delegation.objects.get()
    decision = actions.record_decision(by=None, meeting=make_meeting(days_ahead=-1), verb="AGREED", text="delegate")
    decided = {"status": "APPROVED", "decision": decision.pk}
    assert client.post(f"/delegations/{delegation.pk}/decide/", decided).status_code == 302
    corrected = {"activity": "Set test windows", "sec_reference": "H14.3", "reason": "Reference left out"}
    assert client.post(f"/delegations/{delegation.pk}/correct/", corrected).status_code == 302
    assert client.post(f"/delegations/{delegation.pk}/void/", {"reason": "Entered twice"}).status_code == 302
    delegation.refresh_from_db()
    assert (delegation.status, delegation.sec_reference, delegation.is_void) == ("APPROVED", "H14.3", True)
    assert "Set test windows" not in client_for(world, "public").get("/delegations/").text


def test_the_decision_offered_for_a_delegation_is_one_of_the_delegating_bodys(world, delegation, make_meeting):
    panel_decision = actions.record_decision(by=None, meeting=make_meeting(days_ahead=-1), verb="AGREED", text="P")
    tabasc_meeting = make_meeting(body=world.tabasc, number=91, days_ahead=-1)
    tabasc_decision = actions.record_decision(by=None, meeting=tabasc_meeting, verb="AGREED", text="T")
    page = client_for(world, "secretariat").get(f"/delegations/{delegation.pk}/decide/")
    offered = set(page.context["form"].fields["decision"].queryset)
    assert panel_decision in offered and tabasc_decision not in offered


@pytest.mark.parametrize("role", ["public", "party", "member", "recipient"])
def test_only_the_secretariat_may_open_the_correction_pages(world, risk, delegation, role):
    client = client_for(world, role)
    mitigation = services.add_mitigation(risk, by=None, text="Standby")
    for url in [
        f"/registers/entries/{risk.pk}/correct/",
        f"/registers/entries/{risk.pk}/status/",
        f"/registers/entries/{risk.pk}/review/",
        f"/registers/entries/{risk.pk}/mitigations/new/",
        f"/registers/mitigations/{mitigation.pk}/",
        f"/registers/entries/{risk.pk}/void/",
        "/delegations/new/",
        f"/delegations/{delegation.pk}/decide/",
        f"/delegations/{delegation.pk}/correct/",
        f"/delegations/{delegation.pk}/void/",
    ]:
        response = client.post(url, {"reason": "Trying"})
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "/login/" in response.url, url
    risk.refresh_from_db()
    delegation.refresh_from_db()
    assert not risk.is_void and not delegation.is_void
