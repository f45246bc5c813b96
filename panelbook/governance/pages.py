"""The site's front page and the signed-in user's account page, both made of governance records:
the meetings, papers and bodies a visitor may see; the user's person, seats and calendar link."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from panelbook.core.access import SignedInRequest
from panelbook.core.forms import TokenNameForm
from panelbook.core.models import ApiToken
from panelbook.governance.models import Body, Meeting, Paper, Person


def home(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    meetings = Meeting.objects.visible_to(request.user).select_related("body")
    papers = Paper.objects.visible_to(request.user).select_related("body")
    return render(
        request,
        "governance/home.html",
        {
            "upcoming": meetings.filter(starts_at__gte=now).order_by("starts_at")[:10],
            "recent": meetings.filter(starts_at__lt=now).order_by("-starts_at")[:5],
            "papers": papers.order_by("-paper_date", "reference")[:8],
            "bodies": Body.objects.filter(is_active=True),
        },
    )


@login_required
def account(request: SignedInRequest) -> HttpResponse:
    person = Person.objects.filter(user=request.user).select_related("organisation").first()
    memberships = person.memberships.current().select_related("body") if person else []
    tokens = ApiToken.objects.filter(user=request.user)
    context = {"person": person, "memberships": memberships, "tokens": tokens, "token_form": TokenNameForm()}
    return render(request, "governance/account.html", context)
