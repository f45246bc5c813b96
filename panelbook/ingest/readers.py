"""Readers: the bytes of one file -> ``ReadDocument`` (pages of light plain text with markers).

The format is decided by content; the file's extension is only a hint, and a warning says when the
two disagree. Every format comes out the same way so the later stages treat them alike:

- lines end with "\\n"; ``pages`` holds one text per PDF page or slide, one per file otherwise
  (Word documents are also split at explicit page breaks, plain text at form feeds);
- a heading the format marks (Word heading styles, <h1>-<h6>, slide titles, Markdown headings)
  is a line "# Title" with one "#" per level;
- a list item is a line "• item", indented two spaces per nesting level; an item of a numbered
  list whose number is in the source (HTML, Markdown) keeps it instead: "10. item";
- a table row is one line, its cells joined by tabs;
- paragraphs, headings, lists and tables are separated by a blank line; list items and table rows
  of one list or table are on consecutive lines;
- inline markup goes and its text stays. PDF and plain text are returned as extracted: cleaning
  them is the normaliser's job.

Bad input raises ``IngestError`` with one sentence saying what is wrong. A reader writes nothing.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import zipfile
from pathlib import Path

import docx
import filetype
import lxml.html
import pptx
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from lxml import etree
from markdown_it import MarkdownIt
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn as pqn

from panelbook.ingest.records import IngestError, ReadDocument

MB = 1024 * 1024

# How far a Word or PowerPoint zip may expand before it is treated as a zip bomb.
ZIP_EXPANSION = 20  # times max_bytes
ZIP_LIMIT_WITHOUT_MAX = 200 * MB
ZIP_MAX_RATIO = 100  # for members over ZIP_RATIO_FROM bytes
ZIP_RATIO_FROM = MB

PDF_MAGIC = b"%PDF-"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")

EXTENSIONS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".docm": "docx",
    ".pptx": "pptx",
    ".pptm": "pptx",
    ".ppsx": "pptx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
}
DESCRIPTIONS = {
    "pdf": "a PDF",
    "docx": "a Word document",
    "pptx": "a PowerPoint presentation",
    "html": "an HTML page",
    "markdown": "Markdown text",
    "text": "plain text",
}
SHORT_NAMES = {
    "pdf": "PDF",
    "docx": "Word",
    "pptx": "PowerPoint",
    "html": "HTML",
    "markdown": "Markdown",
    "text": "plain text",
}
READABLE = "panelbook reads PDF, Word (.docx), PowerPoint (.pptx), HTML, Markdown and plain text files"


# --- entry points -------------------------------------------------------------------------------


def read_file(path: str | Path, *, max_bytes: int | None = None) -> ReadDocument:
    """Read one file; its size is checked before any of it is read into memory."""
    path = Path(path)
    try:
        _check_size(path.stat().st_size, max_bytes)
        with path.open("rb") as stream:
            # At most one byte over the limit, in case the file grew since the stat.
            data = stream.read() if max_bytes is None else stream.read(max_bytes + 1)
    except FileNotFoundError as error:
        raise IngestError("there is no such file") from error
    except OSError as error:
        raise IngestError(f"it could not be opened ({error.strerror or error})") from error
    return read_bytes(str(path), data, max_bytes=max_bytes)


def read_bytes(name: str, data: bytes, *, max_bytes: int | None = None) -> ReadDocument:
    """Read one file's bytes; ``name`` is used for messages and as the extension hint."""
    _check_size(len(data), max_bytes)
    if not data:
        raise IngestError("the file is empty")
    extension = Path(name).suffix.lower()
    fmt, pages = _read_content(data, extension, max_bytes)
    if not any(page.strip() for page in pages):
        raise IngestError(f"no text was found in it (read as {SHORT_NAMES[fmt]})")
    warnings = []
    named = EXTENSIONS.get(extension)
    if named and named != fmt:
        warnings.append(f"named {extension} but it is {DESCRIPTIONS[fmt]}; read as {SHORT_NAMES[fmt]}")
    return ReadDocument(name, hashlib.sha256(data).hexdigest(), len(data), fmt, pages, warnings)


