"""The papers' verbs: keep the Sub-Committee Report's draft, and issue any generated paper.

Issuing freezes a generated paper for one audience level: its PDF becomes a version of the paper
on the agenda item at that level (a paper of the item at the level, else an appendix at the level
on a less restricted paper of the item, else a new paper), and its Word file is kept beside it in
``IssuedPaper``. The stored files are what was issued; later changes to the records do not touch them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.utils import timezone

from panelbook.core.classification import Classification
from panelbook.core.concurrency import check_revision
from panelbook.core.models import User
from panelbook.core.services import ServiceError, acting_user, apply_changes, save_with_history, verb
from panelbook.governance import services as governance
from panelbook.governance.models import AgendaItem, Appendix, Meeting, Paper
from panelbook.papers import issuable, render, subcommittee
from panelbook.papers.document import Paper as Document
from panelbook.papers.models import ClassificationBanner, IssuedPaper, ReportDraft
from panelbook.papers.subcommittee import APPENDIX_LABEL, APPENDIX_TITLE, TITLE, draft_for, subcommittee_report
from panelbook.papers.subcommittee_document import appendix_paper, subcommittee_paper

DRAFT_FIELDS = ("since", "highlights", "flagged", "omitted", "texts", "recommendations", "author", "team")


@verb
def save_draft(meeting: Meeting, *, by: Any, if_revision: int | None = None, **changes: Any) -> ReportDraft:
    """Change the draft of a Panel meeting's Sub-Committee Report (made on its first change)."""
    draft = ReportDraft.objects.select_for_update().filter(meeting=meeting).first()
    if draft is None:
        draft = save_with_history(draft_for(meeting, by), by=by, reason="Draft begun")
    check_revision(draft, if_revision, DRAFT_FIELDS)
    changed = apply_changes(draft, changes, DRAFT_FIELDS)
    return save_with_history(draft, by=by, reason="Changed " + ", ".join(changed) if changed else "Saved")


def edit_item(
    meeting: Meeting,
    item_key: int,
    *,
    by: Any,
    text: str,
    flagged: bool,
    omitted: bool,
    if_revision: int | None = None,
) -> ReportDraft:
    """Write (or, with empty text, take back) the secretariat's own text for one item, and flag it
    for the Panel or leave it out."""
    draft = draft_for(meeting, by)
    texts = {key: said for key, said in draft.texts.items() if key != str(item_key)}
    if text.strip():
        texts[str(item_key)] = text.strip()
    return save_draft(
        meeting,
        by=by,
        if_revision=if_revision,
        texts=texts,
        flagged=_toggled(draft.flagged, item_key, flagged),
        omitted=_toggled(draft.omitted, item_key, omitted),
    )


def _toggled(keys: list[int], key: int, wanted: bool) -> list[int]:
    kept = [k for k in keys if k != key]
    return [*kept, key] if wanted else kept


@dataclass(frozen=True)
class Target:
    """Where an issued file goes: a paper, or an appendix of one; ``new`` says what will be made."""

    paper: Paper | None
    appendix: Appendix | None
    new: str  # "" when both exist; else "paper" or "appendix"

    def describe(self, item: AgendaItem, level: str) -> str:
        if self.new == "paper":
            return f"a new {level} paper on item {item.number} “{item.title}”, as its version 1"
        where = f"{self.paper.reference}" if self.paper else ""
        if self.new == "appendix":
            return f"a new {level} appendix “{level.title()} version” of {where}, as its version 1"
        if self.appendix is not None:
            return f"the next version of {self.appendix.label} of {where} ({level})"
        return f"the next version of {where} ({level})"


def target_for(item: AgendaItem, level: str, by: Any) -> Target:
    """Where a file issued at ``level`` for ``item`` goes, among the item's papers ``by`` may see."""
    papers = Paper.objects.visible_to(by).filter(agenda_item=item, status=Paper.Status.CURRENT).order_by("pk")
    same = papers.filter(classification=level).first()
    if same is not None:
        return Target(same, None, "")
    lower = papers.filter(classification__in=Classification.up_to(level)).first()
    if lower is not None:
        label = f"{level.title()} version"
        appendix = Appendix.objects.visible_to(by).filter(paper=lower, label=label, classification=level).first()
        return Target(lower, appendix, "" if appendix else "appendix")
    return Target(None, None, "paper")


def _reference(item: AgendaItem, level: str) -> str:
    reference = Paper.reference_for(item)
    return reference if not Paper.objects.filter(reference=reference).exists() else f"{reference}_{level}"


@verb
def issue_paper(
    document: Document,
    item: AgendaItem,
    *,
    by: Any,
    kind: str,
    recipients: Iterable[User] = (),
    note: str = "",
) -> IssuedPaper:
    """Issue ``document`` (built at its audience level) for ``item``: store its PDF as a version
    and keep its Word file, so what was issued can always be shown again as it was."""
    level = document.classification
    target = target_for(item, level, by)
    named = list(recipients) if level == Classification.RED else None
    paper, appendix = target.paper, target.appendix
    if target.new == "paper":
        paper = governance.create_paper(
            by=by,
            agenda_item=item,
            reference=_reference(item, level),
            title=document.title,
            purpose=item.purpose,
            author="SECAS Team",
            paper_date=timezone.localdate(),
            classification=level,
            recipients=named,
        )
    assert paper is not None  # made above when there was none
    if target.new == "appendix":
        appendix = governance.add_appendix(
            paper, by=by, label=f"{level.title()} version", title=document.title, classification=level, recipients=named
        )
    return _store(document, paper, appendix, by=by, kind=kind, note=note)


