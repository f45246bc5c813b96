"""The rules worked out from results and service levels (performance.levels), without a database."""

import datetime as dt
from decimal import Decimal as D

from panelbook.performance import levels
from panelbook.performance.levels import Direction, Levels, Status

OLD = Levels(dt.date(2019, 1, 1), target=D("99"), minimum=D("96"))
NEW = Levels(dt.date(2020, 7, 1), target=D("97"), minimum=D("94"))


def months(first: dt.date, values: list[str]) -> dict[dt.date, D]:
    found, month = {}, first
    for value in values:
        found[month] = D(value)
        month = levels.next_month(month)
    return found


def test_a_value_at_the_target_meets_it():
    assert levels.status(D("99"), OLD, Direction.HIGHER) == Status.MET


def test_a_value_between_minimum_and_target_is_below_target():
    assert levels.status(D("96.5"), OLD, Direction.HIGHER) == Status.BELOW_TARGET


def test_a_value_at_the_minimum_is_below_target_but_not_below_minimum():
    assert levels.status(D("96"), OLD, Direction.HIGHER) == Status.BELOW_TARGET


def test_a_value_under_the_minimum_is_below_minimum():
    assert levels.status(D("95.99"), OLD, Direction.HIGHER) == Status.BELOW_MINIMUM


def test_when_lower_is_better_a_value_above_the_levels_is_below_them():
    outages = Levels(dt.date(2019, 1, 1), target=D("2"), minimum=D("5"))
    assert levels.status(D("1"), outages, Direction.LOWER) == Status.MET
    assert levels.status(D("3"), outages, Direction.LOWER) == Status.BELOW_TARGET
    assert levels.status(D("6"), outages, Direction.LOWER) == Status.BELOW_MINIMUM


def test_a_month_before_any_levels_has_no_status_against_them():
    assert levels.status(D("50"), levels.in_force([OLD], dt.date(2018, 12, 1)), Direction.HIGHER) == Status.NO_LEVELS


def test_levels_starting_within_a_month_are_in_force_for_that_month():
    mid_month = Levels(dt.date(2020, 7, 15), target=D("97"), minimum=D("94"))
    assert levels.in_force([OLD, mid_month], dt.date(2020, 7, 1)) == mid_month
    assert levels.in_force([OLD, mid_month], dt.date(2020, 6, 1)) == OLD


def test_each_month_is_judged_by_the_levels_in_force_that_month():
    found = levels.standings(months(dt.date(2020, 6, 1), ["96.5", "96.5"]), [OLD, NEW], Direction.HIGHER)
    assert [s.status for s in found] == [Status.BELOW_TARGET, Status.BELOW_TARGET]
    assert [s.levels for s in found] == [OLD, NEW]
    found = levels.standings(months(dt.date(2020, 6, 1), ["97.5", "97.5"]), [OLD, NEW], Direction.HIGHER)
    assert [s.status for s in found] == [Status.BELOW_TARGET, Status.MET]


def test_the_change_is_from_the_month_before():
    found = levels.standings(months(dt.date(2020, 11, 1), ["94.57", "94.65"]), [OLD], Direction.HIGHER)
    assert found[0].previous is None and found[0].change is None
    assert found[1].previous == D("94.57")
    assert found[1].change == D("0.08")


def test_a_run_below_target_counts_the_months_in_a_row():
    found = levels.standings(months(dt.date(2020, 1, 1), ["99.5", "98", "97", "95"]), [OLD], Direction.HIGHER)
    assert [s.months_below_target for s in found] == [0, 1, 2, 3]
    assert [s.months_below_minimum for s in found] == [0, 0, 0, 1]
    assert found[-1].run == 1 and levels.run_in_words(found[-1]) == "below Minimum this month"


def test_a_run_below_target_carries_on_across_a_change_of_target():
    # June 2020 under the old Target of 99, July onwards under the new one of 97: still below both.
    values = ["98"] * 6 + ["96.8"] * 11
    found = levels.standings(months(dt.date(2020, 1, 1), values), [OLD, NEW], Direction.HIGHER)
    assert found[-1].months_below_target == 17
    assert levels.run_in_words(found[-1]) == "below Target for the last 17 months"


def test_a_lower_target_that_is_met_ends_the_run():
    values = ["98"] * 6 + ["97.5"]
    found = levels.standings(months(dt.date(2020, 1, 1), values), [OLD, NEW], Direction.HIGHER)
    assert found[-1].status == Status.MET and found[-1].months_below_target == 0
    assert levels.run_in_words(found[-1]) == ""


def test_a_month_without_a_result_ends_a_run():
    values = months(dt.date(2020, 1, 1), ["95", "95"]) | months(dt.date(2020, 4, 1), ["95"])
    found = levels.standings(values, [OLD], Direction.HIGHER)
    assert [s.months_below_minimum for s in found] == [1, 2, 1]
    assert found[-1].previous is None


def test_the_provider_measures_below_their_levels_pulled_the_cpm_down_worst_first():
    cpm = levels.standings(months(dt.date(2020, 12, 1), ["94.65"]), [OLD], Direction.HIGHER)[0]
    feeders = {
        "CSP South PM2": levels.standings(months(dt.date(2020, 12, 1), ["98"]), [OLD], Direction.HIGHER)[0],
        "CSP North PM2": levels.standings(months(dt.date(2020, 12, 1), ["90"]), [OLD], Direction.HIGHER)[0],
        "CSP Central PM2": levels.standings(months(dt.date(2020, 12, 1), ["99.9"]), [OLD], Direction.HIGHER)[0],
        "DSP 1.1": None,
    }
    assert levels.contributors(cpm, feeders) == ["CSP North PM2", "CSP South PM2"]


def test_a_cpm_that_met_its_target_has_no_contributors():
    cpm = levels.standings(months(dt.date(2020, 12, 1), ["99.5"]), [OLD], Direction.HIGHER)[0]
    feeder = levels.standings(months(dt.date(2020, 12, 1), ["90"]), [OLD], Direction.HIGHER)[0]
    assert levels.contributors(cpm, {"CSP North PM2": feeder}) == []
