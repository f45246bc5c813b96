"""A meeting's pack: the page saying what it holds, its build button, how far a build has got
(JSON, polled by ``static/papers/pack-progress.js``) and the download.

Each view loads the meeting through the gate (404 when hidden, as if missing) and works out the
pack for the person asking, or the public pack with ``?reader=public``, so a reader only ever
names the file of what they may see.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET, require_POST

from panelbook.core.access import get_visible_or_404
from panelbook.governance.models import Meeting
from panelbook.papers import pack_cache
from panelbook.papers.packs import Pack, reader_pack

PUBLIC = "public"


class ReaderForm(forms.Form):
    """Whose pack: the person asking (left out), or the public's."""

    reader = forms.ChoiceField(choices=[("", "You"), (PUBLIC, "The public")], required=False)


def _pack_for(request: HttpRequest, pk: int) -> tuple[Meeting, Pack]:
    meeting = get_visible_or_404(request, Meeting, "body", pk=pk)
    form = ReaderForm(request.GET)
    if not form.is_valid():
        raise Http404("There is no such reader: leave ?reader= out for your own pack, or give ?reader=public.")
    return meeting, reader_pack(meeting, request.user, public=form.cleaned_data["reader"] == PUBLIC)


def _query(pack: Pack, request: HttpRequest) -> str:
    return f"?reader={PUBLIC}" if pack.public and request.user.is_authenticated else ""


def _private(response: HttpResponseBase) -> HttpResponseBase:
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_GET
def pack_page(request: HttpRequest, pk: int) -> HttpResponseBase:
    meeting, pack = _pack_for(request, pk)
    query = _query(pack, request)
    context = {
        "meeting": meeting,
        "pack": pack,
        "status": pack_cache.status_of(pack),
        "query": query,
        "status_url": reverse("papers:pack_status", args=[pk]) + query,
    }
    return _private(render(request, "papers/pack.html", context))


@require_POST
def pack_build(request: HttpRequest, pk: int) -> HttpResponse:
    _, pack = _pack_for(request, pk)
    pack_cache.start(pack)
    return redirect(reverse("papers:pack", args=[pk]) + _query(pack, request))


@require_GET
def pack_status(request: HttpRequest, pk: int) -> HttpResponseBase:
    _, pack = _pack_for(request, pk)
    status = pack_cache.status_of(pack)
    download = reverse("papers:pack_pdf", args=[pk]) + _query(pack, request)
    answer = {
        "state": status.state.value,
        "done": status.done,
        "total": status.total,
        "percent": status.percent,
        "step": status.step,
        "message": status.message,
        "download": download if status.state == pack_cache.State.READY else None,
    }
    return _private(JsonResponse(answer))


@require_GET
def pack_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    _, pack = _pack_for(request, pk)
    handle = pack_cache.open_built(pack)
    if handle is None:
        messages.info(
            request, "This pack has not been built yet, or a paper changed since: build it, then download it."
        )
        return redirect(reverse("papers:pack", args=[pk]) + _query(pack, request))
    name = f"{pack.meeting_title} {'public pack' if pack.public else 'pack'}.pdf"
    response = FileResponse(handle, as_attachment=True, filename=name, content_type="application/pdf")
    return _private(response)
