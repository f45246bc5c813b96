"""iCalendar feeds of meetings, per body and for all bodies.

Calendar programs do not sign in, so a feed URL may carry ``?key=`` with the user's personal
calendar key; without it the feed holds what the requester's session (or the public) may see.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from icalendar import Calendar, Event

from panelbook.core.models import User
from panelbook.governance.models import AgendaItem, Body, Meeting

STATUS = {
    Meeting.Status.PLANNED: "CONFIRMED",
    Meeting.Status.HELD: "CONFIRMED",
    Meeting.Status.CANCELLED: "CANCELLED",
}


def _feed_user(request: HttpRequest):
    key = request.GET.get("key", "")
    if not key:
        return request.user
    user = User.objects.filter(calendar_key=key, is_active=True).first()
    if user is None:
        raise Http404("This calendar link is not valid any more; copy the new one from your account page.")
    return user


def all_calendar(request: HttpRequest) -> HttpResponse:
    user = _feed_user(request)
    meetings = Meeting.objects.visible_to(user)
    return _calendar_response(request, user, meetings, f"{settings.SITE_NAME}: all meetings", "all-meetings")


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
    for meeting in meetings.order_by("starts_at"):
        calendar.add_component(_event(request, meeting, stamp))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


def _event(request: HttpRequest, meeting: Meeting, stamp) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{request.get_host()}")
    event.add("dtstamp", stamp)
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
