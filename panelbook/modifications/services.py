"""Verbs of the modifications register: raise, move through the lifecycle, timetable, extend.

Each verb checks its rule, names the record and the field in a refusal, and saves through
``save_with_history``; the whole of one verb's change is stored or none of it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Q

from panelbook.actions.models import Decision
from panelbook.core.concurrency import check_revision
from panelbook.core.lib.working_days import Calendar
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
from panelbook.governance.models import Paper, PartyCategory
from panelbook.modifications import following, lifecycle, voting
from panelbook.modifications.models import (
    AUTHORITY_MOVES_TO,
    VERSIONED_KINDS,
    Assessment,
    AssessmentKind,
    AssessmentTimescale,
    AuthorityDecision,
    AuthorityOutcome,
    CategoryVote,
    DocumentKind,
    Extension,
    Follow,
    Milestone,
    Modification,
    ModificationDocument,
    ReferralPeriod,
    Release,
    ReleaseKind,
    ReleaseStatus,
    StageChange,
    VotingRule,
)
from panelbook.modifications.references import NotAReference, Reference, parse

NEW_MODIFICATION_FIELDS = (
    "proposer_organisation",
    "proposer",
    "lead_analyst",
    "solution",
    "affected_documents",
    "urgent",
    "classification",
)
CORRECTABLE_FIELDS = (
    "title",
    "issue",
    "solution",
    "proposer_organisation",
    "proposer",
    "lead_analyst",
    "affected_documents",
    "path",
    "urgent",
    "classification",
    "impacted_categories",
)


def working_days() -> Calendar:
    """The Working Day calendar timetables are counted in."""
    return Calendar()


def _reference(text: str) -> Reference:
    try:
        return parse(text)
    except NotAReference as problem:
        raise ServiceError({"reference": str(problem)}) from None


def _categories(codes: Iterable[str]) -> list[str]:
    codes = list(codes)
    known = set(PartyCategory.values)
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise ServiceError(
            {
                "impacted_categories": f"Not a party category: {', '.join(unknown)}. "
                f"Choose from {', '.join(sorted(known))}."
            }
        )
    return codes


@verb
def raise_modification(
    *,
    by: User | None,
    reference: str,
    title: str,
    body: Any,
    issue: str,
    path: str,
    raised_on: dt.date,
    impacted_categories: Iterable[str] = (),
    split_from: Modification | None = None,
    recipients: Iterable[Any] | None = None,
    **fields: Any,
) -> Modification:
    """Enter a modification at its first stage: a DP at Draft Proposal, an MP or SECMP at
    Modification Proposal. A split solution (MP102A) names the proposal it was split from."""
    check_creatable(fields, NEW_MODIFICATION_FIELDS, "modification")
    parsed = _reference(reference)
    _refuse_a_second_name(parsed)
    if split_from is not None and (split_from.parsed_reference.number != parsed.number or not parsed.suffix):
        raise ServiceError(
            {
                "reference": f"A solution split from {split_from.reference} is written "
                f"{split_from.reference}A, {split_from.reference}B …"
            }
        )
    modification = Modification(
        reference=str(parsed),
        title=title,
        body=body,
        issue=issue,
        path=path,
        raised_on=raised_on,
        split_from=split_from,
        stage=lifecycle.Stage.DRAFT_PROPOSAL if parsed.is_draft else lifecycle.Stage.MODIFICATION_PROPOSAL,
        **fields,
    )
    modification.impacted_categories = _categories(impacted_categories)
    save_with_history(modification, by=by, reason="Raised")
    set_recipients(modification, recipients, by)
    save_with_history(
        StageChange(modification=modification, stage=modification.stage, on=raised_on, note="Raised"), by=by
    )
    return modification


def _refuse_a_second_name(parsed: Reference) -> None:
    """DP081 and MP081 are one modification: the MP is reached by converting the DP."""
    twin = {"DP": "MP", "MP": "DP"}.get(parsed.prefix)
    if twin is None:
        return
    other = str(Reference(twin, parsed.number))
    if Modification.objects.filter(reference=other).exists():
        raise ServiceError(
            {"reference": f"{other} is already in the register: {parsed} is the same modification under another name."}
        )


def _locked(modification: Modification) -> Modification:
    return Modification.objects.select_for_update().get(pk=modification.pk)


@verb
def move_to_stage(
    modification: Modification,
    *,
    by: User | None,
    stage: str,
    on: dt.date,
    note: str = "",
    decision: Decision | None = None,
) -> Modification:
    """Move a modification on to ``stage`` on the day ``on``. Converting a Draft Proposal to a
    Modification Proposal renames it (DP081 becomes MP081, keeping its number)."""
    modification = _locked(modification)
    current, path = lifecycle.Stage(modification.stage), lifecycle.Path(modification.path)
    wanted = _stage(stage)
    refused = lifecycle.refusal(current, path, wanted)
    if refused:
        raise ServiceError({"stage": f"{modification.reference}: {refused}"})
    last = modification.stage_changes.order_by("-on", "-id").first()
    if last is not None and on < last.on:
        raise ServiceError(
            {
                "on": f"{modification.reference} reached “{last.get_stage_display()}” on {last.on:%d %B %Y}; "
                "a later stage cannot come before it."
            }
        )
    if current == lifecycle.Stage.DRAFT_PROPOSAL:
        modification.reference = str(modification.parsed_reference.converted())
    modification.stage = wanted
    save_with_history(modification, by=by, reason=f"Moved to {lifecycle.STAGE_LABELS[wanted]}")
    save_with_history(StageChange(modification=modification, stage=wanted, on=on, note=note, decision=decision), by=by)
    following.changed(modification, f"moved to “{lifecycle.STAGE_LABELS[wanted]}” on {on:%d/%m/%Y}")
    return modification


def _stage(value: str) -> lifecycle.Stage:
    try:
        return lifecycle.Stage(value)
    except ValueError:
        names = ", ".join(stage.value for stage in lifecycle.Stage)
        raise ServiceError({"stage": f"“{value}” is not a stage; choose from {names}."}) from None


@verb
def set_timetable(
    modification: Modification,
    *,
    by: User | None,
    milestones: Sequence[tuple[Any, ...]],
    agreed_by: Decision | None = None,
) -> list[Milestone]:
    """Agree a modification's timetable: each milestone's planned date is also its baseline,
    which no extension moves. A timetable is set once; after that it is extended."""
    modification = _locked(modification)
    if modification.milestones.exists():
        raise ServiceError(
            {
                "milestones": f"{modification.reference} already has a timetable; "
                "extend it instead, with the Panel's decision."
            }
        )
    if not milestones:
        raise ServiceError({"milestones": "Give at least one milestone with its planned date."})
    names = [row[0] for row in milestones]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ServiceError({"milestones": f"Each milestone is named once; {', '.join(repeated)} is given twice."})
    saved = []
    previous: tuple[str, dt.date] | None = None
    for position, row in enumerate(milestones, start=1):
        name, planned, *rest = row  # (name, planned) or (name, planned, the rule that gave the date)
        rule = rest[0] if rest else ""
        if previous is not None and planned < previous[1]:
            raise ServiceError(
                {
                    "milestones": f"“{name}” ({planned:%d %B %Y}) is planned before “{previous[0]}” "
                    f"({previous[1]:%d %B %Y}), which comes first."
                }
            )
        milestone = Milestone(
            modification=modification,
            position=position,
            name=name,
            baseline=planned,
            planned=planned,
            rule=rule,
            agreed_by=agreed_by,
        )
        saved.append(save_with_history(milestone, by=by, reason="Timetable agreed"))
        previous = (name, planned)
    following.changed(modification, f"timetable agreed, {len(saved)} milestones")
    return saved


@verb
def extend_timetable(
    modification: Modification,
    *,
    by: User | None,
    from_milestone: Milestone,
    working_days_added: int,
    reason: str,
    decision_reference: str,
    agreed_on: dt.date,
    decision: Decision | None = None,
    calendar: Calendar | None = None,
) -> Extension:
    """Move the planned dates of ``from_milestone`` and every later unreached milestone on by
    ``working_days_added`` Working Days, as the Panel agreed; their baselines stay."""
    modification = _locked(modification)
    problems = {}
    if not (decision_reference or "").strip():
        problems["decision_reference"] = (
            f"An extension of {modification.reference}'s timetable needs the reference of the Panel "
            "decision that agreed it."
        )
    if working_days_added < 1:
        problems["working_days_added"] = "Extend by at least one Working Day."
    if not (reason or "").strip():
        problems["reason"] = "Say why the timetable is extended."
    if from_milestone.modification_id != modification.pk:
        problems["from_milestone"] = f"“{from_milestone}” is not a milestone of {modification.reference}."
    elif from_milestone.actual is not None:
        problems["from_milestone"] = (
            f"“{from_milestone}” was reached on {from_milestone.actual:%d %B %Y}; extend a later one."
        )
    if problems:
        raise ServiceError(problems)
    calendar = calendar or working_days()
    extension = save_with_history(
        Extension(
            modification=modification,
            agreed_on=agreed_on,
            working_days=working_days_added,
            from_milestone=from_milestone,
            reason=reason.strip(),
            decision_reference=decision_reference.strip(),
            decision=decision,
        ),
        by=by,
    )
    moved = modification.milestones.filter(position__gte=from_milestone.position, actual__isnull=True)
    for milestone in moved.select_for_update():
        reckoned = calendar.reckon(
            milestone.planned, working_days_added, label=f"extended ({decision_reference.strip()})"
        )
        milestone.planned = reckoned.date
        milestone.rule = "; ".join(filter(None, [milestone.rule, reckoned.explain()]))
        save_with_history(milestone, by=by, reason=f"Extended by {working_days_added} working days")
    following.changed(
        modification, f"timetable extended by {working_days_added} working days ({extension.decision_reference})"
    )
    return extension


@verb
def record_milestone_reached(milestone: Milestone, *, by: User | None, on: dt.date) -> Milestone:
    milestone = Milestone.objects.select_for_update().select_related("modification").get(pk=milestone.pk)
    if milestone.actual is not None:
        raise ServiceError(
            {
                "on": f"“{milestone}” of {milestone.modification.reference} was reached "
                f"on {milestone.actual:%d %B %Y} already."
            }
        )
    milestone.actual = on
    return save_with_history(milestone, by=by, reason="Reached")


@verb
def correct_modification(
    modification: Modification,
    *,
    by: User | None,
    reason: str,
    recipients: Iterable[Any] | None = None,
    if_revision: int | None = None,
    **changes: Any,
) -> Modification:
    """Correct what was entered wrongly, with the reason kept in history."""
    modification = _locked(modification)
    check_revision(modification, if_revision, CORRECTABLE_FIELDS)
    why = stated_reason(reason)
    if modification.is_void:
        raise ServiceError("This modification is void; restore it before correcting it.")
    if "impacted_categories" in changes:
        codes = _categories(changes.pop("impacted_categories"))
        if codes != modification.impacted_categories:
            modification.impacted_categories = codes
            changes["impacted"] = modification.impacted
    changed = apply_changes(modification, changes, [*CORRECTABLE_FIELDS, "impacted"])
    if not changed:
        raise ServiceError("Nothing was changed: correct at least one field.")
    save_with_history(modification, by=by, reason=f"Corrected: {why}")
    set_recipients(modification, recipients, by)
    return modification


@verb
def void_modification(modification: Modification, *, by: User | None, reason: str) -> Modification:
    """Void a modification entered by mistake (a duplicate): it leaves the register, its exports and
    the API lists, and stays in history, marked void, for the secretariat to restore."""
    modification = _locked(modification)
    if modification.is_void:
        raise ServiceError("This modification is already void.")
    modification.is_void = True
    modification.void_reason = stated_reason(reason)
    return save_with_history(modification, by=by, reason=f"Voided: {modification.void_reason}")


@verb
def restore_modification(modification: Modification, *, by: User | None, reason: str) -> Modification:
    modification = _locked(modification)
    if not modification.is_void:
        raise ServiceError("This modification is not void; there is nothing to restore.")
    why = stated_reason(reason)
    modification.is_void, modification.void_reason = False, ""
    return save_with_history(modification, by=by, reason=f"Restored: {why}")


def voting_rule(on: dt.date) -> tuple[VotingRule | None, voting.Rule]:
    """The rule in force on ``on``; without one in the register, a simple majority of those voting."""
    stored = VotingRule.objects.filter(effective_from__lte=on).first()
    if stored is None:
        return None, voting.Rule("a simple majority of the categories voting")
    return stored, voting.Rule(stored.name, float(stored.share), stored.quorum, stored.abstain_counts)


@verb
def record_votes(
    modification: Modification, *, by: User | None, votes: dict[str, str], on: dt.date
) -> tuple[Modification, voting.Outcome]:
    """Record the Change Board's vote, one per party category, and move the modification on as
    its path says: decided (Path 3) or recommended to the Authority (Paths 1 and 2)."""
    modification = _locked(modification)
    if modification.stage == lifecycle.Stage.REPORT_CONSULTATION:
        raise ServiceError(
            {
                "votes": f"{modification.reference}'s Modification Report Consultation has not closed: the Change "
                "Board votes once it has. Move it to “Change Board vote” when the consultation closes, then record "
                "the vote."
            }
        )
    if modification.stage != lifecycle.Stage.CHANGE_BOARD:
        raise ServiceError(
            {
                "votes": f"{modification.reference} is at “{modification.get_stage_display()}”, "
                "not at the Change Board vote."
            }
        )
    reached = modification.stage_changes.filter(stage=lifecycle.Stage.CHANGE_BOARD).order_by("-on").first()
    if reached is not None and on < reached.on:
        raise ServiceError(
            {
                "on": f"The Change Board cannot vote on {modification.reference} on {on:%d %B %Y}, before its "
                f"Modification Report Consultation closed and it went to the Change Board on {reached.on:%d %B %Y}."
            }
        )
    known = set(PartyCategory.values)
    problems = [f"“{category}” is not a party category" for category in votes if category not in known]
    problems += [
        f"“{vote}” is not a vote for {category}"
        for category, vote in votes.items()
        if vote not in voting.Vote.__members__
    ]
    if problems:
        raise ServiceError({"votes": "; ".join(problems) + "."})
    stored_rule, rule = voting_rule(on)
    for category, vote in votes.items():
        save_with_history(
            CategoryVote(modification=modification, category=category, vote=vote, cast_on=on, rule=stored_rule), by=by
        )
    result = voting.outcome({category: voting.Vote(vote) for category, vote in votes.items()}, rule)
    if modification.path in lifecycle.AUTHORITY_DECIDES:
        verdict = "recommends approval" if result.approved else "recommends rejection"
        stage = lifecycle.Stage.WITH_AUTHORITY
    else:
        verdict = "approved" if result.approved else "rejected"
        stage = lifecycle.Stage.APPROVED if result.approved else lifecycle.Stage.REJECTED
    note = f"Change Board {verdict}: {result.explanation}"
    return move_to_stage(modification, by=by, stage=stage, on=on, note=note[:300]), result


ASSESSMENT_CORRECTABLE = (
    "kind",
    "requested_on",
    "due_on",
    "delivered_on",
    "cost",
    "lead_time",
    "lead_time_unit",
    "document",
)


def assessment_timescale(kind: str, on: dt.date) -> AssessmentTimescale | None:
    """The DCC's standard timescale for ``kind`` in force on ``on``, when the reference data hold one."""
    return AssessmentTimescale.objects.filter(kind=kind, effective_from__lte=on).order_by("-effective_from").first()


