"""The SEC Parties and security assurance API.

Parties and the SEC Party update are public; assessments and Director's letters go through
``visible_to(caller)`` (RED: their named recipients alone); the counts are for everyone and name
no party.
"""

import datetime as dt

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError as InputError

from panelbook.assurance import reports
from panelbook.assurance.models import DirectorsLetter, Party, SecurityAssessment
from panelbook.core.api import ClassificationValue, Day, Input, PathId, list_endpoint, read_endpoint
from panelbook.core.auth import read_auth
from panelbook.core.classification import visible_rows
from panelbook.governance.models import Meeting

router = Router(auth=read_auth)
TAGS = ["SEC Parties and assurance"]


class RoleOut(Schema):
    role: str = Field(description="The User Role's code: import-supplier, gas-transporter …")
    applied_on: dt.date
    completed_on: dt.date | None = Field(description="When the User Entry Process was completed; null while it is not.")
    steps: dict[str, dt.date] = Field(description="Each step completed, by its name, with the day.")

    @staticmethod
    def resolve_role(obj) -> str:
        return obj.role.code

    @staticmethod
    def resolve_steps(obj) -> dict[str, dt.date]:
        return {done.step.name: done.completed_on for done in obj.steps.all()}


class PartyOut(Schema):
    id: int
    name: str
    organisation: int = Field(description="The organisation's id.")
    category: str = Field(description="LARGE_SUPPLIER, SMALL_SUPPLIER, ELECTRICITY_NETWORK, GAS_NETWORK, OTHER or DCC.")
    acceded_on: dt.date
    countersigned_on: dt.date | None
    roles: list[RoleOut]

    @staticmethod
    def resolve_organisation(obj: Party) -> int:
        return obj.organisation_id

    @staticmethod
    def resolve_roles(obj: Party) -> list:
        return [held for held in obj.roles.all() if not held.is_void]


class PartyFilters(Input):
    category: str | None = Field(None, max_length=30, description="Only parties of this Party Category.")
    q: str | None = Field(None, max_length=100, description="Only parties whose name contains this.")


def _parties() -> QuerySet:
    return Party.objects.in_force().select_related("organisation").prefetch_related("roles__role", "roles__steps__step")


@list_endpoint(
    router,
    "/parties",
    PartyOut,
    tags=TAGS,
    summary="List SEC Parties",
    filters=PartyFilters,
    order=("organisation__name",),
)
def list_parties(user) -> QuerySet:
    """Every SEC Party with its User Roles and their User Entry Process."""
    return _parties()


@read_endpoint(router, "/parties/{party_id}", PartyOut, tags=TAGS, summary="One SEC Party")
def get_party(request, party_id: PathId):
    """One SEC Party with its User Roles."""
    return get_object_or_404(_parties(), pk=party_id)


class AdmittedOut(Schema):
    party: int
    name: str
    category: str
    countersigned_on: dt.date


class CompletedOut(Schema):
    party: int
    name: str
    role: str
    completed_on: dt.date


class PartyUpdateOut(Schema):
    meeting: int
    since: dt.date | None = Field(description="The previous meeting's day; null for the body's first meeting.")
    until: dt.date = Field(description="This meeting's day.")
    admitted: list[AdmittedOut]
    completed: list[CompletedOut]
    text: str = Field(description="The update as the agenda item's paper gives it.")


@read_endpoint(router, "/meetings/{meeting_id}/party-update", PartyUpdateOut, tags=TAGS, summary="SEC Party update")
def get_party_update(request, meeting_id: PathId):
    """The parties admitted and the roles that completed the User Entry Process since the body's
    previous meeting, for a meeting the caller may see."""
    meeting = get_object_or_404(visible_rows(Meeting, request.auth), pk=meeting_id)
    update = reports.party_update(meeting, request.auth)
    return {
        "meeting": meeting.pk,
        "since": update.since,
        "until": update.until,
        "admitted": [
            {"party": p.pk, "name": p.name, "category": p.category, "countersigned_on": p.countersigned_on}
            for p in update.admitted
        ],
        "completed": [
            {"party": r.party_id, "name": r.party.name, "role": r.role.code, "completed_on": r.completed_on}
            for r in update.completed
        ],
        "text": reports.party_update_text(update),
    }


class FindingOut(Schema):
    control: str
    finding: str
    remediation: str
    due_on: dt.date | None
    remediated_on: dt.date | None


