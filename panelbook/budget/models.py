"""The Panel's budget: a budget covers three Regulatory Years (each from 1 April) by cost category,
in versions (draft, consulted on, approved); the spend of each quarter is recorded against it.

A version is classified like a paper (a draft is usually AMBER, the Approved Budget WHITE), and so
is each quarter's spend; the budget itself only names the years and the rule, and is public. The
cost categories and the number of Working Days from approval to publication are reference data
(the domain reference leaves both unconfirmed), never constants.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse

from panelbook.actions.models import Decision
from panelbook.core.classification import Classified, ClassifiedQuerySet, Gate, is_secretariat
from panelbook.core.history_records import HistoricalRecords
from panelbook.core.lists import where_given
from panelbook.core.models import Voidable
from panelbook.core.records import RecordType
from panelbook.governance.models import Body, Paper

YEARS_COVERED = 3
QUARTERS = ((1, "Q1 (April–June)"), (2, "Q2 (July–September)"), (3, "Q3 (October–December)"), (4, "Q4 (January–March)"))


def regulatory_year(day: dt.date) -> int:
    """The Regulatory Year ``day`` falls in, named by the year it begins (1 April)."""
    return day.year if day.month >= 4 else day.year - 1


def year_label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def quarter_end(year: int, quarter: int) -> dt.date:
    """The last day of ``quarter`` of Regulatory Year ``year``."""
    month = 3 * quarter + 3
    end_year = year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    following = dt.date(end_year + (month == 12), month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


class CostCategory(models.Model):
    """One of the budget's cost categories: reference data the secretariat keeps."""

    name = models.CharField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "cost categories"

    def __str__(self) -> str:
        return self.name


class Budget(Voidable):
    """A budget covering three Regulatory Years from ``first_year``, and its publication rule."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="budgets")
    first_year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2200)],
        help_text="The Regulatory Year it starts with, by the year of its 1 April.",
    )
    publication_working_days = models.PositiveSmallIntegerField(
        "Working Days from approval to publication",
        default=15,
        help_text="Reference data: the number of Working Days after the Panel's approval by which the "
        "approved version is published.",
    )

    record = RecordType(history="__all__", name="title")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-first_year"]
        constraints = [models.UniqueConstraint(fields=["body", "first_year"], name="one_budget_per_body_and_year")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("budget:budget", args=[self.pk])

    @property
    def years(self) -> list[int]:
        return list(range(self.first_year, self.first_year + YEARS_COVERED))

    @property
    def title(self) -> str:
        last = self.first_year + YEARS_COVERED - 1
        return f"{self.body.name} Budget {year_label(self.first_year)} to {year_label(last)}"


class Stage(models.TextChoices):
    DRAFT = "DRAFT", "Draft"
    CONSULTED = "CONSULTED", "Consulted on"
    APPROVED = "APPROVED", "Approved"
    SUPERSEDED = "SUPERSEDED", "Superseded"


class VersionQuerySet(ClassifiedQuerySet):
    def in_force(self) -> VersionQuerySet:
        return self.filter(is_void=False, budget__is_void=False)

    def kept_for(self, user: Any) -> VersionQuerySet:
        return self if is_secretariat(user) else self.in_force()

    def matching(self, *, budget: int | None = None, stage: str | None = None) -> VersionQuerySet:
        """The filters of the API's list: the budget by its first year, the stage."""
        return where_given(self, budget__first_year=budget, stage=stage)


class BudgetVersion(Classified, Voidable):
    """One version of a budget: its amounts by year and category, where it stands, its paper and
    the Panel's decision that approved it."""

    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField(editable=False)
    stage = models.CharField(max_length=10, choices=Stage.choices, default=Stage.DRAFT, editable=False)
    notes = models.TextField(blank=True)
    paper = models.ForeignKey(Paper, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    consulted_on = models.DateField(null=True, blank=True, editable=False)
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    approved_on = models.DateField(null=True, blank=True, editable=False)
    publish_by = models.DateField(null=True, blank=True, editable=False)

    gate = Gate(body="budget__body", parents=("paper",))
    record = RecordType(history="__all__", search=("notes",), name="reference")
    history = HistoricalRecords(m2m_fields=["recipients"])
    objects = VersionQuerySet.as_manager()  # type: ignore[misc]  # the stubs cannot type an as_manager() override

    class Meta:
        ordering = ["budget", "number"]
        constraints = [models.UniqueConstraint(fields=["budget", "number"], name="one_version_number_per_budget")]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("budget:version", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"{self.budget.title}, version {self.number}"

    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines.all()), Decimal(0))


class BudgetLine(models.Model):
    """The amount of one cost category in one Regulatory Year of a version."""

    version = models.ForeignKey(BudgetVersion, on_delete=models.PROTECT, related_name="lines")
    year = models.PositiveSmallIntegerField()
    category = models.ForeignKey(CostCategory, on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal(0))])
    history = HistoricalRecords()

    class Meta:
        ordering = ["version", "year", "category__position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "year", "category"], name="one_line_per_year_and_category")
        ]

    def __str__(self) -> str:
        return f"{self.category} {year_label(self.year)}: £{self.amount:,.2f}"


class SpendQuerySet(ClassifiedQuerySet):
    def in_force(self) -> SpendQuerySet:
        return self.filter(is_void=False, budget__is_void=False)

    def kept_for(self, user: Any) -> SpendQuerySet:
        return self if is_secretariat(user) else self.in_force()

    def matching(self, *, budget: int | None = None, year: int | None = None) -> SpendQuerySet:
        return where_given(self, budget__first_year=budget, year=year)


class Spend(Classified, Voidable):
    """What was spent in one cost category in one quarter of a Regulatory Year."""

    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="spend")
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField(choices=QUARTERS)
    category = models.ForeignKey(CostCategory, on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal(0))])

    gate = Gate(body="budget__body")
    record = RecordType(history="__all__", name="reference")
    history = HistoricalRecords(m2m_fields=["recipients"])
    objects = SpendQuerySet.as_manager()  # type: ignore[misc]  # the stubs cannot type an as_manager() override

    class Meta:
        ordering = ["budget", "year", "quarter", "category__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "year", "quarter", "category"],
                condition=models.Q(is_void=False),
                name="one_spend_per_quarter_and_category",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("budget:budget", args=[self.budget_id]) + f"?year={self.year}"

    @property
    def reference(self) -> str:
        return f"{self.category} spend, {year_label(self.year)} Q{self.quarter}"
