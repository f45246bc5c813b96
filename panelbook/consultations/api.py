"""The consultations API: read only, through ``visible_to(caller)``. A consultation names its
draft and sent responses, its decision and its observations only where the caller may see them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from panelbook.actions.models import Decision
from panelbook.consultations import reports
from panelbook.consultations.models import Consultation, Observation
from panelbook.core.api import ClassificationValue, Input, PathId, caller, list_endpoint, read_endpoint
from panelbook.core.auth import read_auth
from panelbook.governance.models import Paper

router = Router(auth=read_auth)
TAGS = ["Consultations"]


class ObservationOut(Schema):
    id: int
    body: str = Field(description="The code of the body that made the observations.")
    meeting: int = Field(alias="meeting_id")
    agenda_item: int | None = Field(alias="agenda_item_id")
    text: str
    classification: ClassificationValue

    @staticmethod
    def resolve_body(obj: Observation) -> str:
        return obj.body.code


class ConsultationOut(Schema):
    id: int
    issuer: str = Field(description="DCC, GOVERNMENT, OFGEM, OTHER_CODE or OTHER.")
    issuer_name: str
    subject: str
    reference: str
    opened_on: dt.date
    closes_on: dt.date
    extended_to: dt.date | None = Field(description="The closing date as extended; null without an extension.")
    extension_reason: str
    closing_date: dt.date = Field(description="The day the response is due: the extension's, where one is recorded.")
    body: str = Field(description="The code of the answering body.")
    bodies_asked: list[str] = Field(description="The codes of the bodies asked for input.")
    status: str = Field(description="OPEN, RESPONDING, RESPONDED or NOT_ANSWERED.")
    sent_on: dt.date | None
    draft_response: str | None = Field(description="The draft's paper reference, where the caller may see it.")
    sent_response: str | None = Field(description="The sent response's paper reference, where the caller may see it.")
    decision: int | None = Field(description="The agreeing decision's id, where the caller may see it.")
    observations: list[ObservationOut] = Field(description="The observations the caller may see.")
    classification: ClassificationValue

    @staticmethod
    def resolve_body(obj: Consultation) -> str:
        return obj.body.code

    @staticmethod
    def resolve_bodies_asked(obj: Consultation) -> list[str]:
        return [b.code for b in obj.bodies_asked.all()]

    @staticmethod
    def resolve_draft_response(obj: Consultation, context: Any) -> str | None:
        paper = reports.seen(Paper, obj.draft_response_id, caller(context))
        return paper.reference if paper else None

    @staticmethod
    def resolve_sent_response(obj: Consultation, context: Any) -> str | None:
        paper = reports.seen(Paper, obj.sent_response_id, caller(context))
        return paper.reference if paper else None

    @staticmethod
    def resolve_decision(obj: Consultation, context: Any) -> int | None:
        decision = reports.seen(Decision, obj.decision_id, caller(context))
        return decision.pk if decision else None

    @staticmethod
    def resolve_observations(obj: Consultation, context: Any) -> Any:
        rows = Observation.objects.visible_to(caller(context)).in_force().filter(consultation=obj)
        return rows.select_related("body")


class ConsultationFilters(Input):
    issuer: str | None = Field(None, max_length=12, description="Only consultations by this issuer.")
    status: str | None = Field(None, max_length=12, description="Only consultations at this status.")
    body: str | None = Field(None, max_length=40, description="Only those a body (by its code) answers or is asked on.")
    q: str | None = Field(None, max_length=100, description="Only those whose subject or reference contains this.")


def _consultations(user: Any) -> QuerySet:
    return Consultation.objects.visible_to(user).in_force().select_related("body").prefetch_related("bodies_asked")


@list_endpoint(
    router,
    "/consultations",
    ConsultationOut,
    tags=TAGS,
    summary="List consultations",
    filters=ConsultationFilters,
    order=("-closes_on", "-pk"),
)
def list_consultations(user) -> QuerySet:
    """The consultations the caller may see, with what they may see of the responses and observations."""
    return _consultations(user)


@read_endpoint(router, "/consultations/{consultation_id}", ConsultationOut, tags=TAGS, summary="One consultation")
def get_consultation(request, consultation_id: PathId):
    """One consultation the caller may see."""
    return get_object_or_404(_consultations(request.auth), pk=consultation_id)
