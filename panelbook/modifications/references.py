"""Modification references in every format the SEC has used: pure, no Django.

- ``SECMP0040``: the original numbering, four digits;
- ``DP081``: a Draft Proposal in the Development Stage, which keeps its number when it becomes
- ``MP081``: a Modification Proposal; and ``MP102A`` / ``MP102B``: a proposal split into solutions
  progressed each on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FORMATS = re.compile(
    r"^(?:(?P<legacy>SECMP)(?P<legacy_number>\d{4})|(?P<prefix>DP|MP)(?P<number>\d{3,4})(?P<suffix>[A-Z]?))$"
)
EXPECTED = (
    "SECMP followed by four digits (SECMP0040), or DP or MP followed by three digits (DP081, MP122), "
    "with a letter for a split solution (MP102A)"
)


class NotAReference(ValueError):
    pass


@dataclass(frozen=True)
class Reference:
    prefix: str  # SECMP, DP or MP
    number: int
    suffix: str = ""

    @property
    def is_draft(self) -> bool:
        return self.prefix == "DP"

    @property
    def is_legacy(self) -> bool:
        return self.prefix == "SECMP"

    def __str__(self) -> str:
        digits = 4 if self.is_legacy else 3
        return f"{self.prefix}{self.number:0{digits}d}{self.suffix}"

    def converted(self) -> Reference:
        """The Modification Proposal a Draft Proposal becomes: DP081 -> MP081."""
        return Reference("MP", self.number, self.suffix)

    def solution(self, letter: str) -> Reference:
        """One solution of a split proposal: MP102 -> MP102A."""
        return Reference(self.prefix, self.number, letter)

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (0 if self.is_legacy else 1, self.number, self.suffix)


def parse(text: str) -> Reference:
    """The reference written in ``text`` (spaces and case forgiven), or NotAReference saying what is expected."""
    cleaned = re.sub(r"\s+", "", text or "").upper()
    found = FORMATS.match(cleaned)
    if not found:
        raise NotAReference(f"“{text}” is not a modification reference: write {EXPECTED}.")
    if found["legacy"]:
        return Reference("SECMP", int(found["legacy_number"]))
    if found["prefix"] == "DP" and found["suffix"]:
        raise NotAReference(
            f"“{text}” is not a modification reference: a Draft Proposal is not split (DP081, not DP081A)."
        )
    return Reference(found["prefix"], int(found["number"]), found["suffix"])


# A reference as it is written in running text: "MP122", "MP 102A", "DP081", "SECMP0040".
IN_TEXT = re.compile(r"\b(?:SECMP ?\d{4}|(?:DP|MP) ?\d{3,4}[A-Z]?)\b")


def identity(reference: Reference) -> str:
    """The one name of a modification under all it is called: DP081 and MP081 are both MP081."""
    return str(reference.converted() if reference.is_draft else reference)


def named_in(text: str) -> set[str]:
    """The identities of the modifications ``text`` names."""
    found = set()
    for written in IN_TEXT.findall(text or ""):
        try:
            found.add(identity(parse(written)))
        except NotAReference:  # a split Draft Proposal ("DP081A") names nothing
            continue
    return found
