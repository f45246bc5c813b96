"""The Section D lifecycle of each path, timetables with their slippage, and the refusals."""

import datetime as dt

import pytest

from panelbook.core.services import ServiceError
from panelbook.modifications import services
from panelbook.modifications.lifecycle import Path, Stage
from panelbook.modifications.models import Milestone, Modification
from panelbook.modifications.references import NotAReference, parse

D = dt.date


def raise_one(world, reference="MP120", path=Path.SELF_GOVERNANCE, **extra):
    return services.raise_modification(
        by=world.users.secretariat,
        reference=reference,
        title="Clearer alerts when a meter loses supply",
        body=world.panel,
        issue="Alerts arrive late after a supply interruption.",
        path=path,
        raised_on=D(2024, 3, 4),
        **extra,
    )


FIRST_STEP = D(2024, 4, 1)


def walk(modification, by, stages, start=FIRST_STEP):
    for step, stage in enumerate(stages):
        modification = services.move_to_stage(modification, by=by, stage=stage, on=start + dt.timedelta(days=30 * step))
    return modification


REPORTING = [Stage.REFINEMENT, Stage.REPORT_PHASE, Stage.REPORT_CONSULTATION, Stage.CHANGE_BOARD]


@pytest.mark.parametrize(
    ("path", "route"),
    [
        (Path.SELF_GOVERNANCE, [*REPORTING, Stage.APPROVED, Stage.AWAITING_IMPLEMENTATION, Stage.IMPLEMENTED]),
        (Path.AUTHORITY_DETERMINATION, [*REPORTING, Stage.WITH_AUTHORITY, Stage.REJECTED]),
        (Path.AUTHORITY_LED, [*REPORTING, Stage.WITH_AUTHORITY, Stage.APPROVED, Stage.IMPLEMENTED]),
        (Path.FAST_TRACK, [Stage.APPROVED, Stage.IMPLEMENTED]),
    ],
)
def test_each_path_runs_its_own_course(world, path, route):
    modification = walk(raise_one(world, path=path), world.users.secretariat, route)
    assert modification.stage == route[-1]
    stages = list(modification.stage_changes.values_list("stage", flat=True))
    assert stages == [Stage.MODIFICATION_PROPOSAL, *route]


def test_a_vote_does_not_decide_an_authority_path(world):
    modification = walk(raise_one(world, path=Path.AUTHORITY_DETERMINATION), world.users.secretariat, REPORTING)
    with pytest.raises(ServiceError) as refused:
        services.move_to_stage(modification, by=None, stage=Stage.APPROVED, on=D(2025, 1, 6))
    message = refused.value.message_dict["stage"][0]
    assert "MP120" in message and "“With the Authority”" in message


@pytest.mark.parametrize(
    ("route", "wanted"),
    [
        ([Stage.REFINEMENT], Stage.CHANGE_BOARD),  # a vote before the Modification Report Consultation
        ([*REPORTING, Stage.REJECTED], Stage.IMPLEMENTED),  # implementing a rejected modification
        ([*REPORTING, Stage.REJECTED], Stage.WITHDRAWN),  # withdrawing what has been decided
    ],
)
def test_a_step_the_lifecycle_does_not_allow_is_refused_and_changes_nothing(world, route, wanted):
    modification = walk(raise_one(world), world.users.secretariat, route)
    before = list(modification.stage_changes.values_list("stage", flat=True))
    with pytest.raises(ServiceError) as refused:
        services.move_to_stage(modification, by=None, stage=wanted, on=D(2026, 1, 5))
    assert "MP120" in refused.value.message_dict["stage"][0]
    modification.refresh_from_db()
    assert modification.stage == route[-1]
    assert list(modification.stage_changes.values_list("stage", flat=True)) == before


def test_a_draft_proposal_converts_keeping_its_number(world):
    draft = raise_one(world, reference="dp 081")
    assert (draft.reference, draft.stage) == ("DP081", Stage.DRAFT_PROPOSAL)
    converted = services.move_to_stage(draft, by=None, stage=Stage.MODIFICATION_PROPOSAL, on=D(2024, 4, 17))
    assert converted.reference == "MP081"
    with pytest.raises(ServiceError) as refused:
        raise_one(world, reference="DP081")
    assert "MP081 is already in the register" in refused.value.message_dict["reference"][0]


def test_a_stage_cannot_be_dated_before_the_one_it_follows(world):
    modification = raise_one(world)
    with pytest.raises(ServiceError) as refused:
        services.move_to_stage(modification, by=None, stage=Stage.REFINEMENT, on=D(2024, 3, 1))
    assert "04 March 2024" in refused.value.message_dict["on"][0]


def test_split_solutions_are_each_their_own_modification(world):
    parent = raise_one(world, reference="MP102")
    first = raise_one(world, reference="MP102A", split_from=parent)
    second = raise_one(world, reference="MP102B", split_from=parent)
    services.move_to_stage(first, by=None, stage=Stage.REFINEMENT, on=D(2024, 5, 1))
    assert sorted(parent.solutions.values_list("reference", flat=True)) == ["MP102A", "MP102B"]
    second.refresh_from_db()
    assert second.stage == Stage.MODIFICATION_PROPOSAL
    with pytest.raises(ServiceError):
        raise_one(world, reference="MP103A", split_from=parent)


