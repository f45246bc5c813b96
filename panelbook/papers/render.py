"""Render a generated paper as HTML, Word or PDF.

    paper = actions_paper(actions_tables(meeting, user))   # or minutes_paper(minutes_report(...))
    html(paper) -> str;  docx(paper) -> bytes;  pdf(paper) -> bytes

The report decides what the reader may see; these only lay out what it holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string

from panelbook.papers import pdf as pdf_renderer
from panelbook.papers import word
from panelbook.papers.document import Paper


def html(paper: Paper) -> str:
    """The paper's content (front matter and body) as an HTML fragment, without the site's layout."""
    return render_to_string("papers/_paper.html", {"paper": paper})


def docx(paper: Paper) -> bytes:
    return word.render(paper)


def pdf(paper: Paper) -> bytes:
    return pdf_renderer.render(paper)


@dataclass(frozen=True)
class FileFormat:
    render: Callable[[Paper], bytes]
    content_type: str


FILE_FORMATS = {
    "docx": FileFormat(docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "pdf": FileFormat(pdf, "application/pdf"),
}
