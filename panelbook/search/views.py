"""The search page: one box over everything, the results the reader may see, with snippets, the
page of the paper a hit is on, filters, facet counts by kind, sorting and paging."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from panelbook.core.classification import Classification
from panelbook.governance.models import Body
from panelbook.search import engine as engines
from panelbook.search.entries import searchable


def kind_labels() -> dict[str, str]:
    return {each.model._meta.label_lower: str(each.plural).capitalize() for each in searchable()}


class SearchForm(forms.Form):
    q = forms.CharField(label="Search for", required=False, max_length=300)
    kind = forms.ChoiceField(label="Kind of record", required=False)
    body = forms.ModelChoiceField(
        label="Body", required=False, queryset=Body.objects.order_by("display_order"), empty_label="Any"
    )
    level = forms.ChoiceField(label="Classification", required=False, choices=[("", "Any"), *Classification.choices])
    since = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sort = forms.ChoiceField(
        label="Sort by", required=False, choices=[("", "Relevance"), ("date", "Date, newest first")]
    )
    page = forms.IntegerField(required=False, min_value=1, max_value=500, widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels = sorted(kind_labels().items(), key=lambda item: item[1])
        self.fields["kind"].choices = [("", "Any"), *labels]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "The end of the range is before its start.")
        return data


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    context: dict[str, Any] = {"form": form}
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
