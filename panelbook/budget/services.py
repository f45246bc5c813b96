"""Verbs of the budget: open a budget for three Regulatory Years, draft its versions with their
amounts, record the consultation and the Panel's approval (which sets the day it is published by,
counted in Working Days), correct, void and restore a version; record, correct, void and restore
each quarter's spend.

Each verb locks what it changes, checks its rule, refuses with a sentence naming the record and
the field, and saves through ``save_with_history`` in one transaction (``@verb``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Max

from panelbook.actions.models import Decision
from panelbook.budget.models import (
    Budget,
    BudgetLine,
    BudgetVersion,
    CostCategory,
    Spend,
    Stage,
    quarter_end,
    year_label,
)
from panelbook.core.classification import Classification
from panelbook.core.lib.working_days import Calendar, Reckoning
from panelbook.core.models import User
from panelbook.core.services import (
    ServiceError,
    apply_changes,
    save_with_history,
    set_recipients,
    stated_reason,
    verb,
)
from panelbook.governance.models import Body, Paper

# The amounts of a version: {(regulatory year, cost category): amount}.
Amounts = Mapping[tuple[int, CostCategory], Any]


def working_days() -> Calendar:
    """The Working Day calendar the publication rule is counted in (England and Wales)."""
    return Calendar()


def publication(version: BudgetVersion) -> Reckoning | None:
    """When an approved version is to be published by, and how that day was counted."""
    if version.approved_on is None:
        return None
    days = version.budget.publication_working_days
    return working_days().reckon(version.approved_on, days, label="published by")


# Budgets


@verb
def open_budget(*, by: User | None, body: Body, first_year: int, publication_working_days: int = 15) -> Budget:
    if Budget.objects.filter(body=body, first_year=first_year).exists():
        raise ServiceError({"first_year": f"{body} already has a budget from {year_label(first_year)}."})
    budget = Budget(body=body, first_year=first_year, publication_working_days=publication_working_days)
    return save_with_history(budget, by=by, reason="Opened")


@verb
def correct_budget(budget: Budget, *, by: User | None, reason: str, **changes: Any) -> Budget:
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    why = stated_reason(reason)
    if not apply_changes(budget, changes, ("publication_working_days",)):
        raise ServiceError(f"Nothing was changed in {budget}: correct at least one field.")
    save_with_history(budget, by=by, reason=f"Corrected: {why}")
    for version in budget.versions.filter(approved_on__isnull=False):
        version.publish_by = _publish_by(version)
        save_with_history(version, by=by, reason=f"Publication rule corrected: {why}")
    return budget


# Versions


def _amount(value: Any, where: str) -> Decimal:
    try:
        amount = Decimal(str(value).replace(",", "").replace("£", "").strip())
    except InvalidOperation:
        raise ServiceError({"lines": f"{where}: “{value}” is not an amount of money."}) from None
    if amount < 0 or not amount.is_finite():
        raise ServiceError({"lines": f"{where}: an amount cannot be below nothing (it is {value})."})
    return amount.quantize(Decimal("0.01"))


def _lines(budget: Budget, amounts: Amounts) -> list[tuple[int, CostCategory, Decimal]]:
    """The amounts checked: each year one of the budget's three, each category one in use."""
    if not amounts:
        raise ServiceError({"lines": f"{budget}: give the amount of at least one cost category."})
    checked = []
    for (year, category), value in amounts.items():
        where = f"{category}, {year_label(year)}"
        if year not in budget.years:
            covered = ", ".join(year_label(y) for y in budget.years)
            raise ServiceError({"lines": f"{where}: {budget} covers {covered} only."})
        if not category.is_active:
            raise ServiceError({"lines": f"{where}: the cost category {category} is no longer in use."})
        checked.append((year, category, _amount(value, where)))
    return checked


def _write_lines(version: BudgetVersion, lines: Iterable[tuple[int, CostCategory, Decimal]], by: User | None) -> None:
    version.lines.all().delete()
    for year, category, amount in lines:
        save_with_history(BudgetLine(version=version, year=year, category=category, amount=amount), by=by)


