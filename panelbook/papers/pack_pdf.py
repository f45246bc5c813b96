"""A meeting pack as one PDF: the front (cover, agenda, contents), typeset by typst from
``templates/papers/pack.typ``, then every document of the pack in agenda order, merged by pypdf
with one bookmark per agenda item and per paper.

    built = build(pack, progress)    # Built(pdf=bytes, left_out={file id: why})

Word and PowerPoint files are converted by LibreOffice (``pack.converter``) when it is there;
a file that cannot be placed (none there, a spreadsheet, a PDF that cannot be read) is listed on
the contents page with why and a link to it. Nothing here reads the database: the pack is plain
data, so a build can run in a thread of its own.
"""

from __future__ import annotations

import io
import json
import logging
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import typst
from pypdf import PdfReader, PdfWriter
from pypdf.generic import Destination

from panelbook.papers.document import LABEL_COLOURS, banner
from panelbook.papers.packs import Document, Pack, PackAppendix, PackItem, PackPaper, Placing, Withheld

log = logging.getLogger(__name__)

TEMPLATE = Path(__file__).parent / "templates" / "papers" / "pack.typ"
CONVERT_SECONDS = 180
OTHER_PAPERS = "Papers not tied to an agenda item"
CONTENTS_NOTE = (
    "Page numbers are those of this PDF file; each paper keeps its own numbering. "
    "A paper or appendix this pack does not hold is listed with its classification only."
)

# done, total, what is being done now
Progress = Callable[[int, int, str], None]


class NotPlaced(Exception):
    """A document could not be placed in the pack; the message says why, as a clause."""


@dataclass(frozen=True)
class Built:
    pdf: bytes
    left_out: dict[int, str]  # file id -> why it is not in the pack


def build(pack: Pack, progress: Progress | None = None) -> Built:
    """Read (or convert) each document, lay out the front, then merge them into one PDF."""
    say = progress or (lambda done, total, step: None)
    documents = pack.documents
    total = len(documents) + 2
    readers: dict[int, PdfReader] = {}
    left_out: dict[int, str] = {}
    # One LibreOffice profile for the build's conversions, which run one after another: setting
    # up a profile takes longer than converting a paper. Another build has its own.
    with tempfile.TemporaryDirectory(prefix="panelbook-pack-profile-") as profile:
        converter = Converter(pack.converter, Path(profile))
        for done, document in enumerate(documents):
            say(done, total, f"{'Converting' if document.placing == Placing.CONVERT else 'Reading'} {document.name}")
            try:
                readers[document.file_id] = read(document, converter)
            except NotPlaced as why:
                left_out[document.file_id] = str(why)
    say(len(documents), total, "Laying out the cover, the agenda and the contents")
    offsets = first_pages(documents, readers)
    front = PdfReader(io.BytesIO(front_matter(pack, offsets, left_out)))
    say(len(documents) + 1, total, "Putting the papers together")
    return Built(merge(pack, front, readers, offsets), left_out)


def read(document: Document, converter: Converter) -> PdfReader:
    """The document as a PDF ready to merge, or NotPlaced saying why it cannot be."""
    path = Path(document.path)
    try:
        data = converter.convert(path) if document.placing == Placing.CONVERT else path.read_bytes()
    except FileNotFoundError:
        raise NotPlaced("the stored file is missing") from None
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise NotPlaced("it is protected by a password")
        if not reader.pages:
            raise NotPlaced("it has no pages")
    except NotPlaced:
        raise
    except Exception:  # An uploaded file can be broken in any way pypdf may stumble over.
        log.warning("A pack could not read %s (file %s) as a PDF", document.name, document.file_id, exc_info=True)
        raise NotPlaced("it could not be read as a PDF") from None
    return reader


