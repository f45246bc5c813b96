"""The threads API: read only, through the gate of the threads' items. A thread the caller may see
no item of answers 404 like a missing one; its title, meetings and items are those the caller may see."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from panelbook.core.api import Input, PathId, caller, list_endpoint, read_endpoint
from panelbook.core.auth import read_auth
from panelbook.threads import reports
from panelbook.threads.models import Thread

router = Router(auth=read_auth)
TAGS = ["Threads"]


def _summary(obj: Thread, context: Any) -> reports.Summary:
    """The thread as the caller may see it, read once for all the fields of one answer."""
    if getattr(obj, "_summary", None) is None:
        obj._summary = reports.summary(obj, caller(context))  # type: ignore[attr-defined]
    return obj._summary  # type: ignore[attr-defined]


class ThreadItemOut(Schema):
    agenda_item: int = Field(description="The agenda item's id.")
    meeting: int = Field(description="The meeting's id.")
    body: str = Field(description="The code of the meeting's body.")
    day: dt.date = Field(description="The day of the meeting.")
    heading: str = Field(description="The agenda item's heading.")
    decisions: list[int] = Field(description="The ids of the decisions on the item the caller may see.")
    actions: list[str] = Field(description="The references of the actions on the item the caller may see.")


class ThreadOut(Schema):
    id: int
    title: str = Field(description="The title, or the heading of the latest item the caller may see.")
    modification: str | None = Field(description="The reference of the modification, where the caller may see it.")
    measure: str | None = Field(description="The measure it concerns, as its provider and code.")
    meetings: int = Field(description="How many meetings the caller may see took it up.")
    last_taken_up: dt.date | None = Field(description="The day of the latest of those meetings.")
    bodies: list[str] = Field(description="The codes of the bodies of those meetings.")
    items: list[ThreadItemOut] = Field(description="The items the caller may see, oldest first.")

    @staticmethod
    def resolve_title(obj: Thread, context: Any) -> str:
        return _summary(obj, context).title

    @staticmethod
    def resolve_modification(obj: Thread, context: Any) -> str | None:
        modification = reports.modification_of(obj, caller(context))
        return modification.reference if modification else None

    @staticmethod
    def resolve_measure(obj: Thread) -> str | None:
        return str(obj.measure) if obj.measure else None

    @staticmethod
    def resolve_meetings(obj: Thread, context: Any) -> int:
        return _summary(obj, context).meetings

    @staticmethod
    def resolve_last_taken_up(obj: Thread, context: Any) -> dt.date | None:
        last = _summary(obj, context).last_taken_up
        return last.date() if last else None

    @staticmethod
    def resolve_bodies(obj: Thread, context: Any) -> list[str]:
        return [body.code for body in _summary(obj, context).bodies]

    @staticmethod
    def resolve_items(obj: Thread, context: Any) -> list[dict[str, Any]]:
        return [
            {
                "agenda_item": e.item.pk,
                "meeting": e.meeting.pk,
                "body": e.meeting.body.code,
                "day": e.meeting.starts_at.date(),
                "heading": e.item.title,
                "decisions": [d.pk for d in e.decisions],
                "actions": [a.reference for a in e.actions],
            }
            for e in _summary(obj, context).entries
        ]


class ThreadFilters(Input):
    body: str | None = Field(None, max_length=30, description="Only threads a body (by its code) took up.")
    q: str | None = Field(None, max_length=100, description="Only threads with an item whose heading contains this.")


def _threads(user: Any) -> QuerySet:
    return Thread.objects.visible_to(user).in_force().select_related("measure__provider")


@list_endpoint(router, "/threads", ThreadOut, tags=TAGS, summary="List threads", filters=ThreadFilters, order=("-pk",))
def list_threads(user) -> QuerySet:
    """The threads the caller may see an item of, with what they may see of each."""
    return _threads(user)


@read_endpoint(router, "/threads/{thread_id}", ThreadOut, tags=TAGS, summary="One thread")
def get_thread(request, thread_id: PathId):
    """One thread the caller may see an item of."""
    return get_object_or_404(_threads(request.auth), pk=thread_id)
