"""Normalise: pages of raw text -> one clean text, one block per line.

What goes: running headers and footers (``Page 2 of 7``, the paper title repeated on every
page, "This document has a Classification of White"), inline markup left by converters, OCR
ghosts in references (``SECMPO0010``) and dates (``18" August``).
What is joined: lines hard-wrapped inside a paragraph, words hyphenated across lines, a
paragraph that runs on over a page break or an OCR-inserted blank line.
What is recognised: bullet glyphs, including the ones OCR mangles (``e``, ``o``, ``¢``), which
become "• ".

The output has one block (heading, paragraph, bullet or table row) per line, so later stages can
work line by line; ``page_starts`` keeps where each page's text begins.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from panelbook.ingest.records import NormalText

BULLET = "• "

PAGE_NUMBER = re.compile(r"^(?:page\s+\d+(?:\s+of\s+\d+)?|\d+\s*(?:/|of)\s*\d+|-\s*\d+\s*-|\d+)$", re.IGNORECASE)
CLASSIFICATION_BANNER = re.compile(r"^this document has a classification of \w+\.?$", re.IGNORECASE)
BULLET_GLYPH = re.compile(r"^\s*(?:[•·▪●◦‣∙*¢§]|-|–|e|o|\.)\s+(?=[A-Z0-9‘“'\"(])")
INLINE_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
MARKDOWN_EMPHASIS = re.compile(r"\*\*|__")
MARKDOWN_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
DOUBLED_APOSTROPHE = re.compile(r"[’'][’']")
ORDINAL_DATE = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th|t|\"|”|“|')\s+(?=(?:January|February|March|April|May|June|July|August"
    r"|September|October|November|December)\b)"
)
# A letter O read for a zero inside a modification reference: SECMPO0010, MPO240, MP1O4.
REFERENCE_GHOST = re.compile(r"\b(SECMP|MP|DP)((?=[0-9Oo]*\d{2})[0-9Oo]*[Oo][0-9Oo]*)([A-Z]?)\b")
REFERENCE_WIDTH = {"SECMP": 4, "MP": 3, "DP": 3}
PAPER_REFERENCE_SPACED = re.compile(r"\b([A-Z]{2,8})[_ ](\d{1,3})[_ ](\d{4})[_ ](\d{2})\b")
ENDS_SENTENCE = re.compile(r"[.!?:;]['’\")]*$")
ENDS_OPEN = re.compile(
    r"(?:[,\-–—(]|\b(?:a|an|and|as|at|by|for|from|in|into|of|on|or|that|the|to|with|within|whereby|which))$"
)
TABLE_OR_HEADING = re.compile(r"\t|^#")
OPEN_QUOTES = {"‘": "’", "“": "”"}


@dataclass
class _Line:
    text: str
    page: int
    blank_before: bool


def normalise(pages: list[str]) -> NormalText:
    pages = [page.replace("\r\n", "\n").replace("\r", "\n") for page in pages]
    furniture = running_furniture(pages)
    lines = list(_content_lines(pages, furniture))
    known_words = _words(lines)
    blocks = _join(lines, known_words)
    return _assemble(blocks, len(pages))


def running_furniture(pages: list[str]) -> set[str]:
    """Lines that repeat at the top or bottom of most pages (digits ignored), as comparison keys."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        edge = _edge_lines(page)
        counts.update({furniture_key(line) for line in edge})
    threshold = max(2, (len(pages) + 1) // 2)
    return {key for key, count in counts.items() if count >= threshold and key}


def _edge_lines(page: str, depth: int = 3) -> list[str]:
    lines = [line.strip() for line in page.split("\n") if line.strip()]
    return lines[:depth] + lines[-depth:]


def furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().lower())


def is_page_furniture(line: str, furniture: set[str]) -> bool:
    stripped = line.strip()
    return bool(
        PAGE_NUMBER.match(stripped)
        or CLASSIFICATION_BANNER.match(stripped)
        or MARKDOWN_RULE.match(stripped)
        or furniture_key(stripped) in furniture
    )


def _content_lines(pages: list[str], furniture: set[str]):
    for number, page in enumerate(pages, start=1):
        blank = True
        lines = repair(page).split("\n")
        edges = _edge_indexes(lines)
        for index, raw in enumerate(lines):
            if not raw.strip():
                blank = True
                continue
            if (index in edges or _may_be_furniture(raw)) and is_page_furniture(raw, furniture):
                continue
            yield _Line(clean_line(raw), number, blank)
            blank = False


def _edge_indexes(lines: list[str], depth: int = 3) -> set[int]:
    """Running headers and footers sit in the first and last few non-empty lines of a page."""
    filled = [index for index, line in enumerate(lines) if line.strip()]
    return set(filled[:depth] + filled[-depth:])


def _may_be_furniture(line: str) -> bool:
    # Banners and rules can sit anywhere (a cover banner, a slide separator); a cheap test first.
    return "lassification" in line or line.lstrip()[:3] in ("---", "***", "___")


