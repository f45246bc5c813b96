"""After the Change Board: what follows from the path, the referral window, the Authority's decision,
and the guards that keep the steps in order. Dates worked out by hand are written in the tests."""

import datetime as dt

import pytest

from panelbook.conftest import client_for
from panelbook.core.services import ServiceError
from panelbook.governance import services as governance
from panelbook.modifications import services
from panelbook.modifications.models import AuthorityDecision, DocumentKind, Modification, ReferralPeriod

CARRIED = {"LARGE_SUPPLIER": "APPROVE", "SMALL_SUPPLIER": "APPROVE", "CONSUMER": "REJECT"}


def raised(world, path, reference="MP160", on=dt.date(2025, 1, 6)):
    return services.raise_modification(
        by=None,
        reference=reference,
        title="Clearer alert names",
        body=world.panel,
        issue="Alerts do not say who sent them.",
        path=path,
        raised_on=on,
    )


def to_change_board(world, path, reference="MP160", start=dt.date(2025, 1, 6)):
    """Raised on ``start``, then a stage a week to the Change Board (five weeks after ``start``)."""
    modification = raised(world, path, reference, start)
    for week, stage in enumerate(["REFINEMENT", "REPORT_PHASE", "REPORT_CONSULTATION", "CHANGE_BOARD"], start=1):
        on = start + dt.timedelta(weeks=week)
        modification = services.move_to_stage(modification, by=None, stage=stage, on=on)
    return modification


def a_letter(world, reference="OFGEM_MP160"):
    return governance.create_paper(
        by=None, body=world.panel, reference=reference, title="Decision letter", paper_date=dt.date(2025, 7, 1)
    )


def test_path_3_self_governance_the_change_board_decides_and_it_goes_to_implementation(world):
    ReferralPeriod.objects.create(working_days=10, effective_from=dt.date(2020, 1, 1))
    modification, result = services.record_votes(
        to_change_board(world, "PATH_3"), by=None, votes=CARRIED, on=dt.date(2025, 6, 4)
    )
    assert result.approved and modification.stage == "APPROVED"
    assert services.change_board_result(modification)[1] == (
        "On Self-Governance the Change Board decides: it approved the modification."
    )
    window = services.referral_window(modification)
    # Wed 4 Jun 2025 + 10 Working Days, no bank holiday between: Thu 5 … Wed 18 Jun 2025.
    assert window.closes_on == dt.date(2025, 6, 18)
    for stage, on in (("AWAITING_IMPLEMENTATION", dt.date(2025, 6, 19)), ("IMPLEMENTED", dt.date(2025, 11, 6))):
        modification = services.move_to_stage(modification, by=None, stage=stage, on=on)
    assert modification.stage == "IMPLEMENTED" and modification.is_finished


def test_the_referral_window_is_counted_in_working_days_across_easter(world):
    """Thu 21 Mar 2024 + 10 Working Days: Fri 22, Mon 25, Tue 26, Wed 27, Thu 28 (5); Good Friday 29 Mar
    and Easter Monday 1 Apr are bank holidays; Tue 2, Wed 3, Thu 4, Fri 5 (9), Mon 8 Apr 2024 (10)."""
    ReferralPeriod.objects.create(working_days=10, effective_from=dt.date(2020, 1, 1), source="Demo value")
    modification, _ = services.record_votes(
        to_change_board(world, "PATH_3", start=dt.date(2024, 1, 8)), by=None, votes=CARRIED, on=dt.date(2024, 3, 21)
    )
    window = services.referral_window(modification)
    assert (window.decided_on, window.closes_on) == (dt.date(2024, 3, 21), dt.date(2024, 4, 8))
    assert "not counting Fri 29 Mar 2024 (Good Friday), Mon 1 Apr 2024 (Easter Monday)" in window.rule
    assert window.is_open(dt.date(2024, 4, 8)) and not window.is_open(dt.date(2024, 4, 9))
    page = client_for(world, "public").get("/modifications/MP160/").content.decode()
    assert "until the end of Monday 8 April 2024" in page and "Good Friday" in page
    api = client_for(world, "public").get("/api/modifications/MP160").json()["referral_window"]
    assert api["closes_on"] == "2024-04-08" and api["open"] is False


def test_the_referral_period_is_reference_data_and_none_shows_no_window(world):
    modification, _ = services.record_votes(
        to_change_board(world, "PATH_3"), by=None, votes=CARRIED, on=dt.date(2025, 6, 4)
    )
    assert services.referral_window(modification) is None
    ReferralPeriod.objects.create(working_days=15, effective_from=dt.date(2025, 1, 1))
    assert services.referral_window(modification).closes_on == dt.date(2025, 6, 25)  # 15 WD after Wed 4 Jun


