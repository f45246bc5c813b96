"""Verbs of the registers: make a register with its scales, raise, propose, correct, review,
reclassify, amalgamate, void and restore its entries, record their mitigations; propose reviews
falling due for a body's next meeting and accept or dismiss them; record delegations and the
decisions on them; keep each body's standing items.

Each verb locks what it changes, checks its rule, refuses with a sentence naming the record and
the field, and saves through ``save_with_history``; each runs in one transaction (``@verb``), so a
refusal leaves nothing half-stored.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Max
from django.utils import timezone

from panelbook.actions.models import Decision
from panelbook.core.classification import Classification
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
from panelbook.governance import services as governance
from panelbook.governance.models import Body, Meeting, Purpose
from panelbook.registers.models import (
    Axis,
    Delegation,
    Entry,
    Kind,
    Mitigation,
    Moved,
    Proposal,
    RagBand,
    Register,
    Review,
    ReviewProposal,
    ScaleStep,
    StandingItem,
    Status,
)

NEW_REGISTER_FIELDS = ("name", "review_months", "closed_review_months", "classification", "recipients")
NEW_ENTRY_FIELDS = ("description", "owner", "category", "classification", "recipients", "raised_on")
CORRECTABLE_ENTRY_FIELDS = ("title", "description", "owner", "category", "likelihood", "impact", "classification")
NEW_DELEGATION_FIELDS = ("sec_reference", "scope", "conditions", "reporting", "referral_route")
CORRECTABLE_DELEGATION_FIELDS = ("activity", *NEW_DELEGATION_FIELDS)


# Registers and their reference data


@verb
def create_register(
    *,
    by: User | None,
    body: Body,
    kind: str,
    likelihood: Sequence[tuple[int, str]],
    impact: Sequence[tuple[int, str]],
    bands: Sequence[tuple[int, str]],
    **fields: Any,
) -> Register:
    """A body's register of one kind, with its likelihood and impact scales ((1, "Rare"), …) and its
    RAG bands ((1, "GREEN"), (6, "AMBER"), (15, "RED")): scores from each band's number up."""
    check_creatable(fields, NEW_REGISTER_FIELDS, "register")
    if kind not in Kind.values:
        raise ServiceError({"kind": f"A register is of risks or issues ({', '.join(Kind.values)}), not “{kind}”."})
    if Register.objects.filter(body=body, kind=kind).exists():
        raise ServiceError({"kind": f"{body} already has a {Kind(kind).label.lower()} register."})
    recipients = fields.pop("recipients", None)
    fields.setdefault("name", f"{body} {Kind(kind).label} Register")
    register = save_with_history(Register(body=body, kind=kind, **fields), by=by, reason="Register made")
    set_recipients(register, recipients, by)
    set_scales(register, by=by, likelihood=likelihood, impact=impact, bands=bands)
    return register


@verb
def set_scales(
    register: Register,
    *,
    by: User | None,
    likelihood: Sequence[tuple[int, str]] | None = None,
    impact: Sequence[tuple[int, str]] | None = None,
    bands: Sequence[tuple[int, str]] | None = None,
) -> Register:
    """Set (or relabel) a register's scales and bands; a value its entries use cannot be taken away."""
    for axis, steps in ((Axis.LIKELIHOOD, likelihood), (Axis.IMPACT, impact)):
        if steps is None:
            continue
        field = axis.value.lower()
        if not steps:
            raise ServiceError({field: f"{register.name} needs at least one step on its {axis.label.lower()} scale."})
        wanted = {int(value): label for value, label in steps}
        used = set(register.entries.values_list(field, flat=True)) - set(wanted)
        if used:
            raise ServiceError(
                {field: f"{register.name} has entries at {axis.label.lower()} {sorted(used)}; keep them."}
            )
        ScaleStep.objects.filter(register=register, axis=axis).exclude(value__in=wanted).delete()
        stored = {step.value: step for step in ScaleStep.objects.filter(register=register, axis=axis)}
        for value, label in wanted.items():
            step = stored.get(value)
            step = step or ScaleStep(register=register, axis=axis, value=value)
            step.label = label
            save_with_history(step, by=by, reason="Scale set")
    if bands is not None:
        for _, rag in bands:
            if rag not in ("GREEN", "AMBER", "RED"):
                raise ServiceError({"bands": f"A RAG band of {register.name} is GREEN, AMBER or RED, not “{rag}”."})
        wanted_bands = dict((int(score), rag) for score, rag in bands)
        RagBand.objects.filter(register=register).exclude(from_score__in=wanted_bands).delete()
        stored_bands = {band.from_score: band for band in RagBand.objects.filter(register=register)}
        for score, rag in wanted_bands.items():
            band = stored_bands.get(score) or RagBand(register=register, from_score=score)
            band.rag = rag
            save_with_history(band, by=by, reason="RAG band set")
    register = Register.objects.prefetch_related("steps", "bands").get(pk=register.pk)
    for entry in register.entries.all():
        before = (entry.score, entry.rag)
        _score(entry, register)
        if (entry.score, entry.rag) != before:
            save_with_history(entry, by=by, reason="Scored again: the register's bands changed")
    return register


