"""The registers API: risks and issues through ``visible_to(caller)``, filtered as the export is;
the Delegations Register (published); a body's forward plan."""

import datetime as dt

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from panelbook.core.api import ClassificationValue, Input, PathId, list_endpoint, read_endpoint
from panelbook.core.auth import read_auth
from panelbook.governance.models import Body
from panelbook.registers import planner
from panelbook.registers.models import Delegation, Entry

router = Router(auth=read_auth)


class EntryOut(Schema):
    id: int
    register_name: str = Field(alias="register.name")
    body: str = Field(alias="register.body.code")
    reference: str
    title: str
    description: str
    category: str
    likelihood: int
    impact: int
    score: int
    rag: str
    status: str
    raised_on: dt.date
    next_review: dt.date | None
    classification: ClassificationValue


class EntryFilters(Input):
    body: str | None = Field(None, max_length=30, description="Only entries of this body's registers (its code).")
    kind: str | None = Field(None, max_length=5, description="RISK or ISSUE.")
    status: str | None = Field(None, max_length=10, description="OPEN, MITIGATED or CLOSED.")
    rag: str | None = Field(None, max_length=5, description="GREEN, AMBER or RED.")


@list_endpoint(
    router,
    "/registers/entries",
    EntryOut,
    tags=["Registers"],
    summary="List risks and issues",
    filters=EntryFilters,
    order=("register", "number"),
)
def list_entries(user) -> QuerySet:
    """The risks and issues in the registers now, of those the caller may see."""
    return Entry.objects.visible_to(user).live().select_related("register__body")


@read_endpoint(router, "/registers/entries/{entry_id}", EntryOut, tags=["Registers"], summary="One risk or issue")
def get_entry(request, entry_id: PathId):
    rows = Entry.objects.visible_to(request.auth).in_force().select_related("register__body")
    return get_object_or_404(rows, pk=entry_id)


class DelegationOut(Schema):
    id: int
    reference: str
    activity: str
    from_body: str = Field(alias="from_body.code")
    to_body: str = Field(alias="to_body.code")
    sec_reference: str
    scope: str
    conditions: str
    reporting: str
    referral_route: str
    status: str
    decided_on: dt.date | None


@list_endpoint(router, "/delegations", DelegationOut, tags=["Registers"], summary="List delegations")
def list_delegations(user) -> QuerySet:
    """The Delegations Register (published); void ones are left out."""
    return Delegation.objects.in_force().select_related("from_body", "to_body")


class PlanItemOut(Schema):
    kind: str
    text: str
    level: str


class PlanMeetingOut(Schema):
    name: str
    day: dt.date
    items: list[PlanItemOut]


class PlanOut(Schema):
    body: str
    as_of: dt.date
    meetings: list[PlanMeetingOut]


@read_endpoint(router, "/bodies/{code}/forward-plan", PlanOut, tags=["Registers"], summary="A body's forward plan")
def get_forward_plan(request, code: str):
    body = get_object_or_404(Body, code=code)
    return planner.forward_plan(body, request.auth)
