"""Site-wide pages: signing in, the user's API tokens and calendar key, and the change history of any record."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from panelbook.core.access import SignedInRequest
from panelbook.core.forms import TokenNameForm
from panelbook.core.history import changed_by, shown_changes
from panelbook.core.models import ApiToken, new_calendar_key
from panelbook.core.records import with_history

PREVIOUS_SIGN_IN = "previous_sign_in"


class SignInView(auth_views.LoginView):
    """Django's sign-in page, named after the site rather than the host it was reached by
    (LoginView puts the host in ``site_name``, over the context processor's)."""

    template_name = "core/login.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "site_name": settings.SITE_NAME}

    def form_valid(self, form: Any) -> HttpResponse:
        # Kept for the home page's "new since you last signed in", before signing in overwrites it.
        previous = form.get_user().last_login
        response = super().form_valid(form)
        self.request.session[PREVIOUS_SIGN_IN] = previous.isoformat() if previous else None
        return response


@never_cache
@login_required
def issue_token(request: SignedInRequest) -> HttpResponse:
    """A new API token for the signed-in user, shown in this answer only: nobody issues one for
    somebody else, since holding a person's token is reading as that person."""
    form = TokenNameForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "core/token_form.html", {"form": form})
    token, raw = ApiToken.issue(request.user, form.cleaned_data["name"])
    return render(request, "core/token_issued.html", {"token": token, "raw": raw})


@login_required
def revoke_token(request: SignedInRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.filter(user=request.user, revoked_at__isnull=True), pk=pk)
    if request.method != "POST":
        return render(request, "core/token_revoke.html", {"token": token})
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    messages.success(request, f"The token “{token.name}” is revoked: it no longer works.")
    return redirect("account")


@login_required
def reset_calendar_key(request: SignedInRequest) -> HttpResponse:
    """Ask, then give the signed-in user a new calendar key: the old feed link stops working."""
    if request.method != "POST":
        return render(request, "core/reset_calendar_key.html")
    request.user.calendar_key = new_calendar_key()
    request.user.save(update_fields=["calendar_key"])
    messages.success(request, "Your calendar link has been reset: the old link no longer works.")
    return redirect("account")


def locked_out(request: HttpRequest, credentials: dict | None = None, *args, **kwargs) -> HttpResponse:
    """What django-axes answers once a user name has failed too often from one address."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "core/locked_out.html", context, status=429)


def record_history(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Every change to one record the reader may see, of any kind that declares a history page."""
    record_type = with_history(kind)
    if record_type is None:
        raise Http404("There is no such kind of record.")
    record: Any = get_object_or_404(record_type.rows_for(request.user), pk=pk)
    entries = list(record.history.select_related("history_user").order_by("-history_date", "-history_id"))
    changes = []
    for newer, older in zip(entries, entries[1:] + [None], strict=True):
        delta = newer.diff_against(older) if older is not None else None
        shown = shown_changes(record_type, delta.changes, request.user) if delta else []
        changes.append((newer, changed_by(newer.history_user, request.user), older is None, shown))
    return render(request, "core/history.html", {"record": record, "kind": kind, "changes": changes})
