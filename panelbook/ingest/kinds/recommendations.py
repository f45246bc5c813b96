"""Recommendations: what a paper asks its body to do ("The Panel is requested to: NOTE …").

They are proposed as part of their paper (``kinds/papers.py``), not as records of their own."""

from __future__ import annotations

import re

from panelbook.ingest.context import Context
from panelbook.ingest.kinds.decisions import BULLET_VERB, tidy
from panelbook.ingest.kinds.kind import Kind
from panelbook.ingest.records import Record

RECOMMENDATION_LEAD = re.compile(r"\b(?:is|are) (?:requested|asked|invited) to:?$")
RECOMMENDATION_INLINE = re.compile(r"\b(?:is|are) (?:requested|asked|invited) to:?\s+(?=[A-Z]{4,}\b)")
RECOMMENDATION_VERB = re.compile(r"\b([A-Z]{4,})\b\s+(.+?)(?:;\s*(?:and\s*)?|\.\s*|$)(?=[A-Z]{4,}\b|$)")


# Finding


def find(context: Context, document: Record) -> list[Record]:
    blocks = context.segmented.blocks
    found = []
    for index, block in enumerate(blocks):
        if RECOMMENDATION_LEAD.search(block.text):
            for following in blocks[index + 1 :]:
                verb = BULLET_VERB.match(following.text) if following.kind == "bullet" else None
                if not verb:
                    break
                text = tidy(verb.group("rest"))
                found.append(
                    {"verb": verb.group("verb"), "text": text, "source": context.source(following.start, following.end)}
                )
            continue
        inline = RECOMMENDATION_INLINE.search(block.text)
        if inline:
            for verb in RECOMMENDATION_VERB.finditer(block.text, inline.end()):
                start = block.start + verb.start()
                source = context.source(start, block.start + verb.end())
                found.append({"verb": verb.group(1), "text": tidy(verb.group(2)), "source": source})
    return found


KIND = Kind(name="recommendations", find=find, summary=("verb", "text"))
