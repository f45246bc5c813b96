"""Write small test documents of every format the ingest readers accept, from content given in code.

Each builder returns the file's bytes. The documents are real files made with the same libraries
people's tools produce them with (python-docx, python-pptx, typst), so tests read what a reader
meets in practice rather than text made to suit the reader.
"""

from __future__ import annotations

import hashlib
import io
import json
import struct
import zipfile

import docx
import pptx
import typst
from docx.enum.text import WD_BREAK
from pptx.oxml.ns import qn
from pptx.util import Cm, Pt

# --- Word ---------------------------------------------------------------------------------------


def make_docx(blocks: list[tuple]) -> bytes:
    """A .docx from blocks: ("heading", level, text) | ("para", text) | ("bullet", text) |
    ("bullet", text, level) | ("table", [[cell, ...], ...]) | ("pagebreak",).

    Heading level 0 is the Title style; bullet levels 0 to 2 use the List Bullet styles."""
    document = docx.Document()
    for block in blocks:
        kind = block[0]
        if kind == "heading":
            document.add_heading(block[2], level=block[1])
        elif kind == "para":
            document.add_paragraph(block[1])
        elif kind == "bullet":
            level = block[2] if len(block) > 2 else 0
            document.add_paragraph(block[1], style="List Bullet" if level == 0 else f"List Bullet {level + 1}")
        elif kind == "table":
            _add_docx_table(document, block[1])
        elif kind == "pagebreak":
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            raise ValueError(f"unknown docx block {kind!r}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _add_docx_table(document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=False):
            cell.text = value


# --- PowerPoint ---------------------------------------------------------------------------------

TITLE_ONLY_LAYOUT = 5


def make_pptx(slides: list[tuple[str, list]]) -> bytes:
    """A .pptx with one slide per (title, items); an item is a line of text, ("bullet", text),
    ("bullet", text, level) or ("table", rows). Items are placed top to bottom in the order given."""
    deck = pptx.Presentation()
    for title, items in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[TITLE_ONLY_LAYOUT])
        slide.shapes.title.text = title
        top: int = Cm(4.5)
        for group in _runs_of_text(items):
            top = _add_table(slide, group[1], top) if group[0] == "table" else _add_textbox(slide, group, top)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _runs_of_text(items: list) -> list:
    """Consecutive text items grouped into one list (one text box); each table on its own."""
    groups: list = []
    for item in items:
        if isinstance(item, tuple) and item[0] == "table":
            groups.append(item)
        elif groups and isinstance(groups[-1], list):
            groups[-1].append(item)
        else:
            groups.append([item])
    return groups


def _add_textbox(slide, items: list, top: int) -> int:
    height = Cm(1) * len(items)
    frame = slide.shapes.add_textbox(Cm(1.5), top, Cm(22), height).text_frame
    for index, item in enumerate(items):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        if isinstance(item, str):
            paragraph.text = item
        else:
            paragraph.text = item[1]
            paragraph.level = item[2] if len(item) > 2 else 0
            _bullet(paragraph)
    return top + height


def _bullet(paragraph) -> None:
    # A text box has no bullets of its own; PowerPoint writes the bullet character on the paragraph.
    properties = paragraph._p.get_or_add_pPr()
    properties.set("marL", str(Pt(18 * (paragraph.level + 1))))
    properties.set("indent", str(-Pt(18)))
    properties.append(properties.makeelement(qn("a:buChar"), {"char": "•"}))


def _add_table(slide, rows: list[list[str]], top: int) -> int:
    height = Cm(1) * len(rows)
    columns = max(len(row) for row in rows)
    table = slide.shapes.add_table(len(rows), columns, Cm(1.5), top, Cm(22), height).table
    for row_index, values in enumerate(rows):
        for column, value in enumerate(values):
            table.cell(row_index, column).text = value
    return top + height


# --- PDF ----------------------------------------------------------------------------------------

# Every string arrives as JSON and is placed as a value, so typst never reads test text as markup.
# Only typst's embedded fonts are used, so the PDF is the same on every machine.
PDF_TEMPLATE = b"""
#let doc = json(bytes(sys.inputs.doc))
#set text(font: "Libertinus Serif", size: 11pt, hyphenate: false, ligatures: false)
#set par(justify: false)
#set page(
  paper: "a4",
  margin: (x: 2.5cm, y: 3cm),
  header: if doc.header != none { text(size: 9pt, doc.header) },
  footer: context {
    set text(size: 9pt)
    if doc.banner != none { doc.banner; linebreak() }
    if doc.numbers { "Page " + str(here().page()) + " of " + str(counter(page).final().first()) }
  },
)
#for (index, page) in doc.pages.enumerate() {
  if index > 0 { pagebreak() }
  for block in page {
    if block.kind == "bullets" { list(..block.items) } else { par(block.text) }
  }
}
"""


