"""The ingest readers: format by content, the shared "plain text with markers" output, and refusals.

Every document here is written by the test (through ``builders``) and every expected line is
written by hand from what the document says.
"""

from __future__ import annotations

import hashlib
import io
import struct
import zlib

import pptx
import pypdfium2 as pdfium
import pytest

from panelbook.ingest.readers import read_bytes, read_file
from panelbook.ingest.records import IngestError
from panelbook.ingest.tests import builders

MB = 1024 * 1024
BANNER = "This document has a Classification of White"


def refused(name: str, data: bytes, **options) -> str:
    with pytest.raises(IngestError) as caught:
        read_bytes(name, data, **options)
    return str(caught.value)


# --- PDF ----------------------------------------------------------------------------------------


def test_pdf_gives_one_text_per_page_with_its_furniture():
    data = builders.make_pdf(
        [
            "2.1 TABASC Highlights\n\nThe TABASC met on 4 March 2021.\n\n• Survey issued in March\n• Review due in May",
            "XYZ12/03 To do something Closed",
            "3. Next steps",
        ],
        header="SECP_90_1203_27 SEC Panel Sub-Committee Report",
        banner=BANNER,
    )
    document = read_bytes("report.pdf", data)
    assert document.format == "pdf"
    assert document.warnings == []
    assert document.pages == [
        "SECP_90_1203_27 SEC Panel Sub-Committee Report\n"
        "2.1 TABASC Highlights\n"
        "The TABASC met on 4 March 2021.\n"
        "• Survey issued in March\n"
        "• Review due in May\n"
        f"{BANNER}\n"
        "Page 1 of 3",
        f"SECP_90_1203_27 SEC Panel Sub-Committee Report\nXYZ12/03 To do something Closed\n{BANNER}\nPage 2 of 3",
        f"SECP_90_1203_27 SEC Panel Sub-Committee Report\n3. Next steps\n{BANNER}\nPage 3 of 3",
    ]


def test_pdf_joins_soft_lines_of_a_paragraph_and_never_returns_carriage_returns():
    data = builders.make_pdf(
        ["Minutes of meeting 47\nheld on 18 August 2017\n\nApologies: none"], footer_page_numbers=False
    )
    document = read_bytes("minutes.pdf", data)
    assert document.pages == ["Minutes of meeting 47 held on 18 August 2017\nApologies: none"]
    assert "\r" not in document.pages[0]


def test_read_file_records_name_size_and_hash(tmp_path):
    data = builders.make_pdf(["Decision SECP47/DEC/01"], footer_page_numbers=False)
    path = tmp_path / "decisions.pdf"
    path.write_bytes(data)
    document = read_file(path, max_bytes=MB)
    assert document.name == str(path)
    assert document.size == len(data)
    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.pages == ["Decision SECP47/DEC/01"]


# --- PowerPoint ---------------------------------------------------------------------------------


def test_pptx_gives_one_page_per_slide_with_the_title_as_a_heading():
    data = builders.make_pptx(
        [
            ("SEC Panel Meeting 67", ["12 April 2019"]),
            (
                "Actions Outstanding",
                [
                    ("bullet", "Three actions closed"),
                    ("bullet", "SECP66/02 published", 1),
                    ("table", [["Action Reference", "Status"], ["XYZ12/03", "Closed"]]),
                    "Updates follow in item 4.",
                ],
            ),
            ("Any Other Business", []),
        ]
    )
    document = read_bytes("pack.pptx", data)
    assert document.format == "pptx"
    assert document.pages == [
        "# SEC Panel Meeting 67\n\n12 April 2019",
        "# Actions Outstanding\n\n"
        "• Three actions closed\n"
        "  • SECP66/02 published\n\n"
        "Action Reference\tStatus\n"
        "XYZ12/03\tClosed\n\n"
        "Updates follow in item 4.",
        "# Any Other Business",
    ]


def test_pptx_body_placeholder_bullets_are_inherited_from_the_master():
    deck = pptx.Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[1])  # "Title and Content"
    slide.shapes.title.text = "BEIS Update"
    body = slide.placeholders[1].text_frame
    body.text = "NRO activation on 30 June"
    body.add_paragraph().text = "SMETS1 consultation"
    nested = body.add_paragraph()
    nested.text = "Response due in May"
    nested.level = 1
    document = read_bytes("beis.pptx", save(deck))
    assert document.pages == [
        "# BEIS Update\n\n• NRO activation on 30 June\n• SMETS1 consultation\n  • Response due in May"
    ]


