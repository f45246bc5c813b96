"""The search page: one box over everything, the results the reader may see, with snippets, the
page of the paper a hit is on, filters, facet counts by kind, sorting and paging; and the pages of
a person's saved searches (list, save, change, delete, a new feed link)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe

from panelbook.core.access import SignedInRequest, submit
from panelbook.governance.models import Body
from panelbook.search import engine as engines
from panelbook.search import saved, services
from panelbook.search.forms import SavedSearchForm, SearchForm
from panelbook.search.models import SavedSearch
from panelbook.search.saved import kind_labels


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "save_link": _save_link(request)}
    if form.is_bound and form.is_valid() and _asked(form.cleaned_data):
        data = form.cleaned_data
        asked = engines.Search(
            words=data["q"] or "",
            kind=data["kind"] or "",
            body=data["body"].pk if data["body"] else None,
            level=data["level"] or "",
            since=data["since"],
            until=data["until"],
            by_date=data["sort"] == "date",
            page=data["page"] or 1,
        )
        results = engines.engine().search(asked, engines.reader_for(request.user))
        context.update(_results(request, asked, results))
    return render(request, "search/results.html", context)


def _asked(data: dict[str, Any]) -> bool:
    return any(data.get(name) for name in ("q", "kind", "body", "level", "since", "until"))


def _results(request: HttpRequest, asked: engines.Search, results: engines.Results) -> dict[str, Any]:
    labels = kind_labels()
    bodies = {body.pk: body for body in Body.objects.all()}
    pages = max((results.total + engines.PAGE_SIZE - 1) // engines.PAGE_SIZE, 1)
    if results.at_least:  # the count stopped at the engine's cap: a full page may have another after it
        pages = max(pages, asked.page + 1) if len(results.hits) == engines.PAGE_SIZE else asked.page
    hits = [
        {
            "hit": hit,
            "label": labels.get(hit.kind, hit.kind),
            "body": bodies.get(hit.body) if hit.body is not None else None,
            "snippet": mark_safe(hit.snippet),  # noqa: S308  # the engines escape the text and add only <b>
        }
        for hit in results.hits
    ]
    facets = [
        (labels.get(kind, kind), count, _link(request, kind=kind, page=None), kind == asked.kind)
        for kind, count in sorted(results.kinds.items(), key=lambda item: -item[1])
    ]
    return {
        "results": results,
        "hits": hits,
        "facets": facets,
        "any_kind": _link(request, kind=None, page=None),
        "page": asked.page,
        "pages": pages,
        "previous": _link(request, page=asked.page - 1) if asked.page > 1 else "",
        "next": _link(request, page=asked.page + 1) if asked.page < pages else "",
    }


def _link(request: HttpRequest, **changes: Any) -> str:
    query = {key: value for key, value in request.GET.items() if value}
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = str(value)
    return "?" + urlencode(query)


def _save_link(request: HttpRequest) -> str:
    """The "Save this search" link of a results page: the saving form, filled in with its search."""
    if not request.user.is_authenticated:
        return ""
    query = {key: value for key, value in request.GET.items() if value and key != "page"}
    return f"{reverse('search:saved_new')}?{urlencode(query)}"


# Saved searches: only their owner lists, runs, edits or deletes them (``of(user)``; anyone else
# gets the same 404 as for a search that does not exist).


@login_required
def saved_list(request: SignedInRequest) -> HttpResponse:
    labels = kind_labels()
    rows = [
        {
            "saved": each,
            "described": saved.described(each, labels),
            "run": saved.run_url(each),
            "feed": request.build_absolute_uri(saved.feed_url(each)),
        }
        for each in SavedSearch.objects.of(request.user).select_related("body")
    ]
    return render(request, "search/saved_list.html", {"rows": rows})


@login_required
def saved_new(request: SignedInRequest) -> HttpResponse:
    asked = SearchForm(request.GET)
    initial = {**asked.cleaned_data, "name": asked.cleaned_data.get("q", "")} if asked.is_valid() else {}
    form = SavedSearchForm(request.POST or None, initial=initial)
    made = submit(
        request,
        form,
        lambda data: services.save_search(by=request.user, **_saved_fields(data)),
        lambda made: f"Your search “{made.name}” is saved; its feed link is below.",
    )
    if made is not None:
        return redirect("search:saved_list")
    context = {"form": form, "title": "Save this search", "button": "Save the search", "new": True}
    return render(request, "search/saved_form.html", context)


@login_required
def saved_edit(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(SavedSearch.objects.of(request.user), pk=pk)
    initial = {name: getattr(found, name) for name in ("name", "frequency", *saved.PARAMETERS)}
    form = SavedSearchForm(request.POST or None, initial=initial)
    changed = submit(
        request,
        form,
        lambda data: services.change_saved_search(found, by=request.user, **_saved_fields(data)),
        lambda changed: f"Your search “{changed.name}” is saved.",
    )
    if changed is not None:
        return redirect("search:saved_list")
    context = {"form": form, "title": f"Change “{found.name}”", "button": "Save the changes", "new": False}
    return render(request, "search/saved_form.html", context)


@login_required
def saved_delete(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(SavedSearch.objects.of(request.user), pk=pk)
    return _confirm(
        request,
        lambda: services.delete_saved_search(found, by=request.user),
        title=f"Delete “{found.name}”",
        consequence="It leaves your list, its feed link stops working and it is e-mailed to you no more. "
        "The records it found are not touched.",
        button="Delete the search",
        done=f"Your search “{found.name}” is deleted.",
    )


@login_required
def saved_feed_link(request: SignedInRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(SavedSearch.objects.of(request.user), pk=pk)
    return _confirm(
        request,
        lambda: services.new_feed_link(found, by=request.user),
        title=f"New feed link for “{found.name}”",
        consequence="The search gets a new secret feed link and the old one stops working at once, wherever it "
        "was copied to: give your feed reader the new link from your list of saved searches.",
        button="Make a new link",
        done=f"“{found.name}” has a new feed link; the old one no longer works.",
    )


def _confirm(
    request: HttpRequest, change: Any, *, title: str, consequence: str, button: str, done: str
) -> HttpResponse:
    """A confirmation page saying what ``change`` will do; sent, it runs it and says ``done``."""
    form = forms.Form(request.POST if request.method == "POST" else None)  # a form without fields
    if submit(request, form, lambda data: change(), lambda changed: done) is not None:
        return redirect("search:saved_list")
    back = reverse("search:saved_list")
    context = {"form": form, "title": title, "consequence": consequence, "button": button, "back": back}
    return render(request, "core/confirm.html", {**context, "keep": "Keep it as it is"})


def _saved_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {"name": data["name"], "frequency": data["frequency"], **saved.parameters_of(data)}
