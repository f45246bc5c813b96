"""The queue that keeps the index true (a row per changed record, written in the change's own
transaction, so a crash between the commit and the indexing loses nothing; the index takes rows
off once it holds their records), and the searches people save to follow."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from panelbook.core.classification import Classification
from panelbook.core.history_records import HistoricalRecords
from panelbook.core.models import Voidable


class Pending(models.Model):
    """A record whose entries the index must replace (its key is ``app_label.model:pk``)."""

    record = models.CharField(max_length=120, db_index=True)
    queued_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = "record waiting for the search index"
        verbose_name_plural = "records waiting for the search index"

    def __str__(self) -> str:
        return self.record


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class Frequency(models.TextChoices):
    OFF = "off", "Never"
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"


class Sort(models.TextChoices):
    RELEVANCE = "", "Relevance"
    DATE = "date", "Date, newest first"


class SavedSearchQuerySet(models.QuerySet):
    def in_force(self) -> SavedSearchQuerySet:
        return self.filter(is_void=False)

    def of(self, user: Any) -> SavedSearchQuerySet:
        """The saved searches of ``user`` (none for the public): only their owner reads or changes them."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.in_force().filter(owner=user)

    def followed(self) -> SavedSearchQuerySet:
        """Those whose feed and e-mails still run: not deleted, and their owner's account active."""
        return self.in_force().filter(owner__is_active=True)


class SavedSearch(Voidable):
    """A person's search kept under a name, followed by RSS (its secret feed link) and by e-mail.

    It is always run as its owner, with the owner's entitlements on the day it runs, so a feed or
    an e-mail holds what the owner may see then and nothing more. Deleting one voids it: it leaves
    the owner's list, its feed answers 404 and it is e-mailed no more; its history is kept.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    name = models.CharField(max_length=100)
    q = models.CharField("search for", max_length=300, blank=True)
    kind = models.CharField("kind of record", max_length=60, blank=True)
    body = models.ForeignKey("governance.Body", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    level = models.CharField("classification", max_length=10, blank=True, choices=Classification.choices)
    since = models.DateField("from", null=True, blank=True)
    until = models.DateField("to", null=True, blank=True)
    sort = models.CharField("sort by", max_length=10, blank=True, choices=Sort.choices)
    feed_token = models.CharField(max_length=64, unique=True, default=new_feed_token, editable=False)
    frequency = models.CharField(
        "e-mail me new results", max_length=10, choices=Frequency.choices, default=Frequency.OFF
    )
    sent_keys = models.JSONField(
        default=list, blank=True, editable=False, help_text="The keys of the hits already e-mailed (the newest kept)."
    )
    last_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SavedSearchQuerySet.as_manager()
    # The feed token is a credential and the sent keys change with every e-mail: neither is history.
    history = HistoricalRecords(excluded_fields=["feed_token", "sent_keys", "last_sent_at", "updated_at"])

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = "saved search"
        verbose_name_plural = "saved searches"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise ValidationError({"until": "The end of the range is before its start."})
