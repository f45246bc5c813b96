"""The register's figures (``figures.py``, pure), on a small register worked out by hand.

Five modifications in 2024–2025 (Mondays unless said):
- A, Path 3: DP 6 Jan, MP 20 Jan, Report Phase 3 Feb, Consultation 17 Feb, Change Board 3 Mar,
  approved 10 Mar, implemented 31 Mar 2025;
- B, Path 3: DP 6 Jan, MP 27 Jan, withdrawn 3 Feb 2025;
- C, Path 3: DP 6 Jan 2025, still a Draft Proposal;
- D, Path 2: DP 14 Apr, MP 28 Apr 2025 (across Easter: Good Friday 18 and Easter Monday 21 April), still there;
- E, Path 2: MP 2 Dec 2024, implemented 6 Jan 2025 (across Christmas, Boxing Day and New Year's Day).
"""

import datetime as dt

from panelbook.core.lib.working_days import Calendar
from panelbook.modifications import figures
from panelbook.modifications.figures import AssessmentFacts, Facts, Summary

D = dt.date
KINDS = ["PRELIMINARY", "IMPACT"]
REGISTER = [
    Facts(
        "MP001",
        "PATH_3",
        D(2025, 1, 6),
        (
            ("DRAFT_PROPOSAL", D(2025, 1, 6)),
            ("MODIFICATION_PROPOSAL", D(2025, 1, 20)),
            ("REPORT_PHASE", D(2025, 2, 3)),
            ("REPORT_CONSULTATION", D(2025, 2, 17)),
            ("CHANGE_BOARD", D(2025, 3, 3)),
            ("APPROVED", D(2025, 3, 10)),
            ("IMPLEMENTED", D(2025, 3, 31)),
        ),
    ),
    Facts(
        "MP002",
        "PATH_3",
        D(2025, 1, 6),
        (("DRAFT_PROPOSAL", D(2025, 1, 6)), ("MODIFICATION_PROPOSAL", D(2025, 1, 27)), ("WITHDRAWN", D(2025, 2, 3))),
    ),
    Facts("DP003", "PATH_3", D(2025, 1, 6), (("DRAFT_PROPOSAL", D(2025, 1, 6)),)),
    Facts(
        "MP004",
        "PATH_2",
        D(2025, 4, 14),
        (("DRAFT_PROPOSAL", D(2025, 4, 14)), ("MODIFICATION_PROPOSAL", D(2025, 4, 28))),
    ),
    Facts(
        "SECMP0005",
        "PATH_2",
        D(2024, 12, 2),
        (("MODIFICATION_PROPOSAL", D(2024, 12, 2)), ("IMPLEMENTED", D(2025, 1, 6))),
    ),
]


TODAY = D(2025, 6, 2)


def worked(modifications=REGISTER, assessments=()):
    return figures.figures(modifications, assessments, calendar=Calendar(), today=TODAY, kinds=KINDS)


def stage(found, name):
    return next(f for f in found.stages if f.stage == name)


def path(found, name):
    return next(f for f in found.paths if f.path == name)


def test_a_stay_runs_from_reaching_a_stage_to_reaching_the_next():
    assert figures.stays(REGISTER[1].stages) == [
        ("DRAFT_PROPOSAL", D(2025, 1, 6), D(2025, 1, 27)),
        ("MODIFICATION_PROPOSAL", D(2025, 1, 27), D(2025, 2, 3)),
    ]
    assert figures.stays(REGISTER[2].stages) == []  # still at its first stage


def test_time_at_draft_proposal_leaves_out_one_still_there_and_counts_easter_out():
    # A: 6→20 Jan, 10 working days, 14 days; B: 6→27 Jan, 15 and 21; D: 14→28 Apr, 8 working days
    # (15, 16, 17, then 22–25 and 28: Good Friday and Easter Monday are not counted) and 14 days. C is still there.
    draft = stage(worked(), "DRAFT_PROPOSAL")
    assert draft.modifications == 3
    assert draft.working_days == Summary(3, 10.0, 11.0)  # median of 8, 10, 15; mean 33 / 3
    assert draft.calendar_days == Summary(3, 14.0, 16.3)  # median of 14, 14, 21; mean 49 / 3


