"""Record finders: each reads the segmented text and returns plain records with their source spans.

They look for the shapes the SEC's papers use (see ../shared/domain/sec-governance.md):
actions tables and ``ACTION SECP47/02:`` lines, "The Panel:" decision blocks and decisions in
prose, modification references, performance figures, Major Incident reports, agendas,
apologies and the recommendations a paper asks for.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from panelbook.ingest.dates import DATE, MONTHS, at_time, month_before, parse_date
from panelbook.ingest.segment import BULLET, DATE_LINE, Block, body_named

if TYPE_CHECKING:
    from panelbook.ingest.extract import Context

ACTION_REFERENCE = r"[A-Z]{2,10}\d{1,3}/\d{1,3}"
ACTION_CELL = re.compile(rf"^({ACTION_REFERENCE})$")
ACTION_LINE = re.compile(rf"\bACTION:?\s*({ACTION_REFERENCE}):?\s*(.+)")
ACTION_MENTION = re.compile(rf"^For action ({ACTION_REFERENCE}),?\s*(.+)")
OWNER = re.compile(r"^(?:The\s+)?([A-Z][A-Za-z&]*(?:\s[A-Z][A-Za-z&]*){0,3})\s+(?:to|will|should)\b")
STATUSES = {"open": "OPEN", "propose to close": "PROPOSE_TO_CLOSE", "proposed to close": "PROPOSE_TO_CLOSE"}

BODY_PROSE = (
    r"(?P<majority>majority of the )?(?P<body>SEC Panel|Panel|TABASC|TAG|OPSG|Operations Group|SSC|SMKI PMA|"
    r"SMDASC|SMDA Sub[- ]Committee|Change Board)"
)
VERBS = {
    "NOTED": "NOTED",
    "AGREED": "AGREED",
    "APPROVED": "APPROVED",
    "CONDITIONALLY APPROVED": "CONDITIONALLY_APPROVED",
    "DEFERRED": "DEFERRED",
    "DISCUSSED": "DISCUSSED",
    "ENDORSED": "ENDORSED",
    "REJECTED": "REJECTED",
    "RECOMMENDED": "RECOMMENDED",
    "SUPPORTED": "SUPPORTED",
    "ACCEPTED": "ACCEPTED",
    "SET THE COMPLIANCE STATUS": "SET_STATUS",
    "SET THE ASSURANCE STATUS": "SET_STATUS",
}
UPPER_VERB = (
    "CONDITIONALLY APPROVED|NOTED|AGREED|APPROVED|DEFERRED|DISCUSSED|ENDORSED|REJECTED|RECOMMENDED|SUPPORTED|ACCEPTED"
)
# In reports, sub-committee decisions are written in lower case ("The TAG approved …"); "noted" is left out
# because reports use it for information, not decisions.
LOWER_VERB = (
    "conditionally approved|approved|agreed|endorsed|deferred|accepted|supported|rejected|recommended|"
    "set the compliance status|set the assurance status"
)
ADVERBS = r"(?: (?:also|then|therefore|unanimously|subsequently|initially|had))*"
PROSE_UPPER = re.compile(rf"\b[Tt]he {BODY_PROSE}{ADVERBS} (?P<verb>{UPPER_VERB})\b(?P<rest>.*)")
PROSE_LOWER = re.compile(rf"\b[Tt]he {BODY_PROSE}{ADVERBS} (?P<verb>{LOWER_VERB})\b(?P<rest>.*)", re.IGNORECASE)
DECISION_LEAD = re.compile(rf"^The {BODY_PROSE}:$")
BULLET_VERB = re.compile(r"^• (?P<verb>[A-Z]{4,}(?: [A-Z]{4,})*)\b\s*(?P<rest>.*)")
SENTENCE_END = re.compile(r"(?<=[A-Za-z0-9)’”\]])\.(?=\s|$)")

MODIFICATION = re.compile(r"\b(SECMP\d{4}|MP\d{3}[A-Z]?|DP\d{3})\b(?!\.\d)")
QUOTED_TITLE = re.compile(r"^\s*[‘'“\"]([^’”\"]{3,160}?)[’'”\"](?=[\s,.;:)]|$)")
DASHED_TITLE = re.compile(r"^\s*[—–-]\s*([A-Z][^;]{2,160}?)\s*(?:;|\.|$)")

MEASURE_CODE = re.compile(r"\b(CPM\s?\d{1,2}|PM\s?\d{1,2}(?:\.\d{1,2})?)\b")
FIGURE = re.compile(r"\bat (\d{1,3}(?:\.\d{1,3})?)%(?:\s*\(previously (\d{1,3}(?:\.\d{1,3})?)%\))?")
PROVIDER = re.compile(r"\b(?:for|in) ((?:CSP |S1SP |DSP )?[A-Z][\w&]*(?: [A-Z][\w&]*)?) $")
LEVEL_STATUS = re.compile(r"\b((?:below|above|within|at) (?:Target|Minimum) Service Level)\b")
PMR_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")(?: \d{4})? PMR\b")

INCIDENT = re.compile(r"\b(INC\d{9,15})\b\s*:?\s*(.*)")
OPENED = re.compile(r"Incident opened:?\s*(" + DATE.pattern + r") at (\d{1,2}:\d{2})(?:\s*(?:Severity|Category) (\d))?")
CLOSED = re.compile(r"Incident closed:?\s*(" + DATE.pattern + r") at (\d{1,2}:\d{2})(?:\s+for (.+?))?\.?$")
RAISED = re.compile(
    r"^("
    + DATE.pattern
    + r") at (\d{1,2}:\d{2}) (?:raised|lowered|changed|moved) to (?:an? )?(?:Severity|Category) (\d)"
)
LATER_CLOSURE = re.compile(r"^(" + DATE.pattern + r") at (\d{1,2}:\d{2}) for (.+?)\.?$")

RECOMMENDATION_LEAD = re.compile(r"\b(?:is|are) (?:requested|asked|invited) to:?$")
RECOMMENDATION_INLINE = re.compile(r"\b(?:is|are) (?:requested|asked|invited) to:?\s+(?=[A-Z]{4,}\b)")
RECOMMENDATION_VERB = re.compile(r"\b([A-Z]{4,})\b\s+(.+?)(?:;\s*(?:and\s*)?|\.\s*|$)(?=[A-Z]{4,}\b|$)")
AGENDA_LINE = re.compile(r"^(\d{1,2})\.?\s+(.+?)(?:\s+\((brought forward|deferred|withdrawn|[^()]{1,30})\))?$")
APOLOGY_CATEGORIES = (
    "Large Suppliers",
    "Large Supplier",
    "Small Suppliers",
    "Small Supplier",
    "Electricity Network Parties",
    "Electricity Networks",
    "Gas Network Parties",
    "Gas Networks",
    "Other SEC Parties",
    "Other SEC Party",
    "Citizen’s Advice",
    "Citizens Advice",
    "Citizen's Advice",
    "Consumer Member",
    "Consumer Members",
    "Independent Chair",
    "DCC",
)


# Actions


def actions(context: Context) -> list[dict]:
    found: dict[str, dict] = {}
    for block in context.segmented.blocks:
        record = _action_from_row(context, block) or _action_from_line(context, block)
        if record is None:
            continue
        earlier = found.get(record["reference"])
        if earlier is None:
            found[record["reference"]] = record
        else:
            earlier.update({key: value for key, value in record.items() if value and not earlier.get(key)})
    return list(found.values())


def _action(reference, text, update, status, raised, source) -> dict:
    owner = OWNER.match(text or "")
    return {
        "reference": reference,
        "text": text,
        "update": update,
        "status": status,
        "owner": owner.group(1) if owner else None,
        "raised": raised,
        "source": source,
    }


def _action_from_row(context: Context, block: Block) -> dict | None:
    if block.kind != "row":
        return None
    cells = block.text.split("\t")
    if not ACTION_CELL.match(cells[0]):
        return None
    cells += [""] * (4 - len(cells))
    status = action_status(cells[3])
    return _action(cells[0], cells[1] or None, cells[2] or None, status, False, context.source(block.start, block.end))


def action_status(text: str) -> str | None:
    words = " ".join(text.lower().split())
    if words.startswith("closed"):
        return "CLOSED"
    return STATUSES.get(words)


def _action_from_line(context: Context, block: Block) -> dict | None:
    if block.kind == "row":
        return None
    raised = ACTION_LINE.search(block.text)
    if raised:
        start = block.start + raised.start()
        return _action(raised.group(1), raised.group(2).strip(), None, "OPEN", True, context.source(start, block.end))
    mention = ACTION_MENTION.match(block.text)
    if mention:
        return _action(
            mention.group(1), None, mention.group(2).strip(), None, False, context.source(block.start, block.end)
        )
    return None


# Decisions


def decisions(context: Context) -> list[dict]:
    found: list[dict] = []
    blocks = context.segmented.blocks
    lead_body = None
    formal_only = context.segmented.kind == "minutes"
    for index, block in enumerate(blocks):
        lead = DECISION_LEAD.match(block.text)
        if lead:
            lead_body = _body_code(lead.group("body"))
            continue
        if block.kind == "bullet" and lead_body:
            decision = _decision_from_bullet(context, block, lead_body)
            if decision:
                found.append(decision)
                continue
        lead_body = None
        if block.kind in ("paragraph", "bullet"):
            found.extend(_decisions_in_prose(context, blocks, index, formal_only))
    return _without_repeats(context, found)


def _without_repeats(context: Context, found: list[dict]) -> list[dict]:
    """A report's summary repeats decisions its sections give in full; keep them where the section gives them."""
    last = {(d["body"], d["verb"], d["text"]): index for index, d in enumerate(found)}
    return [
        d
        for index, d in enumerate(found)
        if last[(d["body"], d["verb"], d["text"])] == index or not _in_summary(context, d)
    ]