def save(deck) -> bytes:
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


# --- Word ---------------------------------------------------------------------------------------


def test_docx_keeps_headings_bullets_and_tables_in_body_order():
    data = builders.make_docx(
        [
            ("heading", 0, "SEC Panel Sub-Committee Report"),
            ("heading", 1, "2. Sub-Committee updates"),
            ("heading", 2, "2.1 TABASC Highlights"),
            ("para", "The TABASC met on 4 March."),
            ("bullet", "Survey issued"),
            ("bullet", "Metrics agreed", 1),
            (
                "table",
                [["Action", "Description", "Update", "Status"], ["XYZ12/03", "To do\nsomething", "Done", "Closed"]],
            ),
            ("para", "Reference:\tSECP_90"),
        ]
    )
    document = read_bytes("report.docx", data)
    assert document.format == "docx"
    assert document.pages == [
        "# SEC Panel Sub-Committee Report\n\n"
        "# 2. Sub-Committee updates\n\n"
        "## 2.1 TABASC Highlights\n\n"
        "The TABASC met on 4 March.\n\n"
        "• Survey issued\n"
        "  • Metrics agreed\n\n"
        "Action\tDescription\tUpdate\tStatus\n"
        "XYZ12/03\tTo do something\tDone\tClosed\n\n"
        "Reference:\tSECP_90"
    ]


def test_docx_splits_pages_at_explicit_page_breaks():
    data = builders.make_docx([("para", "Cover page"), ("pagebreak",), ("heading", 1, "1. Purpose"), ("para", "Body")])
    assert read_bytes("paper.docx", data).pages == ["Cover page", "# 1. Purpose\n\nBody"]


# --- HTML ---------------------------------------------------------------------------------------


def test_html_drops_scripts_and_styles_and_keeps_structure():
    page = """<!DOCTYPE html>
<html><head><title>Panel</title><style>p { color: red }</style></head>
<body>
<nav><a href="/">Home</a></nav>
<script>track();</script>
<h1>SEC Panel Minutes</h1>
<p>The Panel met on the 18<sup>th</sup>
   of August &amp; <b>AGREED</b> the plan.</p>
<h3>Actions</h3>
<ul><li>Publish the guidance<ul><li>by Friday</li></ul></li></ul>
<ol start="4"><li>Fourth item</li><li>Fifth item</li></ol>
<table><tr><th>Ref</th><th>Action</th></tr>
<tr><td>XYZ12/03</td><td>To do<br>something</td></tr></table>
<p>Cells\tkept</p>
</body></html>"""
    document = read_bytes("minutes.html", page.encode())
    assert document.format == "html"
    assert document.pages == [
        "# SEC Panel Minutes\n\n"
        "The Panel met on the 18th of August & AGREED the plan.\n\n"
        "### Actions\n\n"
        "• Publish the guidance\n"
        "  • by Friday\n\n"
        "4. Fourth item\n"
        "5. Fifth item\n\n"
        "Ref\tAction\n"
        "XYZ12/03\tTo do something\n\n"
        "Cells\tkept"
    ]


def test_html_fragment_without_doctype_is_recognised_by_its_block_tags():
    document = read_bytes("notes.txt", b"<div><p>First</p>\n<p>Second<br>line</p></div>\n")
    assert document.format == "html"
    assert document.pages == ["First\n\nSecond\nline"]
    assert document.warnings == ["named .txt but it is an HTML page; read as HTML"]


# --- Markdown -----------------------------------------------------------------------------------


def test_markdown_headings_lists_tables_and_inline_markup():
    source = """# SEC Panel Meeting 67

---

12 April 2019

## Agenda

10. SECAS Contract update (brought forward)
1. Minutes and Actions Outstanding

* **Decision**: the Panel *approved* the [report](https://example.org/r).
  - Noted by DCC

| Ref | Status |
| --- | --- |
| XYZ12/03 | Closed |

Setext heading
--------------
"""
    document = read_bytes("slides.md", source.encode())
    assert document.format == "markdown"
    assert document.pages == [
        "# SEC Panel Meeting 67\n\n"
        "12 April 2019\n\n"
        "## Agenda\n\n"
        "10. SECAS Contract update (brought forward)\n"
        "1. Minutes and Actions Outstanding\n\n"
        "• Decision: the Panel approved the report.\n"
        "  • Noted by DCC\n\n"
        "Ref\tStatus\n"
        "XYZ12/03\tClosed\n\n"
        "## Setext heading"
    ]


