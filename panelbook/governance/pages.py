"""The site's front page and the signed-in user's account page, both made of governance records:
the meetings, papers and bodies a visitor may see; the user's person, seats and calendar link."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from panelbook.core.access import SignedInRequest
from panelbook.core.forms import TokenNameForm
from panelbook.core.models import ApiToken
from panelbook.core.portal import public_pages
from panelbook.core.views import PREVIOUS_SIGN_IN
from panelbook.governance.models import Body, Meeting, Paper, Person

NEW_PAPERS_WINDOW = dt.timedelta(days=14)


def home(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    meetings = Meeting.objects.visible_to(request.user).select_related("body")
    papers = Paper.objects.visible_to(request.user).select_related("body")
    context = {
        "upcoming": meetings.filter(starts_at__gte=now).order_by("starts_at")[:10],
        "recent": meetings.filter(starts_at__lt=now).order_by("-starts_at")[:5],
        "papers": papers.order_by("-published_at")[:8],
        "bodies": Body.objects.filter(is_active=True),
        "record_pages": [page for page in public_pages() if page.url != request.path],
    }
    if request.user.is_authenticated:
        context.update(for_member(cast(SignedInRequest, request), meetings, papers, now))
    return render(request, "governance/home.html", context)


def for_member(request: SignedInRequest, meetings: QuerySet, papers: QuerySet, now: dt.datetime) -> dict[str, Any]:
    """What a signed-in member reads first: the next meetings of the bodies they sit on, and the
    papers published since they last signed in (the last fortnight's, the first time), a late
    paper with an earlier date among them."""
    person = Person.objects.filter(user=request.user).first()
    seats = person.memberships.current().values("body") if person else Body.objects.none()
    since = previous_sign_in(request) or now - NEW_PAPERS_WINDOW
    new_papers = papers.filter(published_at__gte=since).order_by("-published_at")
    return {
        "person": person,
        "my_meetings": meetings.filter(starts_at__gte=now, body__in=seats).order_by("starts_at")[:5],
        "new_papers": new_papers[:10],
        "new_since": since,
    }


def previous_sign_in(request: HttpRequest) -> dt.datetime | None:
    kept = request.session.get(PREVIOUS_SIGN_IN)
    return dt.datetime.fromisoformat(kept) if kept else None


@login_required
def account(request: SignedInRequest) -> HttpResponse:
    person = Person.objects.filter(user=request.user).select_related("organisation").first()
    memberships = person.memberships.current().select_related("body") if person else []
    tokens = ApiToken.objects.filter(user=request.user)
    context = {
        "person": person,
        "memberships": memberships,
        "tokens": tokens,
        "token_form": TokenNameForm(),
        "sections": _sections_of_apps(request),
    }
    return render(request, "governance/account.html", context)


def _sections_of_apps(request: HttpRequest) -> list[dict[str, Any]]:
    """The parts of the account page that apps above governance add (an AppConfig's ``account_section``,
    giving its ``template`` and what it shows), in install order."""
    sections = []
    for config in apps.get_app_configs():
        declared = getattr(config, "account_section", None)
        section = declared(request) if declared else None
        if section:
            sections.append(section)
    return sections
