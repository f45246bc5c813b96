"""The modifications API: the register and each modification with its timetable and stages.

Every read goes through ``visible_to(caller)``; a modification the caller may not see answers 404
exactly as a missing one does. The list's filters are ``Modification.objects.matching``, the
same the register page and its exports apply.
"""

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Literal

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from pydantic import model_validator

from panelbook.core.api import (
    MAX_NUMBER,
    ClassificationValue,
    Day,
    Id,
    IfMatch,
    Input,
    PathId,
    caller,
    edit_endpoint,
    edited,
    list_endpoint,
    lookup,
    read_endpoint,
    write_endpoint,
)
from panelbook.core.auth import read_auth
from panelbook.core.classification import is_secretariat
from panelbook.core.models import VOID_REASON_LENGTH
from panelbook.governance.models import Paper, PartyCategory
from panelbook.modifications import reports, services
from panelbook.modifications.models import (
    PATH_CHOICES,
    STAGE_CHOICES,
    Assessment,
    AssessmentKind,
    AuthorityDecision,
    AuthorityOutcome,
    DocumentKind,
    LeadTimeUnit,
    Milestone,
    Modification,
    ModificationDocument,
    Release,
    ReleaseKind,
    ReleaseStatus,
    scope_of,
)

router = Router(auth=read_auth)

if TYPE_CHECKING:
    StageValue = str
    PathValue = str
    CategoryValue = str
    KindValue = str
    UnitValue = str
    DocumentKindValue = str
    ReleaseKindValue = str
    ReleaseStatusValue = str
    AuthorityOutcomeValue = str
else:
    StageValue = Literal[tuple(value for value, _ in STAGE_CHOICES)]
    PathValue = Literal[tuple(value for value, _ in PATH_CHOICES)]
    CategoryValue = Literal[tuple(PartyCategory.values)]
    KindValue = Literal[tuple(AssessmentKind.values)]
    UnitValue = Literal[tuple(LeadTimeUnit.values)]
    DocumentKindValue = Literal[tuple(DocumentKind.values)]
    ReleaseKindValue = Literal[tuple(ReleaseKind.values)]
    ReleaseStatusValue = Literal[tuple(ReleaseStatus.values)]
    AuthorityOutcomeValue = Literal[tuple(AuthorityOutcome.values)]


class ModificationOut(Schema):
    id: int
    reference: str = Field(description="SECMP0040, DP081, MP122 or MP102A.")
    title: str
    stage: StageValue
    path: PathValue
    urgent: bool
    raised_on: dt.date
    proposer: str | None = Field(description="The proposing organisation.")
    impacted_categories: list[CategoryValue] = Field(description="The party categories it affects.")
    affected_documents: str
    classification: ClassificationValue
    target_release: int | None = Field(description="The id of the release it is planned for (GET /api/releases/{id}).")
    actual_release: int | None = Field(
        description="The id of the release it went, or is going, live in, once awaiting implementation."
    )

    @staticmethod
    def resolve_proposer(obj: Modification) -> str | None:
        return obj.proposer_organisation.name if obj.proposer_organisation else None

    @staticmethod
    def resolve_target_release(obj: Modification) -> int | None:
        return obj.target_release_id

    @staticmethod
    def resolve_actual_release(obj: Modification) -> int | None:
        return obj.actual_release_id


class MilestoneOut(Schema):
    name: str
    baseline: dt.date = Field(description="The date first agreed; extensions never move it.")
    planned: dt.date
    actual: dt.date | None
    slippage: int = Field(
        description="Working Days from the baseline to the date reached, or else planned; to today for a "
        "milestone not reached by its planned date."
    )
    rule: str = Field(description="How the planned date was worked out, in words, when a rule gave it.")


class StageOut(Schema):
    stage: StageValue
    on: dt.date
    note: str


