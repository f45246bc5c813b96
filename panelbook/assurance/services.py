"""Verbs of SEC Parties and security assurance.

Parties: admit one, correct it, void and restore it; give it a User Role, record the User Entry
Process steps it completes for the role (the role's completion date follows its last step).
Assurance: record a User Security Assessment, set its assurance status, record its
non-compliances and the Director's letters that follow it; correct, void and restore each.

Each verb locks what it changes, refuses with a sentence naming the field, and saves through
``save_with_history``. Assessments and letters are RED by default, and the verbs name their
recipients: the current members of the reviewing body (the SSC), every secretariat user, whoever
acts and anyone else given. The gate never widens RED by role, so the secretariat see RED
assurance records because the verbs name them, not because they are the secretariat.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from panelbook.assurance import reports
from panelbook.assurance.models import (
    TRIGGER_KINDS,
    AssessmentKind,
    AssuranceStatus,
    DirectorsLetter,
    LetterTrigger,
    NonCompliance,
    Party,
    PartyRole,
    RoleStep,
    SecurityAssessment,
    UepStep,
    UserRole,
)
from panelbook.core.classification import Classification
from panelbook.core.events import after_commit
from panelbook.core.models import User, Voidable
from panelbook.core.services import (
    ServiceError,
    acting_user,
    apply_changes,
    check_creatable,
    save_with_history,
    set_recipients,
    stated_reason,
    verb,
)
from panelbook.governance import services as governance
from panelbook.governance.models import AgendaItem, Body, Membership, Organisation, Paper

V = TypeVar("V", bound=Voidable)

PARTY_FIELDS = ("category", "acceded_on", "countersigned_on")
NEW_ASSESSMENT_FIELDS = (
    "fieldwork_from",
    "fieldwork_to",
    "reported_on",
    "summary",
    "is_identifying",
    "classification",
    "recipients",
)
ASSESSMENT_FIELDS = (
    "kind",
    "fieldwork_from",
    "fieldwork_to",
    "reported_on",
    "cio",
    "summary",
    "is_identifying",
    "classification",
)
FINDING_FIELDS = ("finding", "control", "remediation", "due_on", "remediated_on")
NEW_LETTER_FIELDS = ("reviewed_on", "summary", "classification", "recipients")
LETTER_FIELDS = ("trigger", "received_on", "reviewed_on", "summary", "classification")


def assurance_recipients(body: Body, given: Iterable[User] | None = None) -> list[User]:
    """Who is named on a body's assurance record: its current members, the secretariat, and ``given``."""
    members = User.objects.filter(
        is_active=True, person__memberships__in=Membership.objects.current().filter(body=body)
    )
    secretariat = User.objects.filter(is_active=True, is_secretariat=True)
    named = {user.pk: user for user in [*members, *secretariat, *(given or [])]}
    return list(named.values())


def _locked(record: models.Model) -> Any:
    return type(record)._default_manager.select_for_update().get(pk=record.pk)


def _not_void(record: Voidable, what: str) -> None:
    if record.is_void:
        raise ServiceError(f"This {what} is void; restore it before changing it.")


def _void(record: V, what: str, *, by: User | None, reason: str) -> V:
    locked = _locked(record)
    if locked.is_void:
        raise ServiceError(f"This {what} is already void.")
    locked.is_void, locked.void_reason = True, stated_reason(reason)
    return save_with_history(locked, by=by, reason=f"Voided: {locked.void_reason}")


def _restore(record: V, what: str, *, by: User | None, reason: str) -> V:
    locked = _locked(record)
    if not locked.is_void:
        raise ServiceError(f"This {what} is not void; there is nothing to restore.")
    why = stated_reason(reason)
    locked.is_void, locked.void_reason = False, ""
    return save_with_history(locked, by=by, reason=f"Restored: {why}")


def _correct(
    record: Any, what: str, changes: dict[str, Any], allowed: Iterable[str], *, by: User | None, reason: str
) -> Any:
    why = stated_reason(reason)
    locked = _locked(record)
    _not_void(locked, what)
    if not apply_changes(locked, changes, allowed):
        raise ServiceError(f"Nothing is different from the {what} as it stands; change a value to correct it.")
    return locked, why


def _check_order(first: dt.date | None, then: dt.date | None, field: str, message: str) -> None:
    if first is not None and then is not None and then < first:
        raise ServiceError({field: message})


# Parties


