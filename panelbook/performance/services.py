"""Verbs of DCC performance: set a measure's service levels, record a month's result, correct it.

Each verb checks its rule, names the field in a refusal, and saves through ``save_with_history``.
Who may call them is the views' and API's concern (``may_enter_results``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from panelbook.core.classification import is_secretariat
from panelbook.core.models import User
from panelbook.core.services import ServiceError, save_with_history, set_recipients, stated_reason, verb
from panelbook.performance.levels import first_of_month
from panelbook.performance.models import Measure, Result, Scope, ServiceLevel

HUNDRED = Decimal(100)


def may_enter_results(user: Any) -> bool:
    """DCC reporting staff and the secretariat enter and correct results; nobody else."""
    active = bool(user is not None and user.is_authenticated and user.is_active)
    return active and (bool(getattr(user, "is_dcc_reporting", False)) or is_secretariat(user))


@verb
def set_service_levels(
    measure: Measure,
    *,
    by: User | None,
    effective_from: dt.date,
    target: Decimal,
    minimum: Decimal,
    source: str = "",
) -> ServiceLevel:
    """Set the Target and Minimum in force from a day on; the earlier levels still apply before it.
    ``ServiceLevel.clean`` refuses a Minimum on the wrong side of the Target."""
    level = ServiceLevel(measure=measure, effective_from=effective_from, target=target, minimum=minimum, source=source)
    return save_with_history(level, by=by, reason="Service levels set")


@verb
def correct_service_levels(
    level: ServiceLevel, *, by: User | None, target: Decimal, minimum: Decimal, source: str, reason: str
) -> ServiceLevel:
    """Put right levels set wrongly (a typo, the wrong source), keeping the old ones and the reason
    in history; a real change of levels is new levels from a later day (``set_service_levels``)."""
    why = stated_reason(reason)
    locked = ServiceLevel.objects.select_for_update().select_related("measure").get(pk=level.pk)
    if (locked.target, locked.minimum, locked.source) == (target, minimum, source):
        raise ServiceError("These are the levels already set; change a value to correct them.")
    locked.target, locked.minimum, locked.source = target, minimum, source
    return save_with_history(locked, by=by, reason=f"Corrected: {why}")


def _checked_value(measure: Measure, value: Decimal) -> Decimal:
    if measure.is_percentage and not 0 <= value <= HUNDRED:
        raise ServiceError({"value": f"{measure} is a percentage: give a value from 0 to 100, not {value}."})
    return value


def _checked_month(month: dt.date, today: dt.date) -> dt.date:
    month = first_of_month(month)
    if month > first_of_month(today):
        raise ServiceError({"month": f"{month:%B %Y} has not begun; a result is for a month that has."})
    return month


@verb
def record_result(
    *,
    by: User | None,
    measure: Measure,
    scope: Scope,
    month: dt.date,
    value: Decimal,
    classification: str = "WHITE",
    body: Any = None,
    recipients: Any = None,
    reason: str = "Recorded",
) -> Result:
    """Store a measure's value for a scope and month; a second value for the same month is a
    correction (``correct_result``), never a second row."""
    month = _checked_month(month, timezone.localdate())
    if Result.objects.in_force().filter(measure=measure, scope=scope, month=month).exists():
        raise ServiceError(
            {
                "month": f"{measure} for {scope} already has a result for {month:%B %Y}; "
                "correct it instead, with a reason."
            }
        )
    result = Result(
        measure=measure,
        scope=scope,
        month=month,
        value=_checked_value(measure, value),
        classification=classification,
        body=body,
    )
    save_with_history(result, by=by, reason=reason)
    set_recipients(result, recipients, by)
    return result


@verb
def correct_result(result: Result, *, by: User | None, value: Decimal, reason: str) -> Result:
    """Replace a result's value, keeping the old one and the reason in its history."""
    reason = stated_reason(reason)
    locked = _locked_result(result)
    if locked.is_void:
        raise ServiceError("This result is void; restore it before correcting it.")
    if locked.value == value:
        raise ServiceError({"value": f"The result is already {value}; give the corrected value."})
    locked.value = _checked_value(locked.measure, value)
    return save_with_history(locked, by=by, reason=f"Corrected: {reason}")


def _locked_result(result: Result) -> Result:
    return Result.objects.select_for_update().select_related("measure", "scope").get(pk=result.pk)


@verb
def void_result(result: Result, *, by: User | None, reason: str) -> Result:
    """Void a result entered by mistake (the wrong measure, scope or month): it leaves every page,
    run, export and paper and stays in history, marked void, to be restored."""
    locked = _locked_result(result)
    if locked.is_void:
        raise ServiceError("This result is already void.")
    locked.is_void, locked.void_reason = True, stated_reason(reason)
    return save_with_history(locked, by=by, reason=f"Voided: {locked.void_reason}")


@verb
def restore_result(result: Result, *, by: User | None, reason: str) -> Result:
    """Restore a voided result; refused while another result for its month is in force."""
    locked = _locked_result(result)
    if not locked.is_void:
        raise ServiceError("This result is not void; there is nothing to restore.")
    why = stated_reason(reason)
    taken = Result.objects.in_force().filter(measure=locked.measure, scope=locked.scope, month=locked.month)
    if taken.exists():
        raise ServiceError(
            f"{locked.measure} for {locked.scope} has another result for {locked.month:%B %Y}; "
            "void that one first, or correct it instead."
        )
    locked.is_void, locked.void_reason = False, ""
    return save_with_history(locked, by=by, reason=f"Restored: {why}")