def test_path_2_the_change_board_recommends_and_the_authority_approves_with_a_letter(world):
    modification, _ = services.record_votes(
        to_change_board(world, "PATH_2"), by=None, votes=CARRIED, on=dt.date(2025, 6, 4)
    )
    assert modification.stage == "WITH_AUTHORITY"
    assert "the Change Board recommended approval to it" in services.change_board_result(modification)[1]
    assert services.referral_window(modification) is None  # no referral: the Authority decides
    decision = services.record_authority_decision(
        modification, by=None, outcome="APPROVE", decided_on=dt.date(2025, 7, 1), letter=a_letter(world)
    )
    modification.refresh_from_db()
    assert modification.stage == "APPROVED"
    assert decision.letter.kind == DocumentKind.DECISION_LETTER and decision.letter.paper.reference == "OFGEM_MP160"
    assert modification.stage_changes.last().note == "The Authority approved MP160"
    modification = services.move_to_stage(modification, by=None, stage="IMPLEMENTED", on=dt.date(2025, 11, 6))
    assert modification.is_finished


def test_path_1_the_authority_rejects(world):
    modification, _ = services.record_votes(
        to_change_board(world, "PATH_1"), by=None, votes=CARRIED, on=dt.date(2025, 6, 4)
    )
    services.record_authority_decision(
        modification, by=None, outcome="REJECT", decided_on=dt.date(2025, 7, 1), note="Benefits not shown."
    )
    modification.refresh_from_db()
    assert modification.stage == "REJECTED" and modification.is_finished
    with pytest.raises(ServiceError) as refused:
        services.move_to_stage(modification, by=None, stage="IMPLEMENTED", on=dt.date(2025, 11, 6))
    assert "has finished: it moves to no other stage" in refused.value.message_dict["stage"][0]


def test_sent_back_it_returns_to_the_report_phase_and_the_change_board_votes_again(world):
    modification, _ = services.record_votes(
        to_change_board(world, "PATH_2"), by=None, votes=CARRIED, on=dt.date(2025, 6, 4)
    )
    services.record_authority_decision(modification, by=None, outcome="SEND_BACK", decided_on=dt.date(2025, 7, 1))
    modification = Modification.objects.get()
    assert modification.stage == "REPORT_PHASE"
    for stage, on in (("REPORT_CONSULTATION", dt.date(2025, 8, 1)), ("CHANGE_BOARD", dt.date(2025, 9, 1))):
        modification = services.move_to_stage(modification, by=None, stage=stage, on=on)
    lost = {"LARGE_SUPPLIER": "REJECT", "SMALL_SUPPLIER": "REJECT", "CONSUMER": "APPROVE"}
    modification, result = services.record_votes(modification, by=None, votes=lost, on=dt.date(2025, 9, 3))
    assert not result.approved and modification.stage == "WITH_AUTHORITY"
    assert "recommended rejection" in services.change_board_result(modification)[1]  # the latest vote counts


def test_no_authority_decision_for_path_3_or_before_the_change_board(world):
    path_3, _ = services.record_votes(to_change_board(world, "PATH_3"), by=None, votes=CARRIED, on=dt.date(2025, 6, 4))
    with pytest.raises(ServiceError) as self_governed:
        services.record_authority_decision(path_3, by=None, outcome="APPROVE", decided_on=dt.date(2025, 7, 1))
    assert self_governed.value.message_dict["outcome"][0].startswith(
        "MP160 is on Path 3: Self-Governance: the Change Board's vote decides it, not the Authority."
    )
    early = to_change_board(world, "PATH_2", reference="MP161")
    with pytest.raises(ServiceError) as too_early:
        services.record_authority_decision(early, by=None, outcome="APPROVE", decided_on=dt.date(2025, 7, 1))
    assert too_early.value.message_dict["outcome"] == [
        "MP161 is at “Change Board vote”: the Authority decides after the Change Board's recommendation. "
        "Record the Change Board's vote first."
    ]
    assert not AuthorityDecision.objects.exists()


def test_no_vote_before_the_report_consultation_closes(world):
    modification = raised(world, "PATH_3")
    for month, stage in enumerate(["REFINEMENT", "REPORT_PHASE", "REPORT_CONSULTATION"], start=2):
        modification = services.move_to_stage(modification, by=None, stage=stage, on=dt.date(2025, month, 3))
    with pytest.raises(ServiceError) as open_consultation:
        services.record_votes(modification, by=None, votes=CARRIED, on=dt.date(2025, 5, 7))
    assert open_consultation.value.message_dict["votes"][0].startswith(
        "MP160's Modification Report Consultation has not closed: the Change Board votes once it has."
    )
    modification = services.move_to_stage(modification, by=None, stage="CHANGE_BOARD", on=dt.date(2025, 6, 2))
    with pytest.raises(ServiceError) as before:
        services.record_votes(modification, by=None, votes=CARRIED, on=dt.date(2025, 5, 30))
    assert before.value.message_dict["on"] == [
        "The Change Board cannot vote on MP160 on 30 May 2025, before its Modification Report Consultation "
        "closed and it went to the Change Board on 02 June 2025."
    ]
    assert not modification.votes.exists()