def _store(
    document: Document, paper: Paper, appendix: Appendix | None, *, by: Any, kind: str, note: str
) -> IssuedPaper:
    level = document.classification
    said = note.strip() or f"Issued at {level} from panelbook"
    pdf = SimpleUploadedFile(document.filename("pdf"), render.pdf(document), content_type="application/pdf")
    version = governance.add_paper_version(paper, pdf, by=by, appendix=appendix, note=said[:300])
    issued = IssuedPaper(
        kind=kind, paper=paper, appendix=appendix, pdf=version, level=level, note=said[:300], issued_by=acting_user(by)
    )
    issued.word.save(document.filename("docx"), ContentFile(render.docx(document)), save=False)
    return save_with_history(issued, by=by, reason=f"Issued at {level}")


def _appendix_a(paper: Paper, by: Any, recipients: Iterable[User]) -> Appendix:
    """The paper's RED Appendix A that the issuer may see, made (named to them and ``recipients``)
    when the paper has none; one they may not see is refused by ``add_appendix`` by its label alone."""
    found = Appendix.objects.visible_to(by).filter(paper=paper, label=APPENDIX_LABEL).first()
    if found is None:
        return governance.add_appendix(
            paper,
            by=by,
            label=APPENDIX_LABEL,
            title=APPENDIX_TITLE,
            classification=Classification.RED,
            recipients=list(recipients),
        )
    if found.classification != Classification.RED:
        raise ServiceError(
            {
                "appendix": f"{paper.reference} already has an {APPENDIX_LABEL} at {found.classification}: the RED "
                "detail cannot be stored there. Rename that appendix first."
            }
        )
    return found


@verb
def issue_subcommittee_report(
    meeting: Meeting,
    *,
    by: Any,
    level: str = Classification.WHITE,
    with_appendix: bool = True,
    recipients: Iterable[User] = (),
    note: str = "",
) -> list[IssuedPaper]:
    """Issue the meeting's Sub-Committee Report at ``level`` as a version of the paper on its agenda
    item, and (when asked and there is one) its RED appendix as a version of Appendix A, named to
    ``recipients`` and the issuer."""
    report = subcommittee_report(meeting, by, level)
    if report.agenda_item is None:
        raise ServiceError(
            f"Meeting {meeting.number} has no “{TITLE}” item that you may see at {level} or below: add it to the "
            "agenda, or issue for an audience that may read it."
        )
    issued = [
        issue_paper(
            subcommittee_paper(report, ClassificationBanner.text_for(level)),
            report.agenda_item,
            by=by,
            kind="subcommittee-report",
            recipients=recipients,
            note=note,
        )
    ]
    if with_appendix and report.appendix_due:
        red = subcommittee.with_appendix(report, by)
        document = appendix_paper(red, ClassificationBanner.text_for(Classification.RED))
        appendix = _appendix_a(issued[0].paper, by, recipients)
        issued.append(_store(document, issued[0].paper, appendix, by=by, kind="subcommittee-appendix", note=note))
    return issued


# What a meeting's items are called when they take a generated paper: proposals the secretariat ticks.
PUBLISHED_BY_TITLE = (
    ("Actions Outstanding", "actions"),
    ("Sub-Committee Report", "subcommittee-report"),
    ("Change Status", "change-status"),
    ("Timetable", "timetables"),
    ("Forward Plan", "forward-plan"),
    ("Service Performance", "service"),
)


def publishable(meeting: Meeting, reader: Any) -> list[tuple[AgendaItem, str]]:
    """The meeting's items (that ``reader`` may see) whose title names a generated paper, with its kind."""
    items = AgendaItem.objects.visible_to(reader).filter(meeting=meeting, is_withdrawn=False).order_by("position")
    found = []
    for item in items:
        kinds = [kind for words, kind in PUBLISHED_BY_TITLE if words.lower() in item.title.lower()]
        if kinds:
            found.append((item, kinds[0]))
    return found


@verb
def publish_meeting_papers(meeting: Meeting, chosen: Iterable[tuple[AgendaItem, str]], *, by: Any) -> list[IssuedPaper]:
    """Issue each chosen generated paper of the meeting at WHITE, for publication, all or none."""
    chosen = list(chosen)
    if not chosen:
        raise ServiceError("Choose at least one paper to publish.")
    query = QueryDict(mutable=True)
    query.update({"meeting": str(meeting.pk), "body": meeting.body.code})
    issued = []
    for item, kind in chosen:
        if kind == "subcommittee-report":
            issued += issue_subcommittee_report(meeting, by=by, level=Classification.WHITE, with_appendix=False)
        else:
            document = issuable.build(kind, by, Classification.WHITE, query)
            issued.append(issue_paper(document, item, by=by, kind=kind, note="Published with the meeting's papers"))
    return issued
