"""Verbs of saved searches: save one, change it, delete it, give it a new feed link.

Only a saved search's owner changes it; each verb refuses anyone else with a sentence, runs in one
transaction (``@verb``) and saves through ``save_with_history``, so every change is in its history
with who made it and why.
"""

from __future__ import annotations

from typing import Any, cast

from django.db import models
from django.db.models import Q

from panelbook.core.models import User
from panelbook.core.services import ServiceError, apply_changes, save_with_history, verb
from panelbook.search.entries import searchable
from panelbook.search.models import SavedSearch, new_feed_token
from panelbook.search.saved import PARAMETERS

CHANGEABLE = ("name", "frequency", *PARAMETERS)
NOT_YOURS = "Only the person who saved this search can change it."


@verb
def save_search(*, by: User, name: str, **fields: Any) -> SavedSearch:
    """Keep a search under ``name`` for ``by``; ``fields`` are its parameters and e-mail frequency."""
    refused = sorted(set(fields) - set(CHANGEABLE))
    if refused:
        raise ServiceError({field: f"“{field}” is not part of a saved search." for field in refused})
    saved = SavedSearch(owner=by, name=name.strip(), **fields)
    _check(saved)
    return save_with_history(saved, by=by, reason="Search saved")


@verb
def change_saved_search(saved: SavedSearch, *, by: User, **changes: Any) -> SavedSearch:
    """Rename ``saved`` or change what it searches for or how often it is e-mailed."""
    saved = _locked_own(saved, by)
    if "name" in changes:
        changes["name"] = (changes["name"] or "").strip()
    changed = apply_changes(saved, changes, CHANGEABLE)
    _check(saved)
    fields = [cast(models.Field, SavedSearch._meta.get_field(name)) for name in sorted(changed, key=CHANGEABLE.index)]
    labels = ", ".join(str(field.verbose_name) for field in fields)
    return save_with_history(saved, by=by, reason=f"Changed {labels}" if changed else "Saved")


@verb
def delete_saved_search(saved: SavedSearch, *, by: User) -> SavedSearch:
    """Take ``saved`` off its owner's list: its feed stops and it is e-mailed no more (it is voided,
    its history kept)."""
    saved = _locked_own(saved, by)
    saved.is_void = True
    saved.void_reason = "Deleted by its owner"
    return save_with_history(saved, by=by, reason="Deleted by its owner")


@verb
def new_feed_link(saved: SavedSearch, *, by: User) -> SavedSearch:
    """Give ``saved`` a new secret feed link; the old one answers 404 from now on."""
    saved = _locked_own(saved, by)
    saved.feed_token = new_feed_token()
    return save_with_history(saved, by=by, reason="Feed link made anew; the old link stopped working")


def _locked_own(saved: SavedSearch, by: User) -> SavedSearch:
    locked = SavedSearch.objects.in_force().select_for_update().filter(pk=saved.pk).first()
    if locked is None:
        raise ServiceError("This saved search has been deleted.")
    if locked.owner_id != by.pk:
        raise ServiceError(NOT_YOURS)
    return locked


def _check(saved: SavedSearch) -> None:
    """Refuse a saved search without a name, with a name its owner already uses, or for a kind
    of record search does not hold."""
    if not saved.name:
        raise ServiceError({"name": "Give the search a name, so you can tell it apart in your list."})
    others = SavedSearch.objects.of(saved.owner).filter(Q(name__iexact=saved.name)).exclude(pk=saved.pk)
    if others.exists():
        raise ServiceError({"name": f"You already have a saved search called “{saved.name}”; choose another name."})
    kinds = {each.model._meta.label_lower for each in searchable()}
    if saved.kind and saved.kind not in kinds:
        raise ServiceError({"kind": f"Search holds no records of the kind “{saved.kind}”; choose one from the list."})
