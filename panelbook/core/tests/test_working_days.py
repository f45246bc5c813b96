"""Working Days across Christmas, Easter and the special bank holidays of 2022 and 2023.

Every expected date here was worked out by hand from the published England-and-Wales bank
holidays (gov.uk/bank-holidays), counting as the SEC words it: the Nth Working Day after a day.
No database: the calendar is pure.
"""

import datetime as dt

import pytest

from panelbook.core.lib.working_days import Calendar, Closure, then

D = dt.date
calendar = Calendar()


@pytest.mark.parametrize(
    ("start", "count", "expected", "why"),
    [
        # Mon 23, Tue 24, (25, 26 Dec), Fri 27, Mon 30, Tue 31, (1 Jan), Thu 2, Fri 3, Mon 6, Tue 7, Wed 8.
        (D(2024, 12, 20), 10, D(2025, 1, 8), "Christmas 2024"),
        # Christmas Day 2022 fell on a Sunday: Mon 26 and the substitute Tue 27 are both closed.
        (D(2022, 12, 23), 2, D(2022, 12, 29), "Christmas 2022 with its substitute day"),
        # Thu 17, (Good Friday 18, weekend, Easter Monday 21), Tue 22, Wed 23, Thu 24, Fri 25.
        (D(2025, 4, 16), 5, D(2025, 4, 25), "Easter 2025"),
        # Wed 1 Jun, (Thu 2 spring bank holiday moved, Fri 3 Platinum Jubilee), Mon 6, Tue 7.
        (D(2022, 5, 31), 3, D(2022, 6, 7), "Platinum Jubilee 2022"),
        # Mon 19 Sep 2022 was the State Funeral of Queen Elizabeth II.
        (D(2022, 9, 16), 1, D(2022, 9, 20), "the State Funeral, 2022"),
        # (Mon 8 May 2023, the Coronation), Tue 9, Wed 10, Thu 11, Fri 12, Mon 15.
        (D(2023, 5, 5), 5, D(2023, 5, 15), "the Coronation, 2023"),
        # A start on a closed day does not count itself: Sat 24 Dec 2022 -> Wed 28.
        (D(2022, 12, 24), 1, D(2022, 12, 28), "from a Saturday"),
        # Paper day, 5 Working Days before a meeting on Tue 22 Apr 2025:
        # (Mon 21 Easter Monday, Fri 18 Good Friday), Thu 17, Wed 16, Tue 15, Mon 14, Fri 11.
        (D(2025, 4, 22), -5, D(2025, 4, 11), "paper day across Easter"),
    ],
)
def test_adding_working_days(start, count, expected, why):
    assert calendar.add(start, count) == expected, why


def test_counting_between_two_days_undoes_adding():
    assert calendar.between(D(2024, 12, 20), D(2025, 1, 8)) == 10
    assert calendar.between(D(2025, 1, 8), D(2024, 12, 20)) == -10
    assert calendar.between(D(2022, 6, 1), D(2022, 6, 5)) == 0  # Wed 1 is not counted; 2-5 closed
    for start in (D(2022, 12, 20), D(2023, 4, 6), D(2023, 5, 5)):
        for count in range(0, 25, 4):
            assert calendar.between(start, calendar.add(start, count)) == count


def test_the_referral_rule_in_two_steps_shows_how_it_got_there():
    # Change Board vote Thu 12 Dec 2024. Referral period: 10 WD after it ends Mon 30 Dec
    # (13, 16, 17, 18, 19, 20, 23, 24, 27, 30). Implementation: 10 WD after that ends Tue 14 Jan
    # (31, 2, 3, 6, 7, 8, 9, 10, 13, 14; 1 Jan closed).
    referral = calendar.reckon(D(2024, 12, 12), 10, label="end of the referral period")
    implementation = then(referral, calendar, 10, label="implementation")
    assert referral.date == D(2024, 12, 30)
    assert implementation.date == D(2025, 1, 14)
    words = implementation.explain()
    assert "end of the referral period: 10 working days after Thu 12 Dec 2024 is Mon 30 Dec 2024" in words
    assert "Wed 25 Dec 2024 (Christmas Day)" in words and "Thu 26 Dec 2024 (Boxing Day)" in words
    assert "implementation: 10 working days after Mon 30 Dec 2024 is Tue 14 Jan 2025" in words
    assert "Wed 1 Jan 2025 (New Year's Day)" in words


def test_a_declared_closure_counts_only_from_the_day_it_was_declared():
    closure = Closure(day=D(2025, 1, 2), reason="office closed for the move", declared_on=D(2024, 12, 1))
    now = Calendar.of([closure])
    before_it_was_known = Calendar.of([closure], known_on=D(2024, 11, 30))
    assert now.add(D(2024, 12, 20), 10) == D(2025, 1, 9)
    assert before_it_was_known.add(D(2024, 12, 20), 10) == D(2025, 1, 8)
    assert now.why_closed(D(2025, 1, 2)) == "office closed for the move"
    assert "Thu 2 Jan 2025 (office closed for the move)" in now.reckon(D(2024, 12, 20), 10).explain()


def test_weekends_and_holidays_are_named():
    assert calendar.why_closed(D(2023, 5, 8)) == "Coronation of Charles III"
    assert calendar.why_closed(D(2025, 4, 19)) == "Saturday"
    assert calendar.why_closed(D(2025, 4, 23)) == ""
    assert calendar.is_working_day(D(2025, 4, 23))
