"""The modifications register: each modification, its dated stages and its timetable.

Changes go through ``modifications.services``; nothing here is set directly by views or the API.
A modification's timetable is a list of milestones, each with the date first agreed (its
baseline, kept for good), the date now planned (moved by each extension the Panel agrees) and
the date it was reached; slippage is counted in Working Days.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.db.models import Q
from django.urls import reverse

from panelbook.actions.models import Decision
from panelbook.core.classification import Classified, ClassifiedQuerySet, Gate, is_secretariat
from panelbook.core.history_records import HistoricalRecords
from panelbook.core.lib.working_days import Calendar
from panelbook.core.lists import where_given
from panelbook.core.models import Revisioned, Voidable
from panelbook.core.records import RecordType
from panelbook.governance.models import Body, Organisation, PartyCategory, Person
from panelbook.modifications import lifecycle, voting
from panelbook.modifications.references import Reference, parse

# The lifecycle's stages and paths as Django choices.
STAGE_CHOICES = [(stage.value, label) for stage, label in lifecycle.STAGE_LABELS.items()]
PATH_CHOICES = [(path.value, label) for path, label in lifecycle.PATH_LABELS.items()]


class Progress(models.TextChoices):
    """How a modification is going, as the register shows it."""

    ON_TIME = "ON_TIME", "On time"
    LATE = "LATE", "Late"
    NO_TIMETABLE = "NO_TIMETABLE", "No timetable"
    FINISHED = "FINISHED", "Finished"


class ModificationQuerySet(ClassifiedQuerySet):
    def in_force(self) -> ModificationQuerySet:
        return self.filter(is_void=False)

    def kept_for(self, user: Any) -> ModificationQuerySet:
        """Voided modifications only for the secretariat, who see them marked void and can restore them."""
        return self if is_secretariat(user) else self.in_force()

    def matching(
        self,
        *,
        stage: str | None = None,
        path: str | None = None,
        category: str | None = None,
        proposer: str | None = None,
        q: str | None = None,
        open: bool | None = None,
    ) -> ModificationQuerySet:
        """The filters of the register page, its API and its exports."""
        found = where_given(self, stage=stage, path=path)
        if category:
            found = found.filter(impacted__contains=f" {category} ")
        if proposer:
            found = found.filter(proposer_organisation__name__icontains=proposer)
        if open is not None:
            finished = Q(stage__in=[stage.value for stage in lifecycle.FINISHED])
            found = found.exclude(finished) if open else found.filter(finished)
        if q:
            found = found.filter(Q(reference__icontains=q) | Q(title__icontains=q) | Q(issue__icontains=q))
        return found


class Modification(Classified, Revisioned, Voidable):
    """A proposal to change the SEC, from Draft Proposal to implementation (or withdrawal)."""

    reference = models.CharField(max_length=12, unique=True, help_text="SECMP0040, DP081, MP122 or MP102A.")
    title = models.CharField(max_length=300)
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="modifications", help_text="The body that progresses it."
    )
    proposer_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="proposer"
    )
    proposer = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name="proposer's contact"
    )
    lead_analyst = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    issue = models.TextField("what is the issue?")
    solution = models.TextField("what is the solution?", blank=True)
    impacted = models.CharField(
        "who is impacted?",
        max_length=300,
        blank=True,
        editable=False,
        help_text="The codes of the party categories it affects, each between spaces (“ LARGE_SUPPLIER ”).",
    )
    affected_documents = models.CharField("SEC documents affected", max_length=300, blank=True)
    path = models.CharField(max_length=12, choices=PATH_CHOICES)
    urgent = models.BooleanField(default=False)
    stage = models.CharField(max_length=25, choices=STAGE_CHOICES, editable=False)
    raised_on = models.DateField("date raised")
    split_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="solutions", editable=False
    )

    gate = Gate(body="body")
    record = RecordType(
        history="__all__",
        search=("reference", "title", "issue", "solution"),
        name="reference",
    )
    history = HistoricalRecords(m2m_fields=["recipients"])
    objects = ModificationQuerySet.as_manager()  # type: ignore[misc]  # the stubs cannot type an as_manager() override

    class Meta:
        ordering = ["raised_on", "reference"]
        indexes = [
            models.Index(fields=["stage", "raised_on"], name="modification_by_stage"),
            models.Index(fields=["path", "raised_on"], name="modification_by_path"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("modifications:modification", args=[self.reference])

    @property
    def parsed_reference(self) -> Reference:
        return parse(self.reference)

    @property
    def is_finished(self) -> bool:
        return self.stage in lifecycle.FINISHED

    @property
    def impacted_categories(self) -> list[str]:
        return self.impacted.split()

    @impacted_categories.setter
    def impacted_categories(self, codes: list[str]) -> None:
        self.impacted = f" {' '.join(codes)} " if codes else ""

    def impacted_labels(self) -> list[str]:
        names = dict(PartyCategory.choices)
        return [str(names.get(code, code)) for code in self.impacted_categories]

    def progress(self, today: dt.date, milestones: list[Milestone] | None = None) -> str:
        """On time, late (a planned milestone has passed unreached), finished, or no timetable."""
        if self.is_finished:
            return Progress.FINISHED
        milestones = list(self.milestones.all()) if milestones is None else milestones
        if not milestones:
            return Progress.NO_TIMETABLE
        late = any(m.actual is None and m.planned < today for m in milestones)
        return Progress.LATE if late else Progress.ON_TIME


class StageChange(models.Model):
    """The day a modification reached a stage, and why (the decision that moved it, when one did)."""

    modification = models.ForeignKey(Modification, on_delete=models.PROTECT, related_name="stage_changes")
    stage = models.CharField(max_length=25, choices=STAGE_CHOICES)
    on = models.DateField()
    note = models.CharField(max_length=300, blank=True)
    decision = models.ForeignKey(Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    gate = Gate(body="modification__body", parents=("modification", "decision"), own_level=False)
    record = RecordType(history="__all__")
    history = HistoricalRecords()
    objects = ClassifiedQuerySet.as_manager()

    class Meta:
        ordering = ["modification", "on", "id"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} on {self.on:%d %B %Y}"


class Milestone(Revisioned):
    """One step of a modification's timetable: baseline, current plan and actual date."""

    modification = models.ForeignKey(Modification, on_delete=models.PROTECT, related_name="milestones")
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=120)
    baseline = models.DateField(help_text="The date first agreed; extensions never move it.", editable=False)
    planned = models.DateField(help_text="The date now planned.")
    actual = models.DateField(null=True, blank=True)
    rule = models.TextField(blank=True, help_text="How the planned date was worked out, in words, when a rule gave it.")
    agreed_by = models.ForeignKey(Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    gate = Gate(body="modification__body", parents=("modification", "agreed_by"), own_level=False)
    record = RecordType(history="__all__", name="name")
    history = HistoricalRecords()
    objects = ClassifiedQuerySet.as_manager()

    class Meta:
        ordering = ["modification", "position"]
        constraints = [
            models.UniqueConstraint(fields=["modification", "position"], name="milestone_position_unique"),
            models.UniqueConstraint(fields=["modification", "name"], name="milestone_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    def slippage(self, calendar: Calendar, as_of: dt.date | None = None) -> int:
        """Working Days from the baseline to the date reached, or to the date planned; for a
        milestone still unreached after its planned date, to ``as_of`` (it has slipped that far at least)."""
        if self.actual is not None:
            return calendar.between(self.baseline, self.actual)
        end = as_of if as_of is not None and self.planned < as_of else self.planned
        return calendar.between(self.baseline, end)


class Extension(models.Model):
    """An extension of a timetable that the Panel agreed: the planned dates from one milestone on
    move by a number of Working Days."""

    modification = models.ForeignKey(Modification, on_delete=models.PROTECT, related_name="extensions")
    agreed_on = models.DateField()
    working_days = models.PositiveIntegerField()
    from_milestone = models.ForeignKey(Milestone, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=300)
    decision_reference = models.CharField(
        max_length=60, help_text="The Panel decision that agreed it, as the minutes cite it (e.g. SECP_47 item 12)."
    )
    decision = models.ForeignKey(Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    gate = Gate(body="modification__body", parents=("modification", "decision"), own_level=False)
    record = RecordType(history="__all__")
    history = HistoricalRecords()
    objects = ClassifiedQuerySet.as_manager()

    class Meta:
        ordering = ["modification", "agreed_on", "id"]

    def __str__(self) -> str:
        return f"{self.working_days} working days from {self.from_milestone} ({self.decision_reference})"


class VotingRule(models.Model):
    """How the Change Board's category votes make an outcome, from a date: reference data the
    secretariat keeps (Django admin), since the SEC's own threshold is not confirmed here."""

    name = models.CharField(max_length=120)
    effective_from = models.DateField(unique=True)
    share = models.DecimalField(
        max_digits=3, decimal_places=2, default=0.5, help_text="More than this share of counted categories approve."
    )
    quorum = models.PositiveIntegerField(default=1, help_text="At least this many categories approve or reject.")
    abstain_counts = models.BooleanField(default=False, help_text="An abstaining category counts in the total.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"{self.name} (from {self.effective_from:%d %B %Y})"


class CategoryVote(models.Model):
    """One party category's vote at the Change Board on one modification."""

    modification = models.ForeignKey(Modification, on_delete=models.PROTECT, related_name="votes")
    category = models.CharField(max_length=30, choices=PartyCategory.choices)
    vote = models.CharField(max_length=8, choices=[(v.value, v.value.capitalize()) for v in voting.Vote])
    cast_on = models.DateField()
    rule = models.ForeignKey(VotingRule, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    gate = Gate(body="modification__body", parents=("modification",), own_level=False)
    record = RecordType(history="__all__")
    history = HistoricalRecords()
    objects = ClassifiedQuerySet.as_manager()

    class Meta:
        ordering = ["modification", "category"]
        constraints = [models.UniqueConstraint(fields=["modification", "category"], name="one_vote_per_category")]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.get_vote_display()}"