class AssessmentOut(Schema):
    id: int
    modification: str = Field(description="The reference of the modification assessed.")
    kind: KindValue
    requested_on: dt.date
    due_on: dt.date
    due_rule: str = Field(description="How the due date was worked out, in words, when a rule gave it.")
    delivered_on: dt.date | None
    overdue: bool = Field(description="Not returned, and its due date has passed (as of today).")
    cost: float | None = Field(description="The DCC's cost, in pounds.")
    lead_time: int | None = Field(description="As the DCC states it, in lead_time_unit.")
    lead_time_unit: UnitValue | None
    document: str | None = Field(
        description="The reference of the returned paper; null when there is none or the caller may not see it."
    )

    @staticmethod
    def resolve_modification(obj: Assessment) -> str:
        return obj.modification.reference

    @staticmethod
    def resolve_overdue(obj: Assessment) -> bool:
        return obj.is_overdue(timezone.localdate())

    @staticmethod
    def resolve_cost(obj: Assessment) -> float | None:
        return None if obj.cost is None else float(obj.cost)

    @staticmethod
    def resolve_lead_time_unit(obj: Assessment) -> str | None:
        return obj.lead_time_unit or None

    @staticmethod
    def resolve_document(obj: Assessment) -> str | None:
        return obj.document_reference  # type: ignore[attr-defined]  # with_document_seen_by's annotation


class DocumentOut(Schema):
    kind: DocumentKindValue
    version: str = Field(description="For legal text and the Modification Report; empty otherwise.")
    attached_on: dt.date
    paper: str = Field(description="The paper's reference (GET /api/papers).")
    title: str
    classification: ClassificationValue = Field(description="The paper's own classification.")

    @staticmethod
    def resolve_paper(obj: ModificationDocument) -> str:
        return obj.paper.reference

    @staticmethod
    def resolve_title(obj: ModificationDocument) -> str:
        return obj.paper.title

    @staticmethod
    def resolve_classification(obj: ModificationDocument) -> str:
        return obj.paper.classification


class ReferralWindowOut(Schema):
    decided_on: dt.date = Field(description="The day of the Change Board's vote.")
    closes_on: dt.date = Field(description="The last day a Party may refer the decision to the Authority.")
    open: bool = Field(description="Whether the window is open today.")
    rule: str = Field(description="How closes_on was worked out, in Working Days, in words.")


class AuthorityDecisionOut(Schema):
    id: int
    decided_on: dt.date
    outcome: AuthorityOutcomeValue
    note: str
    letter: str | None = Field(
        description="The decision letter's paper reference; null when there is none or the caller may not see it."
    )
    void: bool = Field(description="Recorded by mistake and voided (shown to the secretariat only).")

    @staticmethod
    def resolve_letter(obj: AuthorityDecision, context) -> str | None:
        if obj.letter is None:
            return None
        seen = Paper.objects.visible_to(caller(context)).filter(pk=obj.letter.paper_id)
        return seen.values_list("reference", flat=True).first()

    @staticmethod
    def resolve_void(obj: AuthorityDecision) -> bool:
        return obj.is_void


