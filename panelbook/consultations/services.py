"""Verbs of the consultations the Panel answers.

Open a consultation (who issued it, its subject, dates and the bodies asked), extend its closing
date with a reason, record a body's observations from one of its meetings, write the draft
response and send the response (each a governance paper with its own classification; sending
names the decision that agreed it), or record that it was not answered; correct, void and restore
each record. Each verb locks what it changes, refuses with a sentence naming the record and the
rule, and saves through ``save_with_history``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import models

from panelbook.actions.models import Decision
from panelbook.consultations.models import Consultation, Observation, Status
from panelbook.core.classification import Classification, visible_rows
from panelbook.core.models import User, Voidable
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
from panelbook.governance.models import AgendaItem, Body, Meeting, Paper

V = TypeVar("V", bound=Voidable)

NEW_CONSULTATION_FIELDS = ("issuer_name", "reference", "summary", "classification")
EXTENSION_FIELDS = ("extended_to", "extension_reason")
CONSULTATION_FIELDS = (
    "issuer",
    "issuer_name",
    "subject",
    "reference",
    "opened_on",
    "closes_on",
    "summary",
    "classification",
)
OBSERVATION_FIELDS = ("text", "agenda_item", "classification")


def _locked(record: models.Model) -> Any:
    return type(record)._default_manager.select_for_update().get(pk=record.pk)


def _void(record: V, what: str, *, by: User | None, reason: str) -> V:
    locked = _locked(record)
    if locked.is_void:
        raise ServiceError(f"{what} is already void.")
    locked.is_void, locked.void_reason = True, stated_reason(reason)
    return save_with_history(locked, by=by, reason=f"Voided: {locked.void_reason}")


def _restore(record: V, what: str, *, by: User | None, reason: str) -> V:
    locked = _locked(record)
    if not locked.is_void:
        raise ServiceError(f"{what} is not void; there is nothing to restore.")
    why = stated_reason(reason)
    locked.is_void, locked.void_reason = False, ""
    return save_with_history(locked, by=by, reason=f"Restored: {why}")


def _open_for_work(consultation: Consultation) -> None:
    if consultation.is_void:
        raise ServiceError(f"{consultation.title} is void; restore it before changing it.")
    if consultation.is_finished:
        raise ServiceError(
            f"{consultation.title} is {consultation.get_status_display().lower()}; a finished consultation "
            "takes no more input."
        )


def _check_dates(consultation: Consultation) -> None:
    if consultation.closes_on < consultation.opened_on:
        raise ServiceError(
            {
                "closes_on": f"{consultation.title} cannot close ({consultation.closes_on:%d/%m/%Y}) before it "
                f"opened ({consultation.opened_on:%d/%m/%Y})."
            }
        )


def _check_asked(consultation: Consultation, bodies: Iterable[Body]) -> None:
    if consultation.body in bodies:
        raise ServiceError(
            {"bodies_asked": f"{consultation.body} answers {consultation.title}; ask the other bodies for input."}
        )


def _check_extension(consultation: Consultation) -> None:
    """An extension gives a later day than the first closing date, with its reason; and a response
    already sent stays within the closing date as corrected."""
    extended, reason = consultation.extended_to, consultation.extension_reason.strip()
    if extended is None and reason:
        consultation.extension_reason = ""
    if extended is not None and extended <= consultation.closes_on:
        raise ServiceError(
            {
                "extended_to": f"{consultation.title} closes on {consultation.closes_on:%d/%m/%Y}; an extension "
                "gives a later day (leave it empty for none)."
            }
        )
    if extended is not None and not reason:
        raise ServiceError({"extension_reason": f"Say why {consultation.title} was extended."})
    if consultation.sent_on is not None and consultation.sent_on > consultation.closing_date:
        raise ServiceError(
            {
                "closes_on": f"The response to {consultation.title} was sent on {consultation.sent_on:%d/%m/%Y}; "
                "the closing date, with any extension, cannot fall before it."
            }
        )


# Consultations


@verb
def open_consultation(
    *,
    by: User | None,
    issuer: str,
    subject: str,
    opened_on: dt.date,
    closes_on: dt.date,
    body: Body,
    bodies_asked: Iterable[Body] = (),
    recipients: Iterable[Any] | None = None,
    **fields: Any,
) -> Consultation:
    """Record a consultation the body (the Panel) is asked to answer, and the bodies asked for input."""
    check_creatable(fields, NEW_CONSULTATION_FIELDS, "consultation")
    consultation = Consultation(
        issuer=issuer, subject=subject, opened_on=opened_on, closes_on=closes_on, body=body, **fields
    )
    _check_dates(consultation)
    asked = list(bodies_asked)
    _check_asked(consultation, asked)
    save_with_history(consultation, by=by, reason="Consultation opened")
    consultation.bodies_asked.set(asked)
    set_recipients(consultation, recipients, by)
    return consultation


@verb
def correct_consultation(
    consultation: Consultation,
    *,
    by: User | None,
    reason: str,
    bodies_asked: Iterable[Body] | None = None,
    recipients: Iterable[Any] | None = None,
    **changes: Any,
) -> Consultation:
    """Put right what was entered of a consultation, keeping the earlier values and the reason in its history."""
    why = stated_reason(reason)
    locked = _locked(consultation)
    if locked.is_void:
        raise ServiceError(f"{locked.title} is void; restore it before changing it.")
    changed = apply_changes(locked, changes, (*CONSULTATION_FIELDS, *EXTENSION_FIELDS))
    asked = list(bodies_asked) if bodies_asked is not None else None
    if asked is not None and set(asked) != set(locked.bodies_asked.all()):
        _check_asked(locked, asked)
        changed.append("bodies_asked")
    if not changed:
        raise ServiceError("Nothing is different from the consultation as it stands; change a value to correct it.")
    _check_dates(locked)
    _check_extension(locked)
    save_with_history(locked, by=by, reason=f"Corrected: {why}")
    if asked is not None:
        locked.bodies_asked.set(asked)
    set_recipients(locked, recipients, by)
    return locked


@verb
def extend_consultation(
    consultation: Consultation, *, by: User | None, extended_to: dt.date, reason: str
) -> Consultation:
    """Record the issuer's extension of the closing date, with its reason."""
    why = stated_reason(reason)
    locked = _locked(consultation)
    _open_for_work(locked)
    if extended_to <= locked.closing_date:
        raise ServiceError(
            {
                "extended_to": f"{locked.title} already closes on {locked.closing_date:%d/%m/%Y}; an extension "
                "gives a later day."
            }
        )
    locked.extended_to, locked.extension_reason = extended_to, why
    return save_with_history(locked, by=by, reason=f"Closing date extended to {extended_to:%d/%m/%Y}: {why}")


