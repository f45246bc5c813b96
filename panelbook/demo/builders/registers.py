"""The registers demo: ``registers.yaml``'s risk and issues registers with their history (reviews,
rescoring, a risk reclassified as an issue, an amalgamation, a Sub-Committee's proposal declined),
the Delegations Register with the Panel's decisions, and each body's standing items.

Everything is made through ``registers.services``; the history rows of a record made "months ago"
are dated on the day they stand for, so the heat map as at a past day shows the register then.
"""

from __future__ import annotations

import datetime as dt
from itertools import cycle
from typing import Any

from django.utils import timezone

from panelbook.actions import services as actions
from panelbook.demo import dates
from panelbook.demo.conflict import DemoConflict
from panelbook.demo.documents import read
from panelbook.governance.models import Body, Meeting, Person
from panelbook.registers import services
from panelbook.registers.models import Delegation, Entry, Register, StandingItem


def check_empty() -> None:
    if Register.objects.exists() or Delegation.objects.exists() or StandingItem.objects.exists():
        raise DemoConflict("The database already holds registers, delegations or standing items.")


def counts() -> dict[str, int]:
    return {
        "registers": Register.objects.count(),
        "register entries": Entry.objects.count(),
        "delegations": Delegation.objects.count(),
        "standing items": StandingItem.objects.count(),
    }


def _ago(today: dt.date, months: int) -> dt.date:
    return services.months_after(today, -months)


def _date_last_row(entry: Entry, day: dt.date) -> None:
    row = entry.history.order_by("-history_date", "-history_id").first()
    if row is not None:
        moment = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
        type(row).objects.filter(pk=row.pk).update(history_date=moment)


def build(now: dt.datetime) -> None:
    today = timezone.localdate(now)
    document = read("registers")
    bodies = {body.code: body for body in Body.objects.all()}
    owners = cycle(list(Person.objects.filter(memberships__isnull=False).distinct().order_by("pk")[:12]) or [None])
    scales = document["scales"]
    for spec in document["registers"]:
        _register(spec, bodies, scales, owners, today)
    _delegations(document["delegations"], bodies, today)
    for code, items in document["standing_items"].items():
        for position, item in enumerate(items, start=1):
            services.add_standing_item(
                by=None, body=bodies[code], title=item["title"], months=item.get("months", ""), position=position
            )
    services.propose_reviews(by=None, today=today)


def _register(spec: dict[str, Any], bodies: dict[str, Body], scales: dict, owners: Any, today: dt.date) -> None:
    register = services.create_register(
        by=None,
        body=bodies[spec["body"]],
        kind=spec["kind"],
        name=spec["name"],
        classification=spec.get("classification", "GREEN"),
        review_months=spec.get("review_months", 3),
        likelihood=[tuple(s) for s in scales["likelihood"]],
        impact=[tuple(s) for s in scales["impact"]],
        bands=[tuple(b) for b in scales["bands"]],
    )
    made: list[tuple[dict, Entry]] = []
    for item in spec["entries"]:
        raised = _ago(today, item["months_ago"])
        entry = services.raise_entry(
            by=None,
            register=register,
            title=item["title"],
            likelihood=item["l"],
            impact=item["i"],
            category=item.get("category", ""),
            owner=next(owners),
            raised_on=raised,
        )
        _date_last_row(entry, raised)
        made.append((item, entry))
    for number, texts in (spec.get("mitigations") or {}).items():
        entry = made[int(number) - 1][1]
        for text, state in zip(texts, cycle(["IN_PROGRESS", "DONE", "PLANNED"]), strict=False):
            services.add_mitigation(entry, by=None, text=text, owner=entry.owner, status=state)
    for item, entry in made:
        for months in item.get("reviews", []):
            services.record_review(entry, by=None, on=_ago(today, months), notes="Reviewed; no change in score.")
            _date_last_row(entry, _ago(today, months))
        if item.get("later"):
            services.correct_entry(entry, by=None, reason="Rescored at review", **item["later"])
            _date_last_row(entry, _ago(today, min(item.get("reviews", [1]))))
        if item.get("status"):
            services.set_status(entry, by=None, status=item["status"], reason="Agreed at review")
    for item, entry in made:
        if item.get("reclassify"):
            services.reclassify(entry, by=None, reason=item["reclassify"])
    merging = [entry for item, entry in made if item.get("amalgamate")]
    if merging:
        merged = services.amalgamate(
            merging,
            by=None,
            title="A provider of shared services leaves the market",
            likelihood=2,
            impact=4,
            category="Commercial",
            reason="Similar risks merged at the full review",
        )
        _date_last_row(merged, _ago(today, 2))
    for item in spec.get("proposals", []):
        proposed = services.propose_entry(
            by=None,
            register=register,
            proposed_by=bodies[item["from"]],
            title=item["title"],
            likelihood=item["l"],
            impact=item["i"],
            raised_on=_ago(today, item["months_ago"]),
        )
        decision = actions.record_decision(
            by=None,
            **_taken(register.body, _ago(today, item["months_ago"] - 1)),
            verb="REJECTED",
            text=item["declined"],
            classification=register.classification,
        )
        services.decide_proposal(proposed, by=None, accepted=False, decision=decision)


def _delegations(specs: list[dict[str, Any]], bodies: dict[str, Body], today: dt.date) -> None:
    panel = bodies["panel"]
    for spec in specs:
        delegation = services.propose_delegation(
            by=None,
            activity=spec["activity"],
            from_body=panel,
            to_body=bodies[spec["to"]],
            sec_reference=spec.get("sec", ""),
            scope=spec.get("scope", ""),
            conditions=spec.get("conditions", ""),
            reporting=spec.get("reporting", ""),
            referral_route=spec.get("referral", ""),
        )
        status = spec["status"]
        if status == "PROPOSED":
            continue
        day = dates.working_day_from(_ago(today, spec["months_ago"]))
        first = "APPROVED" if status == "REVOKED" else status
        verb = {"APPROVED": "AGREED", "DEFERRED": "DEFERRED"}[first]
        decision = actions.record_decision(
            by=None, **_taken(panel, day), verb=verb, text=f"to delegate: {spec['activity'].lower()}"
        )
        services.decide_delegation(delegation, by=None, status=first, decision=decision)
        if status == "REVOKED":
            later = actions.record_decision(
                by=None,
                **_taken(panel, day + dt.timedelta(days=180)),
                verb="AGREED",
                text=f"to take back: {spec['activity'].lower()}",
            )
            services.decide_delegation(delegation, by=None, status="REVOKED", decision=later)


def _taken(body: Body, day: dt.date) -> dict[str, Any]:
    """Where a register's decision was taken: at the body's last meeting held by ``day`` (or its
    first), so the demo's ex-committee decisions stay those its minutes record."""
    held = Meeting.objects.filter(body=body, status=Meeting.Status.HELD)
    meeting = held.filter(starts_at__date__lte=day).order_by("-starts_at").first() or held.order_by("starts_at").first()
    return {"meeting": meeting} if meeting else {"body": body, "decided_on": dates.working_day_from(day)}