def _check_party_dates(party: Party) -> None:
    _check_order(
        party.acceded_on,
        party.countersigned_on,
        "countersigned_on",
        f"{party.name} cannot be countersigned ({party.countersigned_on:%d/%m/%Y}) before it acceded "
        f"({party.acceded_on:%d/%m/%Y})."
        if party.countersigned_on and party.acceded_on
        else "",
    )


@verb
def admit_party(
    *,
    by: User | None,
    organisation: Organisation,
    acceded_on: dt.date,
    category: str = "",
    countersigned_on: dt.date | None = None,
) -> Party:
    """Make an organisation a SEC Party; its category is the organisation's own unless given."""
    if Party.objects.filter(organisation=organisation).exists():
        raise ServiceError({"organisation": f"{organisation.name} is already a SEC Party."})
    party = Party(
        organisation=organisation,
        category=category or organisation.party_category,
        acceded_on=acceded_on,
        countersigned_on=countersigned_on,
    )
    if not party.category:
        raise ServiceError({"category": f"Give {organisation.name}'s Party Category."})
    _check_party_dates(party)
    save_with_history(party, by=by, reason="Admitted")
    _category_to_organisation(party, by=by, reason="Admitted as a SEC Party")
    return party


def _category_to_organisation(party: Party, *, by: User | None, reason: str) -> None:
    """The party's category is the one the bodies' seats and elections read (on its organisation):
    keep the two the same."""
    organisation = Organisation.objects.select_for_update().get(pk=party.organisation_id)
    if organisation.party_category != party.category:
        organisation.party_category = party.category
        save_with_history(organisation, by=by, reason=reason)


@verb
def correct_party(party: Party, *, by: User | None, reason: str, **changes: Any) -> Party:
    """Put right a party's category or dates (or record the countersigning), keeping the earlier
    values and the reason in its history."""
    locked, why = _correct(party, "party", changes, PARTY_FIELDS, by=by, reason=reason)
    _check_party_dates(locked)
    save_with_history(locked, by=by, reason=f"Corrected: {why}")
    _category_to_organisation(locked, by=by, reason=f"Party Category corrected: {why}")
    return locked


@verb
def void_party(party: Party, *, by: User | None, reason: str) -> Party:
    """Void a party entered by mistake: it leaves the lists, the update and the exports."""
    if SecurityAssessment.objects.in_force().filter(party=party).exists():
        raise ServiceError("This party has assessments in force; void them first.")
    return _void(party, "party", by=by, reason=reason)


@verb
def restore_party(party: Party, *, by: User | None, reason: str) -> Party:
    return _restore(party, "party", by=by, reason=reason)


# User Roles and the User Entry Process


@verb
def add_role(party: Party, *, by: User | None, role: UserRole, applied_on: dt.date) -> PartyRole:
    """Record that a party has begun the User Entry Process for a User Role."""
    _not_void(party, "party")
    if PartyRole.objects.filter(party=party, role=role, is_void=False).exists():
        raise ServiceError({"role": f"{party.name} already holds the role {role}."})
    _check_order(
        party.acceded_on,
        applied_on,
        "applied_on",
        f"{party.name} acceded on {party.acceded_on:%d/%m/%Y}; it cannot have applied for a role before.",
    )
    return save_with_history(PartyRole(party=party, role=role, applied_on=applied_on), by=by, reason="Role added")


def _completion(party_role: PartyRole) -> dt.date | None:
    """The day the role's last required step was completed, or None while any is outstanding."""
    done = {s.step_id: s.completed_on for s in RoleStep.objects.filter(party_role=party_role)}
    required = list(UepStep.objects.filter(is_active=True).values_list("pk", flat=True))
    if not required or any(pk not in done for pk in required):
        return None
    return max(done[pk] for pk in required)


def _settle(party_role: PartyRole, by: User | None) -> PartyRole:
    completed = _completion(party_role)
    if completed != party_role.completed_on:
        party_role.completed_on = completed
        reason = f"User Entry Process completed on {completed:%d/%m/%Y}" if completed else "User Entry Process reopened"
        save_with_history(party_role, by=by, reason=reason)
    return party_role


@verb
def complete_step(party_role: PartyRole, *, by: User | None, step: UepStep, completed_on: dt.date) -> RoleStep:
    """Record a User Entry Process step completed for a role; the last one completes the role."""
    locked = _locked(party_role)
    _not_void(locked, "role")
    if not step.is_active:
        raise ServiceError({"step": f"“{step}” is no longer a step of the User Entry Process."})
    if RoleStep.objects.filter(party_role=locked, step=step).exists():
        raise ServiceError({"step": f"{locked} has already completed “{step}”; correct its date instead."})
    _check_order(
        locked.applied_on,
        completed_on,
        "completed_on",
        f"{locked} began the User Entry Process on {locked.applied_on:%d/%m/%Y}; a step cannot be completed before.",
    )
    done = save_with_history(
        RoleStep(party_role=locked, step=step, completed_on=completed_on), by=by, reason="Completed"
    )
    _settle(locked, by)
    return done


