"""Pages of topic threads: the list, a thread's timeline with its chart, and the secretariat's
confirmation pages (merge, split, rename, link, remove an item, void, restore). Every read goes
through the gate of the items; a thread the reader may not see answers 404 as a missing one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from panelbook.core.access import SignedInRequest, secretariat_required, submit
from panelbook.core.classification import is_secretariat
from panelbook.core.lists import matching, page_of, without_page
from panelbook.governance.models import Body
from panelbook.modifications import charts as modification_charts
from panelbook.threads import forms, reports, services
from panelbook.threads.models import Thread, ThreadItem


def thread_list(request: HttpRequest) -> HttpResponse:
    form = forms.ThreadFilterForm(request.GET)
    page = page_of(request, matching(request, reports.threads_for(request.user), form))
    context = {
        "form": form,
        "page": page,
        "summaries": reports.summaries(page, request.user),
        "bodies": Body.objects.filter(is_active=True),
        "query_string": without_page(request.GET),
    }
    return render(request, "threads/thread_list.html", context)


def _thread(request: HttpRequest, pk: int) -> Thread:
    rows = Thread.objects.visible_to(request.user).kept_for(request.user).select_related("measure__provider")
    return get_object_or_404(rows, pk=pk)


def thread_detail(request: HttpRequest, pk: int) -> HttpResponse:
    thread = _thread(request, pk)
    modification = reports.modification_of(thread, request.user)
    context = {
        "thread": thread,
        "summary": reports.summary(thread, request.user),
        "modification": modification,
        "modification_chart": reports.modification_chart(modification) if modification else None,
        "modification_caption": modification_charts.CAPTION,
        "measure_charts": reports.measure_charts(thread, request.user),
        "is_secretariat": is_secretariat(request.user),
    }
    return render(request, "threads/thread_detail.html", context)


def _confirm(
    request: SignedInRequest,
    thread: Thread,
    form: django_forms.Form,
    run: Callable[[dict], Any],
    *,
    title: str,
    consequence: str,
    done: str,
    button: str,
) -> HttpResponse:
    """A verb's confirmation page: what it will do, the form with the reason, and on sending, the verb."""
    result = submit(request, form, run, lambda _: done)
    if result is not None:
        return redirect(result if isinstance(result, Thread) else thread)
    named = reports.summary(thread, request.user).title
    context = {
        "title": f"{title}: {named}",
        "consequence": consequence,
        "form": form,
        "button": button,
        "back": thread.get_absolute_url(),
    }
    return render(request, "threads/confirm.html", context)


@secretariat_required
def thread_merge(request: SignedInRequest, pk: int) -> HttpResponse:
    thread = _thread(request, pk)
    return _confirm(
        request,
        thread,
        forms.MergeForm(request.POST or None, user=request.user, thread=thread),
        lambda data: services.merge_threads(thread, data["other"], by=request.user, reason=data["reason"]),
        title="Merge a thread into",
        consequence="Every item of the thread you choose moves into this one, and that thread is voided as merged "
        "into this one. Each move is kept in the items' history; split items off again to undo it.",
        done="The threads are merged.",
        button="Merge",
    )


@secretariat_required
def thread_split(request: SignedInRequest, pk: int) -> HttpResponse:
    thread = _thread(request, pk)
    return _confirm(
        request,
        thread,
        forms.SplitForm(request.POST or None, user=request.user, thread=thread),
        lambda data: services.split_thread(thread, list(data["items"]), by=request.user, **_but(data, "items")),
        title="Split items off",
        consequence="The items you tick leave this thread and become a new thread of their own; the proposals "
        "never move them back. Merge the threads to undo it.",
        done="The items are split off into a thread of their own.",
        button="Split off",
    )


def _but(data: dict, *names: str) -> dict:
    return {key: value for key, value in data.items() if key not in names}


@secretariat_required
def thread_rename(request: SignedInRequest, pk: int) -> HttpResponse:
    thread = _thread(request, pk)
    named = ThreadItem.objects.filter(thread=thread, agenda_item_id=thread.named_after_id).first()
    initial = {"title": reports.summary(thread, request.user).title}
    form = forms.RenameForm(request.POST or None, user=request.user, thread=thread, initial=initial)

    def rename(data: dict) -> Thread:
        chosen = data["named_after"] or named
        return services.rename_thread(
            thread,
            by=request.user,
            title=data["title"],
            reason=data["reason"],
            named_after=chosen.agenda_item if chosen else None,
        )

    return _confirm(
        request,
        thread,
        form,
        rename,
        title="Rename",
        consequence="The new title is shown to everyone who may read the item it is named after; others read "
        "the heading of an item they may see. The earlier title stays in the thread's history.",
        done="The thread is renamed.",
        button="Rename",
    )


@secretariat_required
def thread_link(request: SignedInRequest, pk: int) -> HttpResponse:
    thread = _thread(request, pk)
    initial = {"modification": thread.modification_id, "measure": thread.measure_id}
    return _confirm(
        request,
        thread,
        forms.LinkForm(request.POST or None, user=request.user, initial=initial),
        lambda data: services.link_thread(thread, by=request.user, **data),
        title="Say what it concerns",
        consequence="The thread's page shows the chart of the measure or the timetable of the modification, to "
        "those who may see them. Leave both empty for a thread about neither.",
        done="The thread's subject is recorded.",
        button="Save",
    )


@secretariat_required
def item_remove(request: SignedInRequest, pk: int) -> HttpResponse:
    placed = get_object_or_404(
        ThreadItem.objects.visible_to(request.user).in_force().select_related("agenda_item__meeting", "thread"), pk=pk
    )
    thread = _thread(request, placed.thread_id)
    item = placed.agenda_item
    return _confirm(
        request,
        thread,
        forms.ReasonForm(request.POST or None),
        lambda data: services.remove_item(placed, by=request.user, **data) and thread,
        title="Remove an item from",
        consequence=f"Item {item.number} of {item.meeting}, “{item.title}”, leaves the thread. It is kept as "
        "removed, and the proposals never place it in a thread again.",
        done="The item is removed from the thread.",
        button="Remove",
    )


@secretariat_required
def thread_void(request: SignedInRequest, pk: int) -> HttpResponse:
    thread = _thread(request, pk)
    return _confirm(
        request,
        thread,
        forms.ReasonForm(request.POST or None),
        lambda data: services.void_thread(thread, by=request.user, **data),
        title="Void",
        consequence="Void a thread that groups items of no one topic. It leaves the list, the API and the "
        "meeting pages for everyone; the secretariat still sees it, marked void, and can restore it.",
        done="The thread is void.",
        button="Void",
    )


@secretariat_required
def thread_restore(request: SignedInRequest, pk: int) -> HttpResponse:
    thread = _thread(request, pk)
    return _confirm(
        request,
        thread,
        forms.ReasonForm(request.POST or None),
        lambda data: services.restore_thread(thread, by=request.user, **data),
        title="Restore",
        consequence="It comes back into the list, the API and the meeting pages.",
        done="The thread is restored.",
        button="Restore",
    )