@dataclass(frozen=True)
class Converter:
    """LibreOffice (``program``), converting with the user profile in ``profile``."""

    program: str
    profile: Path

    def convert(self, source: Path) -> bytes:
        """A Word or PowerPoint file as PDF, converted in a folder of its own."""
        with tempfile.TemporaryDirectory(prefix="panelbook-pack-") as folder:
            copy = Path(folder) / f"document{source.suffix.lower()}"
            shutil.copyfile(source, copy)
            command = [self.program, f"-env:UserInstallation={self.profile.as_uri()}", "--headless"]
            try:
                subprocess.run(
                    [*command, "--convert-to", "pdf", "--outdir", folder, str(copy)],
                    capture_output=True,
                    timeout=CONVERT_SECONDS,
                )
            except subprocess.TimeoutExpired:
                raise NotPlaced(f"LibreOffice took longer than {CONVERT_SECONDS} seconds to convert it") from None
            converted = Path(folder) / "document.pdf"
            if not converted.exists():
                raise NotPlaced("LibreOffice could not convert it to PDF")
            return converted.read_bytes()


def first_pages(documents: list[Document], readers: dict[int, PdfReader]) -> dict[int, int]:
    """Each placed document's first page counted within the papers after the front (from 1)."""
    offsets, following = {}, 1
    for document in documents:
        if document.file_id in readers:
            offsets[document.file_id] = following
            following += len(readers[document.file_id].pages)
    return offsets


def front_matter(pack: Pack, offsets: dict[int, int], left_out: dict[int, str]) -> bytes:
    payload = json.dumps(front_data(pack, offsets, left_out), ensure_ascii=False)
    return typst.compile(str(TEMPLATE), root=str(TEMPLATE.parent), sys_inputs={"pack": payload})


def front_data(pack: Pack, offsets: dict[int, int], left_out: dict[int, str]) -> dict:
    """The cover, the agenda and the contents as plain JSON data for the template."""
    contents = Contents(offsets, left_out, pack.site)
    for item in pack.items:
        contents.add_item(item)
    if pack.other_papers:
        contents.line("heading", OTHER_PAPERS, 0, offset=contents.first_of(pack.other_papers))
        for paper in pack.other_papers:
            contents.add_paper(paper)
    return {
        "title": f"{pack.meeting_title}: meeting pack",
        "meeting_title": pack.meeting_title,
        "body": pack.body,
        "when": pack.when,
        "where": pack.where,
        "kind": "Public meeting pack" if pack.public else "Meeting pack",
        "holds": (
            "It holds the papers of this meeting that anyone may read."
            if pack.public
            else "It holds the papers of this meeting that its reader may see."
        ),
        "summary": summary(pack, left_out),
        "classification": pack.level,
        "label_colour": LABEL_COLOURS[pack.level],
        "banner": banner(pack.level),
        "agenda": [agenda_line(item) for item in pack.items],
        "contents_note": CONTENTS_NOTE,
        "contents": contents.entries,
    }


def summary(pack: Pack, left_out: dict[int, str]) -> list[str]:
    placed = len(pack.documents) - len(left_out)
    listed = len(pack.linked) + len(left_out)
    return [
        _count(placed, "document is in this pack", "documents are in this pack"),
        _count(len(pack.withheld), "paper or appendix is withheld", "papers or appendices are withheld"),
        _count(listed, "document is listed with a link", "documents are listed with a link"),
    ]


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}."


def agenda_line(item: PackItem | Withheld) -> dict:
    if isinstance(item, Withheld):
        return {"withheld": item.line, "number": 0, "title": "", "level": "", "detail": ""}
    detail = " — ".join(part for part in (item.purpose, item.presenter) if part)
    return {"withheld": "", "number": item.number, "title": item.title, "level": item.level, "detail": detail}


