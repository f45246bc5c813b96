"""The modifications register: each modification, its dated stages and its timetable.

Changes go through ``modifications.services``; nothing here is set directly by views or the API.
A modification's timetable is a list of milestones, each with the date first agreed (its
baseline, kept for good), the date now planned (moved by each extension the Panel agrees) and
the date it was reached; slippage is counted in Working Days.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple

from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from panelbook.actions.models import Decision
from panelbook.core.classification import Classified, ClassifiedQuerySet, Gate, is_secretariat
from panelbook.core.history_records import HistoricalRecords
from panelbook.core.lib.working_days import Calendar
from panelbook.core.lists import where_given
from panelbook.core.models import VOID_REASON_LENGTH, Revisioned, Voidable
from panelbook.core.records import RecordType
from panelbook.governance.models import Body, Organisation, Paper, PartyCategory, Person
from panelbook.modifications import lifecycle, releases, voting
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


def in_scope_of(release: int) -> Q:
    """A release's scope: the modifications it is the actual release of, and those targeting it that
    have no actual release yet (one that went live in another release is that one's)."""
    return Q(actual_release_id=release) | Q(actual_release__isnull=True, target_release_id=release)


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
        release: int | None = None,
        q: str | None = None,
        open: bool | None = None,
        assessment_overdue: bool | None = None,
        today: dt.date | None = None,
    ) -> ModificationQuerySet:
        """The filters of the register page, its API and its exports."""
        found = where_given(self, stage=stage, path=path)
        if category:
            found = found.filter(impacted__contains=f" {category} ")
        if proposer:
            found = found.filter(proposer_organisation__name__icontains=proposer)
        if release:
            found = found.filter(in_scope_of(release))
        if open is not None:
            finished = Q(stage__in=[stage.value for stage in lifecycle.FINISHED])
            found = found.exclude(finished) if open else found.filter(finished)
        if q:
            found = found.filter(Q(reference__icontains=q) | Q(title__icontains=q) | Q(issue__icontains=q))
        if assessment_overdue is not None:
            overdue = Q(assessment_overdue=True)
            found = found.with_assessments_overdue(today or timezone.localdate())
            found = found.filter(overdue) if assessment_overdue else found.exclude(overdue)
        return found

    def with_assessments_overdue(self, today: dt.date) -> ModificationQuerySet:
        """Each row with ``assessment_overdue``: a DCC assessment of it is past its due date, not returned."""
        if "assessment_overdue" in self.query.annotations:
            return self
        late = Assessment.objects.overdue(today).filter(modification=OuterRef("pk"))
        return self.annotate(assessment_overdue=Exists(late))


class ReleaseKind(models.TextChoices):
    """The kinds of SEC release: the three scheduled in the year, and the ones called between them.
    When in its month a scheduled release falls is each release's own date, never a rule here."""

    FEBRUARY = "FEBRUARY", "February release"
    JUNE = "JUNE", "June release"
    NOVEMBER = "NOVEMBER", "November release"
    AD_HOC = "AD_HOC", "Ad hoc release"


class ReleaseStatus(models.TextChoices):
    PLANNED = "PLANNED", "Planned"
    DELIVERED = "DELIVERED", "Delivered"


class ReleaseQuerySet(models.QuerySet):
    def in_force(self) -> ReleaseQuerySet:
        return self.filter(is_void=False)

    def kept_for(self, user: Any) -> ReleaseQuerySet:
        """Voided releases only for the secretariat, who see them marked void and can restore them."""
        return self if is_secretariat(user) else self.in_force()

    def matching(self, *, kind: str | None = None, status: str | None = None) -> ReleaseQuerySet:
        """The filters of the releases' API list and export."""
        return where_given(self, kind=kind, status=status)

    def upcoming_first(self, today: dt.date) -> list[Release]:
        """Releases from ``today`` on, soonest first, then the past ones, latest first."""
        rows = list(self.order_by("date", "name"))
        return [r for r in rows if r.date >= today] + [r for r in reversed(rows) if r.date < today]