def _kind(value: str) -> str:
    if value not in AssessmentKind.values:
        raise ServiceError(
            {"kind": f"“{value}” is not a DCC assessment; choose from {', '.join(AssessmentKind.values)}."}
        )
    return value


@verb
def request_assessment(
    modification: Modification,
    *,
    by: User | None,
    kind: str,
    requested_on: dt.date,
    due_on: dt.date | None = None,
    calendar: Calendar | None = None,
) -> Assessment:
    """Record that the DCC was asked for an assessment of ``modification``. Its due date is the
    standard timescale's in the reference data when one is in force; otherwise it must be given."""
    modification = _locked(modification)
    label = AssessmentKind(_kind(kind)).label
    a_label = f"{'an' if label[0] in 'AEIOU' else 'a'} {label}"
    if modification.is_void or modification.is_finished:
        state = "void" if modification.is_void else f"at “{modification.get_stage_display()}”"
        raise ServiceError(
            {"kind": f"{modification.reference} is {state}: the DCC assesses only modifications in progress."}
        )
    outstanding = modification.assessments.in_force().filter(kind=kind, delivered_on__isnull=True).first()
    if outstanding is not None:
        raise ServiceError(
            {
                "kind": f"{modification.reference} already has {a_label} outstanding (requested "
                f"{outstanding.requested_on:%d %B %Y}); record its return, or void it, first."
            }
        )
    rule = ""
    if due_on is None:
        timescale = assessment_timescale(kind, requested_on)
        if timescale is None:
            raise ServiceError(
                {
                    "due_on": f"No standard timescale for {a_label} is in the reference data on "
                    f"{requested_on:%d %B %Y}: enter the day the DCC is due to return it."
                }
            )
        reckoned = (calendar or working_days()).reckon(requested_on, timescale.working_days, label=f"{label} due")
        due_on, rule = reckoned.date, reckoned.explain()
    assessment = Assessment(
        modification=modification, kind=kind, requested_on=requested_on, due_on=due_on, due_rule=rule
    )
    _check_assessment_dates(assessment)
    return save_with_history(assessment, by=by, reason=f"{label} requested")


