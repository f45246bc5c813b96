"""A ``Paper`` as a Word document, built with python-docx for the secretariat to edit.

Real Word structure throughout: Title and Heading 1/2 styles, "Table Grid" tables whose header
row repeats on each page, "List Bullet" decisions, and a header and footer on every page with the
reference, the classification label, the classification sentence and "Page X of Y" (PAGE and
NUMPAGES fields, which Word fills in).
"""

from __future__ import annotations

import io

import docx
from django.utils import timezone
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.opc.coreprops import CoreProperties
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.styles import Styles
from docx.table import _Cell, _Row
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from panelbook.papers.document import (
    ActionLine,
    Block,
    Bullets,
    Cell,
    Figure,
    Heading,
    Paper,
    Paragraph,
    Table,
    keeps_together,
    lines,
)

FONT = "Arial"
INK = RGBColor(0x1B, 0x1F, 0x24)
HEADING = RGBColor(0x0B, 0x4F, 0x6C)
MUTED = RGBColor(0x5A, 0x64, 0x70)
HEADER_FILL = "D9E2EA"
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = Cm(21), Cm(29.7), Cm(2)
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN


def render(paper: Paper) -> bytes:
    document = docx.Document()
    _set_up_page(document, paper)
    _set_up_styles(document.styles)
    _set_properties(document.core_properties, paper)
    _front_matter(document, paper)
    previous = None
    for block in paper.blocks:
        paragraph = _add_block(document, block)
        if isinstance(previous, Table) and paragraph is not None and not isinstance(block, Heading):
            paragraph.paragraph_format.space_before = Pt(8)
        previous = block
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _set_up_page(document: docx.document.Document, paper: Paper) -> None:
    """A4 portrait, with the running header and footer on every page."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = MARGIN
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.header_distance = section.footer_distance = Cm(1)
    _running_header(section.header.paragraphs[0], paper)
    _running_footer(section.footer.paragraphs[0], paper)


def _set_up_styles(styles: Styles) -> None:
    normal = styles["Normal"]
    normal.font.name, normal.font.size, normal.font.color.rgb = FONT, Pt(10.5), INK
    # Spacing between paragraphs comes from the document defaults, not Normal, so that the table
    # style's tighter spacing applies inside tables.
    defaults = styles.element.find(qn("w:docDefaults"))
    spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    spacing.set(qn("w:after"), "120")
    spacing.set(qn("w:line"), "259")
    defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}").set(qn("w:val"), "en-GB")
    table_grid = styles["Table Grid"]
    table_grid.paragraph_format.space_after = Pt(3)
    for margin in table_grid.element.iter(qn("w:top"), qn("w:bottom")):
        if margin.getparent().tag == qn("w:tblCellMar"):
            margin.set(qn("w:w"), "40")
    for name, size in (("Title", 20), ("Heading 1", 14), ("Heading 2", 12)):
        style = styles[name]
        style.font.name, style.font.size, style.font.color.rgb = FONT, Pt(size), HEADING
        style.font.bold = True
        # The template's headings name theme fonts, which Word prefers to a named font.
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            style.element.rPr.rFonts.attrib.pop(qn(attribute), None)
    styles["List Bullet"].font.name = FONT
    for name in ("Header", "Footer"):
        tab_stops = styles[name].paragraph_format.tab_stops
        tab_stops.clear_all()
        tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)


def _set_properties(properties: CoreProperties, paper: Paper) -> None:
    properties.title = f"{paper.reference} {paper.title}"
    properties.subject = paper.banner
    properties.author = properties.last_modified_by = "SECAS"
    properties.comments = ""
    properties.keywords = paper.classification
    properties.created = properties.modified = timezone.now()
    properties.revision = 1


def _running_header(paragraph: DocxParagraph, paper: Paper) -> None:
    _border(paragraph, "bottom")
    _small(paragraph.add_run(f"{paper.reference}  {paper.running_title}"))
    paragraph.add_run("\t")
    _label(paragraph, paper)


def _running_footer(paragraph: DocxParagraph, paper: Paper) -> None:
    _border(paragraph, "top")
    _small(paragraph.add_run(paper.banner))
    _small(paragraph.add_run("\tPage "))
    _field(paragraph, "PAGE")
    _small(paragraph.add_run(" of "))
    _field(paragraph, "NUMPAGES")


def _front_matter(document: docx.document.Document, paper: Paper) -> None:
    document.add_paragraph(paper.title, style="Title")
    for label, value in paper.meta:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(2)
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    banner = document.add_paragraph()
    banner.paragraph_format.space_before = Pt(10)
    banner.add_run(paper.banner + "  ").bold = True
    _label(banner, paper)
    if paper.statement:
        statement = document.add_paragraph()
        run = statement.add_run(paper.statement)
        run.italic, run.font.color.rgb = True, MUTED


def _add_block(document: docx.document.Document, block: Block) -> DocxParagraph | None:
    """Add one block; returns its first paragraph (None for a table)."""
    match block:
        case Heading(text=text, level=level):
            return document.add_heading(text, level=level)
        case Paragraph(text=text, style="note"):
            paragraph = document.add_paragraph()
            run = paragraph.add_run(text)
            run.italic, run.font.color.rgb = True, MUTED
            return paragraph
        case Paragraph(text=text, style="lead"):
            paragraph = document.add_paragraph(text)
            paragraph.paragraph_format.keep_with_next = True
            paragraph.paragraph_format.space_after = Pt(2)
            return paragraph
        case Paragraph(text=text, style="closing"):
            paragraph = document.add_paragraph(text)
            paragraph.paragraph_format.space_before = Pt(12)
            return paragraph
        case Paragraph(text=text):
            return document.add_paragraph(text)
        case Bullets(items=items):
            bullets = [document.add_paragraph(item, style="List Bullet") for item in items]
            for bullet in bullets:
                bullet.paragraph_format.space_after = Pt(2)
            bullets[-1].paragraph_format.space_after = Pt(6)
            return bullets[0]
        case ActionLine(label=label, text=text):
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.space_before = Pt(4)
            paragraph.add_run(label + " ").bold = True
            paragraph.add_run(text)
            return paragraph
        case Table():
            _add_table(document, block)
            return None
        case Figure():
            return _add_figure(document, block)
    raise TypeError(f"No Word layout for {type(block).__name__}.")


def _add_figure(document: docx.document.Document, figure: Figure) -> DocxParagraph:
    """The chart as a picture the width of the text, its words as the picture's alternative text."""
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.keep_with_next = True
    picture = paragraph.add_run().add_picture(io.BytesIO(figure.png), width=TEXT_WIDTH)
    picture._inline.docPr.set("descr", figure.alt)
    caption = document.add_paragraph()
    run = caption.add_run(figure.caption)
    run.italic, run.font.size, run.font.color.rgb = True, Pt(9), MUTED
    return paragraph