def test_markdown_keeps_tab_separated_rows_with_inline_html_and_soft_breaks():
    source = (
        "# Actions Outstanding\n"
        "\n"
        "Action Reference\tAction\tUpdate\tStatus\n"
        "<b>ABC12/01</b>\tSome action\tSome update &amp; more\tOpen\n"
        "<b>ABC12/02</b>\tAnother <i>action</i>\t\tClosed\n"
        "\tB\t10k\n"
        "The 27<sup>th</sup> meeting\n"
    )
    document = read_bytes("pack.txt", source.encode())
    assert document.format == "markdown"
    assert document.warnings == ["named .txt but it is Markdown text; read as Markdown"]
    assert document.pages == [
        "# Actions Outstanding\n\n"
        "Action Reference\tAction\tUpdate\tStatus\n"
        "ABC12/01\tSome action\tSome update & more\tOpen\n"
        "ABC12/02\tAnother action\t\tClosed\n"
        "\tB\t10k\n"
        "The 27th meeting"
    ]


def test_md_extension_makes_text_without_markers_markdown():
    document = read_bytes("note.md", b"Plain *note*\nsecond line\n")
    assert (document.format, document.pages, document.warnings) == ("markdown", ["Plain note\nsecond line"], [])


# --- plain text ---------------------------------------------------------------------------------


def test_text_is_returned_as_decoded_and_split_on_form_feeds():
    source = "Paper Reference: SECP_90 1203 27\r\n\r\ne  The TABASC agreed\r\n\fPage two\r\n35 Guestions\f"
    document = read_bytes("ocr.txt", source.encode())
    assert document.format == "text"
    assert document.pages == [
        "Paper Reference: SECP_90 1203 27\n\ne  The TABASC agreed\n",
        "Page two\n35 Guestions",
        "",
    ]


def test_text_with_utf8_bom_and_utf16_with_bom():
    assert read_bytes("a.txt", b"\xef\xbb\xbfCitizen\xe2\x80\x99s Advice").pages == ["Citizen\u2019s Advice"]
    utf16 = "\ufeffPanel\u2019s view".encode("utf-16-le")
    assert read_bytes("b.txt", utf16).pages == ["Panel\u2019s view"]


# --- content over extension ---------------------------------------------------------------------


def test_a_word_document_named_pdf_is_read_as_word_with_a_warning():
    data = builders.make_docx([("para", "SECP46/01 guidance note")])
    document = read_bytes("paper.pdf", data)
    assert document.format == "docx"
    assert document.pages == ["SECP46/01 guidance note"]
    assert document.warnings == ["named .pdf but it is a Word document; read as Word"]


def test_text_named_docx_is_read_as_text_with_a_warning():
    document = read_bytes("minutes.docx", b"Minutes of meeting 47\n")
    assert document.format == "text"
    assert document.warnings == ["named .docx but it is plain text; read as plain text"]


def test_an_unknown_extension_gives_no_warning():
    assert read_bytes("export.dat", b"Minutes").warnings == []


# --- refusals -----------------------------------------------------------------------------------


def test_empty_file():
    assert refused("empty.txt", b"") == "the file is empty"


def test_a_file_of_only_blank_space_is_not_called_empty():
    assert refused("blank.txt", b"  \n\t\r\n") == "the file holds only blank space (6 bytes of spaces and line ends)"


