"""A budget's versions from draft to approval with the publication rule counted in Working Days,
the spend of each quarter against the approved version, and their refusals."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from panelbook.actions import services as actions
from panelbook.budget import reports, services
from panelbook.budget.models import BudgetVersion, Spend, Stage, quarter_end, regulatory_year
from panelbook.budget.tests.conftest import amounts

D = dt.date


def panel_decision(world, on):
    return actions.record_decision(by=None, body=world.panel, decided_on=on, verb="APPROVED", text="the budget")


def test_regulatory_years_and_quarters_run_from_1_april():
    assert (regulatory_year(D(2026, 3, 31)), regulatory_year(D(2026, 4, 1))) == (2025, 2026)
    assert [quarter_end(2025, q) for q in (1, 2, 3, 4)] == [
        D(2025, 6, 30),
        D(2025, 9, 30),
        D(2025, 12, 31),
        D(2026, 3, 31),
    ]


def test_the_approved_version_is_published_fifteen_working_days_on_across_easter_and_may_day(world, budget, categories):
    version = services.draft_version(budget, by=None, amounts=amounts(categories))
    services.mark_consulted(version, by=None, on=D(2025, 3, 28))
    # Approved Monday 14 April 2025: Good Friday (18th), Easter Monday (21st) and the Early May
    # bank holiday (5 May) do not count, so the 15th Working Day after is Thursday 8 May.
    approved = services.approve_version(version, by=None, decision=panel_decision(world, D(2025, 4, 14)))
    assert (approved.stage, approved.approved_on, approved.publish_by) == (
        Stage.APPROVED,
        D(2025, 4, 14),
        D(2025, 5, 8),
    )


def test_a_version_is_approved_once_and_a_later_approval_supersedes_it(world, budget, categories):
    first = services.draft_version(budget, by=None, amounts=amounts(categories))
    services.approve_version(first, by=None, decision=panel_decision(world, D(2025, 2, 3)))
    with pytest.raises(ValidationError, match=r"version 1 was approved on 03/02/2025; a version is approved once"):
        services.approve_version(first, by=None, decision=panel_decision(world, D(2025, 2, 10)))
    second = services.draft_version(budget, by=None, amounts=amounts(categories, (90_000, 95_000, 99_000)))
    services.approve_version(second, by=None, decision=panel_decision(world, D(2025, 6, 2)))
    first.refresh_from_db()
    assert first.stage == Stage.SUPERSEDED
    assert reports.approved_version(budget, world.users.member) == second


def test_an_amount_outside_the_budgets_years_or_below_nothing_is_refused_and_nothing_is_stored(budget, categories):
    with pytest.raises(ValidationError, match=r"Technical advice, 2028/29: SEC Panel Budget 2025/26 to 2027/28 covers"):
        services.draft_version(budget, by=None, amounts={(2028, categories[2]): 5})
    with pytest.raises(ValidationError, match=r"Contingency, 2025/26: an amount cannot be below nothing"):
        services.draft_version(budget, by=None, amounts={(2025, categories[0]): 5, (2025, categories[3]): -1})
    assert not BudgetVersion.objects.exists()


def test_a_decision_of_another_body_cannot_approve_the_panels_budget(world, budget, categories):
    version = services.draft_version(budget, by=None, amounts=amounts(categories))
    tabasc = actions.record_decision(by=None, body=world.tabasc, decided_on=D(2025, 3, 3), verb="AGREED", text="x")
    with pytest.raises(ValidationError, match="is approved by SEC Panel, not TABASC"):
        services.approve_version(version, by=None, decision=tabasc)


def test_the_spend_of_each_quarter_is_set_against_the_approved_amounts(world, budget, categories):
    version = services.draft_version(budget, by=None, amounts=amounts(categories))
    services.approve_version(version, by=None, decision=panel_decision(world, D(2025, 2, 3)))
    after = D(2026, 4, 10)
    services.record_spend(budget, by=None, year=2025, quarter=1, category=categories[0], amount="20,000", today=after)
    services.record_spend(budget, by=None, year=2025, quarter=2, category=categories[0], amount=30_000, today=after)
    services.record_spend(budget, by=None, year=2025, quarter=1, category=categories[1], amount=45_500, today=after)

    table = reports.spend_against(budget, 2025, world.users.member)

    first, second = table.rows[0], table.rows[1]
    assert (first.category, first.quarters, first.spent, first.remaining) == (
        "Panel and committees",
        (Decimal(20_000), Decimal(30_000), None, None),
        Decimal(50_000),
        Decimal(50_000),
    )
    assert (second.spent, second.remaining) == (Decimal("45500"), Decimal("54500"))
    assert table.quarter_totals == (Decimal("65500"), Decimal(30_000), None, None)
    assert (table.spent, table.budget) == (Decimal("95500"), Decimal(400_000))


def test_a_quarter_not_yet_over_or_recorded_twice_is_refused(budget, categories):
    with pytest.raises(ValidationError, match=r"2025/26 Q3 ends on 31/12/2025; record it after"):
        services.record_spend(
            budget, by=None, year=2025, quarter=3, category=categories[0], amount=1, today=D(2025, 12, 31)
        )
    services.record_spend(budget, by=None, year=2025, quarter=1, category=categories[0], amount=1, today=D(2025, 7, 1))
    with pytest.raises(
        ValidationError, match="Panel and committees, 2025/26 Q1 is already recorded; correct it instead"
    ):
        services.record_spend(
            budget, by=None, year=2025, quarter=1, category=categories[0], amount=2, today=D(2025, 7, 1)
        )


def test_spend_is_corrected_voided_and_restored_with_its_reasons(budget, categories):
    spend = services.record_spend(
        budget, by=None, year=2025, quarter=1, category=categories[0], amount=10, today=D(2025, 8, 1)
    )
    services.correct_spend(spend, by=None, reason="Invoice posted twice", amount="7.50")
    services.void_spend(spend, by=None, reason="Belongs to another budget")
    again = services.record_spend(
        budget, by=None, year=2025, quarter=1, category=categories[0], amount=8, today=D(2025, 8, 1)
    )
    with pytest.raises(ValidationError, match="has been recorded again since; void that first"):
        services.restore_spend(spend, by=None, reason="Was right")
    services.void_spend(again, by=None, reason="Duplicate")
    services.restore_spend(spend, by=None, reason="Was right")
    spend.refresh_from_db()
    assert (spend.amount, spend.is_void) == (Decimal("7.50"), False)
    reasons = [row.history_change_reason for row in spend.history.order_by("history_date")]
    assert reasons == [
        "Recorded",
        "Corrected: Invoice posted twice",
        "Voided: Belongs to another budget",
        "Restored: Was right",
    ]


def test_a_correction_rewrites_the_amounts_and_keeps_the_earlier_ones_in_history(budget, categories):
    version = services.draft_version(budget, by=None, amounts=amounts(categories))
    services.correct_version(
        version, by=None, reason="Typed a nought too many", amounts=amounts(categories, (10_000, 11_000, 12_000))
    )
    assert reports.amounts(version).grand_total == Decimal(4 * 33_000)
    with pytest.raises(ValidationError, match="Nothing was changed"):
        services.correct_version(
            version, by=None, reason="Again", amounts=amounts(categories, (10_000, 11_000, 12_000))
        )
    assert version.history.first().history_change_reason == "Corrected: Typed a nought too many"
    assert Spend.objects.count() == 0