def _in_summary(context: Context, decision: dict) -> bool:
    section = context.section_at(decision["source"]["start"])
    return section is not None and bool(re.search(r"purpose|highlights|summary", section.title, re.IGNORECASE))


def _body_code(name: str) -> str:
    return body_named(name) or name.upper()


def _decision(context: Context, body, verb, text, majority, start, end) -> dict:
    section = context.section_at(start)
    return {
        "body": body,
        "verb": VERBS[" ".join(verb.upper().split())],
        "text": _tidy(text),
        "item": section.number if section else None,
        "majority": majority,
        "source": context.source(start, end),
    }


def _tidy(text: str) -> str:
    return re.sub(r"(?:;\s*(?:and)?|\.|,)\s*$", "", text.strip()).strip()


def _decision_from_bullet(context: Context, block: Block, body: str) -> dict | None:
    found = BULLET_VERB.match(block.text)
    if not found or " ".join(found.group("verb").split()) not in VERBS:
        return None
    return _decision(context, body, found.group("verb"), found.group("rest"), False, block.start, block.end)


def _decisions_in_prose(context: Context, blocks: list[Block], index: int, formal_only: bool) -> list[dict]:
    block = blocks[index]
    patterns = [PROSE_UPPER] if formal_only else [PROSE_UPPER, PROSE_LOWER]
    found = []
    taken: set[int] = set()
    for pattern in patterns:
        for match in pattern.finditer(block.text):
            if match.start() in taken:
                continue
            taken.add(match.start())
            text, end = _sentence_rest(match.group("rest"), block, match.start("rest"))
            if text.endswith(":"):
                text, end = _with_bullets(text, blocks, index, end)
            start = block.start + match.start()
            body = _body_code(match.group("body"))
            found.append(_decision(context, body, match.group("verb"), text, bool(match.group("majority")), start, end))
    return found


