"""Issuing any generated paper for an audience, and publishing a meeting's generated papers in one step.

Both are the secretariat's; what a paper holds is read through the gate for the person issuing
it and capped at the audience's level, and the agenda items offered are those they may see.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from panelbook.core.access import get_visible_or_404, secretariat_required, submit
from panelbook.core.classification import Classification
from panelbook.governance.models import Meeting
from panelbook.papers import issuable, services
from panelbook.papers.forms import IssueAnyForm, PublishForm
from panelbook.papers.models import IssuedPaper


def _asked_level(request: HttpRequest) -> str:
    level = request.POST.get("level") or request.GET.get("level") or Classification.WHITE
    if level not in Classification.values:
        raise Http404(f"There is no classification {level!r}: use WHITE, GREEN, AMBER or RED.")
    return level


@secretariat_required
def issue_any(request: HttpRequest, kind: str) -> HttpResponse:
    spec = issuable.issuable(kind)
    level = _asked_level(request)
    form = IssueAnyForm(request.POST or None, initial={"level": level}, user=request.user, kind=kind, query=request.GET)
    form.initial["item"] = issuable.default_item(form.items, kind)

    def issue(data: dict) -> IssuedPaper:
        document = issuable.build(kind, request.user, data["level"], request.GET)
        return services.issue_paper(
            document, data["item"], by=request.user, kind=kind, recipients=data["recipients"], note=data["note"]
        )

    done = submit(
        request,
        form,
        issue,
        lambda i: f"Issued {i.pdf.original_name} as version {i.pdf.version} of {i.paper.reference} ({i.level}).",
    )
    if done is not None:
        return redirect(done.paper.get_absolute_url())
    item = form.initial.get("item")
    target = services.target_for(item, level, request.user).describe(item, level) if item else ""
    context = {"spec": spec, "form": form, "target": target, "level": level}
    return render(request, "papers/issue.html", context)


@secretariat_required
def publish_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_visible_or_404(request, Meeting, "body", pk=pk)
    found = services.publishable(meeting, request.user)
    labels = {
        kind: issuable.ISSUABLE[kind].label if kind in issuable.ISSUABLE else "SEC Panel Sub-Committee Report"
        for _, kind in found
    }
    proposals = [(f"item_{item.pk}", f"Item {item.number}, {item.title}: the {labels[kind]}") for item, kind in found]
    form = PublishForm(request.POST or None, proposals=proposals)
    issued_now: list[IssuedPaper] = []

    def publish(data: dict) -> IssuedPaper:
        chosen = [(item, kind) for item, kind in found if data[f"item_{item.pk}"]]
        issued_now.extend(services.publish_meeting_papers(meeting, chosen, by=request.user))
        return issued_now[0]

    said = "Published at WHITE, each as a new version on its agenda item: "
    done = submit(request, form, publish, lambda _: said + "; ".join(i.paper.reference for i in issued_now) + ".")
    if done is not None:
        return redirect(meeting.get_absolute_url())
    issued = IssuedPaper.objects.visible_to(request.user).filter(paper__meeting=meeting).select_related("paper", "pdf")
    return render(request, "papers/publish.html", {"meeting": meeting, "form": form, "issued": issued})