class ModificationDetail(ModificationOut):
    issue: str
    solution: str
    progress: str = Field(description="ON_TIME, LATE, NO_TIMETABLE or FINISHED, as of today.")
    milestones: list[MilestoneOut]
    stages: list[StageOut]
    assessments: list[AssessmentOut] = Field(description="The DCC's Preliminary and Impact Assessments.")
    documents: list[DocumentOut] = Field(description="Its documents the caller may see, each a paper, by type.")
    change_board: str | None = Field(
        description="The Change Board's outcome under the voting rule and what followed from the path; null before."
    )
    referral_window: ReferralWindowOut | None = Field(
        description="After a Self-Governance decision: the Working Days in which a Party may refer it to the Authority."
    )
    authority_decisions: list[AuthorityDecisionOut] = Field(description="The Authority's decisions (Paths 1 and 2).")

    @staticmethod
    def resolve_change_board(obj: Modification) -> str | None:
        result = services.change_board_result(obj)
        return None if result is None else f"{result[0].explanation} {result[1]}"

    @staticmethod
    def resolve_referral_window(obj: Modification) -> dict | None:
        window = services.referral_window(obj)
        if window is None:
            return None
        today = timezone.localdate()
        return {
            "decided_on": window.decided_on,
            "closes_on": window.closes_on,
            "open": window.is_open(today),
            "rule": window.rule,
        }

    @staticmethod
    def resolve_authority_decisions(obj: Modification, context) -> QuerySet:
        rows = obj.authority_decisions.select_related("letter")
        return rows if is_secretariat(caller(context)) else rows.in_force()

    @staticmethod
    def resolve_documents(obj: Modification, context) -> QuerySet:
        rows = ModificationDocument.objects.visible_to(caller(context)).attached().filter(modification=obj)
        return rows.select_related("paper")

    @staticmethod
    def resolve_assessments(obj: Modification, context) -> QuerySet:
        user = caller(context)
        rows = obj.assessments.all() if is_secretariat(user) else obj.assessments.in_force()
        return rows.select_related("modification").with_document_seen_by(user)

    @staticmethod
    def resolve_milestones(obj: Modification) -> list[dict]:
        calendar = services.working_days()
        return [_milestone(m, calendar) for m in obj.milestones.all()]

    @staticmethod
    def resolve_stages(obj: Modification) -> QuerySet:
        return obj.stage_changes.all()

    @staticmethod
    def resolve_progress(obj: Modification) -> str:
        return obj.progress(timezone.localdate())


def _milestone(milestone: Milestone, calendar) -> dict:
    return {
        "name": milestone.name,
        "baseline": milestone.baseline,
        "planned": milestone.planned,
        "actual": milestone.actual,
        "slippage": milestone.slippage(calendar, timezone.localdate()),
        "rule": milestone.rule,
    }


class ModificationFilters(Input):
    stage: StageValue | None = None
    path: PathValue | None = None
    category: CategoryValue | None = Field(None, description="Only those that impact this party category.")
    proposer: str | None = Field(None, max_length=200, description="Part of the proposing organisation's name.")
    release: Id | None = Field(
        None, description="Only those in this release's scope: its actual release, or its target with no actual yet."
    )
    q: str | None = Field(None, max_length=200, description="Text in the reference, the title or the issue.")
    open: bool | None = Field(None, description="true: still in progress; false: finished.")
    assessment_overdue: bool | None = Field(None, description="true: a DCC assessment of it is overdue.")


@list_endpoint(
    router,
    "/modifications",
    ModificationOut,
    tags=["Modifications"],
    summary="List modifications",
    filters=ModificationFilters,
    order=("raised_on", "reference"),
)
def list_modifications(user) -> QuerySet:
    """Modifications the caller may see, oldest raised first, paginated with limit and offset."""
    return Modification.objects.visible_to(user).in_force().select_related("proposer_organisation")


class FiguresFilters(Input):
    raised_from: Day | None = Field(None, description="Only modifications raised on or after this day.")
    raised_to: Day | None = Field(None, description="Only modifications raised on or before this day.")

    @model_validator(mode="after")
    def _in_order(self) -> "FiguresFilters":
        if self.raised_from and self.raised_to and self.raised_to < self.raised_from:
            raise ValueError("raised_to is before raised_from: the period ends before it starts.")
        return self


class SummaryOut(Schema):
    count: int = Field(description="How many durations the median and mean are taken over.")
    median: float | None
    mean: float | None = Field(description="To one decimal place.")


class StageFigureOut(Schema):
    stage: StageValue
    modifications: int = Field(description="How many modifications spent a finished stay at this stage.")
    working_days: SummaryOut
    calendar_days: SummaryOut


class PathFigureOut(Schema):
    path: PathValue
    modifications: int = Field(description="How many on this path were implemented.")
    working_days: SummaryOut = Field(description="From the date raised to the day implemented.")
    calendar_days: SummaryOut