def _add_table(document: docx.document.Document, table: Table) -> None:
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    widths = [int(TEXT_WIDTH * share / 100) for share in table.widths]
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width  # The grid, which LibreOffice reads; Word reads the cells' widths.
    header = grid.rows[0]
    _row_property(header, "w:tblHeader")
    _row_property(header, "w:cantSplit")
    for cell, title, width in zip(header.cells, table.columns, widths, strict=True):
        cell.width = width
        _shade(cell, HEADER_FILL)
        cell.paragraphs[0].add_run(title).bold = True
    for row in table.rows:
        word_row = grid.add_row()
        if keeps_together(row):
            _row_property(word_row, "w:cantSplit")
        for cell, content in zip(word_row.cells, row, strict=True):
            _fill_cell(cell, content)  # add_row gave each cell its column's width.


def _fill_cell(cell: _Cell, content: Cell) -> None:
    for index, text in enumerate(lines(content.text)):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        run = paragraph.add_run(text)
        if content.strong:
            run.bold = True
    for note in filter(None, (f"({content.level})" if content.level else "", content.note)):
        run = cell.add_paragraph().add_run(note)
        run.italic, run.font.size, run.font.color.rgb = True, Pt(9), MUTED


# Word XML the python-docx API does not cover


def _label(paragraph: DocxParagraph, paper: Paper) -> Run:
    """The classification as a TLP label: its name in its colour on black."""
    run = paragraph.add_run(f" {paper.classification} ")
    run.bold, run.font.size = True, Pt(9)
    run.font.color.rgb = RGBColor.from_string(paper.label_colour.lstrip("#").upper())
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), "000000")
    run._r.get_or_add_rPr().append(shading)
    return run


def _field(paragraph: DocxParagraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) with "1" shown until Word works out the value."""
    for kind in ("begin", "instr", "separate", "value", "end"):
        run = _small(paragraph.add_run("1" if kind == "value" else ""))
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        elif kind != "value":
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            continue
        run._r.append(element)


def _row_property(row: _Row, tag: str) -> None:
    """Switch on a row property: w:tblHeader (repeat on each page), w:cantSplit (keep on one page)."""
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _border(paragraph: DocxParagraph, edge: str) -> None:
    """A thin rule above or below a paragraph (under the running header, over the footer)."""
    borders = OxmlElement("w:pBdr")
    line = OxmlElement(f"w:{edge}")
    for name, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "4"), ("w:color", "9AA5B1")):
        line.set(qn(name), value)
    borders.append(line)
    paragraph._p.get_or_add_pPr().append(borders)


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _small(run: Run) -> Run:
    run.font.size, run.font.color.rgb = Pt(8.5), MUTED
    return run
