"""iCalendar feeds of meetings, per body and for all bodies.

Calendar programs do not sign in, so a feed URL may carry ``?key=`` with the user's personal
calendar key; without it the feed holds what the requester's session (or the public) may see.

An event's UID is the meeting's id at the configured site domain (``PANELBOOK_SITE_DOMAIN``),
never the request's host, so a subscriber who reaches the site by two names sees each meeting
once. Its SEQUENCE counts the changes to the meeting's time, place or status and its
LAST-MODIFIED is the meeting's latest change, both read from the meeting's history rows, so a
moved or cancelled meeting replaces the old entry in every calendar program.

A feed answers with an ETag that changes whenever anything it is made of may have changed (the
reader's roles, the day, and every save of a meeting, agenda item, body, seat or person, each of
which writes a history row, named recipients included), so a calendar program polling with
``If-None-Match`` gets 304 Not Modified without the feed being built again. Last-Modified is
sent for information only: a date alone cannot tell that a reader's role changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from itertools import groupby

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Max, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import http_date
from django.views.decorators.http import condition
from icalendar import Calendar, Event

from panelbook.core.models import User
from panelbook.governance.models import AgendaItem, Body, Meeting, Membership, Person

STATUS: dict[str, str] = {
    Meeting.Status.PLANNED: "CONFIRMED",
    Meeting.Status.HELD: "CONFIRMED",
    Meeting.Status.CANCELLED: "CANCELLED",
}
# A change to any of these reschedules the meeting, so calendar programs must see a new SEQUENCE.
SCHEDULED = ("starts_at", "ends_at", "location", "is_virtual", "status")


@dataclass(frozen=True)
class Revision:
    sequence: int
    last_modified: dt.datetime


def revisions(meeting_ids: list[int]) -> dict[int, Revision]:
    """Each meeting's SEQUENCE and LAST-MODIFIED, from its history rows in one query."""
    rows = (
        Meeting.history.filter(id__in=meeting_ids)
        .order_by("id", "history_date", "history_id")
        .values("id", "history_date", *SCHEDULED)
    )
    found = {}
    for meeting_id, group in groupby(rows, key=lambda row: row["id"]):
        history = list(group)
        changes = sum(
            1
            for before, after in zip(history, history[1:], strict=False)
            if any(before[name] != after[name] for name in SCHEDULED)
        )
        found[meeting_id] = Revision(sequence=changes, last_modified=history[-1]["history_date"])
    return found


def _feed_user(request: HttpRequest):
    key = request.GET.get("key", "")
    if not key:
        return request.user
    user = User.objects.filter(calendar_key=key, is_active=True).first()
    if user is None:
        raise Http404("This calendar link is not valid any more; copy the new one from your account page.")
    return user


# What a feed is made of, each writing a history row on every save (named recipients too).
FEED_HISTORIES = (Meeting, AgendaItem, Body, Membership, Person)


def feed_etag(request: HttpRequest, code: str | None = None) -> str:
    """A tag of everything the feed's content depends on, from one aggregate query a history:
    the reader's roles, the day (seats are current by date) and the last saves."""
    user = _feed_user(request)
    reader = [user.pk, user.is_active, user.is_secretariat, user.is_superuser] if user.is_authenticated else []
    versions = [model.history.aggregate(last=Max("history_id"))["last"] for model in FEED_HISTORIES]
    state = [request.get_host(), code, timezone.localdate(), reader, versions]
    return hashlib.sha256(repr(state).encode()).hexdigest()


def _latest_change() -> dt.datetime | None:
    changes = [model.history.aggregate(last=Max("history_date"))["last"] for model in FEED_HISTORIES]
    return max((change for change in changes if change), default=None)


@condition(etag_func=feed_etag)
def all_calendar(request: HttpRequest) -> HttpResponse:
    user = _feed_user(request)
    meetings = Meeting.objects.visible_to(user)
    return _calendar_response(request, user, meetings, f"{settings.SITE_NAME}: all meetings", "all-meetings")


@condition(etag_func=feed_etag)
def body_calendar(request: HttpRequest, code: str) -> HttpResponse:
    body = get_object_or_404(Body, code=code)
    user = _feed_user(request)
    meetings = Meeting.objects.visible_to(user).filter(body=body)
    return _calendar_response(request, user, meetings, f"{body.name} meetings", f"{body.code}-meetings")


def _calendar_response(request: HttpRequest, user, meetings, name: str, filename: str) -> HttpResponse:
    items = AgendaItem.objects.visible_to(user or AnonymousUser()).order_by("position", "number")
    meetings = meetings.select_related("body").prefetch_related(
        Prefetch("agenda_items", queryset=items, to_attr="visible_items")
    )
    calendar = Calendar()
    calendar.add("prodid", "-//panelbook//governance calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    stamp = timezone.now()
    meetings = list(meetings.order_by("starts_at"))
    known = revisions([meeting.pk for meeting in meetings])
    for meeting in meetings:
        calendar.add_component(_event(request, meeting, stamp, known.get(meeting.pk)))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    response["Cache-Control"] = "private, max-age=300"
    if latest := _latest_change():
        response["Last-Modified"] = http_date(latest.timestamp())
    return response


def _event(request: HttpRequest, meeting: Meeting, stamp, revision: Revision | None) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{settings.PANELBOOK_SITE_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("sequence", revision.sequence if revision else 0)
    if revision:
        event.add("last-modified", revision.last_modified)
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", meeting.title + (" (cancelled)" if meeting.status == Meeting.Status.CANCELLED else ""))
    if meeting.where:
        event.add("location", meeting.where)
    event.add("status", STATUS[meeting.status])
    event.add("url", request.build_absolute_uri(meeting.get_absolute_url()))
    agenda = "\n".join(f"{item.number}. {item.title}" for item in meeting.visible_items)
    event.add("description", f"Agenda:\n{agenda}" if agenda else "Agenda to follow.")
    event.add("class", "PUBLIC" if meeting.is_public else "CONFIDENTIAL")
    return event