def _check_assessment_dates(assessment: Assessment) -> None:
    """Dates in order, and a lead time given with its unit: refused naming the field and the modification."""
    reference = assessment.modification.reference
    problems = {}
    if assessment.due_on < assessment.requested_on:
        problems["due_on"] = (
            f"The {assessment.get_kind_display()} of {reference} cannot be due ({assessment.due_on:%d %B %Y}) "
            f"before it was requested ({assessment.requested_on:%d %B %Y})."
        )
    if assessment.delivered_on is not None and assessment.delivered_on < assessment.requested_on:
        problems["delivered_on"] = (
            f"The {assessment.get_kind_display()} of {reference} cannot be returned "
            f"({assessment.delivered_on:%d %B %Y}) before it was requested ({assessment.requested_on:%d %B %Y})."
        )
    if (assessment.lead_time is None) != (not assessment.lead_time_unit):
        problems["lead_time_unit"] = "Give the lead time with its unit (working days or months), or neither."
    if assessment.cost is not None and assessment.cost < 0:
        problems["cost"] = "A cost cannot be below nothing."
    if problems:
        raise ServiceError(problems)


def _locked_assessment(assessment: Assessment) -> Assessment:
    return Assessment.objects.select_for_update().select_related("modification").get(pk=assessment.pk)