class AssessmentFigureOut(Schema):
    kind: KindValue
    modifications: int = Field(description="How many modifications had an assessment of this kind returned.")
    turnaround: SummaryOut = Field(description="Working Days from the request to the return.")
    returned_late: int = Field(description="Returned after the day they were due.")
    overdue: int = Field(description="Not returned and past the day due, on a modification still in progress.")


class FiguresOut(Schema):
    modifications: int = Field(description="How many modifications (that the caller may see) the figures read.")
    stages: list[StageFigureOut] = Field(description="Time spent per stage, a stage still reached not counted.")
    paths: list[PathFigureOut] = Field(description="From raised to implemented, by path.")
    assessments: list[AssessmentFigureOut] = Field(description="The DCC's assessment turnaround, by kind.")


# Declared before "/modifications/{reference}", which would otherwise take "figures" for a reference.
@read_endpoint(router, "/modifications/figures", FiguresOut, tags=["Modifications"], summary="Figures of the register")
def get_figures(request, period: Query[FiguresFilters]):
    """The register's figures over the modifications the caller may see, as the figures page shows them."""
    return reports.figures_for(request.auth, today=timezone.localdate(), **period.model_dump())


@read_endpoint(
    router, "/modifications/{reference}", ModificationDetail, tags=["Modifications"], summary="One modification"
)
def get_modification(request, reference: str):
    """A modification with its timetable (baseline, plan, actual, slippage) and its dated stages."""
    rows = Modification.objects.visible_to(request.auth).kept_for(request.auth)
    return get_object_or_404(rows.select_related("proposer_organisation"), reference=reference.upper())


class AssessmentFilters(Input):
    kind: KindValue | None = None
    overdue: bool | None = Field(None, description="true: not returned and past its due date.")
    reference: str | None = Field(None, max_length=12, description="Only the assessments of this modification.")


@list_endpoint(
    router,
    "/dcc-assessments",
    AssessmentOut,
    tags=["Modifications"],
    summary="List DCC assessments",
    filters=AssessmentFilters,
    order=("modification__reference", "requested_on", "id"),
)
def list_assessments(user) -> QuerySet:
    """The DCC's assessments of the modifications the caller may see, by modification."""
    rows = Assessment.objects.visible_to(user).in_force().filter(modification__is_void=False)
    return rows.select_related("modification").with_document_seen_by(user)


class ReleaseOut(Schema):
    id: int
    name: str
    kind: ReleaseKindValue
    date: dt.date = Field(description="The day the release goes live.")
    sec_version: str = Field(description="The version of the SEC it issues; empty until known.")
    status: ReleaseStatusValue
    notes: str


class InScopeOut(Schema):
    reference: str
    title: str
    stage: StageValue
    release_is: Literal["target", "actual"] = Field(description="Whether this is its target or its actual release.")
    on_track: bool
    standing: str = Field(description="How it stands for the release, in words.")


class ReleaseDetail(ReleaseOut):
    modifications: list[InScopeOut] = Field(
        description="The modifications in its scope that the caller may see, by reference."
    )

    @staticmethod
    def resolve_modifications(obj: Release, context) -> list[dict]:
        rows = scope_of([obj], caller(context), timezone.localdate())[obj.pk]
        return [
            {
                "reference": row.modification.reference,
                "title": row.modification.title,
                "stage": row.modification.stage,
                "release_is": "actual" if row.actual else "target",
                "on_track": row.standing.on_track,
                "standing": row.standing.words,
            }
            for row in rows
        ]


class ReleaseFilters(Input):
    kind: ReleaseKindValue | None = None
    status: ReleaseStatusValue | None = None


@list_endpoint(
    router,
    "/releases",
    ReleaseOut,
    tags=["Modifications"],
    summary="List SEC releases",
    filters=ReleaseFilters,
    order=("date", "name"),
)
def list_releases(user) -> QuerySet:
    """The SEC releases, earliest first (public records); each one's scope is at GET /api/releases/{id}."""
    return Release.objects.in_force()


