"""Upload checks decide by content as well as by name, and say what is wrong."""

import hashlib
import io
import zipfile

import pytest

from panelbook.core.lib.uploads import UploadRejected, check_upload

LIMIT = 1024 * 1024


def check(name: str, data: bytes, limit: int = LIMIT):
    return check_upload(name, io.BytesIO(data), len(data), limit)


def ooxml(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{part}document.xml", "<x/>")
    return buffer.getvalue()


def test_pdf_is_accepted_with_its_type_and_hash():
    checked = check("Paper.PDF", b"%PDF-1.7 rest")
    assert checked.content_type == "application/pdf"
    assert checked.sha256 == hashlib.sha256(b"%PDF-1.7 rest").hexdigest()


def test_docx_with_word_parts_is_accepted():
    assert check("minutes.docx", ooxml("word/")).extension == "docx"


def test_docx_that_is_a_spreadsheet_inside_is_refused():
    with pytest.raises(UploadRejected, match="minutes.docx: the content is not a .docx document"):
        check("minutes.docx", ooxml("xl/"))


def test_pdf_name_with_other_content_is_refused():
    with pytest.raises(UploadRejected, match="report.pdf: the content is not a PDF document"):
        check("report.pdf", b"<html>not a pdf</html>")


def test_empty_file_is_refused():
    with pytest.raises(UploadRejected, match="empty.pdf: the file is empty"):
        check("empty.pdf", b"")


def test_oversize_file_is_refused_with_the_limit():
    with pytest.raises(UploadRejected, match=r"big.pdf: the file is 2.0 MB; the largest accepted is 1 MB"):
        check("big.pdf", b"%PDF-" + b"0" * (2 * LIMIT - 5))


def test_unknown_extension_is_refused_with_the_accepted_list():
    with pytest.raises(UploadRejected, match=r"tool.exe: files of this type are not accepted; use one of .pdf"):
        check("tool.exe", b"MZ")


def test_text_in_a_wrong_encoding_is_refused():
    with pytest.raises(UploadRejected, match="not UTF-8"):
        check("notes.txt", "Café minutes cost £5 to print".encode("cp1252"))


def test_binary_content_named_txt_is_refused():
    with pytest.raises(UploadRejected, match="binary, not text"):
        check("notes.txt", b"abc\x00def")


def test_path_in_the_name_is_dropped():
    assert check("../../etc/notes.txt", b"hello").name == "notes.txt"