@verb
def record_assessment_return(
    assessment: Assessment,
    *,
    by: User | None,
    delivered_on: dt.date,
    cost: Decimal | None = None,
    lead_time: int | None = None,
    lead_time_unit: str = "",
    document: Paper | None = None,
) -> Assessment:
    """Record the DCC's return of an assessment: the day, and the cost, lead time and document it gave."""
    assessment = _locked_assessment(assessment)
    what = f"The {assessment.get_kind_display()} of {assessment.modification.reference}"
    if assessment.is_void:
        raise ServiceError(f"{what} is void; restore it before recording its return.")
    if assessment.delivered_on is not None:
        raise ServiceError(
            {"delivered_on": f"{what} was returned on {assessment.delivered_on:%d %B %Y} already; correct it instead."}
        )
    assessment.delivered_on, assessment.cost, assessment.document = delivered_on, cost, document
    assessment.lead_time, assessment.lead_time_unit = lead_time, lead_time_unit or ""
    _check_assessment_dates(assessment)
    save_with_history(assessment, by=by, reason="Returned by the DCC")
    _attach_returned(assessment, by)
    return assessment


def _attach_returned(assessment: Assessment, by: User | None) -> None:
    """The returned paper joins the modification's documents as a DCC assessment, once."""
    paper = assessment.document
    if paper is None or assessment.modification.documents.attached().filter(paper=paper).exists():
        return
    on = assessment.delivered_on or assessment.requested_on
    attach_document(assessment.modification, by=by, paper=paper, kind=DocumentKind.DCC_ASSESSMENT, attached_on=on)


