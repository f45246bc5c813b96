"""The modifications API: the register and each modification with its timetable and stages.

Every read goes through ``visible_to(caller)``; a modification the caller may not see answers 404
exactly as a missing one does. The list's filters are ``Modification.objects.matching``, the
same the register page and its exports apply.
"""

import datetime as dt
from typing import TYPE_CHECKING, Literal

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema

from panelbook.core.api import ClassificationValue, Input, list_endpoint, read_endpoint
from panelbook.core.auth import read_auth
from panelbook.governance.models import PartyCategory
from panelbook.modifications import services
from panelbook.modifications.models import PATH_CHOICES, STAGE_CHOICES, Milestone, Modification

router = Router(auth=read_auth)

if TYPE_CHECKING:
    StageValue = str
    PathValue = str
    CategoryValue = str
else:
    StageValue = Literal[tuple(value for value, _ in STAGE_CHOICES)]
    PathValue = Literal[tuple(value for value, _ in PATH_CHOICES)]
    CategoryValue = Literal[tuple(PartyCategory.values)]


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

    @staticmethod
    def resolve_proposer(obj: Modification) -> str | None:
        return obj.proposer_organisation.name if obj.proposer_organisation else None


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


class ModificationDetail(ModificationOut):
    issue: str
    solution: str
    progress: str = Field(description="ON_TIME, LATE, NO_TIMETABLE or FINISHED, as of today.")
    milestones: list[MilestoneOut]
    stages: list[StageOut]

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
    q: str | None = Field(None, max_length=200, description="Text in the reference, the title or the issue.")
    open: bool | None = Field(None, description="true: still in progress; false: finished.")


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


@read_endpoint(
    router, "/modifications/{reference}", ModificationDetail, tags=["Modifications"], summary="One modification"
)
def get_modification(request, reference: str):
    """A modification with its timetable (baseline, plan, actual, slippage) and its dated stages."""
    rows = Modification.objects.visible_to(request.auth).kept_for(request.auth)
    return get_object_or_404(rows.select_related("proposer_organisation"), reference=reference.upper())
