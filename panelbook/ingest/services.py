"""Verbs of the ingest: store a processed file with its proposals; accept or reject a proposal.

Accepting checks the payload against its record type's schema (``kinds/<type>.py``, through
``schema.clean``) and hands it to that type's ``accept``, which calls the owning app's verbs
(``create_meeting``, ``raise_action``, ``record_decision``, ``create_paper`` …), so an accepted record
has the same rules and history as one typed in.

Both act for a person (``by``) and find every record through ``matching.readable(Model, by)``,
the classification gate. A record ``by`` may not see is never written to or named: accepting
refuses, saying only that such a record exists (``matching.HIDDEN``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from panelbook.core.classification import Classification
from panelbook.core.models import User
from panelbook.core.records import reference
from panelbook.core.services import ServiceError, acting_user, save_with_history, set_recipients, verb
from panelbook.ingest import kinds, reconcile, schema
from panelbook.ingest.kinds.kind import Proposing
from panelbook.ingest.matching import HIDDEN, Bodies, Draft, readable
from panelbook.ingest.models import IngestedFile, Proposal, RecordType
from panelbook.ingest.pipeline import Processed

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class IngestOutcome:
    name: str
    file: IngestedFile | None
    proposals: list[Proposal]
    accepted: list[Proposal]

    @property
    def unchanged(self) -> bool:
        return self.file is None

    @property
    def proposed(self) -> Counter:
        return Counter(proposal.record_type for proposal in self.proposals)

    @property
    def warnings(self) -> int:
        return sum(len(proposal.warnings) for proposal in self.proposals)

    @property
    def message(self) -> str:
        if self.unchanged:
            return "unchanged; nothing proposed"
        counts = ", ".join(f"{n} {kind}" for kind, n in sorted(self.proposed.items())) or "nothing new"
        accepted = f"; {len(self.accepted)} accepted" if self.accepted else ""
        return f"proposed {counts}{accepted}"


# Ingest


@verb
def ingest(processed: Processed, *, by: User | None, commit: bool = False) -> IngestOutcome:
    """Store one processed file and the proposals reconciled from it; the same bytes are stored once.

    With ``commit`` the new records without warnings are accepted at once; one refused stays
    proposed with the refusal among its warnings.
    """
    read = processed.read
    if IngestedFile.objects.filter(sha256=read.sha256).exists():
        return IngestOutcome(read.name, None, [], [])
    bodies = Bodies.load()
    if bodies.default is None:
        raise ServiceError("There are no bodies in panelbook yet; add them (the admin, or panelbook load_demo) first.")
    previous = previous_version(processed, by)
    drafts = reconcile.plan(processed.extraction, previous=previous, bodies=bodies, by=by)
    _warn_of_hidden_version(drafts, processed, previous, by)
    stored = _store_file(processed, bodies, previous, by)
    proposals = _store_proposals(stored, drafts, by)
    _retire_replaced(drafts, proposals, by)
    accepted = _accept_clean(proposals, by) if commit else []
    return IngestOutcome(read.name, stored, proposals, accepted)


def previous_version(processed: Processed, by: User | None) -> IngestedFile | None:
    """The latest earlier file ``by`` may see of the same document: the same reference, else the same name."""
    reference = processed.extraction.document.get("reference")
    files = readable(IngestedFile, by)
    files = files.filter(reference=reference) if reference else files.filter(name=processed.read.name)
    return files.defer("text", "page_starts", "extraction").order_by("-ingested_at", "-pk").first()


def _warn_of_hidden_version(
    drafts: list[Draft], processed: Processed, previous: IngestedFile | None, by: User | None
) -> None:
    """An earlier version ``by`` may not see is not compared against; the paper's proposal says it exists."""
    if previous is not None or by is None or previous_version(processed, None) is None:
        return
    paper = next((draft for draft in drafts if draft.record_type == RecordType.PAPER), None)
    if paper is not None:
        paper.warnings.append(HIDDEN.format("An earlier version of this document"))


def _store_file(processed: Processed, bodies: Bodies, previous: IngestedFile | None, by: User | None) -> IngestedFile:
    read, normal, document = processed.read, processed.normal, processed.extraction.document
    level = document.get("classification")
    stored = IngestedFile(
        name=read.name,
        sha256=read.sha256,
        size=read.size,
        format=read.format,
        pages=len(read.pages),
        kind=document.get("kind") or "other",
        reference=(document.get("reference") or "")[:60],
        text=normal.text,
        page_starts=list(normal.page_starts),
        extraction=processed.extraction.as_json(),
        warnings=[*read.warnings, *processed.extraction.warnings],
        body=bodies.named(document.get("body")) or bodies.default,
        # A paper that does not say is shown no wider than the secretariat and its body.
        classification=level if level in Classification.values else Classification.AMBER,
        supersedes=previous,
        ingested_by=acting_user(by),
    )
    save_with_history(stored, by=by, reason="Ingested")
    set_recipients(stored, None, by)
    return stored


def _store_proposals(stored: IngestedFile, drafts: list[Draft], by: User | None) -> list[Proposal]:
    proposals = [
        Proposal(
            file=stored,
            record_type=draft.record_type,
            key=draft.key,
            payload=draft.payload,
            page=_offset(draft.source.get("page")),
            start=_offset(draft.source.get("start")),
            end=_offset(draft.source.get("end")),
            change=draft.change,
            diff=draft.diff,
            target=draft.target[:300],
            target_url=draft.target_url,
            warnings=draft.warnings,
            records=draft.records,
        )
        for draft in drafts
    ]
    return bulk_create_with_history(
        proposals, Proposal, default_user=acting_user(by), default_change_reason="Proposed by ingest"
    )