class SecurityAssessmentOut(Schema):
    id: int
    party: int
    party_name: str
    role: str
    kind: str = Field(description="FUSA, VUSA, SSA or FOLLOW_UP.")
    fieldwork_from: dt.date | None
    fieldwork_to: dt.date | None
    reported_on: dt.date | None
    cio: str
    status: str = Field(description="APPROVED, APPROVED_SUBJECT, DEFERRED, REJECTED; empty until set.")
    status_set_on: dt.date | None
    status_set_by: str | None = Field(description="The code of the body that set it.")
    delegation: str
    conditions: str
    summary: str
    findings: list[FindingOut]
    classification: ClassificationValue

    @staticmethod
    def resolve_party(obj: SecurityAssessment) -> int:
        return obj.party_id

    @staticmethod
    def resolve_party_name(obj: SecurityAssessment) -> str:
        return obj.party.name

    @staticmethod
    def resolve_role(obj: SecurityAssessment) -> str:
        return obj.role.code

    @staticmethod
    def resolve_status_set_by(obj: SecurityAssessment) -> str | None:
        return obj.status_set_by.code if obj.status_set_by else None

    @staticmethod
    def resolve_findings(obj: SecurityAssessment) -> list:
        return [f for f in obj.findings.all() if not f.is_void]


class AssessmentFilters(Input):
    kind: str | None = Field(None, max_length=10, description="Only assessments of this type.")
    status: str | None = Field(None, max_length=20, description="Only assessments with this assurance status.")


def _assessments(user) -> QuerySet:
    rows = SecurityAssessment.objects.visible_to(user).in_force()
    return rows.select_related("party__organisation", "role", "status_set_by").prefetch_related("findings")


@list_endpoint(
    router,
    "/assurance/assessments",
    SecurityAssessmentOut,
    tags=TAGS,
    summary="List User Security Assessments",
    filters=AssessmentFilters,
    order=("-reported_on", "-pk"),
)
def list_security_assessments(user) -> QuerySet:
    """The assessments the caller may see: RED ones only to their named recipients."""
    return _assessments(user)


@read_endpoint(
    router,
    "/assurance/assessments/{security_assessment_id}",
    SecurityAssessmentOut,
    tags=TAGS,
    summary="One User Security Assessment",
)
def get_security_assessment(request, security_assessment_id: PathId):
    """One assessment with its non-compliances, or 404 for one the caller may not see."""
    return get_object_or_404(_assessments(request.auth), pk=security_assessment_id)


class LetterOut(Schema):
    id: int
    assessment: int
    trigger: str = Field(description="INITIAL_FUSA, SUBSEQUENT_FUSA, VUSA or SSA: what it follows.")
    received_on: dt.date
    reviewed_on: dt.date | None
    summary: str
    classification: ClassificationValue

    @staticmethod
    def resolve_assessment(obj: DirectorsLetter) -> int:
        return obj.assessment_id


@list_endpoint(
    router, "/assurance/letters", LetterOut, tags=TAGS, summary="List Director's letters", order=("-received_on", "-pk")
)
def list_letters(user) -> QuerySet:
    """The Director's letters the caller may see."""
    return DirectorsLetter.objects.visible_to(user).in_force()


class CountOut(Schema):
    key: str
    label: str
    value: int | None = Field(description="Null when withheld.")
    shown: str


class CountsOut(Schema):
    since: dt.date
    until: dt.date
    smallest_shown: int = Field(description="Counts from 1 up to one less than this are withheld.")
    by_kind: list[CountOut]
    by_status: list[CountOut]
    letters: list[CountOut]
    decisions: CountOut
    letters_total: CountOut
    words: str


class PeriodQuery(Input):
    since: Day | None = Field(None, description="The first day; a year before `until` if empty.")
    until: Day | None = Field(None, description="The last day; today if empty.")


@read_endpoint(router, "/assurance/counts", CountsOut, tags=TAGS, summary="Security assurance counts")
def get_assurance_counts(request, query: Query[PeriodQuery]):
    """Assurance statuses set in the period by type and status, and Director's letters reviewed by
    what they follow: counts only, none small enough to identify a party."""
    until = query.until or timezone.localdate()
    since = query.since or until - dt.timedelta(days=365)
    if since > until:
        raise InputError([{"loc": ["query", "since"], "msg": "The period begins after it ends (“until”)."}])
    found = reports.assurance_counts(request.auth, since, until)
    return {**vars(found), "words": found.in_words()}
