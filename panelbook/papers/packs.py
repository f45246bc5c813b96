"""What one reader's meeting pack holds: the agenda in order, each item's papers and appendices
with their latest files, each included or withheld with its classification.

    pack = reader_pack(meeting, reader)    # read through the gate, for that reader
    pack.key                               # names the built file: same view, same file

Every record is read through ``visible_to(reader)``. Records the reader may not see are read only
for their number, label and level, so a withheld line says "Paper withheld: classified AMBER"
and never a title. The pack is plain data (no Django objects), so ``pack_pdf`` can lay it out
away from the request, in another thread, without touching the database.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils import dateformat, timezone

from panelbook.core.classification import Classification
from panelbook.governance.models import AgendaItem, Appendix, Meeting, Paper, PaperFile, Purpose

# Bumped when the layout changes, so packs built by an earlier layout are built again.
LAYOUT_VERSION = 1
CONVERTIBLE = {"docx": "Word document", "odt": "OpenDocument text", "pptx": "PowerPoint presentation"}
NOT_PLACEABLE = {
    "xlsx": "Excel workbook",
    "ods": "OpenDocument spreadsheet",
    "csv": "CSV file",
    "txt": "text file",
    "md": "text file",
}


class Placing(StrEnum):
    PDF = "pdf"  # placed in the pack as it is
    CONVERT = "convert"  # converted to PDF with LibreOffice, then placed
    LINK = "link"  # cannot be placed: listed with a link to the file


@dataclass(frozen=True)
class Document:
    """The latest file of a paper or an appendix, and how it goes into the pack."""

    file_id: int
    name: str
    version: int
    sha256: str
    path: str
    url: str  # the download's address on the site
    kind: str  # "PDF", "Word document" …
    placing: Placing

    is_withheld = False

    @property
    def why_not_placed(self) -> str:
        """Why a file listed with a link is not in the pack itself."""
        if self.kind in CONVERTIBLE.values():
            return f"a {self.kind} cannot be converted to PDF here"
        return f"a {self.kind} is not a document that can be placed in a pack"


@dataclass(frozen=True)
class Withheld:
    """A record the reader may not see: what it is and its classification, nothing more."""

    what: str  # "Paper", "Appendix A", "Item 5 (a confidential item)"
    level: str

    is_withheld = True

    @property
    def line(self) -> str:
        return f"{self.what} withheld: classified {self.level}"


@dataclass(frozen=True)
class PackAppendix:
    label: str
    title: str
    level: str
    document: Document | None

    is_withheld = False

    @property
    def heading(self) -> str:
        return f"{self.label}: {self.title}"


@dataclass(frozen=True)
class PackPaper:
    reference: str
    title: str
    level: str
    url: str
    document: Document | None
    appendices: tuple[PackAppendix | Withheld, ...]

    is_withheld = False

    @property
    def heading(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def parts(self) -> list[PackPaper | PackAppendix]:
        """The paper and the appendices the reader may see, each with its own document."""
        return [self, *(a for a in self.appendices if isinstance(a, PackAppendix))]


@dataclass(frozen=True)
class PackItem:
    number: int
    title: str
    purpose: str
    presenter: str
    level: str
    papers: tuple[PackPaper | Withheld, ...]

    is_withheld = False

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"


@dataclass(frozen=True)
class Pack:
    meeting_id: int
    meeting_title: str
    body: str
    when: str
    where: str
    public: bool
    items: tuple[PackItem | Withheld, ...]
    other_papers: tuple[PackPaper | Withheld, ...]
    converter: str  # the LibreOffice program that converts Word and PowerPoint, or ""
    site: str  # the site's address, for the links printed in the PDF (which outlives any request)

    @property
    def papers(self) -> Iterator[PackPaper | Withheld]:
        """Every paper line in pack order: each item's, then those tied to no item."""
        for item in self.items:
            if isinstance(item, PackItem):
                yield from item.papers
        yield from self.other_papers

    @property
    def documents(self) -> list[Document]:
        """The files to place in the pack (as they are or converted), in pack order."""
        return [document for document in self._documents if document.placing != Placing.LINK]

    @property
    def withheld(self) -> list[Withheld]:
        lines = [item for item in self.items if isinstance(item, Withheld)]
        for paper in self.papers:
            lines += (
                [paper] if isinstance(paper, Withheld) else [a for a in paper.appendices if isinstance(a, Withheld)]
            )
        return lines

    @property
    def linked(self) -> list[Document]:
        """The files listed with a link because they cannot be placed in the pack."""
        return [document for document in self._documents if document.placing == Placing.LINK]

    @property
    def _documents(self) -> list[Document]:
        papers = [paper for paper in self.papers if isinstance(paper, PackPaper)]
        return [part.document for paper in papers for part in paper.parts if part.document]

    @property
    def level(self) -> str:
        """The pack's classification: the most restricted record it holds."""
        levels = [item.level for item in self.items if isinstance(item, PackItem)]
        for paper in self.papers:
            if isinstance(paper, PackPaper):
                levels += [part.level for part in paper.parts]
        return Classification.highest(levels)

    @property
    def key(self) -> str:
        """What names the built file: a digest of everything the pack shows (every title, number,
        file and its checksum, every withheld line), so readers who see the same share one file
        and any change to what they see (a new version, a retitled paper) makes a new one."""
        held = json.dumps([LAYOUT_VERSION, dataclasses.asdict(self)], sort_keys=True, default=str)
        return hashlib.sha256(held.encode()).hexdigest()[:32]