def _read_content(data: bytes, extension: str, max_bytes: int | None) -> tuple[str, list[str]]:
    if data.startswith(PDF_MAGIC):
        return "pdf", _guarded("pdf", _read_pdf, data)
    if data.startswith(ZIP_MAGICS):
        fmt = _office_format(data, extension, max_bytes)
        reader = _read_docx if fmt == "docx" else _read_pptx
        return fmt, _guarded(fmt, reader, data)
    if data.startswith(OLE2_MAGIC):
        raise IngestError(_old_office_message(data))
    _refuse_known_binary(data)
    text = _decode(data)
    if not text.strip():
        size = f"{len(data):,} byte{'' if len(data) == 1 else 's'}"
        raise IngestError(f"the file holds only blank space ({size} of spaces and line ends)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    fmt = _text_format(text, extension)
    return fmt, _guarded(fmt, TEXT_READERS[fmt], text)


def _guarded(fmt: str, reader, content) -> list[str]:
    """Run a format's reader, turning any library failure into an IngestError naming the format."""
    try:
        return reader(content)
    except IngestError:
        raise
    except Exception as error:  # the libraries raise many kinds; none may escape as a crash
        reason = (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
        raise IngestError(f"the {SHORT_NAMES[fmt]} file could not be read: {reason}") from error


# --- size and type checks -----------------------------------------------------------------------


def _check_size(size: int, max_bytes: int | None) -> None:
    if max_bytes is not None and size > max_bytes:
        raise IngestError(
            f"it is {_size(size)}, over the {_limit(max_bytes)} limit (set PANELBOOK_INGEST_MAX_MB to raise it)"
        )


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < MB:
        return f"{size / 1024:.1f} KB"
    return f"{size / MB:.1f} MB"


def _limit(size: int) -> str:
    """A limit reads better as "50 MB" than "50.0 MB"."""
    return _size(size).replace(".0 ", " ")


def _office_format(data: bytes, extension: str, max_bytes: int | None) -> str:
    """The format ("docx" or "pptx") of an Office zip, after checking it is safe to open."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        named = EXTENSIONS.get(extension)
        what = f"the {SHORT_NAMES[named]} file" if named in ("docx", "pptx") else "the zip archive"
        raise IngestError(f"{what} is damaged (its zip structure cannot be read); save or download it again") from error
    names = {member.filename for member in members}
    if "word/document.xml" in names:
        fmt = "docx"
    elif "ppt/presentation.xml" in names:
        fmt = "pptx"
    elif "xl/workbook.xml" in names:
        raise IngestError(f"it is an Excel workbook, which panelbook cannot read; {READABLE}")
    else:
        raise IngestError(
            "it is a zip archive that is neither a Word nor a PowerPoint file; "
            "unzip it and ingest the documents inside one at a time"
        )
    _refuse_zip_bomb(members, max_bytes)
    return fmt


def _refuse_zip_bomb(members: list[zipfile.ZipInfo], max_bytes: int | None) -> None:
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > ZIP_RATIO_FROM and ratio > ZIP_MAX_RATIO:
            raise IngestError(
                f"its part {member.filename} would expand {ratio:.0f} times, to {_size(member.file_size)}; "
                "that looks like a zip bomb, so it was not opened"
            )
    total = sum(member.file_size for member in members)
    limit = ZIP_EXPANSION * max_bytes if max_bytes is not None else ZIP_LIMIT_WITHOUT_MAX
    if total > limit:
        raise IngestError(
            f"its parts would expand to {_size(total)}, over the {_limit(limit)} allowed; "
            "that looks like a zip bomb, so it was not opened"
        )


def _old_office_message(data: bytes) -> str:
    """What an OLE2 compound file holds, judged by the names of the streams inside it."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "it is a password-protected Office file; remove the password in Word or PowerPoint and save it again"
    if "PowerPoint Document".encode("utf-16-le") in data:
        return "it is an old PowerPoint file (.ppt), which panelbook cannot read; open it and save it as .pptx"
    if "WordDocument".encode("utf-16-le") in data:
        return "it is an old Word document (.doc), which panelbook cannot read; open it and save it as .docx"
    return (
        "it is an old-style Office file (.doc, .ppt or .xls), which panelbook cannot read; "
        "open it in Word or PowerPoint and save it as .docx or .pptx"
    )


ARCHIVES = set("zip tar rar gz bz2 7z xz Z lz lz4 lzo zst br cab deb rpm ar".split())
MEDIA = {"image": "image", "audio": "audio file", "video": "video"}


def _refuse_known_binary(data: bytes) -> None:
    # Some binary types (RTF, PostScript) are ASCII and would otherwise pass as text.
    kind = filetype.guess(data[:8192])
    if kind is not None:
        raise IngestError(f"it looks like {_describe(kind)}, which panelbook cannot read; {READABLE}")


def _describe(kind) -> str:
    name = kind.extension.upper()
    what = MEDIA.get(kind.mime.split("/")[0]) or ("archive" if kind.extension in ARCHIVES else "file")
    article = "an" if name[0] in "AEFHILMNORSX" else "a"
    return f"{article} {name} {what}"


# --- text decoding and the text formats ---------------------------------------------------------

BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def _decode(data: bytes) -> str:
    """UTF-8 with or without a byte order mark, or UTF-16 with one; nothing is guessed."""
    encoding, skip = next(((name, len(bom)) for bom, name in BOMS if data.startswith(bom)), ("utf-8", 0))
    try:
        text = data[skip:].decode(encoding)
    except UnicodeDecodeError as error:
        offset = skip + error.start
        line = data[:offset].count(b"\n") + 1
        label = "UTF-8" if encoding == "utf-8" else "UTF-16"
        raise IngestError(
            f"it is not {label} text: byte 0x{data[offset]:02X} at offset {offset} (line {line}) is not valid "
            f"{label}; save the file as UTF-8 and try again"
        ) from error
    if "\x00" in text:
        if _looks_like_utf16(data):
            raise IngestError("it looks like UTF-16 text without a byte order mark; save the file as UTF-8")
        raise IngestError(f"it is binary data of a type panelbook does not know; {READABLE}")
    return text


def _looks_like_utf16(data: bytes) -> bool:
    """Mostly ASCII in UTF-16: every other byte is zero."""
    sample = data[:4096]
    half = len(sample) // 2
    return half > 0 and max(sample[0::2].count(0), sample[1::2].count(0)) >= 0.9 * half


HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S)
HTML_BLOCK_TAG = re.compile(r"<(?:p|div|table|tr|td|th|h[1-6]|ul|ol|li|section|article|body|br)\b[^>]*>", re.I)
MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+\S", re.M)
MARKDOWN_RULE = re.compile(r"^ {0,3}(?:-{3,}|={3,})[ \t]*$", re.M)


def _text_format(text: str, extension: str) -> str:
    if HTML_START.match(text) or (EXTENSIONS.get(extension) == "html" and HTML_BLOCK_TAG.search(text)):
        return "html"
    if MARKDOWN_HEADING.search(text) or MARKDOWN_RULE.search(text):
        return "markdown"
    if _mostly_html(text):
        return "html"
    return "markdown" if EXTENSIONS.get(extension) == "markdown" else "text"


def _mostly_html(text: str) -> bool:
    """True when it starts with a block tag or at least half its lines hold one."""
    if HTML_BLOCK_TAG.match(text.lstrip()):
        return True
    lines = [line for line in text.split("\n") if line.strip()]
    tagged = sum(1 for line in lines if HTML_BLOCK_TAG.search(line))
    return tagged > 0 and 2 * tagged >= len(lines)


def _read_text(text: str) -> list[str]:
    return text.split("\f")


# --- the shared output ----------------------------------------------------------------------------


class _Lines:
    """Pages of lines; a blank line between blocks except inside one list ("item") or table ("row")."""

    def __init__(self) -> None:
        self.pages: list[list[str]] = [[]]
        self.last_kind = ""

    def add(self, kind: str, text: str) -> None:
        page = self.pages[-1]
        if page and not (kind == self.last_kind and kind in ("item", "row")):
            page.append("")
        page.append(text)
        self.last_kind = kind

    def heading(self, level: int, text: str) -> None:
        text = _one_line(text)
        if text:
            self.add("para", "#" * level + " " + text)

    def paragraph(self, text: str) -> None:
        if text.strip():
            self.add("para", text)

    def item(self, prefix: str, text: str) -> None:
        """A list item; continuation lines are indented under its text."""
        if text.strip():
            first, *rest = text.split("\n")
            self.add("item", "\n".join([prefix + first, *(" " * len(prefix) + line for line in rest)]))

    def row(self, cells: list[str]) -> None:
        cells = [_one_line(cell) for cell in cells]
        if any(cells):
            self.add("row", "\t".join(cells))

    def end_group(self) -> None:
        """The list or table being written has ended; whatever comes next starts a new block."""
        self.last_kind = ""

    def new_page(self) -> None:
        self.pages.append([])
        self.last_kind = ""

    def result(self) -> list[str]:
        return ["\n".join(page) for page in self.pages]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _bullet(level: int) -> str:
    return "  " * level + "• "


# --- PDF ----------------------------------------------------------------------------------------


def _read_pdf(data: bytes) -> list[str]:
    # Kept to the bare text call per page: this reader is benchmarked against plain pypdfium2.
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if error.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise IngestError(
                "the PDF is password protected; save a copy without the password and ingest that"
            ) from error
        raise IngestError(
            f"it is damaged or not a readable PDF ({_pdfium_reason(error)}); save or download it again"
        ) from error
    try:
        pages = [_pdf_page_text(pdf, index) for index in range(len(pdf))]
    except pdfium.PdfiumError as error:
        raise IngestError(f"the PDF could not be read: {_pdfium_reason(error)}") from error
    finally:
        pdf.close()
    if not any(page.strip() for page in pages):
        raise IngestError("the PDF has no text layer (it is probably scanned images); run OCR on it first")
    return pages


def _pdf_page_text(pdf, index: int) -> str:
    page = pdf[index]
    try:
        textpage = page.get_textpage()
        try:
            return textpage.get_text_range().replace("\r\n", "\n")
        finally:
            textpage.close()
    finally:
        page.close()


def _pdfium_reason(error: Exception) -> str:
    match = re.search(r"PDFium: ([^)]*)", str(error))
    return match.group(1).lower() if match else str(error)


# --- Word ---------------------------------------------------------------------------------------

W_P, W_TBL, W_T, W_TAB, W_BR, W_CR, W_R = (qn(f"w:{tag}") for tag in ("p", "tbl", "t", "tab", "br", "cr", "r"))
W_NO_BREAK_HYPHEN = qn("w:noBreakHyphen")
W_SKIPPED = {
    *(qn(f"w:{tag}") for tag in ("pPr", "rPr", "del", "txbxContent", "instrText", "delText")),
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",  # repeats its Choice
}
W_HEADING_STYLE = re.compile(r"heading (\d)$")
PAGE_BREAK = "\f"  # cannot occur in a Word document's XML text, so it safely marks a break


def _read_docx(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    styles = _docx_styles(document)
    lines = _Lines()
    _docx_walk(document.element.body, styles, lines)
    return lines.result()


def _docx_walk(parent, styles: dict, lines: _Lines) -> None:
    """Paragraphs and tables in body order, looking inside content controls and the like."""
    for child in parent:
        if child.tag == W_P:
            _docx_paragraph(child, styles, lines)
        elif child.tag == W_TBL:
            _docx_table(child, lines)
        else:
            _docx_walk(child, styles, lines)


def _docx_paragraph(paragraph, styles: dict, lines: _Lines) -> None:
    properties = paragraph.pPr
    if properties is not None and properties.find(qn("w:pageBreakBefore")) is not None and lines.pages[-1]:
        lines.new_page()
    style = properties.find(qn("w:pStyle")) if properties is not None else None
    heading, list_level = styles.get(style.get(qn("w:val")) if style is not None else None, styles[None])
    list_level = _direct_list_level(properties, list_level)
    for index, text in enumerate("".join(_docx_runs(paragraph)).split(PAGE_BREAK)):
        if index:
            lines.new_page()
        if heading:
            lines.heading(heading, text)
        elif list_level is not None:
            lines.item(_bullet(list_level), text.strip())
        else:
            lines.paragraph(text.strip())


def _has(element, tag: str) -> bool:
    return element is not None and element.find(qn(tag)) is not None


def _direct_list_level(properties, style_level: int | None) -> int | None:
    """The list level numbering set on the paragraph itself gives it, else the style's."""
    numbering = properties.find(qn("w:numPr")) if properties is not None else None
    if numbering is None:
        return style_level
    num_id = numbering.find(qn("w:numId"))
    if num_id is not None and num_id.get(qn("w:val")) == "0":  # numbering explicitly switched off
        return None
    level = numbering.find(qn("w:ilvl"))
    return int(level.get(qn("w:val"))) if level is not None else (style_level or 0)


def _docx_runs(element):
    """The paragraph's text in order: tabs, line breaks and page breaks included, deletions and text boxes not."""
    for child in element:
        tag = child.tag
        if tag == W_T:
            yield child.text or ""
        elif tag == W_TAB and element.tag == W_R:  # not a tab stop definition
            yield "\t"
        elif tag == W_BR:
            yield PAGE_BREAK if child.get(qn("w:type")) == "page" else "\n"
        elif tag == W_CR:
            yield "\n"
        elif tag == W_NO_BREAK_HYPHEN:
            yield "-"
        elif tag not in W_SKIPPED:
            yield from _docx_runs(child)


def _docx_table(table, lines: _Lines) -> None:
    for row in table.xpath("./w:tr | ./w:sdt/w:sdtContent/w:tr"):
        cells = row.xpath("./w:tc | ./w:sdt/w:sdtContent/w:tc")
        lines.row([" ".join("".join(_docx_runs(p)) for p in cell.iter(W_P)) for cell in cells])
    lines.end_group()


def _docx_styles(document) -> dict:
    """Style id -> (heading level or 0, list level or None); None maps to the default paragraph style."""
    styles = {}
    for style in document.styles:
        if style.type == WD_STYLE_TYPE.PARAGRAPH:
            styles[style.style_id] = _docx_style_info(style)
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    styles[None] = styles.get(default.style_id, (0, None)) if default is not None else (0, None)
    return styles


def _docx_style_info(style) -> tuple[int, int | None]:
    heading, list_level, seen = 0, None, 0
    while style is not None and seen < 10:  # follow "based on"; the cap guards against loops
        name = (style.name or "").lower()
        match = W_HEADING_STYLE.match(name)
        if not heading and (match or name == "title"):
            heading = int(match.group(1)) if match else 1
        numbered = _has(style.element.pPr, "w:numPr") or name.startswith(("list bullet", "list number"))
        if list_level is None and numbered:
            digit = re.search(r"(\d)$", name)
            list_level = int(digit.group(1)) - 1 if digit else 0
        style, seen = style.base_style, seen + 1
    return heading, list_level


# --- PowerPoint ---------------------------------------------------------------------------------

FURNITURE = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}
TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE}
A_BULLETS = {pqn("a:buChar"), pqn("a:buAutoNum"), pqn("a:buBlip")}


