import datetime as dt

import pytest

from panelbook.constitution import reports, services
from panelbook.constitution.tests.helpers import decision, terms_paper
from panelbook.core.services import ServiceError


def add(body, reference, on, text):
    return services.add_terms(
        by=None, body=body, paper=terms_paper(body, reference), effective_from=on, text=text, decision=decision(body)
    )


def test_a_new_version_ends_the_one_before_the_day_before_it_takes_effect(world):
    first = add(world.tabasc, "TABASC_TOR_1", dt.date(2024, 1, 1), "Meets monthly.")
    second = add(world.tabasc, "TABASC_TOR_2", dt.date(2025, 6, 1), "Meets monthly.\nReports to the Panel.")
    first.refresh_from_db()
    assert (first.effective_to, second.version, second.effective_to) == (dt.date(2025, 5, 31), 2, None)
    assert reports.terms_in_force([second, first], dt.date(2025, 1, 1)) == first


def test_voiding_a_version_puts_the_one_before_back_in_force(world):
    first = add(world.tabasc, "TABASC_TOR_1", dt.date(2024, 1, 1), "Meets monthly.")
    second = add(world.tabasc, "TABASC_TOR_2", dt.date(2025, 6, 1), "Meets quarterly.")
    services.void_terms(second, by=None, reason="Approved in error")
    first.refresh_from_db()
    assert first.effective_to is None


def test_a_version_taking_effect_before_the_latest_is_refused(world):
    add(world.tabasc, "TABASC_TOR_1", dt.date(2024, 1, 1), "Meets monthly.")
    with pytest.raises(ServiceError, match="must take effect after it"):
        add(world.tabasc, "TABASC_TOR_0", dt.date(2023, 1, 1), "Older.")


def test_the_comparison_marks_lines_removed_and_added(world):
    first = add(world.tabasc, "TABASC_TOR_1", dt.date(2024, 1, 1), "Meets monthly.\nSix members.")
    second = add(world.tabasc, "TABASC_TOR_2", dt.date(2025, 6, 1), "Meets monthly.\nEight members.")
    assert reports.comparison(first, second) == [
        ("same", "Meets monthly."), ("removed", "Six members."), ("added", "Eight members."),
    ]  # fmt: skip


def test_a_decision_of_an_unrelated_body_is_refused(world):
    with pytest.raises(ServiceError, match="decided by Panel or the body above it, not by TABASC"):
        services.add_terms(
            by=None, body=world.panel, paper=terms_paper(world.panel, "SECP_TOR"), effective_from=dt.date(2024, 1, 1),
            text="x", decision=decision(world.tabasc),
        )  # fmt: skip
