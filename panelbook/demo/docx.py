"""Small Word documents for the demo's papers, written quickly."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from xml.sax.saxutils import escape

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCUMENT_PART = "word/document.xml"
ZIP_TIME = (2024, 1, 1, 0, 0, 0)


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


class DocxWriter:
    """Writes small Word documents with python-docx.

    Opening python-docx's template, adding paragraphs through its API and zipping 800 kB of
    styles takes ~40 ms a document, too slow for hundreds of papers. So the package is built
    once; for each paper only the body is rebuilt (from paragraph XML, parsed by python-docx's
    oxml layer) and the document part appended to a copy of the prepared archive (~1 ms).
    """

    def __init__(self) -> None:
        self.document = Document()
        part = self.document.part
        for rel in list(part.rels.values()):
            if rel.reltype.endswith("/stylesWithEffects"):  # optional, and 430 kB
                part.drop_rel(rel.rId)
        properties = self.document.core_properties
        properties.author = properties.last_modified_by = "SECAS Team"
        properties.created = properties.modified = dt.datetime(2024, 1, 1)
        properties.revision = 1
        properties.comments = "Fictional demonstration document."
        self.styles = {
            name: self.document.styles[name].style_id
            for name in ("Title", "Heading 1", "Heading 2", "List Bullet", "Intense Quote")
        }
        packed = io.BytesIO()
        self.document.save(packed)
        base = io.BytesIO()
        with zipfile.ZipFile(packed) as source, zipfile.ZipFile(base, "w") as target:
            for name in source.namelist():
                if name != DOCUMENT_PART:
                    target.writestr(_zip_info(name), source.read(name))
        self.base = base.getvalue()

    def _paragraph(self, text: str, style: str | None = None, bold_prefix: str = "") -> str:
        properties = f'<w:pPr><w:pStyle w:val="{self.styles[style]}"/></w:pPr>' if style else ""
        runs = ""
        if bold_prefix:
            runs = f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{escape(bold_prefix)}</w:t></w:r>'
        runs += f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
        return f"<w:p>{properties}{runs}</w:p>"

    def render(
        self,
        *,
        title: str,
        reference: str,
        classification: str,
        purpose: str,
        sections: Sequence[tuple[str, Sequence[str]]],
        bullets: Sequence[str] = (),
        footer: Sequence[str] = (),
    ) -> bytes:
        colour = classification.title()
        add = self._paragraph
        parts = [
            add(title, "Title"),
            add(reference, bold_prefix="Paper Reference: "),
            add(purpose, bold_prefix="Action: "),
            add(f"This document has a Classification of {colour}", "Intense Quote"),
        ]
        for number, (heading, paragraphs) in enumerate(sections, start=1):
            parts.append(add(f"{number}. {heading}", "Heading 1"))
            parts.extend(add(text) for text in paragraphs)
        parts.extend(add(text, "List Bullet") for text in bullets)
        parts.extend(add(text) for text in footer)
        body = self.document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        fragment = parse_xml(f"<w:body {nsdecls('w')}>{''.join(parts)}</w:body>")
        for index, paragraph in enumerate(list(fragment)):
            body.insert(index, paragraph)
        archive = io.BytesIO(self.base)
        with zipfile.ZipFile(archive, "a") as target:
            target.writestr(_zip_info(DOCUMENT_PART), self.document.part.blob)
        return archive.getvalue()


# Loading ------------------------------------------------------------------------------------------