@verb
def void_consultation(consultation: Consultation, *, by: User | None, reason: str) -> Consultation:
    """Void a consultation entered by mistake: it leaves the lists, the planner and the exports."""
    return _void(consultation, consultation.title, by=by, reason=reason)


@verb
def restore_consultation(consultation: Consultation, *, by: User | None, reason: str) -> Consultation:
    return _restore(consultation, consultation.title, by=by, reason=reason)


@verb
def mark_not_answered(consultation: Consultation, *, by: User | None, reason: str) -> Consultation:
    """Record that the Panel let a consultation pass without a response, and why."""
    why = stated_reason(reason)
    locked = _locked(consultation)
    _open_for_work(locked)
    locked.status, locked.not_answered_reason = Status.NOT_ANSWERED, why
    return save_with_history(locked, by=by, reason=f"Not answered: {why}")


@verb
def reopen_consultation(consultation: Consultation, *, by: User | None, reason: str) -> Consultation:
    """Undo a "not answered" recorded by mistake: the consultation takes input again."""
    why = stated_reason(reason)
    locked = _locked(consultation)
    if locked.status != Status.NOT_ANSWERED:
        raise ServiceError(f"{locked.title} is not recorded as not answered; there is nothing to reopen.")
    locked.status = Status.RESPONDING if locked.draft_response_id else Status.OPEN
    locked.not_answered_reason = ""
    return save_with_history(locked, by=by, reason=f"Reopened: {why}")


# Observations


def _check_meeting(consultation: Consultation, meeting: Meeting, agenda_item: AgendaItem | None) -> None:
    if not consultation.bodies_asked.filter(pk=meeting.body_id).exists():
        asked = ", ".join(str(b) for b in consultation.bodies_asked.all()) or "no body"
        raise ServiceError(
            {
                "meeting": f"{meeting.body} was not asked for input on {consultation.title} (asked: {asked}); "
                "add the body to those asked first."
            }
        )
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ServiceError({"agenda_item": f"That agenda item belongs to another meeting than {meeting}."})


@verb
def record_observation(
    consultation: Consultation,
    *,
    by: User | None,
    meeting: Meeting,
    text: str,
    agenda_item: AgendaItem | None = None,
    classification: str = Classification.AMBER,
    recipients: Iterable[Any] | None = None,
) -> Observation:
    """Record what a body asked for input observed at its meeting (at an agenda item, where given)."""
    locked = _locked(consultation)
    _open_for_work(locked)
    _check_meeting(locked, meeting, agenda_item)
    if not (text or "").strip():
        raise ServiceError({"text": f"Write what {meeting.body} observed on {locked.title}."})
    observation = Observation(
        consultation=locked,
        body=meeting.body,
        meeting=meeting,
        agenda_item=agenda_item,
        text=text,
        classification=classification,
    )
    save_with_history(observation, by=by, reason=f"Observations of {meeting.body} recorded")
    set_recipients(observation, recipients, by)
    return observation