def make_pdf(
    pages: list[str], *, header: str | None = None, footer_page_numbers: bool = True, banner: str | None = None
) -> bytes:
    """A PDF with one page per entry of ``pages`` (typst wraps long paragraphs onto more lines).

    In each entry, blank lines separate paragraphs, a single newline inside a paragraph is soft,
    and lines starting "• " are list items. ``header`` is printed at the top of every page;
    ``banner`` and "Page X of Y" at the bottom."""
    doc = {
        "pages": [_pdf_blocks(page) for page in pages],
        "header": header,
        "banner": banner,
        "numbers": footer_page_numbers,
    }
    payload = json.dumps(doc, ensure_ascii=False)
    return typst.compile(PDF_TEMPLATE, sys_inputs={"doc": payload}, ignore_system_fonts=True)


def _pdf_blocks(page: str) -> list[dict]:
    blocks: list[dict] = []
    for chunk in page.split("\n\n"):
        paragraph: dict | None = None
        bullets: dict | None = None
        for line in chunk.split("\n"):
            if line.startswith("• "):
                if bullets is None:
                    paragraph, bullets = None, {"kind": "bullets", "items": []}
                    blocks.append(bullets)
                bullets["items"].append(line[2:])
            elif paragraph is not None:
                paragraph["text"] += " " + line
            elif line.strip():
                paragraph, bullets = {"kind": "para", "text": line}, None
                blocks.append(paragraph)
    return blocks


# A PDF encrypted the way Acrobat's "Require a password to open" does it: the standard security
# handler, revision 2 (40-bit RC4, PDF 1.4 spec algorithms 3.1 to 3.4), written by hand because
# neither pypdfium2 nor typst can encrypt. It opens with the user password and with nothing else.
PASSWORD_PADDING = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")
FILE_ID = bytes.fromhex("5a1b2c3d4e5f60718293a4b5c6d7e8f9")
PERMISSIONS = -44


def make_encrypted_pdf(text: str = "Reserved minutes", *, password: str = "panel") -> bytes:
    """A one-page PDF showing ``text`` (ASCII) that needs ``password`` to open."""
    owner_entry = _rc4(hashlib.md5(_padded(password)).digest()[:5], _padded(password))
    key = hashlib.md5(_padded(password) + owner_entry + struct.pack("<i", PERMISSIONS) + FILE_ID).digest()[:5]
    user_entry = _rc4(key, PASSWORD_PADDING)
    content = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    stream = _rc4(hashlib.md5(key + struct.pack("<I", 4)[:3] + b"\0\0").digest()[:10], content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
        % (owner_entry.hex().encode(), user_entry.hex().encode(), PERMISSIONS),
    ]
    trailer = b"/Encrypt 6 0 R /ID [<%s> <%s>]" % (FILE_ID.hex().encode(), FILE_ID.hex().encode())
    return _pdf_file(objects, trailer)


def _padded(password: str) -> bytes:
    return (password.encode("latin-1") + PASSWORD_PADDING)[:32]


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def _pdf_file(objects: list[bytes], trailer_extra: bytes) -> bytes:
    """Objects numbered from 1 laid out as a PDF file with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer_extra, xref)
    return bytes(out)


# --- hostile zips -------------------------------------------------------------------------------

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)
MIB = 1024 * 1024


def make_zip_bomb_docx(total_mb: int = 300, *, parts: int = 1) -> bytes:
    """A docx-shaped zip whose ``parts`` members of zeros expand to ``total_mb`` MiB in all.

    The zeros are streamed into the archive a MiB at a time, so building it holds little memory;
    the result is a few hundred KB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", "<w:document/>")
        zeros = bytes(MIB)
        for part in range(parts):
            with archive.open(f"word/media/filler{part}.bin", "w", force_zip64=True) as member:
                for _ in range(total_mb // parts):
                    member.write(zeros)
    return out.getvalue()


def make_zip(members: dict[str, bytes | str]) -> bytes:
    """A zip archive holding ``members`` (name -> content)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()