def _read_pptx(data: bytes) -> list[str]:
    deck = pptx.Presentation(io.BytesIO(data))
    return [_slide_text(slide) for slide in deck.slides]


def _slide_text(slide) -> str:
    lines = _Lines()
    title = slide.shapes.title
    if title is not None:
        lines.heading(1, title.text_frame.text)
    for shape in slide.shapes:
        if title is None or shape.shape_id != title.shape_id:
            _pptx_shape(slide, shape, lines)
    return lines.result()[0]


def _pptx_shape(slide, shape, lines: _Lines) -> None:
    if shape.is_placeholder and shape.placeholder_format.type in FURNITURE:
        return
    if hasattr(shape, "shapes"):  # a group
        for member in shape.shapes:
            _pptx_shape(slide, member, lines)
    elif getattr(shape, "has_table", False):
        for row in shape.table.rows:
            lines.row([cell.text for cell in row.cells])
        lines.end_group()
    elif shape.has_text_frame:
        for paragraph in shape.text_frame.paragraphs:
            text = paragraph.text.replace("\v", "\n").strip()
            if paragraph.level > 0 or _pptx_bulleted(slide, shape, paragraph):
                lines.item(_bullet(paragraph.level), text)
            else:
                lines.paragraph(text)
        lines.end_group()