@pytest.mark.parametrize("text", ["MP12", "SECMP40", "CP1234", "DP081A", "", "MP 1 2 3 4 5"])
def test_a_reference_in_no_known_format_is_refused(world, text):
    with pytest.raises(NotAReference):
        parse(text)
    with pytest.raises(ServiceError) as refused:
        raise_one(world, reference=text)
    assert "is not a modification reference" in refused.value.message_dict["reference"][0]
    assert not Modification.objects.exists()


def test_every_legacy_and_current_format_is_read():
    assert [str(parse(text)) for text in ["SECMP0040", "secmp0062", "DP081", "MP122", "MP102A"]] == [
        "SECMP0040",
        "SECMP0062",
        "DP081",
        "MP122",
        "MP102A",
    ]


# Timetables


def timetable(world):
    modification = raise_one(world)
    services.set_timetable(
        modification,
        by=None,
        milestones=[
            ("Refinement Consultation", D(2024, 12, 2)),
            ("Modification Report Consultation", D(2025, 1, 6)),
            ("Change Board vote", D(2025, 2, 26)),
        ],
    )
    return modification


def test_slippage_after_two_extensions_keeps_the_baseline(world):
    modification = timetable(world)
    first, second, third = modification.milestones.all()
    services.record_milestone_reached(first, by=None, on=D(2024, 12, 4))
    # Ten Working Days from Mon 6 Jan 2025 is Mon 20 Jan; from Wed 26 Feb, Wed 12 Mar.
    services.extend_timetable(
        modification,
        by=None,
        from_milestone=second,
        working_days_added=10,
        reason="The DCC's Impact Assessment came back late.",
        decision_reference="SECP_120 item 9",
        agreed_on=D(2024, 12, 13),
    )
    # Then five more from the vote alone: Wed 12 Mar 2025 becomes Wed 19 Mar.
    services.extend_timetable(
        modification,
        by=None,
        from_milestone=third,
        working_days_added=5,
        reason="A Change Board meeting was moved.",
        decision_reference="SECP_122 item 4",
        agreed_on=D(2025, 2, 14),
    )
    calendar = services.working_days()
    first, second, third = Milestone.objects.filter(modification=modification)
    assert (first.baseline, first.actual, first.slippage(calendar)) == (D(2024, 12, 2), D(2024, 12, 4), 2)
    assert (second.baseline, second.planned, second.slippage(calendar)) == (D(2025, 1, 6), D(2025, 1, 20), 10)
    assert (third.baseline, third.planned, third.slippage(calendar)) == (D(2025, 2, 26), D(2025, 3, 19), 15)
    assert "SECP_122 item 4" in third.rule and "Wed 12 Mar 2025 is Wed 19 Mar 2025" in third.rule
    assert modification.extensions.count() == 2


def test_an_extension_without_a_decision_reference_is_refused_and_moves_nothing(world):
    modification = timetable(world)
    second = modification.milestones.get(position=2)
    with pytest.raises(ServiceError) as refused:
        services.extend_timetable(
            modification,
            by=None,
            from_milestone=second,
            working_days_added=10,
            reason="Late assessment.",
            decision_reference=" ",
            agreed_on=D(2024, 12, 13),
        )
    assert "MP120" in refused.value.message_dict["decision_reference"][0]
    assert list(modification.milestones.values_list("planned", flat=True)) == [
        D(2024, 12, 2),
        D(2025, 1, 6),
        D(2025, 2, 26),
    ]
    assert not modification.extensions.exists()


def test_a_timetable_out_of_order_is_refused_whole(world):
    modification = raise_one(world)
    with pytest.raises(ServiceError) as refused:
        services.set_timetable(
            modification, by=None, milestones=[("Report", D(2025, 3, 1)), ("Consultation", D(2025, 2, 1))]
        )
    assert "“Consultation”" in refused.value.message_dict["milestones"][0]
    assert not modification.milestones.exists()


def test_progress_is_late_when_a_planned_milestone_passes_unreached(world):
    modification = timetable(world)
    assert modification.progress(D(2024, 11, 29)) == "ON_TIME"
    assert modification.progress(D(2024, 12, 3)) == "LATE"
    assert raise_one(world, reference="MP121").progress(D(2024, 12, 3)) == "NO_TIMETABLE"


def test_a_correction_keeps_its_reason_and_a_void_can_be_undone(world):
    modification = raise_one(world)
    services.correct_modification(modification, by=world.users.secretariat, reason="Typo", title="Clearer alerts")
    services.void_modification(modification, by=world.users.secretariat, reason="Entered twice")
    assert not Modification.objects.in_force().exists()
    services.restore_modification(modification, by=world.users.secretariat, reason="It was not a duplicate")
    reasons = [row.history_change_reason for row in modification.history.order_by("history_id")]
    assert reasons == ["Raised", "Corrected: Typo", "Voided: Entered twice", "Restored: It was not a duplicate"]
    with pytest.raises(ServiceError):
        services.correct_modification(modification, by=None, reason="", title="Another")


def test_an_overdue_milestone_has_slipped_to_today_at_least(world):
    modification = timetable(world)
    first = modification.milestones.get(position=1)  # planned Mon 2 Dec 2024, not reached
    calendar = services.working_days()
    assert first.slippage(calendar) == 0
    assert first.slippage(calendar, D(2024, 11, 29)) == 0  # not yet due
    assert first.slippage(calendar, D(2024, 12, 9)) == 5  # Tue 3 to Mon 9 Dec
