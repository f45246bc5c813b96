"""Verbs of incidents: open one, recategorise it, record when each service came back, close it,
correct it, void and restore it; and set a category's target resolution time.

Each verb locks the incident, checks its rule, names the field in a refusal, and saves through
``save_with_history``. DCC reporting staff and the secretariat may call them
(``may_enter_incidents``); the views and the API check that.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.utils import timezone

from panelbook.core.models import User
from panelbook.core.services import (
    ServiceError,
    apply_changes,
    check_creatable,
    save_with_history,
    set_recipients,
    stated_reason,
    verb,
)
from panelbook.performance.incidents import CATEGORIES
from panelbook.performance.models import CategoryChange, Incident, Restoration, ServiceLine, TargetResolutionTime
from panelbook.performance.services import may_enter_results

NEW_INCIDENT_FIELDS = (
    "regions",
    "closed",
    "impact",
    "actions_taken",
    "root_cause",
    "is_major",
    "classification",
    "body",
    "recipients",
)
CORRECTABLE_FIELDS = (
    "reference",
    "title",
    "opened",
    "closed",
    "is_major",
    "impact",
    "actions_taken",
    "root_cause",
    "classification",
    "body",
)


def may_enter_incidents(user: Any) -> bool:
    """Who enters results enters incidents: DCC reporting staff and the secretariat."""
    return may_enter_results(user)


def _when(moment: dt.datetime) -> str:
    return f"{timezone.localtime(moment):%d/%m/%Y %H:%M}"


def _checked_category(category: Any) -> int:
    if category not in CATEGORIES:
        raise ServiceError({"category": f"An incident category is 1 (most severe) to 5, not {category}."})
    return int(category)


def _locked(incident: Incident) -> Incident:
    return Incident.objects.select_for_update().get(pk=incident.pk)


def _not_void(incident: Incident) -> None:
    if incident.is_void:
        raise ServiceError("This incident is void; restore it before changing it.")


@verb
def set_target_resolution_time(
    *,
    by: User | None,
    category: int,
    effective_from: dt.date,
    hours: Decimal | None = None,
    working_days: int | None = None,
    source: str = "",
) -> TargetResolutionTime:
    """A category's target from a day on; the earlier target still applies before it."""
    _checked_category(category)
    if (hours is None) == (working_days is None):
        raise ServiceError({"hours": "Give the target in hours or in Working Days, one of the two."})
    target = TargetResolutionTime(
        category=category, effective_from=effective_from, hours=hours, working_days=working_days, source=source
    )
    return save_with_history(target, by=by, reason="Target resolution time set")


@verb
def open_incident(
    *,
    by: User | None,
    reference: str,
    title: str,
    opened: dt.datetime,
    category: int,
    services: Iterable[ServiceLine],
    reason: str = "Opened",
    **fields: Any,
) -> Incident:
    """Log an incident at its first category; the category history starts at ``opened``. The
    ``reason`` on its history says where it came from ("Stated in …" when ingested)."""
    check_creatable(fields, NEW_INCIDENT_FIELDS, "incident")
    services = list(services)
    if not services:
        raise ServiceError({"services": "Name at least one service line the incident affects."})
    reference = (reference or "").strip().upper()
    if Incident.objects.filter(reference=reference).exists():
        raise ServiceError({"reference": f"{reference} is already logged; open it and recategorise or correct it."})
    closed = fields.get("closed")
    if closed is not None and closed < opened:
        raise ServiceError({"closed": f"It cannot close ({_when(closed)}) before it opened ({_when(opened)})."})
    regions, recipients = fields.pop("regions", None), fields.pop("recipients", None)
    category = _checked_category(category)
    incident = Incident(
        reference=reference, title=title, opened=opened, category=category, worst_category=category, **fields
    )
    save_with_history(incident, by=by, reason=reason)
    incident.services.set(services)
    if regions:
        incident.regions.set(regions)
    set_recipients(incident, recipients, by)
    save_with_history(CategoryChange(incident=incident, category=category, at=opened), by=by, reason=reason)
    return incident


@verb
def recategorise(incident: Incident, *, by: User | None, category: int, at: dt.datetime, reason: str) -> Incident:
    """Move the incident to another category from ``at`` (Severity 3 → 2 → 1), with the reason."""
    incident = _locked(incident)
    _not_void(incident)
    category = _checked_category(category)
    why = stated_reason(reason)
    last = incident.changes.order_by("at", "pk").last()
    if last is not None and at < last.at:
        raise ServiceError(
            {"at": f"The last change of category was at {_when(last.at)}; a later one cannot be dated before it."}
        )
    if at < incident.opened:
        raise ServiceError({"at": f"The incident opened at {_when(incident.opened)}; a change cannot come before."})
    if incident.closed is not None and at > incident.closed:
        raise ServiceError({"at": f"The incident closed at {_when(incident.closed)}; a change cannot come after."})
    if category == incident.category:
        raise ServiceError({"category": f"The incident is already Category {category}."})
    save_with_history(CategoryChange(incident=incident, category=category, at=at, reason=why), by=by, reason=why)
    incident.category = category
    incident.worst_category = min(incident.worst_category, category)
    return save_with_history(incident, by=by, reason=f"Category {category}: {why}")


