"""The consultations demo, from ``consultations.yaml``: consultations by every kind of issuer, the
bodies asked observing at their first meeting after the opening, draft responses (AMBER papers of
the Panel), responses agreed at the Panel's last meeting before the closing date and sent (WHITE),
one with an extension and one let pass. Everything goes through ``consultations.services``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from panelbook.actions import services as actions
from panelbook.consultations import services
from panelbook.consultations.models import Consultation, Observation
from panelbook.demo.conflict import DemoConflict
from panelbook.demo.dates import add_months
from panelbook.demo.documents import read
from panelbook.governance.models import Body, Meeting


def check_empty() -> None:
    if Consultation.objects.exists():
        raise DemoConflict("The database already holds consultations.")


def counts() -> dict[str, int]:
    return {
        "consultations": Consultation.objects.count(),
        "consultation observations": Observation.objects.count(),
    }


def _months_ago(today: dt.date, months: float) -> dt.date:
    whole = int(months)
    return add_months(today, -whole) - dt.timedelta(days=round((months - whole) * 30))


def _held(body: Body, after: dt.date, before: dt.date, *, last: bool = False) -> Meeting | None:
    """The body's first (or ``last``) meeting that took place after ``after`` and before ``before``."""
    rows = Meeting.objects.filter(
        body=body, status=Meeting.Status.HELD, starts_at__date__gt=after, starts_at__date__lt=before
    )
    return rows.order_by("-starts_at" if last else "starts_at").first()


def build(now: dt.datetime) -> None:
    today = timezone.localdate(now)
    bodies = {body.code: body for body in Body.objects.all()}
    panel = bodies["panel"]
    for number, spec in enumerate(read("consultations")["consultations"], start=1):
        _consultation(number, spec, bodies, panel, today)


def _consultation(number: int, spec: dict[str, Any], bodies: dict[str, Body], panel: Body, today: dt.date) -> None:
    opened = _months_ago(today, spec["opened"])
    closes = opened + dt.timedelta(weeks=spec["open_weeks"])
    consultation = services.open_consultation(
        by=None,
        issuer=spec["issuer"],
        issuer_name=spec.get("issuer_name", ""),
        subject=spec["subject"],
        reference=spec.get("reference", ""),
        opened_on=opened,
        closes_on=closes,
        body=panel,
        bodies_asked=[bodies[code] for code in spec["asked"]],
        classification=spec.get("classification", "WHITE"),
    )
    for code, text in spec.get("observations", {}).items():
        meeting = _held(bodies[code], opened, min(closes, today))
        if meeting is not None:
            services.record_observation(consultation, by=None, meeting=meeting, text=text)
    if "extension" in spec:
        closes += dt.timedelta(weeks=spec["extension"]["weeks"])
        services.extend_consultation(consultation, by=None, extended_to=closes, reason=spec["extension"]["reason"])
    if spec.get("not_answered"):
        services.mark_not_answered(consultation, by=None, reason=spec["not_answered"])
    if spec.get("response"):
        _respond(number, consultation, spec["response"], panel, opened, closes, today)


def _respond(
    number: int,
    consultation: Consultation,
    response: str,
    panel: Body,
    opened: dt.date,
    closes: dt.date,
    today: dt.date,
) -> None:
    agreeing = _held(panel, opened, min(closes, today) + dt.timedelta(days=1), last=True)
    draft_day = (agreeing.date if agreeing else min(closes, today)) - dt.timedelta(days=7)
    services.write_draft_response(
        consultation,
        by=None,
        reference=f"SECP_CONSULT_{number:02d}_DRAFT",
        title=f"Draft response: {consultation.subject}",
        paper_date=max(draft_day, opened),
        meeting=agreeing,
    )
    if response != "sent":
        return
    if agreeing is not None:
        decision = actions.record_decision(
            by=None, meeting=agreeing, verb="AGREED", text=f"the response to “{consultation.subject}”"
        )
    else:
        decision = actions.record_decision(
            by=None,
            body=panel,
            decided_on=closes - dt.timedelta(days=2),
            verb="AGREED",
            text=f"the response to “{consultation.subject}”",
            ex_committee=True,
        )
    services.send_response(
        consultation,
        by=None,
        sent_on=min(closes, max(decision.decided_on + dt.timedelta(days=1), opened)),
        decision=decision,
        reference=f"SECP_CONSULT_{number:02d}_RESPONSE",
        title=f"Response: {consultation.subject}",
    )