@verb
def correct_assessment(
    assessment: Assessment, *, by: User | None, reason: str, if_revision: int | None = None, **changes: Any
) -> Assessment:
    """Correct what was entered wrongly, with the reason kept in history. A due date corrected
    by hand no longer follows the rule that first gave it."""
    assessment = _locked_assessment(assessment)
    check_revision(assessment, if_revision, ASSESSMENT_CORRECTABLE)
    why = stated_reason(reason)
    if assessment.is_void:
        raise ServiceError("This assessment is void; restore it before correcting it.")
    if "kind" in changes:
        _kind(changes["kind"])
    changes.setdefault("lead_time_unit", assessment.lead_time_unit)
    changes["lead_time_unit"] = changes["lead_time_unit"] or ""
    changed = apply_changes(assessment, changes, ASSESSMENT_CORRECTABLE)
    if not changed:
        raise ServiceError("Nothing was changed: correct at least one field.")
    if "due_on" in changed:
        assessment.due_rule = f"Entered by hand when corrected: {why}"
    _check_assessment_dates(assessment)
    save_with_history(assessment, by=by, reason=f"Corrected: {why}")
    _attach_returned(assessment, by)
    return assessment


@verb
def void_assessment(assessment: Assessment, *, by: User | None, reason: str) -> Assessment:
    """Void an assessment entered by mistake: it leaves the page, the register's flags and the
    exports, and stays in history, marked void, for the secretariat to restore."""
    assessment = _locked_assessment(assessment)
    if assessment.is_void:
        raise ServiceError("This assessment is already void.")
    assessment.is_void, assessment.void_reason = True, stated_reason(reason)
    return save_with_history(assessment, by=by, reason=f"Voided: {assessment.void_reason}")


@verb
def restore_assessment(assessment: Assessment, *, by: User | None, reason: str) -> Assessment:
    assessment = _locked_assessment(assessment)
    if not assessment.is_void:
        raise ServiceError("This assessment is not void; there is nothing to restore.")
    why = stated_reason(reason)
    assessment.is_void, assessment.void_reason = False, ""
    return save_with_history(assessment, by=by, reason=f"Restored: {why}")


def follow(user: User, *, modification: Modification | None = None, category: str = "") -> Follow:
    """``user`` follows ``modification``, or every modification affecting ``category``; following twice is once."""
    if category and category not in PartyCategory.values:
        raise ServiceError({"category": f"“{category}” is not a party category."})
    found, _ = Follow.objects.get_or_create(user=user, modification=modification, category=category)
    return found


def unfollow(user: User, *, modification: Modification | None = None, category: str = "") -> None:
    Follow.objects.filter(user=user, modification=modification, category=category).delete()


def _version(kind: str, version: str, reference: str) -> str:
    version = (version or "").strip().removeprefix("v").removeprefix("V").strip()
    label = DocumentKind(kind).label
    if kind in VERSIONED_KINDS and not version:
        raise ServiceError(
            {"version": f"{label} comes in versions: give the version of this one (0.1, 1.0 …) for {reference}."}
        )
    if kind not in VERSIONED_KINDS and version:
        raise ServiceError({"version": f"A {label.lower()} has no version; leave it empty."})
    return version


@verb
def attach_document(
    modification: Modification,
    *,
    by: User | None,
    paper: Paper,
    kind: str,
    version: str = "",
    attached_on: dt.date,
) -> ModificationDocument:
    """Attach ``paper`` to ``modification`` as one of its documents, of type ``kind``. The paper keeps its
    own classification, so the attachment shows only to readers who may see the paper too."""
    modification = _locked(modification)
    if kind not in DocumentKind.values:
        raise ServiceError({"kind": f"“{kind}” is not a document type; choose from {', '.join(DocumentKind.values)}."})
    if modification.is_void:
        raise ServiceError(f"{modification.reference} is void; restore it before attaching documents.")
    if paper.status != Paper.Status.CURRENT:
        raise ServiceError({"paper": f"{paper.reference} is withdrawn; attach the paper that replaced it."})
    version = _version(kind, version, modification.reference)
    what = DocumentKind(kind).label.lower()
    attached = modification.documents.attached()
    if attached.filter(paper=paper, kind=kind).exists():
        raise ServiceError(
            {"paper": f"{paper.reference} is attached to {modification.reference} as its {what} already."}
        )
    if version and attached.filter(kind=kind, version=version).exists():
        raise ServiceError(
            {
                "version": f"{modification.reference} has {what} version {version} already; "
                "detach it first or give the next version."
            }
        )
    document = ModificationDocument(
        modification=modification, paper=paper, kind=kind, version=version, attached_on=attached_on
    )
    return save_with_history(document, by=by, reason=f"Attached as {document.label}")


@verb
def detach_document(
    document: ModificationDocument, *, by: User | None, reason: str, on: dt.date
) -> ModificationDocument:
    """Detach a document attached by mistake or superseded: it leaves the modification's page and stays
    in history with the reason."""
    document = (
        ModificationDocument.objects.select_for_update().select_related("modification", "paper").get(pk=document.pk)
    )
    if document.detached_on is not None:
        raise ServiceError(f"{document.paper.reference} was detached on {document.detached_on:%d %B %Y} already.")
    document.detached_on, document.detach_reason = on, stated_reason(reason)
    return save_with_history(document, by=by, reason=f"Detached: {document.detach_reason}")