def _score(entry: Entry, register: Register) -> None:
    entry.score = entry.likelihood * entry.impact
    band = register.rag_for(entry.score)
    entry.rag = band.rag if band else ""


def _with_scales(register: Register) -> Register:
    return Register.objects.prefetch_related("steps", "bands").select_related("body").get(pk=register.pk)


# Entries


def _checked_status(entry_name: str, status: Any) -> str:
    if status not in Status.values:
        allowed = ", ".join(label for label in Status.labels)
        raise ServiceError({"status": f"{entry_name}: the status is one of {allowed}, not “{status}”."})
    return str(status)


def _next_review(register: Register, status: str, since: dt.date) -> dt.date:
    months = register.closed_review_months if status == Status.CLOSED else register.review_months
    return months_after(since, months)


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or that month's last day when it is shorter (31 Jan → 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _new_entry(register: Register, by: User | None, title: str, likelihood: Any, impact: Any, **fields: Any) -> Entry:
    if "steps" not in getattr(register, "_prefetched_objects_cache", {}):
        register = _with_scales(register)
    if register.is_void:
        raise ServiceError(f"{register.name} is void; restore it before adding to it.")
    recipients = fields.pop("recipients", None)
    number = (Entry.objects.filter(register=register).aggregate(n=Max("number"))["n"] or 0) + 1
    raised_on = fields.pop("raised_on", None) or timezone.localdate()
    entry = Entry(
        register=register,
        number=number,
        title=title,
        likelihood=likelihood,
        impact=impact,
        raised_on=raised_on,
        **fields,
    )
    entry.classification = fields.get("classification") or register.classification
    _refuse_off_scale(entry, register)
    _score(entry, register)
    entry.next_review = _next_review(register, entry.status, raised_on)
    save_with_history(entry, by=by, reason=f"{entry.reference} raised")
    set_recipients(entry, recipients if recipients is not None else _register_recipients(register, entry), by)
    return entry


def _register_recipients(register: Register, entry: Entry) -> list[Any] | None:
    return list(register.recipients.all()) if entry.classification == Classification.RED else None


def _refuse_off_scale(entry: Entry, register: Register) -> None:
    for field, axis in (("likelihood", Axis.LIKELIHOOD), ("impact", Axis.IMPACT)):
        values = [step.value for step in register.scale(axis)]
        value = getattr(entry, field)
        if value not in values:
            shown = entry.reference if entry.pk else f"The new {register.entry_label.lower()}"
            scale = ", ".join(map(str, values)) or "none yet: set the scale first"
            raise ServiceError(
                {field: f"{shown}: {axis.label.lower()} {value} is not on the {register.name}'s scale ({scale})."}
            )


@verb
def raise_entry(
    *, by: User | None, register: Register, title: str, likelihood: int, impact: int, **fields: Any
) -> Entry:
    """Add a risk or an issue to a register, numbered after the last ("Risk 16")."""
    check_creatable(fields, NEW_ENTRY_FIELDS, register.entry_label.lower())
    return _new_entry(register, by, title, likelihood, impact, **fields)


