"""What the generated papers keep: the Sub-Committee Report's structure and banners (reference data),
its draft as the secretariat edits it, and every issued version of a generated paper.

An issued paper is frozen: its PDF is a version (``governance.PaperFile``) of the paper on the
agenda item, at the level it was issued for, and its Word file is kept beside it here. Neither is
built again when the records change.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from panelbook.core.classification import Classification, ClassifiedQuerySet, Gate
from panelbook.core.history_records import HistoricalRecords
from panelbook.core.models import Revisioned
from panelbook.core.records import RecordType
from panelbook.governance.models import Appendix, Meeting, Paper, PaperFile

DEFAULT_RECOMMENDATIONS = "NOTE the contents of this paper; and\nENDORSE the concerns raised by the Sub-Committees."


class ReportSection(models.Model):
    """A numbered section of the SEC Panel Sub-Committee Report and the bodies it reports on, in
    order: reference data the secretariat keeps in the admin (the domain reference gives the
    usual structure, not a rule)."""

    seeded_by_migrations = True  # migration 0002 writes the usual ones

    position = models.PositiveSmallIntegerField(unique=True, help_text="Sections are numbered from 2 in this order.")
    title = models.CharField(max_length=120)
    body_codes = models.CharField(
        max_length=200, help_text="The codes of the bodies it reports on, in order, separated by spaces."
    )
    with_assurance = models.BooleanField(
        default=False,
        help_text="Opens with the assurance status decisions and Director's letters of the period, as counts.",
    )
    service_body_code = models.CharField(
        max_length=30,
        blank=True,
        help_text="The body whose subsection also gives service performance and stability from the DCC's results.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.title

    @property
    def codes(self) -> list[str]:
        return self.body_codes.split()


class ReportOmission(models.Model):
    """An agenda item the report leaves out by its title's start (the minutes of the last meeting,
    any other business): reference data. The secretariat can leave out any other item in the draft."""

    seeded_by_migrations = True  # migration 0002 writes the usual ones

    title_starts_with = models.CharField(max_length=120, unique=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.title_starts_with


class ClassificationBanner(models.Model):
    """The sentence a paper carries on its first page for its classification, as the Panel
    Information Policy words it: reference data, so a change of policy is an edit, not a release."""

    seeded_by_migrations = True  # migration 0002 writes the usual ones

    level = models.CharField(max_length=5, choices=Classification.choices, unique=True)
    text = models.TextField()
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.level

    @classmethod
    def text_for(cls, level: str) -> str:
        return cls.objects.filter(level=level).values_list("text", flat=True).first() or ""


class ReportDraft(Revisioned):
    """The secretariat's edits to one Panel meeting's Sub-Committee Report before it is issued: the
    highlights, the items flagged for the Panel's attention or left out, the text of any item,
    the recommendations and the sign-off. Items are named by their agenda item's id; an edit to an
    item the reader may not see is never shown to them (the report is built through the gate)."""

    meeting = models.OneToOneField(Meeting, on_delete=models.PROTECT, related_name="subcommittee_report")
    since = models.DateField(help_text="The report covers sub-committee meetings held after this day.")
    highlights = models.TextField(
        blank=True, help_text="One bullet per line; left empty, the flagged items' summaries are the highlights."
    )
    flagged = models.JSONField(default=list, blank=True)
    omitted = models.JSONField(default=list, blank=True)
    texts = models.JSONField(default=dict, blank=True)
    recommendations = models.TextField(default=DEFAULT_RECOMMENDATIONS, help_text="One recommendation per line.")
    author = models.CharField(max_length=200, blank=True)
    team = models.CharField(max_length=200, default="SECAS Team")
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Sub-Committee Report for {self.meeting}"

    def get_absolute_url(self) -> str:
        return reverse("papers:subcommittee_report", args=[self.meeting_id])


def issued_word_path(instance: IssuedPaper, filename: str) -> str:
    return f"papers/{instance.paper_id}/issued/{timezone.now():%Y%m%d%H%M%S}/{filename}"


class IssuedPaper(models.Model):
    """A generated paper as it was issued for one audience level: the PDF stored as a version of the
    paper (or of its appendix, for a level above the paper's), and the Word file. Frozen."""

    kind = models.CharField(max_length=40, help_text="Which generated paper: subcommittee-report, actions …")
    paper = models.ForeignKey(Paper, on_delete=models.PROTECT, related_name="issued")
    appendix = models.ForeignKey(Appendix, null=True, blank=True, on_delete=models.PROTECT, related_name="issued")
    pdf = models.OneToOneField(PaperFile, on_delete=models.PROTECT, related_name="issued")
    word = models.FileField(upload_to=issued_word_path, max_length=300)
    level = models.CharField(max_length=5, choices=Classification.choices)
    note = models.CharField(max_length=300, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(default=timezone.now)

    # Like the file it made, an issued paper is visible when its paper (and appendix) are.
    gate = Gate(body="paper__body", parents=("paper", "appendix"), own_level=False)
    record = RecordType(history="__all__", name="kind")
    history = HistoricalRecords()
    objects = ClassifiedQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"{self.paper.reference} issued at {self.level}"