@verb
def draft_version(
    budget: Budget,
    *,
    by: User | None,
    amounts: Amounts,
    notes: str = "",
    paper: Paper | None = None,
    classification: str = Classification.AMBER,
    recipients: Iterable[Any] | None = None,
) -> BudgetVersion:
    """A new version of ``budget`` as drafted, numbered after the versions before it."""
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    if budget.is_void:
        raise ServiceError(f"{budget} is void; restore it before drafting a version.")
    lines = _lines(budget, amounts)
    number = (budget.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = BudgetVersion(budget=budget, number=number, notes=notes, paper=paper, classification=classification)
    save_with_history(version, by=by, reason="Drafted")
    set_recipients(version, recipients, by)
    _write_lines(version, lines, by)
    return version


def _locked(version: BudgetVersion) -> BudgetVersion:
    return BudgetVersion.objects.select_for_update().select_related("budget__body").get(pk=version.pk)


def _live(version: BudgetVersion) -> None:
    if version.is_void:
        raise ServiceError(f"{version} is void; restore it before changing it.")


@verb
def mark_consulted(version: BudgetVersion, *, by: User | None, on: dt.date) -> BudgetVersion:
    """The draft has been consulted on; it goes to the Panel for approval."""
    version = _locked(version)
    _live(version)
    if version.stage != Stage.DRAFT:
        raise ServiceError({"stage": f"{version} is {version.get_stage_display().lower()}, not a draft."})
    version.stage, version.consulted_on = Stage.CONSULTED, on
    return save_with_history(version, by=by, reason=f"Consulted on, closing {on:%d/%m/%Y}")


def _publish_by(version: BudgetVersion) -> dt.date | None:
    reckoning = publication(version)
    return reckoning.date if reckoning else None


@verb
def approve_version(version: BudgetVersion, *, by: User | None, decision: Decision) -> BudgetVersion:
    """The Panel's decision approves the version: it is published by the publication rule's day,
    and the version approved before it is superseded."""
    version = _locked(version)
    _live(version)
    if version.stage == Stage.APPROVED:
        raise ServiceError(
            {"decision": f"{version} was approved on {version.approved_on:%d/%m/%Y}; a version is approved once."}
        )
    if version.stage == Stage.SUPERSEDED:
        raise ServiceError({"decision": f"{version} was superseded; draft a new version instead."})
    if decision.body_id != version.budget.body_id:
        raise ServiceError(
            {"decision": f"{version} is approved by {version.budget.body.name}, not {decision.body.name}."}
        )
    if decision.is_void:
        raise ServiceError({"decision": "That decision is void."})
    for earlier in version.budget.versions.select_for_update().filter(stage=Stage.APPROVED):
        earlier.stage = Stage.SUPERSEDED
        save_with_history(earlier, by=by, reason=f"Superseded by version {version.number}")
    version.stage, version.decision, version.approved_on = Stage.APPROVED, decision, decision.decided_on
    version.publish_by = _publish_by(version)
    return save_with_history(version, by=by, reason=f"Approved on {decision.decided_on:%d/%m/%Y}")


@verb
def correct_version(
    version: BudgetVersion,
    *,
    by: User | None,
    reason: str,
    amounts: Amounts | None = None,
    recipients: Iterable[Any] | None = None,
    **changes: Any,
) -> BudgetVersion:
    """Put right a version's amounts, notes, paper or level, with the reason kept in its history."""
    version = _locked(version)
    _live(version)
    why = stated_reason(reason)
    changed = apply_changes(version, changes, ("notes", "paper", "classification"))
    if amounts is not None:
        lines = _lines(version.budget, amounts)
        before = {(line.year, line.category_id): line.amount for line in version.lines.all()}
        if before != {(year, category.pk): amount for year, category, amount in lines}:
            _write_lines(version, lines, by)
            changed.append("lines")
    if not changed and recipients is None:
        raise ServiceError(f"Nothing was changed in {version}: correct at least one field.")
    save_with_history(version, by=by, reason=f"Corrected: {why}")
    set_recipients(version, recipients, by)
    return version


@verb
def void_version(version: BudgetVersion, *, by: User | None, reason: str) -> BudgetVersion:
    version = _locked(version)
    if version.is_void:
        raise ServiceError(f"{version} is already void.")
    version.is_void, version.void_reason = True, stated_reason(reason)
    return save_with_history(version, by=by, reason=f"Voided: {version.void_reason}")


@verb
def restore_version(version: BudgetVersion, *, by: User | None, reason: str) -> BudgetVersion:
    version = _locked(version)
    if not version.is_void:
        raise ServiceError(f"{version} is not void; there is nothing to restore.")
    why = stated_reason(reason)
    version.is_void, version.void_reason = False, ""
    return save_with_history(version, by=by, reason=f"Restored: {why}")


# Spend


def _check_quarter(budget: Budget, year: int, quarter: int, today: dt.date) -> None:
    where = f"{year_label(year)} Q{quarter}"
    if year not in budget.years:
        raise ServiceError({"year": f"{where}: {budget} covers {', '.join(year_label(y) for y in budget.years)}."})
    if quarter not in (1, 2, 3, 4):
        raise ServiceError({"quarter": f"{where}: a Regulatory Year has quarters 1 to 4."})
    if quarter_end(year, quarter) >= today:
        raise ServiceError({"quarter": f"{where} ends on {quarter_end(year, quarter):%d/%m/%Y}; record it after."})


@verb
def record_spend(
    budget: Budget,
    *,
    by: User | None,
    year: int,
    quarter: int,
    category: CostCategory,
    amount: Any,
    today: dt.date,
    classification: str = Classification.WHITE,
    recipients: Iterable[Any] | None = None,
) -> Spend:
    """What ``category`` spent in ``quarter`` of Regulatory Year ``year``, once the quarter is over."""
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    _check_quarter(budget, year, quarter, today)
    where = f"{category}, {year_label(year)} Q{quarter}"
    if Spend.objects.filter(budget=budget, year=year, quarter=quarter, category=category, is_void=False).exists():
        raise ServiceError({"category": f"{where} is already recorded; correct it instead."})
    value = _amount(amount, where)
    spend = Spend(
        budget=budget, year=year, quarter=quarter, category=category, amount=value, classification=classification
    )
    save_with_history(spend, by=by, reason="Recorded")
    set_recipients(spend, recipients, by)
    return spend


@verb
def correct_spend(spend: Spend, *, by: User | None, reason: str, **changes: Any) -> Spend:
    spend = Spend.objects.select_for_update().get(pk=spend.pk)
    if spend.is_void:
        raise ServiceError(f"{spend} is void; restore it before changing it.")
    why = stated_reason(reason)
    if "amount" in changes:
        changes["amount"] = _amount(changes["amount"], str(spend))
    if not apply_changes(spend, changes, ("amount", "classification")):
        raise ServiceError(f"Nothing was changed in {spend}: correct at least one field.")
    return save_with_history(spend, by=by, reason=f"Corrected: {why}")


@verb
def void_spend(spend: Spend, *, by: User | None, reason: str) -> Spend:
    spend = Spend.objects.select_for_update().get(pk=spend.pk)
    if spend.is_void:
        raise ServiceError(f"{spend} is already void.")
    spend.is_void, spend.void_reason = True, stated_reason(reason)
    return save_with_history(spend, by=by, reason=f"Voided: {spend.void_reason}")


@verb
def restore_spend(spend: Spend, *, by: User | None, reason: str) -> Spend:
    spend = Spend.objects.select_for_update().get(pk=spend.pk)
    if not spend.is_void:
        raise ServiceError(f"{spend} is not void; there is nothing to restore.")
    if Spend.objects.filter(
        budget=spend.budget_id, year=spend.year, quarter=spend.quarter, category=spend.category_id, is_void=False
    ).exists():
        raise ServiceError(f"{spend} has been recorded again since; void that first.")
    why = stated_reason(reason)
    spend.is_void, spend.void_reason = False, ""
    return save_with_history(spend, by=by, reason=f"Restored: {why}")