@verb
def propose_entry(
    *, by: User | None, register: Register, proposed_by: Body, title: str, likelihood: int, impact: int, **fields: Any
) -> Entry:
    """A Sub-Committee proposes a risk to the register of the body above it; it waits for that body's decision."""
    check_creatable(fields, NEW_ENTRY_FIELDS, register.entry_label.lower())
    if proposed_by == register.body:
        raise ServiceError({"proposed_by": f"{register.body} adds to its own register; raise the entry instead."})
    return _new_entry(
        register, by, title, likelihood, impact, proposed_by=proposed_by, proposal=Proposal.PROPOSED, **fields
    )


@verb
def decide_proposal(entry: Entry, *, by: User | None, accepted: bool, decision: Decision) -> Entry:
    """The register's body accepts the proposed entry into the register or declines it; either
    way the entry stays, with the decision."""
    entry = _locked(entry)
    if entry.proposal != Proposal.PROPOSED:
        raise ServiceError({"proposal": f"{entry.reference} is not waiting for a decision on a proposal."})
    if decision.body_id != entry.register.body_id:
        raise ServiceError({"decision": f"{entry.reference} is decided by {entry.register.body}, not {decision.body}."})
    entry.proposal = Proposal.ACCEPTED if accepted else Proposal.DECLINED
    entry.proposal_decision = decision
    reason = "accepted" if accepted else "declined"
    return save_with_history(
        entry, by=by, reason=f"Proposal {reason} by {decision.body} on {decision.decided_on:%d/%m/%Y}"
    )


def _locked(entry: Entry) -> Entry:
    found = Entry.objects.select_for_update().get(pk=entry.pk)
    found.register = _with_scales(found.register)
    return found


def _not_void(entry: Entry) -> None:
    if entry.is_void:
        raise ServiceError(f"{entry.reference} is void; restore it before changing it.")
    if entry.moved_to_id is not None:
        moved = Entry.objects.select_related("register").get(pk=entry.moved_to_id)
        raise ServiceError(
            f"{entry.reference} was {entry.get_moved_how_display().lower()} into {moved.reference}; "
            "change that instead."
        )


@verb
def correct_entry(
    entry: Entry, *, by: User | None, reason: str, recipients: Iterable[Any] | None = None, **changes: Any
) -> Entry:
    """Correct an entry or bring its scores up to date, with the reason kept in history."""
    entry = _locked(entry)
    _not_void(entry)
    why = stated_reason(reason)
    changed = apply_changes(entry, changes, CORRECTABLE_ENTRY_FIELDS)
    if not changed and recipients is None:
        raise ServiceError(f"Nothing was changed in {entry.reference}: correct at least one field.")
    _refuse_off_scale(entry, entry.register)
    _score(entry, entry.register)
    save_with_history(entry, by=by, reason=f"Corrected: {why}")
    set_recipients(entry, recipients, by)
    return entry


@verb
def set_status(entry: Entry, *, by: User | None, status: str, reason: str = "") -> Entry:
    """Open, mitigated or closed; a closed entry comes up for review after the register's closed cadence."""
    entry = _locked(entry)
    _not_void(entry)
    status = _checked_status(entry.reference, status)
    if status == entry.status:
        raise ServiceError({"status": f"{entry.reference} is already {entry.get_status_display().lower()}."})
    entry.status = status
    entry.next_review = _next_review(entry.register, status, timezone.localdate())
    label = Status(status).label
    return save_with_history(entry, by=by, reason=f"{label}: {reason.strip()}" if reason.strip() else label)


@verb
def record_review(
    entry: Entry, *, by: User | None, on: dt.date, notes: str = "", meeting: Meeting | None = None
) -> Review:
    """The entry was reviewed on ``on``; the next review falls after the register's cadence."""
    entry = _locked(entry)
    _not_void(entry)
    if on < entry.raised_on:
        raise ServiceError(
            {"on": f"{entry.reference} was raised on {entry.raised_on:%d/%m/%Y}; it cannot be reviewed before."}
        )
    if meeting is not None and meeting.body_id != entry.register.body_id:
        raise ServiceError({"meeting": f"{entry.reference} is reviewed by {entry.register.body}, not at {meeting}."})
    review = save_with_history(Review(entry=entry, on=on, notes=notes, meeting=meeting), by=by, reason="Reviewed")
    entry.next_review = _next_review(entry.register, entry.status, on)
    save_with_history(entry, by=by, reason=f"Reviewed on {on:%d/%m/%Y}")
    return review


