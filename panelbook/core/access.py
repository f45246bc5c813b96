"""Access helpers for views: who may use the secretariat's pages, and form errors from verbs."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url

from panelbook.core.classification import is_secretariat, visible_rows
from panelbook.core.concurrency import ALREADY_SENT, StaleRevision, run_once
from panelbook.core.forms import GUARD_FIELDS, Guarded, VoidForm
from panelbook.core.models import User

T = TypeVar("T", bound=Model)


class SignedInRequest(HttpRequest):
    """The request a ``login_required`` view gets: its user is signed in, never anonymous."""

    user: User


def get_visible_or_404(request: HttpRequest, model: type[Model], *related: str, **lookup: Any) -> Any:
    """One record the requester may see through the classification gate, or 404 as if missing."""
    return get_object_or_404(visible_rows(model, request.user).select_related(*related), **lookup)


def secretariat_refusal(request: HttpRequest) -> HttpResponse | None:
    """None for the secretariat; a sign-in redirect for anonymous users; 403 for anyone else."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_secretariat(request.user):
        raise PermissionDenied("Only the secretariat can change records.")
    return None


def secretariat_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return secretariat_refusal(request) or view(request, *args, **kwargs)

    return wrapped


def submit(
    request: HttpRequest,
    form: forms.BaseForm,
    verb: Callable[[dict], T],
    success: Callable[[T], str],
    *,
    short_of: Callable[[T], bool] | None = None,
) -> T | None:
    """Run ``verb`` on a valid posted form and say ``success`` of its result.

    None when nothing was posted, the input is invalid or the verb refused; a refusal is shown on
    the form, on the field it names. A create form sent again with the same one-time token
    (``Guarded``) returns what its first sending created instead of running ``verb`` again; an edit
    refused as stale shows on the form what changed since it was opened. A result that fell
    ``short_of`` what was asked (done, but not all of it) is said as a warning, not a success.
    """
    if request.method != "POST" or not form.is_valid():
        return None
    data = {name: value for name, value in form.cleaned_data.items() if name not in GUARD_FIELDS}
    try:
        result, first = run_once(getattr(form, "token", None), request.user, lambda: verb(data))
    except StaleRevision as stale:
        # Only a Guarded form names the revision it started from, so only it is refused as stale.
        cast(Guarded, form).refuse_stale(stale, request.user)
        return None
    except ValidationError as error:
        add_service_errors(form, error)
        return None
    if not first:
        messages.success(request, ALREADY_SENT)
    elif short_of is not None and short_of(result):
        messages.warning(request, success(result))
    else:
        messages.success(request, success(result))
    return result


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    title: str,
    back: Any = None,
    multipart: bool = False,
    button: str = "Save",
    progress: bool = False,
):
    """The secretariat's plain form page; with ``progress``, a form of files shows how far their
    sending has got (core/upload-progress.js; its view answers with ``after_upload``). ``back``, the
    page the Back link leads to, is a record or the name of a page."""
    ask_again_for_files(form)
    context = {
        "form": form,
        "title": title,
        "back_url": (resolve_url(back) if isinstance(back, str) else back.get_absolute_url()) if back else None,
        "multipart": multipart or progress,
        "button": button,
        "progress": progress,
    }
    return render(request, "core/form.html", context)


PROGRESS_HEADER = "X-Upload-Progress"


def after_upload(request: HttpRequest, to: str) -> HttpResponse:
    """Where a sent form of files leads: a redirect, or, to core/upload-progress.js (which sent it
    with a progress bar), the address to open, the messages kept for that page."""
    if request.headers.get(PROGRESS_HEADER) == "1":
        return JsonResponse({"location": resolve_url(to)})
    return redirect(to)


def ask_again_for_files(form: forms.BaseForm) -> None:
    """A browser cannot fill a file field in again: when a form with a chosen file is sent back
    with a problem elsewhere, say at the file field, by the file's name, that it must be chosen again."""
    if not form.is_bound or not form.errors:
        return
    for name, field in form.fields.items():
        chosen = form.files.get(form.add_prefix(name))
        if isinstance(field, forms.FileField) and chosen and name not in form.errors:
            problem = f"{chosen.name} was not kept, because the form had another problem: choose the file again."
            form.add_error(name, problem)


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a verb's refusal on the form, on the field it names where the form has that field."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, problems in error.message_dict.items():
        target = field if field in form.fields else None
        if target is None and field != NON_FIELD_ERRORS:
            problems = [f"{field.replace('_', ' ').capitalize()}: {p}" for p in problems]
        form.add_error(target, problems)


def confirm_void(
    request: HttpRequest,
    record: Any,
    change: Callable[[dict], Any],
    *,
    title: str,
    consequence: str,
    done: str,
    restoring: bool = False,
) -> HttpResponse:
    """The confirmation page of voiding (or ``restoring``) a ``Voidable`` record, saying in
    ``consequence`` what it does; sent with a reason, it runs ``change`` and says ``done``."""
    form = VoidForm(request.POST or None)
    if submit(request, form, change, lambda saved: done):
        return redirect(record)
    refusal = None
    if record.is_void != restoring:
        refusal = (
            "This record is not void; there is nothing to restore." if restoring else "This record is already void."
        )
    context = {
        "form": form,
        "refusal": refusal,
        "title": title,
        "consequence": consequence,
        "button": "Restore" if restoring else "Void",
        "back": record.get_absolute_url(),
        "keep": "Leave it as it is",
    }
    return render(request, "core/confirm.html", context)


def void_or_restore_page(
    request: HttpRequest, record: Any, verb: Callable[..., Any], *, restoring: bool, where: str
) -> HttpResponse:
    """``confirm_void`` for a record named by its ``reference`` whose verb takes ``by`` and a reason:
    the page says that voiding takes it out of ``where`` (and restoring brings it back)."""
    return confirm_void(
        request,
        record,
        lambda data: verb(record, by=request.user, **data),
        title=f"{'Restore' if restoring else 'Void'} {record.reference}",
        consequence=f"It comes back into {where}."
        if restoring
        else f"Void it as entered by mistake, a duplicate say. It leaves {where} for everyone; its history is "
        "kept, and the secretariat still sees it, marked void, and can restore it.",
        done=f"{record.reference} is {'restored' if restoring else 'void'}.",
        restoring=restoring,
    )