class Release(Revisioned, Voidable):
    """A SEC release: a day on which a new version of the SEC comes into force with the modifications
    in its scope. A public record (WHITE): the modifications in scope are still read through their
    own gate, so one a reader may not see is not listed to them."""

    name = models.CharField(
        max_length=80, unique=True, help_text="As the secretariat names it: “June 2026 SEC Release”."
    )
    kind = models.CharField(max_length=10, choices=ReleaseKind.choices)
    date = models.DateField(help_text="The day the release goes live.")
    sec_version = models.CharField(
        "SEC version",
        max_length=20,
        blank=True,
        help_text="The version of the SEC it issues (61.0); may wait until known.",
    )
    status = models.CharField(max_length=10, choices=ReleaseStatus.choices, default=ReleaseStatus.PLANNED)
    notes = models.TextField(blank=True)

    record = RecordType(history="__all__", search=("name", "notes"), name="name")
    history = HistoricalRecords()
    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["date", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("modifications:release", args=[self.pk])

    @property
    def is_delivered(self) -> bool:
        return self.status == ReleaseStatus.DELIVERED


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
    target_release = models.ForeignKey(
        Release,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="targeted",
        editable=False,
        help_text="The release it is planned to go live in.",
    )
    actual_release = models.ForeignKey(
        Release,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delivered",
        editable=False,
        help_text="The release it went (or is going) live in, once approved for implementation.",
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
        # One vote per category in each vote: a modification the Authority sends back is voted on again.
        constraints = [
            models.UniqueConstraint(fields=["modification", "category", "cast_on"], name="one_vote_per_category")
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.get_vote_display()}"


class ReferralPeriod(models.Model):
    """How many Working Days after a Self-Governance decision of the Change Board a Party may refer
    it to the Authority, from a date: reference data the secretariat keeps (Django admin), since the
    SEC's period and appeal body are not confirmed here."""

    working_days = models.PositiveIntegerField(help_text="Working Days after the Change Board's vote.")
    effective_from = models.DateField(unique=True)
    source = models.CharField(max_length=200, blank=True, help_text="Where the period is written down.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"{self.working_days} working days (from {self.effective_from:%d %B %Y})"


class AuthorityOutcome(models.TextChoices):
    APPROVE = "APPROVE", "Approved"
    REJECT = "REJECT", "Rejected"
    SEND_BACK = "SEND_BACK", "Sent back"


# The stage each outcome of the Authority's decision moves a modification to.
AUTHORITY_MOVES_TO = {
    AuthorityOutcome.APPROVE: lifecycle.Stage.APPROVED,
    AuthorityOutcome.REJECT: lifecycle.Stage.REJECTED,
    AuthorityOutcome.SEND_BACK: lifecycle.Stage.REPORT_PHASE,
}


class AuthorityDecisionQuerySet(ClassifiedQuerySet):
    def in_force(self) -> AuthorityDecisionQuerySet:
        return self.filter(is_void=False)


class AuthorityDecision(Revisioned, Voidable):
    """The Authority's decision on a Path 1 or Path 2 modification the Change Board recommended to it:
    the day, the outcome and the decision letter, when there is one (a document of the modification,
    which keeps its paper's classification)."""

    modification = models.ForeignKey(Modification, on_delete=models.PROTECT, related_name="authority_decisions")
    decided_on = models.DateField()
    outcome = models.CharField(max_length=10, choices=AuthorityOutcome.choices)
    note = models.CharField(max_length=300, blank=True)
    letter = models.ForeignKey(
        "ModificationDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    stage_change = models.ForeignKey(StageChange, on_delete=models.PROTECT, related_name="+", editable=False)

    # The letter is not a parent: a reader who may not see its paper still sees the decision, without the link.
    gate = Gate(body="modification__body", parents=("modification",), own_level=False)
    record = RecordType(history="__all__")
    history = HistoricalRecords()
    objects = AuthorityDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["modification", "decided_on", "id"]

    def __str__(self) -> str:
        return f"The Authority's decision of {self.decided_on:%d %B %Y}: {self.get_outcome_display()}"

    def get_absolute_url(self) -> str:
        return f"{self.modification.get_absolute_url()}#authority-decision-{self.pk}"


class AssessmentKind(models.TextChoices):
    """The DCC's two assessments of a modification (SEC Section D)."""

    PRELIMINARY = "PRELIMINARY", "Preliminary Assessment"
    IMPACT = "IMPACT", "Impact Assessment"


class LeadTimeUnit(models.TextChoices):
    """How the DCC states the lead time to implement: in Working Days or in months."""

    WORKING_DAYS = "WORKING_DAYS", "working days"
    MONTHS = "MONTHS", "months"


class AssessmentTimescale(models.Model):
    """How many Working Days the DCC has to return an assessment of a kind, from a date: reference
    data the secretariat keeps (Django admin), since the SEC's standard timescales are not confirmed here."""

    kind = models.CharField(max_length=12, choices=AssessmentKind.choices)
    working_days = models.PositiveIntegerField(help_text="Working Days after the request that the return is due.")
    effective_from = models.DateField()
    source = models.CharField(max_length=200, blank=True, help_text="Where the timescale is written down.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "effective_from"], name="one_timescale_per_kind_and_day")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.working_days} working days (from {self.effective_from:%d %B %Y})"


class AssessmentQuerySet(ClassifiedQuerySet):
    def in_force(self) -> AssessmentQuerySet:
        return self.filter(is_void=False)

    def overdue(self, today: dt.date) -> AssessmentQuerySet:
        """Not yet returned, the day it was due has passed, and its modification is still in progress
        (nobody waits for an assessment of one withdrawn, rejected or implemented)."""
        finished = [stage.value for stage in lifecycle.FINISHED]
        waiting = self.in_force().filter(delivered_on__isnull=True, due_on__lt=today)
        return waiting.exclude(modification__stage__in=finished)

    def with_document_seen_by(self, user: Any) -> AssessmentQuerySet:
        """Each row with ``document_reference``: its returned paper's reference when ``user`` may see
        that paper, else None (one subquery, not a query per row)."""
        seen = Paper.objects.visible_to(user).filter(pk=OuterRef("document_id")).values("reference")[:1]
        return self.annotate(document_reference=Subquery(seen))

    def matching(
        self,
        *,
        kind: str | None = None,
        overdue: bool | None = None,
        reference: str | None = None,
        today: dt.date | None = None,
    ) -> AssessmentQuerySet:
        """The filters of the assessments' export and API list."""
        found = where_given(self, kind=kind)
        if reference:
            found = found.filter(modification__reference=reference.strip().upper())
        if overdue is not None:
            late = found.overdue(today or timezone.localdate())
            found = late if overdue else found.exclude(pk__in=late.values("pk"))
        return found


class Assessment(Revisioned, Voidable):
    """A DCC Preliminary or Impact Assessment of a modification: requested, due, and returned
    with its cost and the lead time the DCC states, and the returned document when there is one."""

    modification = models.ForeignKey(Modification, on_delete=models.PROTECT, related_name="assessments")
    kind = models.CharField(max_length=12, choices=AssessmentKind.choices)
    requested_on = models.DateField()
    due_on = models.DateField()
    due_rule = models.TextField(blank=True, help_text="How the due date was worked out, in words, when a rule gave it.")
    delivered_on = models.DateField(null=True, blank=True)
    cost = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True, help_text="The DCC's cost to implement, in pounds."
    )
    lead_time = models.PositiveIntegerField(null=True, blank=True, help_text="As the DCC states it.")
    lead_time_unit = models.CharField(max_length=12, choices=LeadTimeUnit.choices, blank=True)
    document = models.ForeignKey(
        Paper,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The paper the DCC returned, which keeps its own classification.",
    )

    # The returned document is not a parent: a reader who may not see it still sees the assessment, without its link.
    gate = Gate(body="modification__body", parents=("modification",), own_level=False)
    record = RecordType(history="__all__")
    history = HistoricalRecords()
    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["modification", "requested_on", "id"]
        indexes = [models.Index(fields=["delivered_on", "due_on"], name="assessment_outstanding")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} requested {self.requested_on:%d %B %Y}"

    def get_absolute_url(self) -> str:
        return f"{self.modification.get_absolute_url()}#assessment-{self.pk}"

    def is_overdue(self, today: dt.date) -> bool:
        """As ``AssessmentQuerySet.overdue``, for one already read (with its modification)."""
        waiting = not self.is_void and self.delivered_on is None and self.due_on < today
        return waiting and not self.modification.is_finished

    def turnaround(self, calendar: Calendar) -> int | None:
        """Working Days from the request to the return, once returned."""
        return None if self.delivered_on is None else calendar.between(self.requested_on, self.delivered_on)

    def days_late(self, calendar: Calendar, today: dt.date) -> int:
        """Working Days past the due date: to the return, or to ``today`` while it is outstanding."""
        end = self.delivered_on or today
        return max(0, calendar.between(self.due_on, end))

    def lead_time_text(self) -> str:
        if self.lead_time is None:
            return ""
        unit = self.get_lead_time_unit_display()
        return f"{self.lead_time} {unit[:-1] if self.lead_time == 1 else unit}"


class Mention(models.Model):
    """A record of another kind whose text names a modification (``references.named_in``), kept
    as its text is saved (``mentions.py``). It says only where to look: the record itself is read
    through its own gate before anything of it is shown."""

    reference = models.CharField(max_length=12, help_text="The modification's identity: MP081 for DP081 too.")
    model = models.CharField(max_length=100, help_text="The record's model, as app_label.model_name.")
    record_id = models.PositiveBigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "record_id", "reference"], name="one_mention_per_record")
        ]
        indexes = [models.Index(fields=["reference", "model", "-record_id"], name="mentions_of_reference")]

    def __str__(self) -> str:
        return f"{self.reference} in {self.model}:{self.record_id}"


class Follow(models.Model):
    """A signed-in person following one modification, or every one affecting a party category.
    A preference of that person's, not a record of the register: unfollowing removes it."""

    user = models.ForeignKey("core.User", on_delete=models.CASCADE, related_name="+")
    modification = models.ForeignKey(Modification, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    category = models.CharField(max_length=30, choices=PartyCategory.choices, blank=True)
    since = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "modification"], name="follow_a_modification_once"),
            models.UniqueConstraint(
                fields=["user", "category"], condition=~Q(category=""), name="follow_a_category_once"
            ),
            models.CheckConstraint(
                condition=Q(modification__isnull=False, category="") | Q(modification__isnull=True) & ~Q(category=""),
                name="follow_one_thing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.modification or self.get_category_display()}"


class DocumentKind(models.TextChoices):
    """What a paper is to a modification, in the order a modification's page lists them."""

    PROBLEM_STATEMENT = "PROBLEM_STATEMENT", "Problem statement"
    BUSINESS_REQUIREMENTS = "BUSINESS_REQUIREMENTS", "Business requirements"
    LEGAL_TEXT = "LEGAL_TEXT", "Legal text"
    CONSULTATION = "CONSULTATION", "Consultation"
    CONSULTATION_RESPONSE = "CONSULTATION_RESPONSE", "Consultation response"
    DCC_ASSESSMENT = "DCC_ASSESSMENT", "DCC assessment"
    MODIFICATION_REPORT = "MODIFICATION_REPORT", "Modification Report"
    DECISION_LETTER = "DECISION_LETTER", "Decision letter"


# Kinds that come in numbered versions (legal text v0.1, v0.2 …; Modification Report v1.0).
VERSIONED_KINDS = frozenset({DocumentKind.LEGAL_TEXT, DocumentKind.MODIFICATION_REPORT})


class DocumentQuerySet(ClassifiedQuerySet):
    def attached(self) -> DocumentQuerySet:
        return self.filter(detached_on__isnull=True)


class ModificationDocument(models.Model):
    """A governance paper attached to a modification as one of its documents, with its type (and
    version, for legal text and the Modification Report). The paper keeps its own classification:
    the attachment is seen only by a reader who may see both the modification and the paper."""

    modification = models.ForeignKey(Modification, on_delete=models.PROTECT, related_name="documents")
    paper = models.ForeignKey(Paper, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("type", max_length=25, choices=DocumentKind.choices)
    version = models.CharField(
        max_length=12, blank=True, help_text="For legal text and the Modification Report: 0.4, 1.0 …"
    )
    attached_on = models.DateField()
    detached_on = models.DateField(null=True, blank=True, editable=False)
    detach_reason = models.CharField(max_length=VOID_REASON_LENGTH, blank=True, editable=False)

    gate = Gate(body="modification__body", parents=("modification", "paper"), own_level=False)
    record = RecordType(history="__all__")
    history = HistoricalRecords()
    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["modification", "kind", "attached_on", "id"]

    def __str__(self) -> str:
        return f"{self.label} ({self.paper.reference})"

    def get_absolute_url(self) -> str:
        return f"{self.modification.get_absolute_url()}#documents"

    @property
    def label(self) -> str:
        kind = self.get_kind_display()
        return f"{kind} version {self.version}" if self.version else kind


class InScope(NamedTuple):
    """A modification in a release's scope, as one reader may see it, with how it stands for the release."""

    modification: Modification
    standing: releases.Standing
    actual: bool  # the release is its actual release (else its target)


def scope_of(
    shown: list[Release], reader: Any, today: dt.date, *, levels: list[str] | None = None
) -> dict[int, list[InScope]]:
    """The modifications ``reader`` may see in the scope of each of ``shown`` (those whose target or
    actual release it is), at ``levels`` only when given, by release id: one query for them all."""
    ids = [release.pk for release in shown]
    found: dict[int, list[InScope]] = {pk: [] for pk in ids}
    if not ids:
        return found
    rows = Modification.objects.visible_to(reader).in_force()
    rows = rows.filter(Q(actual_release_id__in=ids) | Q(actual_release__isnull=True, target_release_id__in=ids))
    if levels is not None:
        rows = rows.filter(classification__in=levels)
    by_id = {release.pk: release for release in shown}
    for modification in rows.prefetch_related("milestones").order_by("reference"):
        milestones = list(modification.milestones.all())
        release = by_id.get(modification.actual_release_id or modification.target_release_id)
        if release is None:  # it went live in another release than its target: it is that one's
            continue
        standing = releases.standing(
            stage=lifecycle.Stage(modification.stage),
            release_date=release.date,
            delivered=release.is_delivered,
            late=modification.progress(today, milestones) == Progress.LATE,
            unreached=[(m.name, m.planned) for m in milestones if m.actual is None],
        )
        found[release.pk].append(InScope(modification, standing, modification.actual_release_id == release.pk))
    return found