@verb
def add_mitigation(
    entry: Entry, *, by: User | None, text: str, owner: Any = None, status: str = "PLANNED"
) -> Mitigation:
    entry = _locked(entry)
    _not_void(entry)
    _checked_mitigation_status(entry, status)
    mitigation = Mitigation(entry=entry, text=text, owner=owner, status=status)
    return save_with_history(mitigation, by=by, reason="Mitigation added")


def _checked_mitigation_status(entry: Entry, status: str) -> None:
    if status not in Mitigation.State.values:
        allowed = ", ".join(Mitigation.State.labels)
        raise ServiceError({"status": f"A mitigation of {entry.reference} is {allowed}, not “{status}”."})


@verb
def update_mitigation(mitigation: Mitigation, *, by: User | None, reason: str = "", **changes: Any) -> Mitigation:
    mitigation = Mitigation.objects.select_for_update().select_related("entry__register").get(pk=mitigation.pk)
    if "status" in changes:
        _checked_mitigation_status(mitigation.entry, changes["status"])
    changed = apply_changes(mitigation, changes, ("text", "owner", "status"))
    if not changed:
        raise ServiceError(f"Nothing was changed in the mitigation of {mitigation.entry.reference}.")
    return save_with_history(mitigation, by=by, reason=reason.strip() or "Mitigation updated")


def _other_register(entry: Entry) -> Register:
    other = "ISSUE" if entry.register.kind == Kind.RISK else "RISK"
    found = Register.objects.filter(body=entry.register.body, kind=other, is_void=False).first()
    if found is None:
        raise ServiceError(
            {
                "register": f"{entry.register.body} has no {Kind(other).label.lower()} register "
                f"to move {entry.reference} to."
            }
        )
    return found


@verb
def reclassify(entry: Entry, *, by: User | None, reason: str) -> Entry:
    """Move a risk to the body's issues register (it has happened), or an issue back to its risks:
    the new entry is raised there and the old one kept, each naming the other."""
    entry = _locked(entry)
    _not_void(entry)
    why = stated_reason(reason)
    if entry.status == Status.CLOSED:
        raise ServiceError(
            {"status": f"{entry.reference} is closed; reopen it before reclassifying it as an {_other_label(entry)}."}
        )
    if entry.proposal in (Proposal.PROPOSED, Proposal.DECLINED):
        raise ServiceError(
            {
                "proposal": f"{entry.reference} is not in the register: "
                f"its proposal is {entry.get_proposal_display().lower()}."
            }
        )
    target = _other_register(entry)
    moved = _new_entry(
        target,
        by,
        entry.title,
        entry.likelihood,
        entry.impact,
        description=entry.description,
        owner=entry.owner,
        category=entry.category,
        classification=entry.classification,
        recipients=list(entry.recipients.all()),
    )
    for mitigation in entry.mitigations.all():
        copy = Mitigation(entry=moved, text=mitigation.text, owner=mitigation.owner, status=mitigation.status)
        save_with_history(copy, by=by, reason=f"Carried over from {entry.reference}")
    entry.moved_to, entry.moved_how = moved, Moved.RECLASSIFIED
    save_with_history(entry, by=by, reason=f"Reclassified as {moved.reference}: {why}")
    return moved


def _other_label(entry: Entry) -> str:
    return "issue" if entry.register.kind == Kind.RISK else "risk"


@verb
def amalgamate(
    entries: Sequence[Entry], *, by: User | None, title: str, likelihood: int, impact: int, reason: str, **fields: Any
) -> Entry:
    """Merge similar entries of one register into a new one; the originals stay as its history."""
    check_creatable(fields, NEW_ENTRY_FIELDS, "amalgamated entry")
    why = stated_reason(reason)
    originals = [_locked(entry) for entry in entries]
    if len(originals) < 2:
        raise ServiceError({"entries": "Amalgamate at least two entries into one."})
    register = originals[0].register
    for entry in originals:
        _not_void(entry)
        if entry.register_id != register.pk:
            raise ServiceError(
                {"entries": f"{entry.reference} is in the {entry.register.name}, not the {register.name}."}
            )
    merged = _new_entry(register, by, title, likelihood, impact, **fields)
    for entry in originals:
        for mitigation in entry.mitigations.all():
            copy = Mitigation(entry=merged, text=mitigation.text, owner=mitigation.owner, status=mitigation.status)
            save_with_history(copy, by=by, reason=f"Carried over from {entry.reference}")
        entry.moved_to, entry.moved_how = merged, Moved.MERGED
        save_with_history(entry, by=by, reason=f"Amalgamated into {merged.reference}: {why}")
    return merged