def _offset(value: Any) -> int | None:
    return value if isinstance(value, int) and value >= 0 else None


def _retire_replaced(drafts: list[Draft], proposals: list[Proposal], by: User | None) -> None:
    """An earlier version's proposal still waiting for review gives way to the later version's."""
    for draft, proposal in zip(drafts, proposals, strict=True):
        if draft.replaces is not None:
            reason = f"replaced by proposal #{proposal.pk} from the later version {proposal.file.name}"
            draft.replaces.records = [*draft.replaces.records, reference(proposal)]
            _decide(draft.replaces, Proposal.Status.REJECTED, by, f"Rejected: {reason}", proposal.get_absolute_url())


def _accept_clean(proposals: list[Proposal], by: User | None) -> list[Proposal]:
    accepted = []
    for proposal in proposals:
        if proposal.change != Proposal.Change.CREATE or proposal.warnings:
            continue
        # accept_proposal's own atomic block is a savepoint here: a refusal undoes only its writes.
        try:
            accepted.append(accept_proposal(proposal, by=by))
        except ValidationError as refusal:
            proposal.warnings = [*proposal.warnings, "Not accepted: " + " ".join(refusal.messages)]
            save_with_history(proposal, by=by, reason="Accepting refused")
    return accepted


# Deciding


@verb
def accept_proposal(
    proposal: Proposal, *, by: User | None, payload: dict[str, Any] | None = None, confirmed: bool = False
) -> Proposal:
    """Accept a proposal through the owning app's verbs; a ``payload`` given replaces the extracted one.

    A change to an existing record's date or status (its kind's ``confirms``) is applied only
    ``confirmed``. A refusal raises ``ServiceError`` naming what is missing; nothing is then changed.
    """
    proposal = _open(proposal, by)
    edited = payload is not None
    given = payload if payload is not None else proposal.payload
    kind = kinds.proposed_as(proposal.record_type)
    proposal.payload = {**schema.clean(kind.payload, given), "source": proposal.payload.get("source")}
    # A record the reviewer may not see is refused by its kind's accept, naming nothing of it.
    hidden = proposal.pk in reconcile.withheld([proposal], by)
    unconfirmed = "" if hidden else changes_to_confirm(proposal, kind)
    if unconfirmed and not confirmed:
        raise ServiceError({"confirm": f"{unconfirmed} Confirm it to accept the proposal."})
    done = kind.accept(proposal, by)
    if done.record is not None and reference(done.record) not in proposal.records:
        proposal.records = [*proposal.records, reference(done.record)]
    reason = "Edited and accepted" if edited else "Accepted"
    return _decide(proposal, Proposal.Status.ACCEPTED, by, done.text, done.url, reason=reason)


def changes_to_confirm(proposal: Proposal, kind: Proposing) -> str:
    """The sentence naming the changes to an existing record's fields that must be confirmed
    (``kind.confirms``) and that accepting ``proposal`` as its payload stands would make, or ""
    when there are none."""
    if proposal.change != Proposal.Change.UPDATE:
        return ""
    changes = []
    for name in kind.confirms:
        if name not in proposal.diff:
            continue
        now, new = proposal.diff[name][0], proposal.payload.get(name)
        if new not in (None, "") and new != now:
            labels = kind.labels.get(name, {})
            changes.append(f"its {name.replace('_', ' ')} from {_as_words(now, labels)} to {_as_words(new, labels)}")
    return f"Accepting changes {proposal.target}: {' and '.join(changes)}." if changes else ""


def _as_words(value: Any, labels: Mapping[str, str]) -> str:
    if isinstance(value, str) and DAY.fullmatch(value):
        return f"{dt.date.fromisoformat(value):%-d %B %Y}"
    if value in (None, ""):
        return "nothing"
    return labels.get(value, str(value)) if isinstance(value, str) else str(value)


@verb
def reject_proposal(proposal: Proposal, *, by: User | None, reason: str = "") -> Proposal:
    proposal = _open(proposal, by)
    reason = reason.strip()
    return _decide(proposal, Proposal.Status.REJECTED, by, f"Rejected: {reason}" if reason else "Rejected", "")


def _open(proposal: Proposal, by: User | None) -> Proposal:
    """The proposal, locked; one ``by`` may not see is refused as if it did not exist."""
    found = readable(Proposal, by).filter(pk=proposal.pk).values_list("pk", flat=True).first()
    if found is None:
        raise ServiceError(f"There is no proposal #{proposal.pk}.")
    proposal = Proposal.objects.select_for_update().select_related("file__body").get(pk=found)
    if proposal.status != Proposal.Status.PROPOSED:
        decided = timezone.localtime(proposal.decided_at)
        raise ServiceError(
            f"Proposal #{proposal.pk} was already {proposal.get_status_display().lower()} on {decided:%d/%m/%Y}."
        )
    return proposal


def _decide(proposal: Proposal, status: str, by: User | None, outcome: str, url: str, reason: str = "") -> Proposal:
    proposal.status = status
    proposal.decided_by = acting_user(by)
    proposal.decided_at = timezone.now()
    proposal.outcome = outcome
    proposal.outcome_url = url
    return save_with_history(proposal, by=by, reason=reason or proposal.get_status_display())