def _sentence_rest(rest: str, block: Block, rest_start: int) -> tuple[str, int]:
    stop = SENTENCE_END.search(rest)
    text = rest[: stop.start()] if stop else rest
    return text.strip(), block.start + rest_start + len(text)


def _with_bullets(text: str, blocks: list[Block], index: int, end: int) -> tuple[str, int]:
    parts = [text]
    for following in blocks[index + 1 :]:
        if following.kind != "bullet":
            break
        parts.append(following.text)
        end = following.end
    return "\n".join(parts), end


# Modifications


def modifications(context: Context) -> list[dict]:
    found: dict[str, dict] = {}
    for block in context.segmented.blocks:
        body = block.text.removeprefix(BULLET)
        offset = block.start + (len(block.text) - len(body))
        references = list(MODIFICATION.finditer(body))
        for match in references:
            reference = match.group(1)
            title = _modification_title(body, match, alone=len(references) == 1)
            record = found.get(reference)
            if record is None:
                start = offset + match.start()
                found[reference] = {
                    "reference": reference,
                    "title": title,
                    "source": context.source(start, offset + match.end()),
                }
            elif title and not record["title"]:
                record["title"] = title
    return list(found.values())


def _modification_title(text: str, match: re.Match, alone: bool) -> str | None:
    after = text[match.end() :]
    quoted = QUOTED_TITLE.match(after)
    if quoted:
        return quoted.group(1).strip()
    dashed = DASHED_TITLE.match(after)
    if dashed and alone and match.start() == 0:
        return dashed.group(1).strip()
    return None


