"""Reference formats for papers and actions (pure functions, no Django).

Panel papers are ``SECP_<meeting>_<DDMM>_<item>`` (SECP_67_1204_19: meeting 67, 12 April,
agenda item 19). Other bodies use the same shape with their own prefix, which is reference data
on the body because the real sub-committee prefixes are not confirmed.
"""

from __future__ import annotations

import datetime as dt
import re

PAPER_REFERENCE = re.compile(r"^(?P<prefix>[A-Z][A-Z0-9]*)_(?P<meeting>\d+)_(?P<ddmm>\d{4})_(?P<item>\d{2,3})$")


def paper_reference(prefix: str, meeting_number: int, meeting_date: dt.date, item_number: int) -> str:
    return f"{prefix}_{meeting_number}_{meeting_date:%d%m}_{item_number:02d}"


def action_reference(prefix: str, meeting_number: int, sequence: int) -> str:
    return f"{prefix}{meeting_number}/{sequence:02d}"


def meeting_label(prefix: str, meeting_number: int) -> str:
    return f"{prefix}_{meeting_number}"
