"""The incident rules (performance.incidents), worked by hand, without a database."""

import datetime as dt
from decimal import Decimal as D

import pytest

from panelbook.core.lib.working_days import Calendar
from panelbook.performance import incidents
from panelbook.performance.incidents import Change, Facts, Target

UTC = dt.UTC
TARGETS = [
    Target(1, dt.date(2019, 1, 1), hours=D(4)),
    Target(2, dt.date(2019, 1, 1), hours=D(8)),
    Target(3, dt.date(2019, 1, 1), hours=D(24)),
    Target(4, dt.date(2019, 1, 1), working_days=3),
    Target(1, dt.date(2021, 1, 1), hours=D("3.5")),
]


def at(day: str, time: str = "00:00") -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=UTC)


def incident(ref, opened, categories, lines=("CSP N",), restored=None, closed=None) -> Facts:
    changes = tuple(Change(at(*moment.split()), category) for moment, category in categories)
    return Facts(
        ref, at(*opened.split()), changes, tuple(lines), restored or {}, at(*closed.split()) if closed else None
    )


# A Major Incident escalated 3 → 2 → 1 within an hour and a half, two services restored apart.
ESCALATED = incident(
    "INC000000000101",
    "2019-02-13 10:27",
    [("2019-02-13 10:27", 3), ("2019-02-13 11:04", 2), ("2019-02-13 11:46", 1)],
    lines=("CSP S", "CSP C"),
    restored={"CSP S": at("2019-02-13", "14:25")},
    closed="2019-02-13 14:38",
)


def test_an_escalated_incident_is_judged_by_the_most_severe_category_it_reached():
    assert ESCALATED.worst() == 1
    assert ESCALATED.worst(by=dt.date(2019, 2, 12)) == 3  # before it opened: its first category


def test_a_lowered_incident_keeps_its_most_severe_category_and_shows_its_current_one():
    lowered = incident("INC1", "2020-05-01 09:00", [("2020-05-01 09:00", 2), ("2020-05-01 12:00", 4)])
    assert lowered.worst() == 2 and lowered.current() == 4


def test_each_service_is_down_until_its_own_restoration_or_else_the_closing():
    found = incidents.durations(ESCALATED, TARGETS, Calendar.of().add)
    assert [(d.line, d.took) for d in found] == [
        ("CSP S", dt.timedelta(hours=3, minutes=58)),  # 10:27 → 14:25
        ("CSP C", dt.timedelta(hours=4, minutes=11)),  # 10:27 → 14:38, the closing
        (None, dt.timedelta(hours=4, minutes=11)),
    ]


def test_durations_are_held_to_the_target_of_the_worst_category_in_force_when_it_opened():
    found = incidents.durations(ESCALATED, TARGETS, Calendar.of().add)
    assert found[0].target == TARGETS[0]  # Category 1's 4 hours of 2019, not 2021's 3.5
    assert found[0].deadline == at("2019-02-13", "14:27")
    assert [d.within_target for d in found] == [True, False, False]


def test_a_service_not_yet_restored_has_no_duration_and_no_verdict():
    still = incident("INC2", "2021-03-23 08:00", [("2021-03-23 08:00", 1)])
    (line, whole) = incidents.durations(still, TARGETS, Calendar.of().add)
    assert line.took is None and line.within_target is None
    assert line.deadline == at("2021-03-23", "11:30")  # 2021's target of 3.5 hours


def test_a_target_in_working_days_skips_the_weekend_and_bank_holidays():
    # Opened on Thursday 23 December 2021: Friday 24th, then Wednesday 29th and Thursday 30th
    # (27th and 28th are the substitute Christmas and Boxing Day bank holidays).
    slow = incident("INC3", "2021-12-23 16:00", [("2021-12-23 16:00", 4)], closed="2021-12-30 15:00")
    found = incidents.durations(slow, TARGETS, Calendar.of().add)
    assert found[0].deadline == at("2021-12-30", "16:00")
    assert found[0].within_target is True
    assert TARGETS[3].in_words() == "3 Working Days" and TARGETS[4].in_words() == "3.5 hours"


def test_a_category_without_a_target_has_no_verdict():
    five = incident("INC4", "2021-01-05 10:00", [("2021-01-05 10:00", 5)], closed="2021-01-06 10:00")
    assert incidents.durations(five, TARGETS, Calendar.of().add)[0].within_target is None