@verb
def void_entry(entry: Entry, *, by: User | None, reason: str) -> Entry:
    entry = _locked(entry)
    if entry.is_void:
        raise ServiceError(f"{entry.reference} is already void.")
    entry.is_void, entry.void_reason = True, stated_reason(reason)
    return save_with_history(entry, by=by, reason=f"Voided: {entry.void_reason}")


@verb
def restore_entry(entry: Entry, *, by: User | None, reason: str) -> Entry:
    entry = _locked(entry)
    if not entry.is_void:
        raise ServiceError(f"{entry.reference} is not void; there is nothing to restore.")
    why = stated_reason(reason)
    entry.is_void, entry.void_reason = False, ""
    return save_with_history(entry, by=by, reason=f"Restored: {why}")


# Reviews falling due


def next_meeting(body: Body, after: dt.date) -> Meeting | None:
    """The body's next meeting still to come (planned or confirmed, not cancelled)."""
    return (
        Meeting.objects.filter(body=body, starts_at__date__gt=after)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")
        .first()
    )


@verb
def propose_reviews(*, by: User | None, today: dt.date) -> list[ReviewProposal]:
    """For every register, the live entries due for review by its body's next meeting, proposed as
    one agenda item of that meeting. Safe to run again: an entry already proposed for that meeting
    is not proposed twice, and a proposal accepted or dismissed is left as it is."""
    made = []
    for register in Register.objects.in_force().select_related("body"):
        meeting = next_meeting(register.body, today)
        if meeting is None:
            continue
        due = register.entries.live().filter(next_review__lte=meeting.starts_at.date())
        if not due.exists():
            continue
        proposal = ReviewProposal.objects.filter(register=register, meeting=meeting).first()
        if proposal is not None and proposal.state != ReviewProposal.State.PROPOSED:
            continue
        if proposal is None:
            proposal = save_with_history(
                ReviewProposal(register=register, meeting=meeting), by=by, reason="Reviews due"
            )
        new = set(due.values_list("pk", flat=True)) - set(proposal.entries.values_list("pk", flat=True))
        if new:
            proposal.entries.add(*new)
            made.append(proposal)
    return made


def _locked_proposal(proposal: ReviewProposal) -> ReviewProposal:
    found = ReviewProposal.objects.select_for_update().get(pk=proposal.pk)
    if found.state != ReviewProposal.State.PROPOSED:
        raise ServiceError(f"{found.title} at {found.meeting} is already {found.get_state_display().lower()}.")
    return found


@verb
def accept_review_proposal(proposal: ReviewProposal, *, by: User | None) -> ReviewProposal:
    """Put the review on the meeting's agenda (governance's own verb adds the item), at the
    register's level, naming the entries due by number."""
    proposal = _locked_proposal(proposal)
    register = proposal.register
    numbers = ", ".join(entry.reference for entry in proposal.entries.order_by("number"))
    item = governance.add_agenda_item(
        proposal.meeting,
        by=by,
        title=f"{register.name}: review ({numbers})"[:300],
        purpose=Purpose.DISCUSSION,
        classification=register.classification,
        recipients=list(register.recipients.all()) if register.classification == Classification.RED else None,
    )
    proposal.state, proposal.agenda_item = ReviewProposal.State.ACCEPTED, item
    return save_with_history(proposal, by=by, reason=f"Accepted: agenda item {item.number}")


@verb
def dismiss_review_proposal(proposal: ReviewProposal, *, by: User | None, reason: str) -> ReviewProposal:
    proposal = _locked_proposal(proposal)
    why = stated_reason(reason)
    proposal.state, proposal.dismissed_because = ReviewProposal.State.DISMISSED, why
    return save_with_history(proposal, by=by, reason=f"Dismissed: {why}")


# Delegations


