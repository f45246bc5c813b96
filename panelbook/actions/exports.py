"""CSV and XLSX exports of the actions log and the decision register, through ``core.exports``.

Both take the filters of GET /api/actions and GET /api/decisions from the query string, checked
by the list's filter Form, and apply them with the list's ``matching`` to the records
``visible_to(request.user)``. The log and register pages link here with their own query string,
so their names are read too (status=outstanding or all, overdue=1, date_from and date_to).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse

from panelbook.actions.forms import ActionFilterForm, DecisionFilterForm
from panelbook.actions.models import Action, ActionUpdate, Decision
from panelbook.core.exports import Sheet, export


def _latest_update(action: Any) -> str:
    """The text of the newest update, from the ``newest_updates`` the export's rows prefetch."""
    return action.newest_updates[0].text if action.newest_updates else ""


ACTIONS = Sheet(
    "actions",
    [
        ("Reference", "reference"),
        ("Body", "body"),
        ("Meeting", "meeting"),
        ("Raised on", "meeting.date"),
        ("Action", "text"),
        ("Owner", "owner"),
        ("Due", "deadline"),
        ("Status", Action.get_status_display),
        ("Latest update", _latest_update),
        ("Closed at meeting", lambda action: str(action.visible_closed_at_meeting or "")),
        ("Closed on", "closed_on"),
        ("Classification", "classification"),
    ],
)
DECISIONS = Sheet(
    "decisions",
    [
        ("Body", "body"),
        ("Meeting", lambda decision: str(decision.meeting) if decision.meeting else "ex-committee"),
        ("Date", "decided_on"),
        ("Verb", Decision.get_verb_display),
        ("Text", "text"),
        ("Majority", lambda decision: "Yes" if decision.by_majority else "No"),
        ("Dissent", "dissent"),
        ("Classification", "classification"),
    ],
)
ACTION_COLUMNS = ACTIONS.titles
DECISION_COLUMNS = DECISIONS.titles


def _actions_read_by(user: Any):
    newest_first = ActionUpdate.objects.order_by("-on", "-recorded_at")
    return (
        Action.objects.read_by(user)
        .kept_for(user)
        .select_related("body", "meeting__body")
        .prefetch_related(Prefetch("updates", queryset=newest_first, to_attr="newest_updates"))
    )


def _decisions_seen_by(user: Any):
    return Decision.objects.visible_to(user).kept_for(user).select_related("body", "meeting__body")


def actions_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The actions log as the caller may see it, filtered like GET /api/actions."""
    return export(request, fmt, ACTIONS, form=ActionFilterForm, rows=_actions_read_by)


def decisions_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The decision register as the caller may see it, filtered like GET /api/decisions."""
    return export(request, fmt, DECISIONS, form=DecisionFilterForm, rows=_decisions_seen_by)
