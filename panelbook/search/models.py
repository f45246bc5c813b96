"""The queue that keeps the index true: a row per changed record, written in the change's own
transaction, so a crash between the commit and the indexing loses nothing; the index takes rows
off once it holds their records."""

from __future__ import annotations

from django.db import models


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