# Releases

NEW_RELEASE_FIELDS = ("sec_version", "notes")
RELEASE_CORRECTABLE = ("name", "kind", "date", "sec_version", "status", "notes")


def _check_release(release: Release) -> None:
    problems = {}
    if release.kind not in ReleaseKind.values:
        problems["kind"] = f"“{release.kind}” is not a kind of release; choose from {', '.join(ReleaseKind.values)}."
    if release.status not in ReleaseStatus.values:
        problems["status"] = (
            f"“{release.status}” is not a release status; choose from {', '.join(ReleaseStatus.values)}."
        )
    if not (release.name or "").strip():
        problems["name"] = "Name the release, as the secretariat writes it (“June 2026 SEC Release”)."
    else:
        release.name = release.name.strip()
        twin = Release.objects.filter(name__iexact=release.name).exclude(pk=release.pk).first()
        if twin is not None:
            problems["name"] = (
                f"{twin.name} ({twin.date:%d %B %Y}) is in the register already: give this one another name."
            )
    if problems:
        raise ServiceError(problems)


@verb
def create_release(*, by: User | None, name: str, kind: str, date: dt.date, **fields: Any) -> Release:
    """Enter a release, planned: its name, kind and date, and its SEC version when it is known."""
    check_creatable(fields, NEW_RELEASE_FIELDS, "release")
    release = Release(name=name, kind=kind, date=date, status=ReleaseStatus.PLANNED, **fields)
    _check_release(release)
    return save_with_history(release, by=by, reason="Planned")


def _locked_release(release: Release) -> Release:
    return Release.objects.select_for_update().get(pk=release.pk)


@verb
def correct_release(
    release: Release, *, by: User | None, reason: str, if_revision: int | None = None, **changes: Any
) -> Release:
    """Correct a release (its date moved, its SEC version known, delivered), with the reason kept in history."""
    release = _locked_release(release)
    check_revision(release, if_revision, RELEASE_CORRECTABLE)
    why = stated_reason(reason)
    if release.is_void:
        raise ServiceError("This release is void; restore it before correcting it.")
    changed = apply_changes(release, changes, RELEASE_CORRECTABLE)
    if not changed:
        raise ServiceError("Nothing was changed: correct at least one field.")
    _check_release(release)
    return save_with_history(release, by=by, reason=f"Corrected: {why}")


@verb
def void_release(release: Release, *, by: User | None, reason: str) -> Release:
    """Void a release entered by mistake. Refused while modifications name it, so none is left
    pointing at a release nobody sees: move them to another release first."""
    release = _locked_release(release)
    if release.is_void:
        raise ServiceError("This release is already void.")
    naming = Modification.objects.filter(Q(target_release=release) | Q(actual_release=release)).order_by("reference")
    references = list(naming.values_list("reference", flat=True)[:6])
    if references:
        shown = ", ".join(references[:5]) + (" …" if len(references) > 5 else "")
        raise ServiceError(
            f"{release.name} is the target or actual release of {shown}: set their release to another one "
            "(from each modification's page) before voiding it."
        )
    release.is_void, release.void_reason = True, stated_reason(reason)
    return save_with_history(release, by=by, reason=f"Voided: {release.void_reason}")


@verb
def restore_release(release: Release, *, by: User | None, reason: str) -> Release:
    release = _locked_release(release)
    if not release.is_void:
        raise ServiceError("This release is not void; there is nothing to restore.")
    why = stated_reason(reason)
    release.is_void, release.void_reason = False, ""
    return save_with_history(release, by=by, reason=f"Restored: {why}")


def _set_release(
    modification: Modification, field: str, release: Release | None, by: User | None, reason: str
) -> Modification:
    """Set ``modification``'s target or actual release; changing or clearing one already set takes a reason."""
    what = "target release" if field == "target_release" else "actual release"
    current = getattr(modification, field)
    if modification.is_void:
        raise ServiceError(f"{modification.reference} is void; restore it before setting its {what}.")
    if release is not None and release.is_void:
        raise ServiceError({field: f"{release.name} is void: choose a release in the register."})
    if current == release:
        shown = release.name if release else "none"
        raise ServiceError({field: f"{modification.reference}'s {what} is {shown} already."})
    why = (reason or "").strip()
    if current is not None and not why:
        raise ServiceError({"reason": f"{modification.reference}'s {what} is {current.name}: say why it changes."})
    setattr(modification, field, release)
    words = f"{what.capitalize()} {release.name if release else 'cleared'}"
    save_with_history(modification, by=by, reason=f"{words}: {why}" if why else words)
    following.changed(modification, f"{what} {'set to ' + release.name if release else 'cleared'}")
    return modification


@verb
def set_target_release(
    modification: Modification, *, by: User | None, release: Release | None, reason: str = ""
) -> Modification:
    """Plan the release ``modification`` is to go live in (None clears it, with a reason)."""
    modification = _locked(modification)
    if release is not None and modification.stage in (lifecycle.Stage.REJECTED, lifecycle.Stage.WITHDRAWN):
        raise ServiceError(
            {
                "target_release": f"{modification.reference} is {modification.get_stage_display().lower()}: "
                "it goes into no release."
            }
        )
    return _set_release(modification, "target_release", release, by, reason)