def test_no_implementation_before_approval(world):
    modification = to_change_board(world, "PATH_3")
    with pytest.raises(ServiceError) as refused:
        services.move_to_stage(modification, by=None, stage="IMPLEMENTED", on=dt.date(2025, 6, 4))
    assert "cannot move to “Implemented”" in refused.value.message_dict["stage"][0]


def test_a_decision_is_corrected_with_its_stage_and_voided_back_to_the_authority(world):
    modification, _ = services.record_votes(
        to_change_board(world, "PATH_2"), by=None, votes=CARRIED, on=dt.date(2025, 6, 4)
    )
    decision = services.record_authority_decision(
        modification, by=None, outcome="REJECT", decided_on=dt.date(2025, 7, 1)
    )
    services.correct_authority_decision(
        decision, by=None, reason="Letter dated a day later.", decided_on=dt.date(2025, 7, 2)
    )
    assert Modification.objects.get().stage_changes.last().on == dt.date(2025, 7, 2)
    with pytest.raises(ServiceError) as too_early:
        services.correct_authority_decision(decision, by=None, reason="Typo.", decided_on=dt.date(2025, 6, 1))
    assert "before the Change Board recommended it (04 June 2025)" in too_early.value.message_dict["decided_on"][0]
    services.void_authority_decision(decision, by=None, reason="It was MP161's letter.")
    modification = Modification.objects.get()
    assert modification.stage == "WITH_AUTHORITY"
    assert AuthorityDecision.objects.get().is_void
    services.record_authority_decision(modification, by=None, outcome="APPROVE", decided_on=dt.date(2025, 7, 3))
    assert Modification.objects.get().stage == "APPROVED"


def test_a_decision_cannot_be_voided_once_the_modification_moved_on(world):
    modification, _ = services.record_votes(
        to_change_board(world, "PATH_2"), by=None, votes=CARRIED, on=dt.date(2025, 6, 4)
    )
    decision = services.record_authority_decision(
        modification, by=None, outcome="APPROVE", decided_on=dt.date(2025, 7, 1)
    )
    services.move_to_stage(Modification.objects.get(), by=None, stage="AWAITING_IMPLEMENTATION", on=dt.date(2025, 7, 2))
    with pytest.raises(ServiceError) as refused:
        services.void_authority_decision(decision, by=None, reason="Mistake.")
    assert "has moved on since this decision" in str(refused.value)


def test_the_secretariat_records_the_authoritys_decision_on_the_page(world, secretariat_client):
    services.record_votes(to_change_board(world, "PATH_2"), by=None, votes=CARRIED, on=dt.date(2025, 6, 4))
    page = secretariat_client.get("/modifications/MP160/").content.decode()
    assert "Record the Authority&#x27;s decision" in page or "Record the Authority's decision" in page
    form = secretariat_client.get("/modifications/MP160/authority-decision/").content.decode()
    token = form.split('name="form_token" value="')[1].split('"')[0]
    letter = a_letter(world)
    response = secretariat_client.post(
        "/modifications/MP160/authority-decision/",
        {"outcome": "APPROVE", "decided_on": "2025-07-01", "letter": letter.pk, "form_token": token},
    )
    decision = AuthorityDecision.objects.get()
    assert response["Location"] == f"/modifications/MP160/#authority-decision-{decision.pk}"
    shown = client_for(world, "public").get("/modifications/MP160/").content.decode()
    assert "1 July 2025: Approved" in shown and "decision letter OFGEM_MP160" in shown
    api = client_for(world, "public").get("/api/modifications/MP160").json()
    assert (
        api["authority_decisions"][0]["outcome"] == "APPROVE"
        and api["authority_decisions"][0]["letter"] == "OFGEM_MP160"
    )


def test_a_red_decision_letter_is_linked_only_for_those_it_names(world):
    modification, _ = services.record_votes(
        to_change_board(world, "PATH_2"), by=None, votes=CARRIED, on=dt.date(2025, 6, 4)
    )
    red = governance.create_paper(
        by=None,
        body=world.panel,
        reference="CANARY-letter-RED",
        title="Letter",
        paper_date=dt.date(2025, 7, 1),
        classification="RED",
        recipients=[world.users.recipient],
    )
    services.record_authority_decision(
        modification, by=None, outcome="APPROVE", decided_on=dt.date(2025, 7, 1), letter=red
    )
    for role, shown in (("public", False), ("member", False), ("recipient", True)):
        client = client_for(world, role)
        page = client.get("/modifications/MP160/").content.decode()
        api = client.get("/api/modifications/MP160").json()["authority_decisions"][0]
        assert ("CANARY-letter-RED" in page) == shown, role
        assert (api["letter"] == "CANARY-letter-RED") == shown, role
        assert "1 July 2025: Approved" in page