# Measures


def measures(context: Context) -> list[dict]:
    found = []
    for block in context.segmented.blocks:
        if block.kind not in ("paragraph", "bullet") or "%" not in block.text:
            continue
        codes = list(MEASURE_CODE.finditer(block.text))
        for figure in FIGURE.finditer(block.text):
            code = next((c for c in reversed(codes) if c.end() <= figure.start()), None)
            if code is None:
                continue
            found.append(_measure(context, block, code, figure))
    return found


def _measure(context: Context, block: Block, code: re.Match, figure: re.Match) -> dict:
    between = block.text[code.end() : figure.start()]
    provider = PROVIDER.search(block.text[: figure.start()])
    status = LEVEL_STATUS.findall(between)
    return {
        "code": code.group(1).replace(" ", ""),
        "value": float(figure.group(1)),
        "previous": float(figure.group(2)) if figure.group(2) else None,
        "unit": "%",
        "period": _period(context, block),
        "provider": provider.group(1) if provider and provider.start() >= code.end() else None,
        "status": status[-1] if status else None,
        "source": context.source(block.start + code.start(), block.start + figure.end()),
    }


def _period(context: Context, block: Block) -> str | None:
    section = context.section_at(block.start)
    start = section.start if section else 0
    months = PMR_MONTH.findall(context.text[start : block.end])
    return month_before(months[-1], context.date) if months else None


# Incidents


def incidents(context: Context) -> list[dict]:
    blocks = context.segmented.blocks
    found = []
    for index, block in enumerate(blocks):
        head = INCIDENT.search(block.text)
        if not head:
            continue
        found.append(_incident(context, blocks, index, head))
    return found


def _incident(context: Context, blocks: list[Block], index: int, head: re.Match) -> dict:
    title = head.group(2).strip().rstrip(".").strip() or None
    record = {"reference": head.group(1), "title": title, "opened": None, "closed": None}
    closures: list[dict] = []
    categories: list[dict] = []
    end = blocks[index].end
    in_closures = False
    for block in blocks[index + 1 :]:
        if INCIDENT.search(block.text) or (block.kind == "heading" and block.level == 1):
            break
        opened, closed = OPENED.search(block.text), CLOSED.search(block.text)
        raised, later = RAISED.match(block.text), LATER_CLOSURE.match(block.text)
        if not (opened or closed or raised or (later and in_closures)):
            continue
        end = block.end
        if opened:
            record["opened"] = at_time(parse_date(opened.group(1)), opened.group(5))
            if opened.group(6):
                categories.append({"at": record["opened"], "category": int(opened.group(6))})
        if raised:
            categories.append(
                {"at": at_time(parse_date(raised.group(1)), raised.group(5)), "category": int(raised.group(6))}
            )
        if closed:
            in_closures = True
            closures.append({"at": at_time(parse_date(closed.group(1)), closed.group(5)), "what": closed.group(6)})
        elif later and in_closures:
            closures.append({"at": at_time(parse_date(later.group(1)), later.group(5)), "what": later.group(6)})
    record["closed"] = max((c["at"] for c in closures), default=None)
    record["closures"] = closures if any(c["what"] for c in closures) else []
    record["categories"] = categories
    record["source"] = context.source(blocks[index].start + head.start(), end)
    return record