@read_endpoint(router, "/releases/{release_id}", ReleaseDetail, tags=["Modifications"], summary="One SEC release")
def get_release(request, release_id: PathId):
    """A release with the modifications in its scope that the caller may see, and how each stands for it."""
    return get_object_or_404(Release.objects.kept_for(request.auth), pk=release_id)


# Writes: the DCC's assessments and a modification's documents, for the secretariat, through the page's verbs

Money = Annotated[Decimal, Field(ge=0, le=Decimal("9999999999.99"), max_digits=12, decimal_places=2)]


class AssessmentRequestIn(Input):
    kind: KindValue
    requested_on: Day
    due_on: Day | None = Field(
        None, description="Left out: counted from the standard timescale in the reference data, when one is in force."
    )


class AssessmentReturnIn(Input):
    delivered_on: Day
    cost: Money | None = Field(None, description="The DCC's cost to implement, in pounds.")
    lead_time: Annotated[int, Field(ge=0, le=MAX_NUMBER)] | None = Field(None, description="As the DCC states it.")
    lead_time_unit: UnitValue | None = None
    document: str | None = Field(
        None, max_length=60, description="The reference of the paper the DCC returned (GET /api/papers)."
    )


class AssessmentPatch(Input):
    kind: KindValue | None = None
    requested_on: Day | None = None
    due_on: Day | None = None
    delivered_on: Day | None = None
    cost: Money | None = None
    lead_time: Annotated[int, Field(ge=0, le=MAX_NUMBER)] | None = None
    lead_time_unit: UnitValue | None = None
    document: str | None = Field(None, max_length=60, description="The reference of the returned paper.")
    reason: str = Field(min_length=1, max_length=VOID_REASON_LENGTH, description="Why; kept in its history.")


class DocumentIn(Input):
    paper: str = Field(min_length=1, max_length=60, description="The paper's reference (GET /api/papers).")
    kind: DocumentKindValue
    version: str = Field("", max_length=12, description="For legal text and the Modification Report: 0.4, 1.0 …")
    attached_on: Day | None = Field(None, description="Left out: today.")


class DocumentWritten(DocumentOut):
    id: int
    modification: str = Field(description="The modification's reference.")
    detached_on: dt.date | None

    @staticmethod
    def resolve_modification(obj: ModificationDocument) -> str:
        return obj.modification.reference


class DetachIn(Input):
    reason: str = Field(min_length=1, max_length=VOID_REASON_LENGTH, description="Why; kept in its history.")
    on: Day | None = Field(None, description="Left out: today.")


class ReasonIn(Input):
    reason: str = Field(min_length=1, max_length=VOID_REASON_LENGTH, description="Why; kept in its history.")


def _visible(request, reference: str) -> Modification:
    rows = Modification.objects.visible_to(request.auth).kept_for(request.auth)
    return get_object_or_404(rows, reference=reference.upper())


def _assessment_of(request, reference: str, assessment_id: int) -> Assessment:
    modification = _visible(request, reference)
    return get_object_or_404(modification.assessments.select_related("modification"), pk=assessment_id)


def _as_seen(request, assessment: Assessment) -> Assessment:
    """The assessment again, with its returned paper's reference as the caller may see it."""
    rows = Assessment.objects.filter(pk=assessment.pk).select_related("modification")
    return rows.with_document_seen_by(request.auth).get()


def _paper(request, reference: str | None) -> Paper | None:
    if reference is None:
        return None
    return lookup(Paper.objects.visible_to(request.auth), "document", "paper", reference=reference)


ASSESSMENT_PATH = "/modifications/{reference}/dcc-assessments/{assessment_id}"


@write_endpoint(
    router,
    "POST",
    "/modifications/{reference}/dcc-assessments",
    AssessmentOut,
    tags=["Modifications"],
    summary="Request a DCC assessment",
    status=201,
)
def request_assessment(request, reference: str, payload: AssessmentRequestIn):
    """Record that the DCC was asked for a Preliminary or Impact Assessment of a modification in progress."""
    made = services.request_assessment(_visible(request, reference), by=request.auth, **payload.model_dump())
    return Status(201, _as_seen(request, made))