def _checked_bodies(from_body: Any, to_body: Any, where: str) -> None:
    if not isinstance(from_body, Body) or not Body.objects.filter(pk=from_body.pk).exists():
        raise ServiceError({"from_body": f"{where}: the body delegating is not a body panelbook knows."})
    if not isinstance(to_body, Body) or not Body.objects.filter(pk=to_body.pk).exists():
        raise ServiceError({"to_body": f"{where}: the body it is delegated to is not a body panelbook knows."})
    if from_body.pk == to_body.pk:
        raise ServiceError({"to_body": f"{where}: {from_body} cannot delegate to itself; name a Sub-Committee."})


@verb
def propose_delegation(*, by: User | None, activity: str, from_body: Body, to_body: Body, **fields: Any) -> Delegation:
    """A delegation as proposed; ``decide_delegation`` approves, defers or revokes it."""
    check_creatable(fields, NEW_DELEGATION_FIELDS, "delegation")
    _checked_bodies(from_body, to_body, "The new delegation")
    number = (Delegation.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    delegation = Delegation(number=number, activity=activity, from_body=from_body, to_body=to_body, **fields)
    return save_with_history(delegation, by=by, reason="Proposed")


DELEGATION_MOVES = {
    Delegation.Status.PROPOSED: {Delegation.Status.APPROVED, Delegation.Status.DEFERRED},
    Delegation.Status.DEFERRED: {Delegation.Status.APPROVED, Delegation.Status.REVOKED},
    Delegation.Status.APPROVED: {Delegation.Status.REVOKED},
    Delegation.Status.REVOKED: {Delegation.Status.APPROVED},
}


@verb
def decide_delegation(delegation: Delegation, *, by: User | None, status: str, decision: Decision) -> Delegation:
    """The delegating body's decision sets the delegation's status: approved, deferred or revoked."""
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    if delegation.is_void:
        raise ServiceError(f"{delegation.reference} is void; restore it before deciding on it.")
    if status not in Delegation.Status.values:
        allowed = ", ".join(Delegation.Status.labels)
        raise ServiceError({"status": f"{delegation.reference}: the status is one of {allowed}, not “{status}”."})
    if status not in DELEGATION_MOVES[Delegation.Status(delegation.status)]:
        now = delegation.get_status_display().lower()
        raise ServiceError(
            {"status": f"{delegation.reference} is {now}; it cannot become {Delegation.Status(status).label.lower()}."}
        )
    if decision.body_id != delegation.from_body_id:
        raise ServiceError(
            {"decision": f"{delegation.reference} is decided by {delegation.from_body}, not {decision.body}."}
        )
    delegation.status, delegation.decision, delegation.decided_on = status, decision, decision.decided_on
    return save_with_history(
        delegation, by=by, reason=f"{Delegation.Status(status).label} on {decision.decided_on:%d/%m/%Y}"
    )


@verb
def correct_delegation(delegation: Delegation, *, by: User | None, reason: str, **changes: Any) -> Delegation:
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    why = stated_reason(reason)
    if not apply_changes(delegation, changes, CORRECTABLE_DELEGATION_FIELDS):
        raise ServiceError(f"Nothing was changed in {delegation.reference}: correct at least one field.")
    return save_with_history(delegation, by=by, reason=f"Corrected: {why}")


@verb
def void_delegation(delegation: Delegation, *, by: User | None, reason: str) -> Delegation:
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    if delegation.is_void:
        raise ServiceError(f"{delegation.reference} is already void.")
    delegation.is_void, delegation.void_reason = True, stated_reason(reason)
    return save_with_history(delegation, by=by, reason=f"Voided: {delegation.void_reason}")


@verb
def restore_delegation(delegation: Delegation, *, by: User | None, reason: str) -> Delegation:
    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    if not delegation.is_void:
        raise ServiceError(f"{delegation.reference} is not void; there is nothing to restore.")
    why = stated_reason(reason)
    delegation.is_void, delegation.void_reason = False, ""
    return save_with_history(delegation, by=by, reason=f"Restored: {why}")


# Standing items


@verb
def add_standing_item(
    *, by: User | None, body: Body, title: str, months: str = "", position: int = 100
) -> StandingItem:
    item = StandingItem(body=body, title=title, months=months, position=position)
    return save_with_history(item, by=by, reason="Standing item added")