@verb
def set_actual_release(
    modification: Modification, *, by: User | None, release: Release | None, reason: str = ""
) -> Modification:
    """Record the release ``modification`` went, or is going, live in: only once it is awaiting
    implementation or implemented (None clears it, with a reason)."""
    modification = _locked(modification)
    if release is not None and modification.stage not in lifecycle.HAS_ACTUAL_RELEASE:
        raise ServiceError(
            {
                "actual_release": f"{modification.reference} is at “{modification.get_stage_display()}”: "
                "an actual release is recorded once it is awaiting implementation or implemented. "
                "Set its target release instead, or move it on first."
            }
        )
    return _set_release(modification, "actual_release", release, by, reason)


_UNCHANGED: Any = object()


@verb
def set_releases(
    modification: Modification,
    *,
    by: User | None,
    target_release: Release | None = _UNCHANGED,
    actual_release: Release | None = _UNCHANGED,
    reason: str = "",
    if_revision: int | None = None,
) -> Modification:
    """The modification page's one form: set whichever of the two releases is given and differs."""
    modification = _locked(modification)
    check_revision(modification, if_revision, ("target_release", "actual_release"))
    changed = False
    if target_release is not _UNCHANGED and target_release != modification.target_release:
        modification = set_target_release(modification, by=by, release=target_release, reason=reason)
        changed = True
    if actual_release is not _UNCHANGED and actual_release != modification.actual_release:
        modification = set_actual_release(modification, by=by, release=actual_release, reason=reason)
        changed = True
    if not changed:
        raise ServiceError("Nothing was changed: choose another release.")
    return modification


# After the Change Board: the referral window and the Authority's decision


@dataclass(frozen=True)
class ReferralWindow:
    """The days after a Self-Governance decision in which a Party may refer it to the Authority."""

    decided_on: dt.date  # the Change Board's vote
    closes_on: dt.date  # the last day of the window
    rule: str  # how ``closes_on`` was worked out, in words

    def is_open(self, today: dt.date) -> bool:
        return self.decided_on < today <= self.closes_on


def referral_period(on: dt.date) -> ReferralPeriod | None:
    """The referral period in force on ``on``, when the reference data hold one."""
    return ReferralPeriod.objects.filter(effective_from__lte=on).first()


def referral_window(modification: Modification, calendar: Calendar | None = None) -> ReferralWindow | None:
    """The referral window after the Change Board decided a Self-Governance modification; None for
    another path, before the vote, or when no referral period is in the reference data."""
    if modification.path != lifecycle.Path.SELF_GOVERNANCE or modification.stage not in lifecycle.DECIDED:
        return None
    voted_on = modification.votes.order_by("-cast_on").values_list("cast_on", flat=True).first()
    if voted_on is None:
        return None
    period = referral_period(voted_on)
    if period is None:
        return None
    reckoned = (calendar or working_days()).reckon(voted_on, period.working_days, label="Referral period ends")
    rule = (
        f"A Party may refer the Change Board's decision to the Authority within {period.working_days} Working Days "
        f"of the vote. {reckoned.explain()}."
    )
    return ReferralWindow(voted_on, reckoned.date, rule)


def change_board_result(modification: Modification) -> tuple[voting.Outcome, str] | None:
    """The Change Board's outcome and what followed from the path, in words; None before its vote."""
    every = list(modification.votes.all())
    if not every:
        return None
    cast_on = max(vote.cast_on for vote in every)
    votes = [vote for vote in every if vote.cast_on == cast_on]  # the latest vote, after a sending back
    _, rule = voting_rule(cast_on)
    result = voting.outcome({vote.category: voting.Vote(vote.vote) for vote in votes}, rule)
    if modification.path in lifecycle.AUTHORITY_DECIDES:
        follows = (
            f"On {lifecycle.PATH_LABELS[lifecycle.Path(modification.path)]} the Authority decides: the Change Board "
            f"recommended {'approval' if result.approved else 'rejection'} to it."
        )
    else:
        follows = (
            "On Self-Governance the Change Board decides: it "
            f"{'approved' if result.approved else 'rejected'} the modification."
        )
    return result, follows


def _authority_refusal(modification: Modification) -> str:
    """Why the Authority's decision cannot be recorded for ``modification`` now; '' when it can."""
    if modification.path not in lifecycle.AUTHORITY_DECIDES:
        path = lifecycle.PATH_LABELS[lifecycle.Path(modification.path)]
        return (
            f"{modification.reference} is on {path}: the Change Board's vote decides it, not the Authority. "
            "A Party's referral of that decision is recorded as a note on the modification."
        )
    if modification.stage == lifecycle.Stage.WITH_AUTHORITY:
        return ""
    order = list(lifecycle.Stage)
    if order.index(lifecycle.Stage(modification.stage)) < order.index(lifecycle.Stage.WITH_AUTHORITY):
        return (
            f"{modification.reference} is at “{modification.get_stage_display()}”: the Authority decides after the "
            "Change Board's recommendation. Record the Change Board's vote first."
        )
    return f"{modification.reference} is at “{modification.get_stage_display()}”, not with the Authority."


