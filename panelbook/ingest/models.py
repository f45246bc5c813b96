"""Ingested legacy papers and the records proposed from them, waiting in the review queue.

Nothing here changes a governance record: accepting a proposal calls the owning app's verbs
(``ingest.services.accept_proposal``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from panelbook.core import records as core_records
from panelbook.core.classification import Classified, ClassifiedQuerySet, Gate
from panelbook.core.history_records import HistoricalRecords
from panelbook.governance.models import Body
from panelbook.ingest.records import NormalText


class IngestedFile(Classified):
    """One file as read: its normalised text (which proposals' source offsets index) and extraction."""

    name = models.CharField(max_length=500, help_text="The path as given to the ingest.")
    sha256 = models.CharField(max_length=64, unique=True, help_text="The same bytes are ingested once.")
    size = models.PositiveBigIntegerField()
    format = models.CharField(max_length=20)
    pages = models.PositiveIntegerField()
    kind = models.CharField(max_length=40)
    reference = models.CharField(max_length=60, blank=True, db_index=True)
    text = models.TextField(blank=True, help_text="The normalised text the extraction's offsets index.")
    page_starts = models.JSONField(default=list)
    extraction = models.JSONField(default=dict)
    warnings = models.JSONField(
        default=list, blank=True, help_text="What the reader and extractor ask a reviewer to check."
    )
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="ingested_files")
    supersedes = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    ingested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    ingested_at = models.DateTimeField(default=timezone.now)

    gate = Gate(body="body")
    # The text and extraction never change after ingest; copying them into history would double the store.
    record = core_records.RecordType(search=("name", "reference", "text"))
    history = HistoricalRecords(m2m_fields=["recipients"], excluded_fields=["text", "page_starts", "extraction"])
    objects = ClassifiedQuerySet.as_manager()  # type: ignore[misc]  # the stubs cannot type an as_manager() override

    class Meta:
        ordering = ["-ingested_at", "-pk"]

    def __str__(self) -> str:
        return self.reference or self.name

    def get_absolute_url(self) -> str:
        return reverse("ingest:file", args=[self.pk])

    @property
    def document(self) -> dict:
        return self.extraction.get("document") or {}

    @property
    def classification_assumed(self) -> bool:
        return not self.document.get("classification")

    @property
    def normal(self) -> NormalText:
        """The stored text as the pipeline made it, to find pages and offsets in."""
        return NormalText(self.text, self.page_starts or [0])


class RecordType(models.TextChoices):
    PAPER = "paper", "Paper"
    MEETING = "meeting", "Meeting"
    ACTION = "action", "Action"
    DECISION = "decision", "Decision"
    MODIFICATION = "modification", "Modification"
    MEASURE = "measure", "Measure"
    INCIDENT = "incident", "Incident"


class Proposal(models.Model):
    """One record found in a file, proposed as a new record or as changes to an existing one."""

    class Change(models.TextChoices):
        CREATE = "CREATE", "Create"
        UPDATE = "UPDATE", "Update"

    class Status(models.TextChoices):
        PROPOSED = "PROPOSED", "Proposed"
        ACCEPTED = "ACCEPTED", "Accepted"
        REJECTED = "REJECTED", "Rejected"

    file = models.ForeignKey(IngestedFile, on_delete=models.PROTECT, related_name="proposals")
    record_type = models.CharField(max_length=20, choices=RecordType.choices)
    key = models.CharField(max_length=300, help_text="The matching key: a reference, or a natural key.")
    payload = models.JSONField(help_text="The record as extracted (or as edited before acceptance).")
    page = models.PositiveIntegerField(null=True, blank=True)
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    change = models.CharField(max_length=10, choices=Change.choices)
    diff = models.JSONField(default=dict, blank=True, help_text="{field: [old, new]} for an update.")
    target = models.CharField(max_length=300, blank=True, help_text="The existing record this one matched.")
    target_url = models.CharField(max_length=300, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    records = models.JSONField(
        default=list,
        blank=True,
        help_text="The records the diff, target, warnings and outcome show something of ('app.model:pk'); "
        "every page re-checks them for its reader.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(blank=True, help_text="What the decision did, e.g. “Raised action SECP47/02”.")
    outcome_url = models.CharField(max_length=300, blank=True)

    # A proposal is exactly as visible as the file it came from.
    gate = Gate(body="file__body", parents=("file",), own_level=False)
    record = core_records.RecordType()
    history = HistoricalRecords()
    objects = ClassifiedQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        indexes = [
            models.Index(fields=["status", "record_type"], name="ingest_proposal_status_type"),
            models.Index(fields=["record_type", "key"], name="ingest_proposal_type_key"),
        ]

    def __str__(self) -> str:
        return f"{self.get_record_type_display()} {self.key or '(no key)'}"

    def get_absolute_url(self) -> str:
        return reverse("ingest:proposal", args=[self.pk])