@verb
def record_restoration(
    incident: Incident, *, by: User | None, service_line: ServiceLine, restored_at: dt.datetime, reason: str = ""
) -> Restoration:
    """Record when one affected service came back; a second time for the same line replaces the
    first, with a reason."""
    incident = _locked(incident)
    _not_void(incident)
    if not incident.services.filter(pk=service_line.pk).exists():
        raise ServiceError({"service_line": f"{service_line} is not among the services this incident affected."})
    if restored_at < incident.opened:
        began = _when(incident.opened)
        raise ServiceError({"restored_at": f"It cannot be restored ({_when(restored_at)}) before it opened ({began})."})
    found = Restoration.objects.filter(incident=incident, service_line=service_line).first()
    if found is None:
        return save_with_history(
            Restoration(incident=incident, service_line=service_line, restored_at=restored_at),
            by=by,
            reason="Restored",
        )
    if not (reason or "").strip():
        raise ServiceError(
            {"reason": f"{service_line} was recorded as restored at {_when(found.restored_at)}; say why it changes."}
        )
    found.restored_at = restored_at
    return save_with_history(found, by=by, reason=f"Corrected: {stated_reason(reason)}")


@verb
def close_incident(
    incident: Incident, *, by: User | None, closed: dt.datetime, root_cause: str | None = None
) -> Incident:
    """Close the incident; services not given a restoration time of their own came back then."""
    incident = _locked(incident)
    _not_void(incident)
    if incident.closed is not None:
        raise ServiceError({"closed": f"The incident closed at {_when(incident.closed)}; correct it to change that."})
    if closed < incident.opened:
        raise ServiceError(
            {"closed": f"It cannot close ({_when(closed)}) before it opened ({_when(incident.opened)})."}
        )
    last = incident.changes.order_by("at", "pk").last()
    if last is not None and closed < last.at:
        raise ServiceError({"closed": f"Its category changed at {_when(last.at)}, after that closing time."})
    incident.closed = closed
    if root_cause is not None:
        incident.root_cause = root_cause.strip()
    return save_with_history(incident, by=by, reason="Closed")


@verb
def correct_incident(
    incident: Incident,
    *,
    by: User | None,
    reason: str,
    services: Iterable[ServiceLine] | None = None,
    regions: Iterable[Any] | None = None,
    recipients: Iterable[Any] | None = None,
    **changes: Any,
) -> Incident:
    """Correct what was entered wrongly (or bring impact, actions and root cause up to date), with
    the reason kept in history. A corrected opening moves the first category's start with it."""
    incident = _locked(incident)
    _not_void(incident)
    why = stated_reason(reason)
    if "reference" in changes:
        changes["reference"] = (changes["reference"] or "").strip().upper()
        taken = Incident.objects.filter(reference=changes["reference"]).exclude(pk=incident.pk)
        if taken.exists():
            raise ServiceError({"reference": f"{changes['reference']} is already logged."})
    first = incident.changes.order_by("at", "pk").first()
    changed = apply_changes(incident, changes, CORRECTABLE_FIELDS)
    _check_times(incident, first)
    moved_services = services is not None and set(services) != set(incident.services.all())
    moved_regions = regions is not None and set(regions) != set(incident.regions.all())
    if not (changed or moved_services or moved_regions or recipients is not None):
        raise ServiceError("Nothing was changed: correct at least one field.")
    if services is not None:
        services = list(services)
        if not services:
            raise ServiceError({"services": "Name at least one service line the incident affects."})
        incident.services.set(services)
    if regions is not None:
        incident.regions.set(regions)
    if "opened" in changed and first is not None:
        first.at = incident.opened
        save_with_history(first, by=by, reason=f"Corrected: {why}")
    save_with_history(incident, by=by, reason=f"Corrected: {why}")
    set_recipients(incident, recipients, by)
    return incident


def _check_times(incident: Incident, first: CategoryChange | None) -> None:
    opened, closed = incident.opened, incident.closed
    if closed is not None and closed < opened:
        raise ServiceError({"closed": f"It cannot close ({_when(closed)}) before it opened ({_when(opened)})."})
    others = incident.changes.exclude(pk=first.pk) if first else incident.changes.all()
    later = others.order_by("at").first()
    if later is not None and later.at < opened:
        raise ServiceError({"opened": f"Its category changed at {_when(later.at)}; it cannot have opened after that."})
    restored = incident.restorations.order_by("restored_at").first()
    if restored is not None and restored.restored_at < opened:
        raise ServiceError(
            {"opened": f"{restored.service_line} was restored at {_when(restored.restored_at)}, before that opening."}
        )


@verb
def void_incident(incident: Incident, *, by: User | None, reason: str) -> Incident:
    """Void an incident logged by mistake (a duplicate): it leaves every list, count, export and
    the days of stable service, and stays in history, marked void, for the secretariat to restore."""
    incident = _locked(incident)
    if incident.is_void:
        raise ServiceError("This incident is already void.")
    incident.is_void, incident.void_reason = True, stated_reason(reason)
    return save_with_history(incident, by=by, reason=f"Voided: {incident.void_reason}")


@verb
def restore_incident(incident: Incident, *, by: User | None, reason: str) -> Incident:
    incident = _locked(incident)
    if not incident.is_void:
        raise ServiceError("This incident is not void; there is nothing to restore.")
    why = stated_reason(reason)
    incident.is_void, incident.void_reason = False, ""
    return save_with_history(incident, by=by, reason=f"Restored: {why}")
