"""The budget demo: ``budget.yaml``'s cost categories and two of the Panel's budgets, each with a
version consulted on and one approved (the later budget with a draft revision too), and the spend
of every quarter that has ended. Made through ``budget.services``; approvals are the Panel's
decisions at its meeting nearest the approval day, else taken ex-committee."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from panelbook.actions import services as actions
from panelbook.actions.models import Decision
from panelbook.budget import services
from panelbook.budget.models import Budget, BudgetVersion, CostCategory, Spend, quarter_end, regulatory_year
from panelbook.core.classification import Classification
from panelbook.demo.conflict import DemoConflict
from panelbook.demo.documents import read
from panelbook.governance.models import Body, Meeting


def check_empty() -> None:
    if Budget.objects.exists() or CostCategory.objects.exists():
        raise DemoConflict("The database already holds budgets or cost categories.")


def counts() -> dict[str, int]:
    return {
        "budgets": Budget.objects.count(),
        "budget versions": BudgetVersion.objects.count(),
        "quarters of spend": Spend.objects.count(),
    }


def build(now: dt.datetime) -> None:
    today = timezone.localdate(now)
    document = read("budget")
    categories = [CostCategory.objects.create(name=name, position=i) for i, name in enumerate(document["categories"])]
    panel = Body.objects.get(kind=Body.Kind.PANEL)
    for spec in document["budgets"]:
        _budget(spec, panel, categories, regulatory_year(today) + spec["first_year"], today)


def _budget(spec: dict[str, Any], panel: Body, categories: list[CostCategory], first: int, today: dt.date) -> None:
    budget = services.open_budget(by=None, body=panel, first_year=first)
    for spec_version in spec["versions"]:
        amounts = {
            (first + i, category): amount
            for i, row in enumerate(spec_version["per_year"])
            for category, amount in zip(categories, row, strict=True)
        }
        approve = spec_version.get("approve", False)
        level = Classification.WHITE if approve else Classification.AMBER
        version = services.draft_version(
            budget, by=None, amounts=amounts, notes=spec_version["notes"], classification=level
        )
        if spec_version.get("consulted") and dt.date(first, 2, 14) < today:
            services.mark_consulted(version, by=None, on=dt.date(first, 2, 14))
        if approve and dt.date(first, 3, 1) < today:
            services.approve_version(version, by=None, decision=_approval(panel, dt.date(first, 3, 1), budget.title))
    _spend(budget, spec["spend"], categories, first, today)


def _approval(panel: Body, around: dt.date, title: str) -> Decision:
    """The Panel's decision approving a budget, at its first meeting held from ``around`` (else the
    last one held before it); ex-committee only when the Panel has held no meeting."""
    held = Meeting.objects.filter(body=panel, status=Meeting.Status.HELD)
    meeting = (
        held.filter(starts_at__date__gte=around).order_by("starts_at").first()
        or held.filter(starts_at__date__lt=around).order_by("-starts_at").first()
    )
    text = f"the {title}, for publication"
    if meeting is not None:
        return actions.record_decision(by=None, meeting=meeting, verb="APPROVED", text=text)
    return actions.record_decision(by=None, body=panel, decided_on=around, verb="APPROVED", text=text)


def _spend(budget: Budget, shares: list[list[int]], categories: list[CostCategory], year: int, today: dt.date) -> None:
    approved = {
        line.category_id: line.amount
        for version in budget.versions.filter(stage="APPROVED")
        for line in version.lines.filter(year=year)
    }
    for category, quarters in zip(categories, shares, strict=True):
        for quarter, share in enumerate(quarters, start=1):
            if not share or quarter_end(year, quarter) >= today or category.pk not in approved:
                continue
            amount = (approved[category.pk] * Decimal(share) / 100).quantize(Decimal(1))
            services.record_spend(
                budget, by=None, year=year, quarter=quarter, category=category, amount=amount, today=today
            )