@verb
def complete_steps(
    party_role: PartyRole, *, by: User | None, completed: Sequence[tuple[UepStep, dt.date]]
) -> list[RoleStep]:
    """Record several User Entry Process steps of a role at once (an import, the demo), checked
    as ``complete_step`` checks one and stored together, each with its history row."""
    locked = _locked(party_role)
    _not_void(locked, "role")
    taken = set(RoleStep.objects.filter(party_role=locked).values_list("step_id", flat=True))
    rows = []
    for step, completed_on in completed:
        if not step.is_active:
            raise ServiceError({"step": f"“{step}” is no longer a step of the User Entry Process."})
        if step.pk in taken:
            raise ServiceError({"step": f"{locked} has already completed “{step}”; correct its date instead."})
        _check_order(
            locked.applied_on,
            completed_on,
            "completed_on",
            f"{locked} began the User Entry Process on {locked.applied_on:%d/%m/%Y}; "
            "a step cannot be completed before.",
        )
        taken.add(step.pk)
        rows.append(RoleStep(party_role=locked, step=step, completed_on=completed_on))
    made = bulk_create_with_history(rows, RoleStep, default_user=acting_user(by), default_change_reason="Completed")
    for row in made:
        after_commit(row, created=True, reason="Completed", by=acting_user(by))
    _settle(locked, by)
    return made


@verb
def correct_step(role_step: RoleStep, *, by: User | None, completed_on: dt.date, reason: str) -> RoleStep:
    why = stated_reason(reason)
    locked = _locked(role_step)
    if locked.completed_on == completed_on:
        raise ServiceError({"completed_on": "That is the date already recorded; give the corrected one."})
    _check_order(
        locked.party_role.applied_on,
        completed_on,
        "completed_on",
        "A step cannot be completed before the role was applied for.",
    )
    locked.completed_on = completed_on
    save_with_history(locked, by=by, reason=f"Corrected: {why}")
    _settle(_locked(locked.party_role), by)
    return locked


@verb
def correct_role(party_role: PartyRole, *, by: User | None, applied_on: dt.date, reason: str) -> PartyRole:
    locked, why = _correct(party_role, "role", {"applied_on": applied_on}, ["applied_on"], by=by, reason=reason)
    return save_with_history(locked, by=by, reason=f"Corrected: {why}")


@verb
def void_role(party_role: PartyRole, *, by: User | None, reason: str) -> PartyRole:
    return _void(party_role, "role", by=by, reason=reason)


@verb
def restore_role(party_role: PartyRole, *, by: User | None, reason: str) -> PartyRole:
    if PartyRole.objects.filter(party=party_role.party, role=party_role.role, is_void=False).exists():
        raise ServiceError(f"{party_role.party.name} holds the role {party_role.role} again; void that one first.")
    return _restore(party_role, "role", by=by, reason=reason)


# Assessments


def _party_of(party: Any, field: str = "party") -> Party:
    """The Party an assessment is for, refusing an organisation that is not one."""
    if isinstance(party, Organisation):
        found = Party.objects.in_force().filter(organisation=party).first()
        if found is None:
            raise ServiceError({field: f"{party.name} is not a SEC Party; admit it before recording its assessments."})
        return found
    if not isinstance(party, Party) or party.is_void:
        raise ServiceError({field: f"{party} is not a SEC Party; admit it before recording its assessments."})
    return party


def _check_role(party: Party, role: UserRole) -> None:
    if not PartyRole.objects.in_force().filter(party=party, role=role).exists():
        raise ServiceError({"role": f"{party.name} does not hold the User Role {role}; add the role first."})


def _check_choice(value: Any, choices: type[models.TextChoices], field: str, what: str) -> None:
    if value not in choices.values:
        offered = ", ".join(str(label) for label in choices.labels)
        raise ServiceError({field: f"“{value}” is not {what}; choose one of: {offered}."})