def reader_pack(meeting: Meeting, reader: Any, *, public: bool = False) -> Pack:
    """The pack of ``meeting`` as ``reader`` may read it; ``public`` makes the public pack (what
    anyone may read) whoever asks. The meeting itself must already be visible to the reader."""
    reader = AnonymousUser() if public else reader
    items = AgendaItem.objects.filter(meeting=meeting, is_withdrawn=False)
    visible_items = items.visible_to(reader).select_related("presenter__organisation", "presenter_organisation")
    papers = Paper.objects.filter(meeting=meeting, status=Paper.Status.CURRENT)
    visible_papers = list(papers.visible_to(reader).order_by("reference"))
    visible_ids = {paper.pk for paper in visible_papers}
    hidden_papers = list(
        papers.exclude(pk__in=visible_ids).order_by("reference").values("agenda_item", "classification")
    )
    appendices = _appendices_by_paper(visible_papers, reader)
    documents = _latest_documents(visible_papers, reader, office_converter())

    def lines_for(item_id: int | None) -> tuple[PackPaper | Withheld, ...]:
        shown = [
            _pack_paper(paper, appendices.get(paper.pk, []), documents)
            for paper in visible_papers
            if paper.agenda_item_id == item_id
        ]
        withheld = [Withheld("Paper", row["classification"]) for row in hidden_papers if row["agenda_item"] == item_id]
        return (*shown, *withheld)

    shown_items = {item.pk: item for item in visible_items}
    agenda: list[PackItem | Withheld] = []
    for item_id, number, level in items.order_by("position", "number").values_list("pk", "number", "classification"):
        item = shown_items.get(item_id)
        if item is None:
            agenda.append(Withheld(f"Item {number} (a confidential item)", level))
        else:
            agenda.append(_pack_item(item, lines_for(item.pk)))
    return Pack(
        meeting_id=meeting.pk,
        meeting_title=meeting.title,
        body=meeting.body.name,
        when=_when(meeting),
        where=meeting.where or "To be confirmed",
        public=not reader.is_authenticated,
        items=tuple(agenda),
        other_papers=lines_for(None),
        converter=office_converter(),
        site=settings.PANELBOOK_BASE_URL,
    )


def office_converter() -> str:
    """The LibreOffice program that converts Word and PowerPoint papers, or "" when there is none."""
    configured = settings.OFFICE_CONVERTER
    if configured.lower() == "none":
        return ""
    if configured:
        return shutil.which(configured) or ""
    return shutil.which("soffice") or shutil.which("libreoffice") or ""


def _when(meeting: Meeting) -> str:
    starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    return f"{dateformat.format(starts, 'l j F Y, H:i')}–{dateformat.format(ends, 'H:i')}"


def _pack_item(item: AgendaItem, papers: tuple[PackPaper | Withheld, ...]) -> PackItem:
    return PackItem(
        number=item.number,
        title=item.title,
        purpose=Purpose(item.purpose).label,
        presenter=item.presenter_label,
        level=item.classification,
        papers=papers,
    )


def _pack_paper(paper: Paper, appendices: list[Appendix | Withheld], documents: dict) -> PackPaper:
    return PackPaper(
        reference=paper.reference,
        title=paper.title,
        level=paper.classification,
        url=paper.get_absolute_url(),
        document=documents.get((paper.pk, None)),
        appendices=tuple(
            a
            if isinstance(a, Withheld)
            else PackAppendix(a.label, a.title, a.classification, documents.get((paper.pk, a.pk)))
            for a in appendices
        ),
    )


def _appendices_by_paper(papers: list[Paper], reader: Any) -> dict[int, list[Appendix | Withheld]]:
    """Each paper's appendices by label: those the reader may see, and the rest as withheld lines."""
    everything = Appendix.objects.filter(paper__in=papers).order_by("paper", "label")
    visible = {appendix.pk: appendix for appendix in everything.visible_to(reader)}
    found: dict[int, list[Appendix | Withheld]] = {}
    for pk, paper_id, label, level in everything.values_list("pk", "paper", "label", "classification"):
        found.setdefault(paper_id, []).append(visible.get(pk) or Withheld(label, level))
    return found


def _latest_documents(papers: list[Paper], reader: Any, converter: str) -> dict[tuple[int, int | None], Document]:
    """The latest version of each paper's and each visible appendix's file, by (paper, appendix)."""
    files: QuerySet[PaperFile] = PaperFile.objects.visible_to(reader).filter(paper__in=papers)
    latest: dict[tuple[int, int | None], Document] = {}
    for paper_file in files.order_by("paper", "appendix", "-version"):
        latest.setdefault((paper_file.paper_id, paper_file.appendix_id), _document(paper_file, converter))
    return latest


def _document(paper_file: PaperFile, converter: str) -> Document:
    extension = PurePath(paper_file.original_name).suffix.lower().lstrip(".")
    if extension == "pdf":
        kind, placing = "PDF", Placing.PDF
    elif extension in CONVERTIBLE:
        kind, placing = CONVERTIBLE[extension], Placing.CONVERT if converter else Placing.LINK
    else:
        kind, placing = NOT_PLACEABLE.get(extension, f".{extension} file"), Placing.LINK
    return Document(
        file_id=paper_file.pk,
        name=paper_file.original_name,
        version=paper_file.version,
        sha256=paper_file.sha256,
        path=paper_file.file.path,
        url=paper_file.get_absolute_url(),
        kind=kind,
        placing=placing,
    )