def _pptx_bulleted(slide, shape, paragraph) -> bool:
    """Whether the paragraph shows a bullet: set on it, or inherited from its shape, layout or master."""
    level = f"a:lvl{paragraph.level + 1}pPr"
    sources = [paragraph._p.pPr, _list_style(shape, level)]
    if shape.is_placeholder and shape.placeholder_format.type not in TITLES:
        layout_shape = slide.slide_layout.placeholders.get(idx=shape.placeholder_format.idx)
        if layout_shape is not None:
            sources.append(_list_style(layout_shape, level))
        # Body text on the master is bulleted unless something above says otherwise.
        master = slide.slide_layout.slide_master.element
        sources.append(master.find(f"{pqn('p:txStyles')}/{pqn('p:bodyStyle')}/{pqn(level)}"))
    for properties in sources:
        if properties is not None:
            for child in properties:
                if child.tag == pqn("a:buNone"):
                    return False
                if child.tag in A_BULLETS:
                    return True
    return False


def _list_style(shape, level: str):
    return shape.element.find(f"{pqn('p:txBody')}/{pqn('a:lstStyle')}/{pqn(level)}")


# --- HTML ---------------------------------------------------------------------------------------

HTML_DROPPED = {"script", "style", "head", "nav", "noscript", "template", "iframe", "object", "svg", "title"}
HTML_BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "header", "hr", "html", "main", "ol", "p", "section",
    "summary", "table", "tbody", "tfoot", "thead", "ul",
}  # fmt: skip
HTML_SEPARATED = HTML_BLOCKS | {"br", "li", "tr", "td", "th", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}
HTML_SPACE = re.compile(r"[ \r\n\f\v\xa0]+")  # HTML collapses these; tabs are kept (they separate cells)