def _check_assessment(assessment: SecurityAssessment) -> None:
    _check_choice(assessment.kind, AssessmentKind, "kind", "a type of assessment")
    _check_order(
        assessment.fieldwork_from, assessment.fieldwork_to, "fieldwork_to", "The fieldwork cannot end before it begins."
    )
    _check_order(
        assessment.fieldwork_from,
        assessment.reported_on,
        "reported_on",
        "The User CIO cannot report before the fieldwork begins.",
    )


@verb
def record_assessment(
    *,
    by: User | None,
    party: Party | Organisation,
    role: UserRole,
    kind: str,
    cio: str,
    body: Body,
    recipients: Iterable[User] | None = None,
    **fields: Any,
) -> SecurityAssessment:
    """Record a User Security Assessment of a party in a role it holds; RED unless given, named to
    the reviewing body's current members, the secretariat and ``recipients``."""
    check_creatable(fields, NEW_ASSESSMENT_FIELDS, "assessment")
    found = _party_of(party)
    _check_role(found, role)
    fields.setdefault("classification", Classification.RED)
    assessment = SecurityAssessment(party=found, role=role, kind=kind, cio=cio, body=body, **fields)
    _check_assessment(assessment)
    save_with_history(assessment, by=by, reason="Recorded")
    set_recipients(assessment, assurance_recipients(body, recipients), by)
    return assessment


@verb
def set_status(
    assessment: SecurityAssessment,
    *,
    by: User | None,
    status: str,
    set_on: dt.date,
    set_by: Body,
    delegation: str = "",
    conditions: str = "",
) -> SecurityAssessment:
    """Set an assessment's assurance status (SEC G8.34), by which body and under which delegation;
    an approval subject to conditions says what they are. Setting it again replaces it, the earlier
    one kept in history."""
    locked = _locked(assessment)
    _not_void(locked, "assessment")
    _check_choice(status, AssuranceStatus, "status", "an assurance status")
    if status == AssuranceStatus.APPROVED_SUBJECT and not conditions.strip():
        raise ServiceError({"conditions": f"Say what the approval of the {locked.title} is subject to."})
    _check_order(locked.reported_on, set_on, "set_on", "The status cannot be set before the User CIO reported.")
    locked.status, locked.status_set_on, locked.status_set_by = status, set_on, set_by
    locked.delegation, locked.conditions = (
        delegation.strip(),
        conditions.strip() if status == AssuranceStatus.APPROVED_SUBJECT else "",
    )
    return save_with_history(locked, by=by, reason=f"Status set: {locked.get_status_display()}")


@verb
def correct_assessment(
    assessment: SecurityAssessment,
    *,
    by: User | None,
    reason: str,
    recipients: Iterable[User] | None = None,
    **changes: Any,
) -> SecurityAssessment:
    """Put right an assessment's details, keeping the earlier ones and the reason in its history."""
    locked, why = _correct(assessment, "assessment", changes, ASSESSMENT_FIELDS, by=by, reason=reason)
    _check_assessment(locked)
    save_with_history(locked, by=by, reason=f"Corrected: {why}")
    if recipients is not None:
        set_recipients(locked, assurance_recipients(locked.body, recipients), by)
    return locked


@verb
def void_assessment(assessment: SecurityAssessment, *, by: User | None, reason: str) -> SecurityAssessment:
    """Void an assessment recorded by mistake: it leaves the lists, the counts and the exports."""
    return _void(assessment, "assessment", by=by, reason=reason)


@verb
def restore_assessment(assessment: SecurityAssessment, *, by: User | None, reason: str) -> SecurityAssessment:
    return _restore(assessment, "assessment", by=by, reason=reason)


@verb
def renew_recipients(body: Body, *, by: User | None) -> int:
    """Name the body's current members and the secretariat on each of its assurance records, in
    place of those named before (a member who has left no longer reads them); the number renewed."""
    named = assurance_recipients(body)
    renewed = 0
    for model in (SecurityAssessment, DirectorsLetter):
        for record in model.objects.filter(body=body, classification=Classification.RED):
            record.recipients.set(named)
            renewed += 1
    return renewed


# Non-compliances


def _check_finding(finding: NonCompliance) -> None:
    if not finding.finding.strip():
        raise ServiceError({"finding": "Say what the non-compliance is."})
    _check_order(
        finding.assessment.reported_on,
        finding.due_on,
        "due_on",
        "The remediation cannot be due before the assessment reported.",
    )