# Recommendations


def recommendations(context: Context) -> list[dict]:
    blocks = context.segmented.blocks
    found = []
    for index, block in enumerate(blocks):
        if RECOMMENDATION_LEAD.search(block.text):
            for following in blocks[index + 1 :]:
                verb = BULLET_VERB.match(following.text) if following.kind == "bullet" else None
                if not verb:
                    break
                text = _tidy(verb.group("rest"))
                found.append(
                    {"verb": verb.group("verb"), "text": text, "source": context.source(following.start, following.end)}
                )
            continue
        inline = RECOMMENDATION_INLINE.search(block.text)
        if inline:
            for verb in RECOMMENDATION_VERB.finditer(block.text, inline.end()):
                start = block.start + verb.start()
                source = context.source(start, block.start + verb.end())
                found.append({"verb": verb.group(1), "text": _tidy(verb.group(2)), "source": source})
    return found


# Meetings


def meetings(context: Context, document: dict) -> list[dict]:
    if document["meeting"] is None:
        return []
    kind = context.segmented.kind
    record = {
        "body": document["body"],
        "number": document["meeting"],
        "date": _meeting_date(document),
        "agenda": _agenda(context) if kind in ("slide pack", "minutes") else [],
        "attendance": [],
        "apologies": _apologies(context),
        "next_meeting": _next_meeting(context),
        "source": document["source"],
    }
    return [record]


def _meeting_date(document: dict) -> str | None:
    reference = document["reference"]
    if reference and document["date"]:
        day_month = reference.split("_")[2]
        year = int(document["date"][:4])
        return parse_date(f"{int(day_month[:2])} {MONTHS[int(day_month[2:]) - 1]} {year}")
    if document["kind"] in ("slide pack", "minutes"):
        return document["date"]
    return None


def _agenda(context: Context) -> list[dict]:
    sections = {section.number: section for section in context.segmented.sections}
    if context.segmented.kind == "minutes":
        return [_agenda_line(context, s.number, s.title, None, s.heading, s) for s in sections.values()]
    lines = []
    listing = False
    for block in context.segmented.blocks:
        title = (block.title or "").lower()
        if block.kind == "heading":
            listing = "agenda" in title and not title.startswith("agenda item")
            continue
        agenda = AGENDA_LINE.match(block.text) if listing else None
        if agenda:
            number = agenda.group(1)
            lines.append(_agenda_line(context, number, agenda.group(2), agenda.group(3), block, sections.get(number)))
    return lines


def _agenda_line(context: Context, number, title, note, block: Block, section) -> dict:
    return {
        "number": int(number),
        "title": title.strip(),
        "presenter": section.presenter if section else None,
        "organisation": section.organisation if section else None,
        "note": note,
        "source": context.source(block.start, block.end),
    }


def _apologies(context: Context) -> list[dict]:
    blocks = context.segmented.blocks
    start = next((i for i, b in enumerate(blocks[:15]) if b.text.lower().startswith("apologies")), None)
    if start is None:
        return []
    found = []
    for block in blocks[start + 1 :]:
        if block.kind in ("numbered", "heading") or len(block.text.split()) > 8:
            break
        if block.text.lower().startswith("category"):
            continue
        category, name = _split_apology(block.text)
        found.append({"name": name, "category": category, "source": context.source(block.start, block.end)})
    return found


def _split_apology(text: str) -> tuple[str | None, str]:
    if "\t" in text:
        category, name = text.split("\t", 1)
        return category.strip() or None, name.strip()
    for category in APOLOGY_CATEGORIES:
        if text.startswith(category + " "):
            return category, text[len(category) :].strip()
    words = text.split()
    return (" ".join(words[:-2]) or None), " ".join(words[-2:])


def _next_meeting(context: Context) -> str | None:
    blocks = context.segmented.blocks
    for index, block in enumerate(blocks):
        if "next meeting" in (block.title or block.text).lower() and len(block.text) < 120:
            on_line = parse_date(block.text)
            if on_line:
                return on_line
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if following is not None and DATE_LINE.match(following.text):
                return parse_date(following.text)
    return None
