"""What happened to records, told to whoever listens once the change is committed.

Every save through ``core.services.save_with_history`` announces itself here. Subscribers (the
search index, notifications) connect to ``record_changed`` and hear of a change only after its
transaction commits; a change that is rolled back is never heard of, so nothing outside the
database can show a record that does not exist.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import TYPE_CHECKING

from django.db import models, transaction
from django.dispatch import Signal

if TYPE_CHECKING:
    from panelbook.core.models import User

log = logging.getLogger(__name__)

# Sent with sender=the record's model and record, created, reason, by (None for the system).
# ``record`` is the object as it was saved: read it again for the state that was committed last.
record_changed = Signal()


def after_commit(record: models.Model, *, created: bool, reason: str, by: User | None) -> None:
    """Tell the subscribers of ``record_changed`` about this save once its transaction commits."""
    announce = partial(_announce, record, created=created, reason=reason, by=by)
    transaction.on_commit(announce, robust=True)


def _announce(record: models.Model, *, created: bool, reason: str, by: User | None) -> None:
    # A subscriber that fails must not keep the others from hearing: the change is committed.
    answers = record_changed.send_robust(type(record), record=record, created=created, reason=reason, by=by)
    for receiver, answer in answers:
        if isinstance(answer, Exception):
            log.error("%r failed on a change to %s %s", receiver, record._meta.label, record.pk, exc_info=answer)