@verb
def record_finding(assessment: SecurityAssessment, *, by: User | None, finding: str, **fields: Any) -> NonCompliance:
    """Record a non-compliance an assessment found, with its remediation and when it is due."""
    check_creatable(fields, ("control", "remediation", "due_on"), "non-compliance")
    _not_void(assessment, "assessment")
    found = NonCompliance(assessment=assessment, finding=finding, **fields)
    _check_finding(found)
    return save_with_history(found, by=by, reason="Recorded")


@verb
def correct_finding(finding: NonCompliance, *, by: User | None, reason: str, **changes: Any) -> NonCompliance:
    """Put right a non-compliance or record its remediation, keeping the earlier text in history."""
    locked, why = _correct(finding, "non-compliance", changes, FINDING_FIELDS, by=by, reason=reason)
    _check_finding(locked)
    return save_with_history(locked, by=by, reason=f"Corrected: {why}")


@verb
def void_finding(finding: NonCompliance, *, by: User | None, reason: str) -> NonCompliance:
    return _void(finding, "non-compliance", by=by, reason=reason)


# Director's letters


def _check_letter(letter: DirectorsLetter) -> None:
    _check_choice(letter.trigger, LetterTrigger, "trigger", "what a Director's letter follows")
    expected = TRIGGER_KINDS[LetterTrigger(letter.trigger)]
    if letter.assessment.kind != expected:
        raise ServiceError(
            {
                "trigger": f"A letter after {letter.get_trigger_display()} follows a {expected.label}, but "
                f"the assessment is a {letter.assessment.get_kind_display()}."
            }
        )
    _check_order(
        letter.received_on, letter.reviewed_on, "reviewed_on", "The SSC cannot review a letter before it is received."
    )


@verb
def record_letter(
    *,
    by: User | None,
    assessment: SecurityAssessment,
    trigger: str,
    received_on: dt.date,
    recipients: Iterable[User] | None = None,
    **fields: Any,
) -> DirectorsLetter:
    """Record a Director's letter after an assessment; RED unless given, named as its assessment is."""
    check_creatable(fields, NEW_LETTER_FIELDS, "Director's letter")
    _not_void(assessment, "assessment")
    fields.setdefault("classification", Classification.RED)
    letter = DirectorsLetter(
        assessment=assessment, trigger=trigger, received_on=received_on, body=assessment.body, **fields
    )
    _check_letter(letter)
    save_with_history(letter, by=by, reason="Recorded")
    set_recipients(letter, assurance_recipients(assessment.body, recipients), by)
    return letter


@verb
def correct_letter(letter: DirectorsLetter, *, by: User | None, reason: str, **changes: Any) -> DirectorsLetter:
    locked, why = _correct(letter, "Director's letter", changes, LETTER_FIELDS, by=by, reason=reason)
    _check_letter(locked)
    return save_with_history(locked, by=by, reason=f"Corrected: {why}")


@verb
def void_letter(letter: DirectorsLetter, *, by: User | None, reason: str) -> DirectorsLetter:
    return _void(letter, "Director's letter", by=by, reason=reason)


@verb
def restore_letter(letter: DirectorsLetter, *, by: User | None, reason: str) -> DirectorsLetter:
    return _restore(letter, "Director's letter", by=by, reason=reason)


# The SEC Party update, dropped into an agenda item

PARTY_UPDATE_TITLE = "SEC Party update"


@verb
def write_party_update(item: AgendaItem, *, by: User | None) -> Paper:
    """Write the SEC Party update for the item's meeting as the summary of the item's paper: a new
    WHITE paper "SEC Party update" for the item, or the summary of the one written before (its
    earlier text kept in the paper's history). Refused when the item is withdrawn or already has
    another paper."""
    if item.is_withdrawn:
        raise ServiceError({"agenda_item": f"Item {item.number} is withdrawn; choose the item the update is for."})
    # The paper is WHITE, so its window starts at the previous meeting the public may see.
    text = reports.party_update_text(reports.party_update(item.meeting, AnonymousUser()))
    existing = Paper.objects.filter(reference=Paper.reference_for(item)).first()
    if existing is None:
        return governance.create_paper(
            by=by,
            agenda_item=item,
            title=PARTY_UPDATE_TITLE,
            author="SECAS",
            paper_date=min(timezone.localdate(), item.meeting.date),
            summary=text,
            classification=Classification.WHITE,
        )
    if existing.title != PARTY_UPDATE_TITLE or existing.agenda_item_id != item.pk:
        raise ServiceError(
            {
                "agenda_item": f"Item {item.number} already has the paper {existing.reference}; "
                "choose the item for the update."
            }
        )
    if existing.summary == text:
        return existing
    return governance.update_paper(existing, by=by, summary=text)