def test_counts_per_month_take_each_incident_once_at_its_worst_category_in_the_month_it_opened():
    found = incidents.counts_by_month(
        [
            ESCALATED,
            incident("INC5", "2019-02-28 23:00", [("2019-02-28 23:00", 2)]),
            incident("INC6", "2019-03-01 00:30", [("2019-03-01 00:30", 3), ("2019-03-02 09:00", 2)]),
            incident("INC7", "2019-03-20 12:00", [("2019-03-20 12:00", 2)]),
        ]
    )
    assert found == {dt.date(2019, 2, 1): {1: 1, 2: 1}, dt.date(2019, 3, 1): {2: 2}}


def test_a_duration_reads_in_days_hours_and_minutes():
    assert incidents.in_words(dt.timedelta(hours=3, minutes=58)) == "3 h 58 min"
    assert incidents.in_words(dt.timedelta(days=2, hours=4)) == "2 days 4 h"
    assert incidents.in_words(dt.timedelta(0)) == "0 min"


# Days of stable service: CSP N's incidents in 2020, of several categories.
HISTORY = [
    # Category 2, restored for CSP N on 10 January (closed later, on the 12th).
    incident(
        "INC10",
        "2020-01-09 08:00",
        [("2020-01-09 08:00", 2)],
        lines=("CSP N", "SMETS1"),
        restored={"CSP N": at("2020-01-10", "17:00")},
        closed="2020-01-12 09:00",
    ),
    # Category 3 on 1 March, closed the same day.
    incident("INC11", "2020-03-01 10:00", [("2020-03-01 10:00", 3)], closed="2020-03-01 18:00"),
    # Opened at Category 4 on 1 April, raised to Category 1 on 3 April, closed 4 April.
    incident(
        "INC12",
        "2020-04-01 09:00",
        [("2020-04-01 09:00", 4), ("2020-04-03 09:00", 1)],
        closed="2020-04-04 12:00",
    ),
    # Another service line's Category 1 does not touch CSP N.
    incident("INC13", "2020-05-01 09:00", [("2020-05-01 09:00", 1)], lines=("DSP",), closed="2020-05-01 12:00"),
]


@pytest.mark.parametrize(
    "category, on, days, since",
    [
        (2, dt.date(2020, 2, 9), 30, "INC10"),  # 10 January → 9 February
        (3, dt.date(2020, 3, 31), 30, "INC11"),  # the Category 3 counts at "3 or worse"
        (2, dt.date(2020, 3, 31), 81, "INC10"),  # … but not at "2 or worse": still since 10 January
        (2, dt.date(2020, 4, 2), 83, "INC10"),  # INC12, open on 2 April, is only Category 4 then …
        (2, dt.date(2020, 4, 24), 20, "INC12"),  # … and Category 1 once raised: 4 → 24 April
        (4, dt.date(2020, 4, 24), 20, "INC12"),
        (1, dt.date(2020, 3, 31), None, None),  # no Category 1 on CSP N before INC12
        (5, dt.date(2020, 1, 9), 0, "INC10"),  # INC10 opened that day and is not yet restored
    ],
)
def test_days_of_stable_service_count_from_the_last_restoration_of_the_chosen_category_or_worse(
    category, on, days, since
):
    found = incidents.days_stable(HISTORY, "CSP N", category=category, on=on)
    assert found.days == days
    assert (found.since.reference if found.since else None) == since


def test_a_line_is_not_stable_while_an_incident_of_the_category_is_open_on_it():
    found = incidents.days_stable(HISTORY, "CSP N", category=1, on=dt.date(2020, 4, 3))
    assert found.still_open and found.days == 0
    assert found.in_words() == "not stable: INC12 is still affecting it"


def test_the_restoration_of_each_line_counts_for_that_line():
    assert incidents.days_stable(HISTORY, "SMETS1", category=2, on=dt.date(2020, 1, 22)).days == 10  # closed the 12th
    assert incidents.days_stable(HISTORY, "DSP", category=1, on=dt.date(2020, 5, 31)).days == 30


def test_stability_reads_in_words():
    assert incidents.days_stable(HISTORY, "CSP N", category=2, on=dt.date(2020, 2, 10)).in_words() == (
        "31 days since INC10"
    )
    assert incidents.days_stable(HISTORY, "SMETS2", category=1, on=dt.date(2020, 2, 10)).in_words() == (
        "no Category 1 incident on record"
    )
    assert incidents.days_stable(HISTORY, "SMETS2", category=3, on=dt.date(2020, 2, 10)).in_words() == (
        "no Category 3 or worse incident on record"
    )


def test_a_category_outside_one_to_five_is_refused():
    with pytest.raises(ValueError, match="1 to 5, not 6"):
        incidents.days_stable(HISTORY, "CSP N", category=6, on=dt.date(2020, 1, 1))