class Contents:
    """The contents page's lines, in pack order, each with its page within the papers."""

    def __init__(self, offsets: dict[int, int], left_out: dict[int, str], site: str = "") -> None:
        self.site = site
        self.offsets = offsets
        self.left_out = left_out
        self.entries: list[dict] = []

    def line(
        self, kind: str, text: str, depth: int, *, level: str = "", offset: int | None = None, url: str = ""
    ) -> None:
        self.entries.append({"kind": kind, "text": text, "depth": depth, "level": level, "offset": offset, "url": url})

    def add_item(self, item: PackItem | Withheld) -> None:
        if isinstance(item, Withheld):
            self.line("note", item.line, 0)
            return
        level = "" if item.level == "WHITE" else item.level
        self.line("heading", item.heading, 0, level=level, offset=self.first_of(item.papers))
        for paper in item.papers:
            self.add_paper(paper)
        if not item.papers:
            self.line("note", "No paper for this item.", 1)

    def add_paper(self, paper: PackPaper | Withheld) -> None:
        if isinstance(paper, Withheld):
            self.line("note", paper.line, 1)
            return
        self.add_document_of(paper.heading, paper.level, paper.document, 1)
        for appendix in paper.appendices:
            if isinstance(appendix, Withheld):
                self.line("note", appendix.line, 2)
            else:
                self.add_document_of(appendix.heading, appendix.level, appendix.document, 2)

    def add_document_of(self, heading: str, level: str, document: Document | None, depth: int) -> None:
        self.line("entry", heading, depth, level=level, offset=self.page_of(document))
        if document is None:
            self.line("note", "No document has been uploaded for it yet.", depth + 1)
        elif self.page_of(document) is None:
            why = self.left_out.get(document.file_id) or document.why_not_placed
            note = f"{document.name} is not in this pack: {why}. It can be opened at:"
            self.line("note", note, depth + 1, url=self.site + document.url)

    def page_of(self, document: Document | None) -> int | None:
        return self.offsets.get(document.file_id) if document else None

    def first_of(self, papers: tuple[PackPaper | Withheld, ...]) -> int | None:
        """The first page of the first placed document among ``papers`` and their appendices."""
        for paper in papers:
            if isinstance(paper, PackPaper):
                for part in paper.parts:
                    if (page := self.page_of(part.document)) is not None:
                        return page
        return None


def merge(pack: Pack, front: PdfReader, readers: dict[int, PdfReader], offsets: dict[int, int]) -> bytes:
    """The front, then each placed document, with the bookmarks; pages are counted from 0 here."""
    writer = PdfWriter()
    writer.append(front, import_outline=False)
    for document in pack.documents:
        if document.file_id in readers:
            writer.append(readers[document.file_id], import_outline=False)
    before = len(front.pages) - 1  # a document's offset 1 is the first page after the front
    # The front's own headings (typst bookmarks them) say where the agenda and the contents begin.
    sections = {
        mark.title: front.get_destination_page_number(mark) for mark in front.outline if isinstance(mark, Destination)
    }
    contents_page = sections["Contents"] or 0
    writer.add_outline_item(title="Agenda", page_number=sections["Agenda"] or 0)
    writer.add_outline_item(title="Contents", page_number=contents_page)

    def page(document: Document | None) -> int:
        offset = offsets.get(document.file_id) if document else None
        return contents_page if offset is None else before + offset

    def bookmark_papers(papers: tuple[PackPaper | Withheld, ...], parent) -> None:
        for paper in papers:
            if isinstance(paper, PackPaper):
                mark = writer.add_outline_item(title=paper.heading, page_number=page(paper.document), parent=parent)
                for appendix in paper.appendices:
                    if isinstance(appendix, PackAppendix):
                        writer.add_outline_item(
                            title=appendix.heading, page_number=page(appendix.document), parent=mark
                        )

    contents = Contents(offsets, {})
    for item in pack.items:
        if isinstance(item, PackItem):
            first = contents.first_of(item.papers)
            target = contents_page if first is None else before + first
            bookmark_papers(item.papers, writer.add_outline_item(title=item.heading, page_number=target))
    if any(isinstance(paper, PackPaper) for paper in pack.other_papers):
        first = contents.first_of(pack.other_papers)
        target = contents_page if first is None else before + first
        bookmark_papers(pack.other_papers, writer.add_outline_item(title=OTHER_PAPERS, page_number=target))
    writer.add_metadata({"/Title": f"{pack.meeting_title}: meeting pack", "/Author": "SECAS", "/Keywords": pack.level})
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
