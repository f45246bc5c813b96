"""What the budget's pages, API, exports and paper show, of what the reader may see: a version's
amounts by cost category and year, and a year's spend by quarter against the approved version."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from panelbook.budget.models import QUARTERS, Budget, BudgetVersion, CostCategory, Spend, Stage, year_label
from panelbook.core.lib import spend_chart


@dataclass(frozen=True)
class AmountsRow:
    category: str
    amounts: tuple[Decimal | None, ...]  # one per year of the budget

    @property
    def total(self) -> Decimal:
        return sum((a for a in self.amounts if a is not None), Decimal(0))


@dataclass(frozen=True)
class AmountsTable:
    years: tuple[str, ...]
    rows: tuple[AmountsRow, ...]

    @property
    def totals(self) -> tuple[Decimal, ...]:
        return tuple(
            sum((row.amounts[i] or Decimal(0) for row in self.rows), Decimal(0)) for i in range(len(self.years))
        )

    @property
    def grand_total(self) -> Decimal:
        return sum(self.totals, Decimal(0))


def amounts(version: BudgetVersion) -> AmountsTable:
    budget = version.budget
    lines = {(line.year, line.category_id): line.amount for line in version.lines.all()}
    categories = sorted(
        {line.category for line in version.lines.select_related("category")}, key=lambda c: (c.position, c.name)
    )
    rows = tuple(
        AmountsRow(category.name, tuple(lines.get((year, category.pk)) for year in budget.years))
        for category in categories
    )
    return AmountsTable(tuple(year_label(year) for year in budget.years), rows)


def approved_version(budget: Budget, reader: Any, levels: list[str] | None = None) -> BudgetVersion | None:
    """The version in force: the one approved, if the reader may see it (at one of ``levels``)."""
    rows = BudgetVersion.objects.visible_to(reader).in_force().filter(budget=budget, stage=Stage.APPROVED)
    if levels is not None:
        rows = rows.filter(classification__in=levels)
    return rows.prefetch_related("lines__category").first()


@dataclass(frozen=True)
class SpendRow:
    category: str
    quarters: tuple[Decimal | None, ...]
    budget: Decimal | None

    @property
    def spent(self) -> Decimal:
        return sum((q for q in self.quarters if q is not None), Decimal(0))

    @property
    def remaining(self) -> Decimal | None:
        return None if self.budget is None else self.budget - self.spent


@dataclass(frozen=True)
class SpendTable:
    year: int
    rows: tuple[SpendRow, ...]
    approved: BudgetVersion | None

    @property
    def label(self) -> str:
        return year_label(self.year)

    @property
    def quarter_totals(self) -> tuple[Decimal | None, ...]:
        totals: list[Decimal | None] = []
        for i in range(len(QUARTERS)):
            recorded = [amount for row in self.rows if (amount := row.quarters[i]) is not None]
            totals.append(sum(recorded, Decimal(0)) if recorded else None)
        return tuple(totals)

    @property
    def spent(self) -> Decimal:
        return sum((row.spent for row in self.rows), Decimal(0))

    @property
    def budget(self) -> Decimal | None:
        budgets = [row.budget for row in self.rows if row.budget is not None]
        return sum(budgets, Decimal(0)) if budgets or self.approved else None

    @property
    def remaining(self) -> Decimal | None:
        return None if self.budget is None else self.budget - self.spent


def spend_against(budget: Budget, year: int, reader: Any, levels: list[str] | None = None) -> SpendTable:
    """Each cost category's spend in each quarter of ``year`` against the approved version's amount,
    of what the reader may see (at one of ``levels``)."""
    approved = approved_version(budget, reader, levels)
    planned = {line.category_id: line.amount for line in approved.lines.all() if line.year == year} if approved else {}
    recorded = Spend.objects.visible_to(reader).in_force().filter(budget=budget, year=year)
    if levels is not None:
        recorded = recorded.filter(classification__in=levels)
    spent = {(s.category_id, s.quarter): s.amount for s in recorded}
    used = set(planned) | {category for category, _ in spent}
    categories = CostCategory.objects.filter(pk__in=used).order_by("position", "name")
    rows = tuple(
        SpendRow(
            category.name,
            tuple(spent.get((category.pk, quarter)) for quarter, _ in QUARTERS),
            planned.get(category.pk) if approved else None,
        )
        for category in categories
    )
    return SpendTable(year, rows, approved)


def chart(budget: Budget, table: SpendTable) -> spend_chart.SpendChart:
    quarters = tuple(
        spend_chart.Quarter(f"Q{number}", total)
        for (number, _), total in zip(QUARTERS, table.quarter_totals, strict=True)
    )
    return spend_chart.SpendChart(f"{budget.title}: spend in {table.label}", table.budget, quarters)