def repair(text: str) -> str:
    """Markup and OCR ghosts put right across a whole page (one pass each, skipped when absent)."""
    if "<" in text:
        text = INLINE_TAG.sub("", text)
    if "**" in text or "__" in text:
        text = MARKDOWN_EMPHASIS.sub("", text)
    if "&" in text:
        text = text.replace("&amp;", "&").replace("&nbsp;", " ")
    text = text.replace("\u00a0", " ")
    if "’’" in text or "'’" in text or "’'" in text or "''" in text:
        text = DOUBLED_APOSTROPHE.sub("’", text)
    text = ORDINAL_DATE.sub(r"\1 ", text)
    if "MP" in text or "DP" in text:
        text = REFERENCE_GHOST.sub(_repair_reference, text)
    return PAPER_REFERENCE_SPACED.sub(r"\1_\2_\3_\4", text)


def clean_line(raw: str) -> str:
    """One line with its bullet glyph recognised and its spacing tidied."""
    text = raw.rstrip()
    if "\t" in text:
        return "\t".join(cell.strip() for cell in text.split("\t")).strip()
    bullet = BULLET_GLYPH.match(text)
    if bullet:
        return BULLET + " ".join(text[bullet.end() :].split())
    return " ".join(text.split())


def _repair_reference(match: re.Match) -> str:
    prefix, digits, suffix = match.groups()
    number = int(digits.replace("O", "0").replace("o", "0"))
    return f"{prefix}{number:0{REFERENCE_WIDTH[prefix]}d}{suffix}"


def _words(lines: list[_Line]) -> set[str]:
    words: set[str] = set()
    for line in lines:
        words.update(re.findall(r"[a-z]{4,}", line.text.lower()))
    return words


def _typical_width(lines: list[_Line]) -> int:
    widths = sorted(len(line.text) for line in lines if not TABLE_OR_HEADING.search(line.text))
    if not widths:
        return 80
    return widths[int(len(widths) * 0.8)]


def _join(lines: list[_Line], known_words: set[str]) -> list[tuple[str, int]]:
    """Join wrapped lines into blocks; each block remembers the page it starts on."""
    width = _typical_width(lines)
    blocks: list[list] = []  # [text, page, the block's last physical line]
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else None
        previous = blocks[-1] if blocks else None
        if previous and ENDS_SENTENCE.search(previous[2]) and _stands_alone(line, following, width):
            blocks.append([line.text, line.page, line.text])
        elif previous and _continues(previous[0], previous[2], line, width):
            previous[0] = _glue(previous[0], line.text, known_words)
            previous[2] = line.text
        else:
            blocks.append([line.text, line.page, line.text])
    return [(text, page) for text, page, _ in blocks]


def _continues(block: str, last_line: str, line: _Line, width: int) -> bool:
    """Does ``line`` carry on the block whose last physical line was ``last_line``?"""
    text = line.text
    if "\t" in last_line or block.startswith("#") or "\t" in text or text.startswith(("#", BULLET)):
        return False
    if _has_open_quote(block):
        return True
    starts_lower = text[:1].islower()
    ends_sentence = bool(ENDS_SENTENCE.search(last_line))
    if line.blank_before:
        return starts_lower and not ends_sentence
    if len(last_line) >= 0.75 * width and not _looks_numbered(text):
        return True
    return bool(ENDS_OPEN.search(last_line)) or (starts_lower and not ends_sentence)


def _stands_alone(line: _Line, following: _Line | None, width: int) -> bool:
    """A short title-like line between paragraphs: an unnumbered heading, never a wrapped line."""
    text = line.text
    followed_by_gap = following is None or following.blank_before
    return (
        (len(text) < 0.65 * width or (followed_by_gap and len(text) < 0.9 * width))
        and len(text.split()) <= 14
        and text[:1].isupper()
        and not ENDS_SENTENCE.search(text)
        and not ENDS_OPEN.search(text)
        and (following is None or following.blank_before or not following.text[:1].islower())
    )


def _looks_numbered(text: str) -> bool:
    return bool(re.match(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+[A-Z]", text))


def _has_open_quote(text: str) -> bool:
    for opening, closing in OPEN_QUOTES.items():
        at = text.rfind(opening)
        if at != -1 and text.find(closing, at) == -1:
            return True
    return False


def _glue(previous: str, text: str, known_words: set[str]) -> str:
    hyphenated = re.search(r"([A-Za-z]+)-$", previous[-60:]) if previous.endswith("-") else None
    if hyphenated and text[:1].islower():
        joined = hyphenated.group(1) + re.match(r"[a-z]*", text).group(0)  # type: ignore[union-attr]  # [a-z]* always matches
        if joined.lower() in known_words:
            return previous[:-1] + text
        return previous + text
    if previous.endswith(("-", "–", "—")) and not previous.endswith((" -", " –", " —")):
        return previous + text
    return previous + " " + text


def _assemble(blocks: list[tuple[str, int]], page_count: int) -> NormalText:
    parts: list[str] = []
    page_starts = [0] * max(page_count, 1)
    seen_page = 0
    offset = 0
    for text, page in blocks:
        for skipped in range(seen_page + 1, page + 1):
            page_starts[skipped - 1] = offset
        seen_page = max(seen_page, page)
        parts.append(text)
        offset += len(text) + 1
    for skipped in range(seen_page + 1, page_count + 1):
        page_starts[skipped - 1] = offset
    return NormalText("\n".join(parts), page_starts)