def _read_html(text: str) -> list[str]:
    lines = _Lines()
    _HtmlWalker(lines).fragment(text)
    return lines.result()


class _HtmlWalker:
    """Walks an lxml.html tree writing blocks to ``lines``; inline text gathers until a block ends."""

    def __init__(self, lines: _Lines) -> None:
        self.lines = lines
        self.inline: list[str] = []
        self.list_depth = 0
        self.marker: str | None = None  # the bullet or number waiting for a list item's text

    def fragment(self, text: str) -> None:
        try:
            # A parser per call: lxml parsers must not be shared between threads.
            parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
            root = lxml.html.document_fromstring(text.encode("utf-8"), parser=parser)
        except etree.ParserError:  # nothing but comments or stray closing tags
            return
        self.visit(root)
        self.flush()

    def visit(self, element) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""  # "" for comments
        if tag and tag not in HTML_DROPPED:
            self.visit_element(element, tag)
        if element.tail:
            self.inline.append(HTML_SPACE.sub(" ", element.tail))

    def visit_element(self, element, tag: str) -> None:
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.flush()
            self.lines.heading(int(tag[1]), _html_text(element))
        elif tag == "tr":
            self.flush()
            self.lines.row([_html_text(cell) for cell in element if cell.tag in ("td", "th")])
        elif tag == "br":
            self.inline.append("\n")
        elif tag == "pre":
            self.flush()
            self.lines.paragraph(element.text_content().strip("\n"))
        elif tag == "li":
            self.list_item(element)
        elif tag in HTML_BLOCKS:
            self.flush()
            self.list_depth += tag in ("ul", "ol")
            self.children(element)
            self.list_depth -= tag in ("ul", "ol")
            self.flush()
            if tag == "table" or (tag in ("ul", "ol") and not self.list_depth):
                self.lines.end_group()
        else:
            self.children(element)

    def children(self, element) -> None:
        if element.text:
            self.inline.append(HTML_SPACE.sub(" ", element.text))
        for child in element:
            self.visit(child)

    def list_item(self, element) -> None:
        self.flush()
        parent = element.getparent()
        self.marker = _bullet(max(self.list_depth - 1, 0))
        if parent is not None and parent.tag == "ol":
            self.marker = self.marker[:-2] + f"{_list_number(element, parent)}. "
        self.children(element)
        self.flush()
        self.marker = None

    def flush(self) -> None:
        text = "\n".join(line.strip(" ") for line in "".join(self.inline).split("\n")).strip("\n")
        self.inline = []
        if self.marker is not None and text:
            self.lines.item(self.marker, text)
            self.marker = " " * len(self.marker)  # later paragraphs of the same item are indented under it
        elif self.list_depth and text:
            self.lines.item("  " * self.list_depth, text)
        else:
            self.lines.paragraph(text)