def test_time_at_modification_proposal_counts_christmas_out():
    # A: 20 Jan→3 Feb, 10 and 14; B: 27 Jan→3 Feb, 5 and 7; E: 2 Dec→6 Jan, 25 weekdays less
    # Christmas Day, Boxing Day and New Year's Day = 22, and 35 days. D is still there.
    proposal = stage(worked(), "MODIFICATION_PROPOSAL")
    assert proposal.modifications == 3
    assert proposal.working_days == Summary(3, 10.0, 12.3)  # 5, 10, 22: mean 37 / 3
    assert proposal.calendar_days == Summary(3, 14.0, 18.7)  # 7, 14, 35: mean 56 / 3


def test_a_stage_nobody_left_has_no_figure_and_finished_stages_are_not_listed():
    found = worked()
    assert stage(found, "REFINEMENT").working_days == Summary(0, None, None)
    assert stage(found, "APPROVED").working_days == Summary(1, 15.0, 15.0)  # A: 10→31 Mar
    assert {f.stage for f in found.stages}.isdisjoint({"IMPLEMENTED", "REJECTED", "WITHDRAWN"})


def test_raised_to_implemented_by_path():
    found = worked()
    # A: 6 Jan→31 Mar 2025 is 84 days, 12 whole weeks with no bank holiday: 60 working days.
    assert path(found, "PATH_3").modifications == 1
    assert path(found, "PATH_3").working_days == Summary(1, 60.0, 60.0)
    assert path(found, "PATH_3").calendar_days == Summary(1, 84.0, 84.0)
    # E: 2 Dec 2024→6 Jan 2025, 35 days and 22 working days; D on the same path is not implemented.
    assert path(found, "PATH_2").working_days == Summary(1, 22.0, 22.0)
    assert path(found, "PATH_2").calendar_days == Summary(1, 35.0, 35.0)
    assert path(found, "PATH_1").modifications == 0 and path(found, "PATH_1").working_days.median is None


def test_the_median_of_an_even_count_is_halfway():
    more = [*REGISTER, Facts("MP006", "PATH_3", D(2025, 1, 6), (("IMPLEMENTED", D(2025, 1, 20)),))]
    # A's 60 working days and MP006's 10 (6→20 Jan).
    assert path(worked(more), "PATH_3").working_days == Summary(2, 35.0, 35.0)


def test_assessment_turnaround_returned_late_and_overdue():
    assessments = [
        # 6→20 Jan: 10 working days, returned on its due day.
        AssessmentFacts("MP001", "PRELIMINARY", D(2025, 1, 6), D(2025, 1, 20), D(2025, 1, 20), True),
        # 14→28 Apr: 8 working days over Easter, three days after it was due.
        AssessmentFacts("MP004", "PRELIMINARY", D(2025, 4, 14), D(2025, 4, 25), D(2025, 4, 28), False),
        # Outstanding past its due day on a modification in progress: overdue.
        AssessmentFacts("MP004", "PRELIMINARY", D(2025, 5, 6), D(2025, 5, 20), None, False),
        # Outstanding past its due day, but the modification was withdrawn: nobody waits for it.
        AssessmentFacts("MP002", "PRELIMINARY", D(2025, 1, 13), D(2025, 1, 27), None, True),
        # Outstanding and not yet due.
        AssessmentFacts("MP004", "IMPACT", D(2025, 5, 19), D(2025, 7, 1), None, False),
    ]
    preliminary, impact = worked(assessments=assessments).assessments
    assert preliminary.kind == "PRELIMINARY"
    assert preliminary.modifications == 2
    assert preliminary.turnaround == Summary(2, 9.0, 9.0)
    assert (preliminary.returned_late, preliminary.overdue) == (1, 1)
    assert impact.turnaround == Summary(0, None, None)
    assert (impact.returned_late, impact.overdue) == (0, 0)


def test_the_figures_say_how_many_modifications_they_read():
    assert worked().modifications == 5
    assert worked(modifications=[]).modifications == 0


def test_each_figure_becomes_a_line_of_the_table():
    lines = figures.rows(worked(), {"PRELIMINARY": "Preliminary Assessment", "IMPACT": "Impact Assessment"})
    draft = next(line for line in lines if line.group == "Draft Proposal")
    assert (draft.figure, draft.modifications, draft.median_working_days, draft.mean_calendar_days) == (
        "stage",
        3,
        10.0,
        16.3,
    )
    assert [line.group for line in lines if line.figure == "assessment"] == [
        "Preliminary Assessment",
        "Impact Assessment",
    ]
