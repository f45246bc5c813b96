"""What the record types' accept verbs share: the outcome, the gate's lookup and the file's level.

Accepting never sets a governance field itself: each kind's ``accept`` calls the owning app's verbs,
so an accepted record has the same rules and history as one typed in. Records are found through
``find_visible``, the classification gate for ``by``: one ``by`` may not see is refused, naming only
that it exists (``matching.HIDDEN``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model

from panelbook.core.classification import Classification
from panelbook.core.models import User
from panelbook.core.services import ServiceError
from panelbook.governance.models import Body
from panelbook.ingest.matching import HIDDEN, body_code, meeting_label, readable
from panelbook.ingest.models import IngestedFile, Proposal


@dataclass(frozen=True)
class Done:
    """What accepting did, in a sentence, and where to see the result."""

    text: str
    url: str = ""
    record: Model | None = None  # the record it made or changed, which its text and link show


def find_visible(model: type[Model], by: User | None, what: str, *related: str, **lookup: Any) -> Any:
    """The record ``by`` may see that ``lookup`` finds, or None; refused, naming only ``what``, when the
    record exists but ``by`` may not see it (asked as yes or no)."""
    found = readable(model, by).select_related(*related).filter(**lookup).first()
    if found is None and by is not None and model.objects.filter(**lookup).exists():  # type: ignore[attr-defined]
        raise ServiceError(HIDDEN.format(what))
    return found


def as_file(stored: IngestedFile, level: str | None = None) -> dict[str, Any]:
    """Records made from a file are classified as the file (or as ``level`` when the reviewer gave one);
    a RED record goes to the file's recipients, and the verb adds whoever accepts it."""
    level = level or stored.classification
    recipients = list(stored.recipients.all()) if level == Classification.RED else None
    return {"classification": level, "recipients": recipients}


def body_for(code: str | None, stored: IngestedFile) -> Body:
    if not code:
        return stored.body
    body = Body.objects.filter(code=body_code(code)).first()
    if body is None:
        raise ServiceError({"body": f"The body {code} is not in panelbook; give one that is."})
    return body


def file_date(stored: IngestedFile) -> dt.date | None:
    value = stored.document.get("date")
    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def missing_meeting(body: Body, number: int) -> ServiceError:
    return ServiceError(f"{meeting_label(body, number)} is not in panelbook yet; accept the meeting first.")


def held(app: str) -> Callable[[Proposal, User | None], Done]:
    """The accept verb of a record type whose app does not exist yet: the accepted proposal holds it."""

    def hold(proposal: Proposal, by: User | None) -> Done:
        return Done(f"Held as accepted data until the {app} app exists")

    return hold
