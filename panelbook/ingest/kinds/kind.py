"""What ingest knows of one record type: the declaration each module in ``kinds/`` makes."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from panelbook.ingest.context import Context
from panelbook.ingest.records import Record

if TYPE_CHECKING:
    from panelbook.core.models import User
    from panelbook.ingest.accepting import Done
    from panelbook.ingest.matching import Draft, FileContext, Known, Proposer
    from panelbook.ingest.models import Proposal
    from panelbook.ingest.schema import Payload

Finder = Callable[[Context, Record], list[Record]]
Matcher = Callable[["Draft", "Known", "FileContext"], "Draft | None"]
Acceptor = Callable[["Proposal", "User | None"], "Done"]


@dataclass(frozen=True)
class Proposing:
    """How the records of a kind are proposed, matched and accepted."""

    record_type: str  # the ``Proposal.record_type`` its records are proposed as
    payload: type[Payload]  # the schema a payload is checked against before accepting
    propose: Proposer  # an extraction -> one draft per record
    match: Matcher  # a draft against what panelbook holds -> the proposal, or None when nothing is new
    accept: Acceptor  # an accepted proposal -> records, through the owning app's verbs
    # Fields of an existing record that accepting changes and a reviewer must confirm first (a date, a status)
    confirms: tuple[str, ...] = ()
    # How the stored values of a confirmed field read in the confirmation ("OPEN" reads "Open")
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Kind:
    """One record type of the ingest: how documents show it (``find``) and how it is proposed."""

    name: str  # the extraction's list of these records (docs/extract-schema.md), e.g. "actions"
    find: Finder | None = None  # a document's context and front matter -> its records; papers have none
    summary: tuple[str, ...] = ()  # the fields ``panelbook extract --format text`` shows of each record
    proposing: Proposing | None = None  # None: proposed with another's records (recommendations, with the paper)