@verb
def correct_observation(observation: Observation, *, by: User | None, reason: str, **changes: Any) -> Observation:
    why = stated_reason(reason)
    locked = _locked(observation)
    if locked.is_void:
        raise ServiceError(f"{locked.title} is void; restore it before changing it.")
    if not apply_changes(locked, changes, OBSERVATION_FIELDS):
        raise ServiceError("Nothing is different from the observations as they stand; change a value to correct them.")
    _check_meeting(locked.consultation, locked.meeting, locked.agenda_item)
    return save_with_history(locked, by=by, reason=f"Corrected: {why}")


@verb
def void_observation(observation: Observation, *, by: User | None, reason: str) -> Observation:
    return _void(observation, observation.title, by=by, reason=reason)


@verb
def restore_observation(observation: Observation, *, by: User | None, reason: str) -> Observation:
    return _restore(observation, observation.title, by=by, reason=reason)


# The response


def _response_paper(
    consultation: Consultation, *, by: User | None, reference: str, title: str, paper_date: dt.date, **fields: Any
) -> Paper:
    return governance.create_paper(
        by=by, body=consultation.body, reference=reference, title=title, paper_date=paper_date, **fields
    )


@verb
def write_draft_response(
    consultation: Consultation,
    *,
    by: User | None,
    reference: str,
    title: str,
    paper_date: dt.date,
    classification: str = Classification.AMBER,
    summary: str = "",
    meeting: Meeting | None = None,
    recipients: Iterable[Any] | None = None,
) -> Paper:
    """The draft response as a paper of the answering body (AMBER unless given); a later draft
    replaces the earlier one on the consultation, which stays a paper of its own."""
    locked = _locked(consultation)
    _open_for_work(locked)
    if meeting is not None and meeting.body_id != locked.body_id:
        raise ServiceError({"meeting": f"The draft response is for a meeting of {locked.body}."})
    paper = _response_paper(
        locked,
        by=by,
        reference=reference,
        title=title,
        paper_date=paper_date,
        classification=classification,
        summary=summary,
        meeting=meeting,
        recipients=recipients,
    )
    locked.draft_response, locked.status = paper, Status.RESPONDING
    save_with_history(locked, by=by, reason=f"Draft response {paper.reference} written")
    return paper


def _check_sending(consultation: Consultation, sent_on: dt.date, decision: Decision, by: User | None) -> None:
    """A response goes by the closing date (or a recorded extension), agreed by a decision of the
    answering body in force that the actor may see."""
    if sent_on > consultation.closing_date:
        rule = (
            f"it closed on {consultation.closing_date:%d/%m/%Y} (as extended)"
            if consultation.extended_to
            else f"it closed on {consultation.closes_on:%d/%m/%Y} and no extension is recorded"
        )
        raise ServiceError(
            {
                "sent_on": f"The response to {consultation.title} cannot be sent on {sent_on:%d/%m/%Y}: {rule}. "
                "A response goes by the closing date; record the issuer's extension first."
            }
        )
    if decision.body_id != consultation.body_id or decision.is_void:
        raise ServiceError({"decision": f"The response is agreed by a decision of {consultation.body} in force."})
    if by is not None and not visible_rows(Decision, by).filter(pk=decision.pk).exists():
        raise ServiceError({"decision": "No such decision."})


@verb
def send_response(
    consultation: Consultation,
    *,
    by: User | None,
    sent_on: dt.date,
    decision: Decision,
    reference: str,
    title: str,
    classification: str = Classification.WHITE,
    summary: str = "",
) -> Paper:
    """Send the response the decision agreed, as a paper (WHITE unless given). Refused once sent,
    after the closing date without a recorded extension, or with a decision of another body."""
    locked = _locked(consultation)
    if locked.status == Status.RESPONDED:
        raise ServiceError(
            f"The response to {locked.title} was sent on {locked.sent_on:%d/%m/%Y}; a response is sent once."
        )
    _open_for_work(locked)
    _check_sending(locked, sent_on, decision, by)
    paper = _response_paper(
        locked,
        by=by,
        reference=reference,
        title=title,
        paper_date=sent_on,
        classification=classification,
        summary=summary,
    )
    locked.sent_response, locked.decision, locked.sent_on = paper, decision, sent_on
    locked.status = Status.RESPONDED
    save_with_history(locked, by=by, reason=f"Response {paper.reference} sent")
    return paper


@verb
def correct_response(
    consultation: Consultation,
    *,
    by: User | None,
    reason: str,
    sent_on: dt.date,
    decision: Decision,
) -> Consultation:
    """Put right the day a response was sent or the decision that agreed it, by the same rules as sending."""
    why = stated_reason(reason)
    locked = _locked(consultation)
    if locked.status != Status.RESPONDED or locked.is_void:
        raise ServiceError(f"No response to {locked.title} has been sent; there is no sending to correct.")
    _check_sending(locked, sent_on, decision, by)
    if (locked.sent_on, locked.decision_id) == (sent_on, decision.pk):
        raise ServiceError("Nothing is different from the sending as it stands; change a value to correct it.")
    locked.sent_on, locked.decision = sent_on, decision
    return save_with_history(locked, by=by, reason=f"Response corrected: {why}")