@verb
def record_authority_decision(
    modification: Modification,
    *,
    by: User | None,
    outcome: str,
    decided_on: dt.date,
    note: str = "",
    letter: Paper | None = None,
) -> AuthorityDecision:
    """Record the Authority's decision on a modification the Change Board recommended to it, and move
    it on: approved, rejected, or sent back to the Report Phase. A decision letter given is attached
    to the modification as its decision letter."""
    modification = _locked(modification)
    if outcome not in AuthorityOutcome.values:
        raise ServiceError(
            {
                "outcome": f"“{outcome}” is not a decision of the Authority; "
                f"choose from {', '.join(AuthorityOutcome.values)}."
            }
        )
    refused = _authority_refusal(modification)
    if refused:
        raise ServiceError({"outcome": refused})
    stage = AUTHORITY_MOVES_TO[AuthorityOutcome(outcome)]
    label = AuthorityOutcome(outcome).label.lower()
    words = f"The Authority {label} {modification.reference}" + (f": {note.strip()}" if note.strip() else "")
    modification = move_to_stage(modification, by=by, stage=stage, on=decided_on, note=words[:300])
    change = modification.stage_changes.order_by("-on", "-id").first()
    document = None
    if letter is not None:
        document = attach_document(
            modification, by=by, paper=letter, kind=DocumentKind.DECISION_LETTER, attached_on=decided_on
        )
    decision = AuthorityDecision(
        modification=modification,
        decided_on=decided_on,
        outcome=outcome,
        note=note.strip(),
        letter=document,
        stage_change=change,
    )
    return save_with_history(decision, by=by, reason=f"The Authority's decision: {label}")


def _locked_decision(decision: AuthorityDecision) -> AuthorityDecision:
    found = AuthorityDecision.objects.select_for_update().select_related("modification", "stage_change")
    return found.get(pk=decision.pk)


@verb
def correct_authority_decision(
    decision: AuthorityDecision,
    *,
    by: User | None,
    reason: str,
    if_revision: int | None = None,
    decided_on: dt.date | None = None,
    note: str | None = None,
) -> AuthorityDecision:
    """Correct the day or the note of the Authority's decision (and the dated stage it made); a wrong
    outcome is voided and recorded again."""
    decision = _locked_decision(decision)
    check_revision(decision, if_revision, ("decided_on", "note"))
    why = stated_reason(reason)
    if decision.is_void:
        raise ServiceError("This decision is void; record the Authority's decision again instead.")
    changes = {key: value for key, value in (("decided_on", decided_on), ("note", note)) if value is not None}
    changed = apply_changes(decision, changes, ("decided_on", "note"))
    if not changed:
        raise ServiceError("Nothing was changed: correct at least one field.")
    reference = decision.modification.reference
    sent = decision.modification.stage_changes.filter(
        stage=lifecycle.Stage.WITH_AUTHORITY, on__lte=decision.stage_change.on
    )
    recommended = sent.order_by("-on").values_list("on", flat=True).first()
    if recommended is not None and decision.decided_on < recommended:
        raise ServiceError(
            {
                "decided_on": f"The Authority cannot decide on {reference} ({decision.decided_on:%d %B %Y}) before the "
                f"Change Board recommended it ({recommended:%d %B %Y})."
            }
        )
    later = decision.modification.stage_changes.filter(on__lt=decision.decided_on, id__gt=decision.stage_change_id)
    if "decided_on" in changed and later.exists():
        raise ServiceError(
            {"decided_on": f"{reference} moved on after the decision; a decision cannot come after what followed it."}
        )
    save_with_history(decision, by=by, reason=f"Corrected: {why}")
    if "decided_on" in changed:
        change = decision.stage_change
        change.on = decision.decided_on
        save_with_history(change, by=by, reason=f"Corrected with the Authority's decision: {why}")
    return decision


@verb
def void_authority_decision(decision: AuthorityDecision, *, by: User | None, reason: str) -> AuthorityDecision:
    """Void a decision recorded by mistake: the modification goes back to “With the Authority”. Refused
    once it has moved on from the stage the decision gave it."""
    decision = _locked_decision(decision)
    if decision.is_void:
        raise ServiceError("This decision is already void.")
    modification = _locked(decision.modification)
    last = modification.stage_changes.order_by("-on", "-id").first()
    if last is None or last.pk != decision.stage_change_id:
        raise ServiceError(
            f"{modification.reference} has moved on since this decision (it is at "
            f"“{modification.get_stage_display()}”): only the latest step can be undone."
        )
    decision.is_void, decision.void_reason = True, stated_reason(reason)
    save_with_history(decision, by=by, reason=f"Voided: {decision.void_reason}")
    modification.stage = lifecycle.Stage.WITH_AUTHORITY
    save_with_history(modification, by=by, reason=f"The Authority's decision voided: {decision.void_reason}")
    note = (
        f"Back with the Authority: its decision of {decision.decided_on:%d/%m/%Y} was voided ({decision.void_reason})"
    )
    save_with_history(
        StageChange(modification=modification, stage=modification.stage, on=last.on, note=note[:300]), by=by
    )
    following.changed(modification, "back with the Authority: its decision was voided")
    return decision