@write_endpoint(
    router, "POST", f"{ASSESSMENT_PATH}/return", AssessmentOut, tags=["Modifications"], summary="Record its return"
)
def return_assessment(request, reference: str, assessment_id: PathId, payload: AssessmentReturnIn):
    """The DCC's return: the day, and the cost, lead time and paper it gave; the paper joins the documents."""
    assessment = _assessment_of(request, reference, assessment_id)
    fields = payload.model_dump()
    fields["document"] = _paper(request, fields["document"])
    fields["lead_time_unit"] = fields["lead_time_unit"] or ""
    saved = services.record_assessment_return(assessment, by=request.auth, **fields)
    return _as_seen(request, saved)


@edit_endpoint(router, "PATCH", ASSESSMENT_PATH, AssessmentOut, tags=["Modifications"], summary="Correct an assessment")
def correct_assessment(
    request, response: HttpResponse, reference: str, assessment_id: PathId, payload: AssessmentPatch,
    if_match: IfMatch = None,
):  # fmt: skip
    """Change the fields you send, with the reason kept in its history; a void assessment must be restored first."""
    assessment = _assessment_of(request, reference, assessment_id)
    changes = payload.model_dump(exclude_unset=True, exclude={"reason"})
    if "document" in changes:
        changes["document"] = _paper(request, changes["document"])
    saved = edited(response, assessment, if_match, services.correct_assessment, assessment, by=request.auth,
                   reason=payload.reason, **changes)  # fmt: skip
    return _as_seen(request, saved)


@write_endpoint(
    router, "POST", f"{ASSESSMENT_PATH}/void", AssessmentOut, tags=["Modifications"], summary="Void an assessment"
)
def void_assessment(request, reference: str, assessment_id: PathId, payload: ReasonIn):
    """Void an assessment entered by mistake: it leaves the lists, flags and exports; the secretariat still sees it."""
    assessment = _assessment_of(request, reference, assessment_id)
    return _as_seen(request, services.void_assessment(assessment, by=request.auth, reason=payload.reason))


@write_endpoint(
    router, "POST", f"{ASSESSMENT_PATH}/restore", AssessmentOut, tags=["Modifications"], summary="Restore an assessment"
)
def restore_assessment(request, reference: str, assessment_id: PathId, payload: ReasonIn):
    """Bring a voided assessment back onto the modification's page, the register and the exports."""
    assessment = _assessment_of(request, reference, assessment_id)
    return _as_seen(request, services.restore_assessment(assessment, by=request.auth, reason=payload.reason))


@write_endpoint(
    router,
    "POST",
    "/modifications/{reference}/documents",
    DocumentWritten,
    tags=["Modifications"],
    summary="Attach a document",
    status=201,
)
def attach_document(request, reference: str, payload: DocumentIn):
    """Attach a paper the caller may see as one of the modification's documents, of a type (and version)."""
    modification = _visible(request, reference)
    paper = lookup(Paper.objects.visible_to(request.auth), "paper", "paper", reference=payload.paper)
    on = payload.attached_on or timezone.localdate()
    document = services.attach_document(
        modification, by=request.auth, paper=paper, kind=payload.kind, version=payload.version, attached_on=on
    )
    return Status(201, document)


@write_endpoint(
    router,
    "POST",
    "/modifications/{reference}/documents/{document_id}/detach",
    DocumentWritten,
    tags=["Modifications"],
    summary="Detach a document",
)
def detach_document(request, reference: str, document_id: PathId, payload: DetachIn):
    """Detach a document attached by mistake or superseded; it stays in history with the reason."""
    modification = _visible(request, reference)
    rows = ModificationDocument.objects.visible_to(request.auth).filter(modification=modification)
    document = get_object_or_404(rows.select_related("modification", "paper"), pk=document_id)
    on = payload.on or timezone.localdate()
    return services.detach_document(document, by=request.auth, reason=payload.reason, on=on)