def _list_number(item, ordered_list) -> int:
    if (item.get("value") or "").strip().isdigit():
        return int(item.get("value"))
    start = (ordered_list.get("start") or "1").strip()
    before = sum(1 for sibling in item.itersiblings(preceding=True) if sibling.tag == "li")
    return (int(start) if start.isdigit() else 1) + before


def _html_text(element) -> str:
    """An element's text on one line, leaving out dropped elements."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag.lower() if isinstance(child.tag, str) else "-"
        if tag in HTML_SEPARATED:
            parts.append(f" {_html_text(child)} ")
        elif tag not in HTML_DROPPED:
            parts.append(_html_text(child))
        parts.append(child.tail or "")
    return _one_line("".join(parts))


# --- Markdown -----------------------------------------------------------------------------------

MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable("table")
HTML_LINE_BREAK = re.compile(r"<br\s*/?>", re.I)


def _read_markdown(text: str) -> list[str]:
    lines = _Lines()
    _MarkdownWalker(lines, text.split("\n")).walk(MARKDOWN.parse(text))
    return lines.result()


class _MarkdownWalker:
    """Turns markdown-it's token stream into blocks, one handler per token type."""

    def __init__(self, lines: _Lines, source: list[str]) -> None:
        self.lines = lines
        self.source = source
        self.heading_level = 0
        self.lists: list[str] = []  # "ul" or "ol" per open list
        self.marker: str | None = None
        self.cells: list[str] | None = None
        self.quotes = 0

    def walk(self, tokens) -> None:
        for token in tokens:
            handler = getattr(self, "on_" + token.type, None)
            if handler is not None:
                handler(token)

    def on_heading_open(self, token) -> None:
        self.heading_level = int(token.tag[1])

    def on_bullet_list_open(self, token) -> None:
        self.lists.append("ul")

    on_ordered_list_open = on_bullet_list_open

    def on_bullet_list_close(self, token) -> None:
        self.lists.pop()
        if not self.lists:
            self.lines.end_group()

    on_ordered_list_close = on_bullet_list_close

    def on_list_item_open(self, token) -> None:
        number = f"{token.info}{token.markup} " if token.info else "• "
        self.marker = "  " * (len(self.lists) - 1) + number

    def on_blockquote_open(self, token) -> None:
        self.quotes += 1

    def on_blockquote_close(self, token) -> None:
        self.quotes -= 1

    def on_tr_open(self, token) -> None:
        self.cells = []

    def on_table_close(self, token) -> None:
        self.lines.end_group()

    def on_tr_close(self, token) -> None:
        self.lines.row(self.cells or [])
        self.cells = None

    def on_fence(self, token) -> None:
        self.lines.paragraph(token.content.rstrip("\n"))

    on_code_block = on_fence

    def on_html_block(self, token) -> None:
        _HtmlWalker(self.lines).fragment(token.content)

    def on_inline(self, token) -> None:
        text = _markdown_inline(token)
        if self.cells is not None:
            self.cells.append(text)
        elif self.heading_level:
            self.lines.heading(self.heading_level, text)
            self.heading_level = 0
        elif self.lists:
            self.list_text(text)
        else:
            if not self.quotes:
                text = _restore_leading_tabs(text, token.map, self.source)
            self.lines.paragraph(text)

    def list_text(self, text: str) -> None:
        if self.marker is not None and not self.marker.isspace():
            self.lines.item(self.marker, text)
            self.marker = " " * len(self.marker)  # later paragraphs of the same item are indented under it
        else:
            self.lines.item(self.marker or "  " * len(self.lists), text)


def _markdown_inline(token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "text_special", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "html_inline" and HTML_LINE_BREAK.fullmatch(child.content):
            parts.append("\n")
    return "".join(parts)


def _restore_leading_tabs(text: str, line_range, source: list[str]) -> str:
    # markdown-it drops the indentation of a paragraph's continuation lines, but in legacy text that
    # holds tab-separated tables a leading tab is an empty first cell: put it back.
    if not line_range:
        return text
    rendered = text.split("\n")
    original = source[line_range[0] : line_range[1]]
    if len(rendered) != len(original):
        return text
    return "\n".join(
        line[: len(line) - len(line.lstrip("\t"))] + out for line, out in zip(original, rendered, strict=True)
    )


TEXT_READERS = {"html": _read_html, "markdown": _read_markdown, "text": _read_text}