def test_oversize_bytes():
    message = refused("big.txt", b"x" * (2 * MB + MB // 2), max_bytes=2 * MB)
    assert message == "it is 2.5 MB, over the 2 MB limit (set PANELBOOK_INGEST_MAX_MB to raise it)"


def test_read_file_refuses_an_oversize_file_by_its_size_on_disk(tmp_path):
    path = tmp_path / "huge.pdf"
    with path.open("wb") as stream:
        stream.truncate(int(62.3 * MB))  # sparse: nothing written
    with pytest.raises(IngestError) as caught:
        read_file(path, max_bytes=50 * MB)
    # At most max_bytes + 1 bytes are ever read, so only the stat can know the file is 62.3 MB.
    assert str(caught.value) == "it is 62.3 MB, over the 50 MB limit (set PANELBOOK_INGEST_MAX_MB to raise it)"


def test_read_file_of_a_missing_file(tmp_path):
    with pytest.raises(IngestError, match="^there is no such file$"):
        read_file(tmp_path / "absent.pdf")


def test_encrypted_pdf_is_refused_as_password_protected():
    data = builders.make_encrypted_pdf("Reserved minutes", password="panel")
    assert refused("reserved.pdf", data).startswith("the PDF is password protected;")
    # The builder's PDF is really encrypted, not merely broken: it opens with its password.
    pdf = pdfium.PdfDocument(data, password="panel")
    try:
        assert pdf[0].get_textpage().get_text_range() == "Reserved minutes"
    finally:
        pdf.close()


def test_truncated_pdf_is_refused_as_damaged():
    data = builders.make_pdf(["First page", "Second page"])
    message = refused("cut.pdf", data[: len(data) // 2])
    assert message.startswith("it is damaged or not a readable PDF (")
    assert message.endswith("); save or download it again")


def test_pdf_without_text_is_refused_as_needing_ocr():
    data = builders.make_pdf([""], footer_page_numbers=False)
    assert refused("scan.pdf", data) == (
        "the PDF has no text layer (it is probably scanned images); run OCR on it first"
    )


def test_zip_bomb_is_refused_before_it_is_opened():
    message = refused("bomb.docx", builders.make_zip_bomb_docx(300))
    assert message.startswith("its part word/media/filler0.bin would expand ")
    assert message.endswith(" times, to 300.0 MB; that looks like a zip bomb, so it was not opened")


def test_zip_expanding_past_twenty_times_the_limit_is_refused():
    # Thirty 1 MB parts: none over the size where the ratio is checked, but 30 MB in all.
    data = builders.make_zip_bomb_docx(30, parts=30)
    assert refused("many.docx", data, max_bytes=MB) == (
        "its parts would expand to 30.0 MB, over the 20 MB allowed; that looks like a zip bomb, so it was not opened"
    )


def test_damaged_word_file():
    data = builders.make_docx([("para", "Some text")])
    assert refused("cut.docx", data[: len(data) // 2]) == (
        "the Word file is damaged (its zip structure cannot be read); save or download it again"
    )


def test_word_package_the_library_cannot_open_is_reported_as_a_word_failure():
    data = builders.make_zip({"word/document.xml": "<not-word/>"})
    assert refused("odd.docx", data).startswith("the Word file could not be read: ")


def test_zip_that_is_not_an_office_document():
    data = builders.make_zip({"notes.txt": "hello", "minutes.pdf": b"%PDF-1.4"})
    assert refused("papers.zip", data) == (
        "it is a zip archive that is neither a Word nor a PowerPoint file; "
        "unzip it and ingest the documents inside one at a time"
    )


def test_latin1_text_names_the_bad_byte():
    data = "Minutes\nCaf\xe9 meeting".encode("latin-1")
    assert refused("minutes.txt", data) == (
        "it is not UTF-8 text: byte 0xE9 at offset 11 (line 2) is not valid UTF-8; save the file as UTF-8 and try again"
    )


def test_utf16_without_bom():
    assert refused("minutes.txt", "Minutes of meeting 47".encode("utf-16-le")) == (
        "it looks like UTF-16 text without a byte order mark; save the file as UTF-8"
    )


def test_png_is_named():
    message = refused("chart.pdf", png_bytes())
    assert message.startswith("it looks like a PNG image, which panelbook cannot read;")


def test_rtf_is_not_taken_for_text():
    assert refused("paper.txt", rb"{\rtf1\ansi Minutes}").startswith("it looks like an RTF file,")


OLD_WORD = "it is an old Word document (.doc), which panelbook cannot read; open it and save it as .docx"
OLD_POWERPOINT = "it is an old PowerPoint file (.ppt), which panelbook cannot read; open it and save it as .pptx"
OLD_OFFICE = (
    "it is an old-style Office file (.doc, .ppt or .xls), which panelbook cannot read; "
    "open it in Word or PowerPoint and save it as .docx or .pptx"
)


@pytest.mark.parametrize(
    ("stream", "expected"),
    [("WordDocument", OLD_WORD), ("PowerPoint Document", OLD_POWERPOINT), ("Workbook", OLD_OFFICE)],
)
def test_old_office_files_ask_to_be_saved_in_the_new_format(stream, expected):
    # An OLE2 compound file: its signature, then (much later) directory entries named in UTF-16.
    data = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504) + stream.encode("utf-16-le") + bytes(64)
    assert refused("old.doc", data) == expected


def png_bytes() -> bytes:
    """A real 1x1 white PNG."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0\xff")) + chunk(b"IEND", b"")
    )
