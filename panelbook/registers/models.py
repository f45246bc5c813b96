"""Registers: each body's risk register and issues register, their entries with mitigations and
reviews, the reviews proposed for a body's next meeting; the Delegations Register; each body's
standing items for its forward plan.

A register is classified like a paper (its owning body's members read it when AMBER) and its
entries carry their own level too: an entry is visible only when both it and its register are. A
register's scales, RAG bands and review cadences are reference data kept with it (the domain
reference leaves the field structure unconfirmed), so score and RAG are computed from them, never
typed. The Delegations Register is published (WHITE) and carries no classification of its own.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse

from panelbook.actions.models import Decision
from panelbook.core.classification import Classified, ClassifiedQuerySet, Gate, is_secretariat
from panelbook.core.history_records import HistoricalRecords
from panelbook.core.lists import where_given
from panelbook.core.models import Voidable
from panelbook.core.records import RecordType
from panelbook.governance.models import AgendaItem, Body, Meeting, Person


class Kind(models.TextChoices):
    RISK = "RISK", "Risk"
    ISSUE = "ISSUE", "Issue"


class RegisterQuerySet(ClassifiedQuerySet):
    def in_force(self) -> RegisterQuerySet:
        return self.filter(is_void=False)


class Register(Classified, Voidable):
    """One body's risk register or issues register, with its scales and cadences."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="registers")
    kind = models.CharField(max_length=5, choices=Kind.choices)
    name = models.CharField(max_length=200, help_text="SEC Panel Risk Register, TABASC Issues Log …")
    review_months = models.PositiveSmallIntegerField(
        "review every (months)",
        default=3,
        validators=[MinValueValidator(1)],
        help_text="How often an open or mitigated entry is reviewed: the SSC's is quarterly (3).",
    )
    closed_review_months = models.PositiveSmallIntegerField(
        "closed entries reviewed every (months)",
        default=12,
        validators=[MinValueValidator(1)],
        help_text="Closed entries come up for review to check they stay mitigated (annually: 12).",
    )

    gate = Gate(body="body")
    record = RecordType(history="__all__", search=("name",), name="name")
    history = HistoricalRecords(m2m_fields=["recipients"])
    objects = RegisterQuerySet.as_manager()  # type: ignore[misc]  # the stubs cannot type an as_manager() override

    class Meta:
        ordering = ["body__display_order", "body__name", "kind"]
        constraints = [models.UniqueConstraint(fields=["body", "kind"], name="one_register_per_body_and_kind")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registers:register", args=[self.pk])

    @property
    def entry_label(self) -> str:
        return Kind(self.kind).label

    def scale(self, axis: str) -> list[ScaleStep]:
        return [step for step in self.steps.all() if step.axis == axis]

    def rag_for(self, score: int) -> RagBand | None:
        """The band whose lowest score is the highest at or below ``score``."""
        bands = [band for band in self.bands.all() if band.from_score <= score]
        return max(bands, key=lambda band: band.from_score, default=None)


class Axis(models.TextChoices):
    LIKELIHOOD = "LIKELIHOOD", "Likelihood"
    IMPACT = "IMPACT", "Impact"


class ScaleStep(models.Model):
    """One step of a register's likelihood or impact scale: its value and label (1 Rare … 5 Almost certain)."""

    register = models.ForeignKey(Register, on_delete=models.PROTECT, related_name="steps")
    axis = models.CharField(max_length=10, choices=Axis.choices)
    value = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    label = models.CharField(max_length=60)
    history = HistoricalRecords()

    class Meta:
        ordering = ["register", "axis", "value"]
        constraints = [models.UniqueConstraint(fields=["register", "axis", "value"], name="one_step_per_value")]

    def __str__(self) -> str:
        return f"{self.value} {self.label}"


class Rag(models.TextChoices):
    GREEN = "GREEN", "Green"
    AMBER = "AMBER", "Amber"
    RED = "RED", "Red"


class RagBand(models.Model):
    """Scores from ``from_score`` up (to the next band's) carry this RAG status."""

    register = models.ForeignKey(Register, on_delete=models.PROTECT, related_name="bands")
    from_score = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    rag = models.CharField("RAG", max_length=5, choices=Rag.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["register", "from_score"]
        constraints = [models.UniqueConstraint(fields=["register", "from_score"], name="one_band_per_score")]

    def __str__(self) -> str:
        return f"{self.get_rag_display()} from {self.from_score}"


class Status(models.TextChoices):
    OPEN = "OPEN", "Open"
    MITIGATED = "MITIGATED", "Mitigated"
    CLOSED = "CLOSED", "Closed"


class Moved(models.TextChoices):
    RECLASSIFIED = "RECLASSIFIED", "Reclassified"
    MERGED = "MERGED", "Amalgamated"


class Proposal(models.TextChoices):
    PROPOSED = "PROPOSED", "Proposed"
    ACCEPTED = "ACCEPTED", "Accepted"
    DECLINED = "DECLINED", "Declined"


class EntryQuerySet(ClassifiedQuerySet):
    def in_force(self) -> EntryQuerySet:
        return self.filter(is_void=False, register__is_void=False)

    def kept_for(self, user: Any) -> EntryQuerySet:
        return self if is_secretariat(user) else self.in_force()

    def live(self) -> EntryQuerySet:
        """Entries in the register now: not moved into another, not a proposal still open or declined."""
        return (
            self.in_force().filter(moved_to__isnull=True).exclude(proposal__in=[Proposal.PROPOSED, Proposal.DECLINED])
        )

    def matching(
        self,
        *,
        body: str | None = None,
        kind: str | None = None,
        status: str | None = None,
        rag: str | None = None,
    ) -> EntryQuerySet:
        """The filters of the entries list, API and export."""
        return where_given(self, register__body__code=body, register__kind=kind, status=status, rag=rag)


class Entry(Classified, Voidable):
    """A risk or an issue, numbered in its register ("Risk 4"); its score and RAG follow from the
    register's scales and bands."""

    register = models.ForeignKey(Register, on_delete=models.PROTECT, related_name="entries")
    number = models.PositiveIntegerField(editable=False)
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(max_length=100, blank=True, help_text="Operational, Security, Delivery …")
    likelihood = models.PositiveSmallIntegerField()
    impact = models.PositiveSmallIntegerField()
    score = models.PositiveSmallIntegerField(editable=False)
    rag = models.CharField("RAG", max_length=5, choices=Rag.choices, blank=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN, editable=False)
    raised_on = models.DateField()
    next_review = models.DateField(null=True, blank=True, editable=False)
    moved_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="moved_from", editable=False
    )
    moved_how = models.CharField(max_length=12, choices=Moved.choices, blank=True, editable=False)
    proposed_by = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False,
        help_text="The Sub-Committee that proposed it to the register's body.",
    )  # fmt: skip
    proposal = models.CharField(max_length=8, choices=Proposal.choices, blank=True, editable=False)
    proposal_decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )

    gate = Gate(body="register__body", parents=("register",))
    record = RecordType(history="__all__", search=("title", "description"), name="reference")
    history = HistoricalRecords(m2m_fields=["recipients"])
    objects = EntryQuerySet.as_manager()  # type: ignore[misc]  # the stubs cannot type an as_manager() override

    class Meta:
        ordering = ["register", "number"]
        verbose_name = "register entry"
        verbose_name_plural = "register entries"
        constraints = [models.UniqueConstraint(fields=["register", "number"], name="entry_number_unique")]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("registers:entry", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"{Kind(self.register.kind).label} {self.number}"

    @property
    def is_live(self) -> bool:
        return (
            not self.is_void
            and self.moved_to_id is None
            and self.proposal not in (Proposal.PROPOSED, Proposal.DECLINED)
        )

    def clean(self) -> None:
        if not self.register_id:
            return
        named = {"likelihood": Axis.LIKELIHOOD, "impact": Axis.IMPACT}
        errors = {}
        for field, axis in named.items():
            values = [step.value for step in self.register.scale(axis)]
            if getattr(self, field) not in values:
                errors[field] = (
                    f"{self.register.name} has no {axis.label.lower()} {getattr(self, field)}"
                    f" on its scale; use one of {', '.join(map(str, values)) or '(none: add the scale first)'}."
                )
        if errors:
            raise ValidationError(errors)


class Mitigation(models.Model):
    """What is done to reduce a risk (or resolve an issue), by whom, and how far it has got."""

    class State(models.TextChoices):
        PLANNED = "PLANNED", "Planned"
        IN_PROGRESS = "IN_PROGRESS", "In progress"
        DONE = "DONE", "Done"

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="mitigations")
    text = models.TextField()
    owner = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=12, choices=State.choices, default=State.PLANNED)

    gate = Gate(body="entry__register__body", parents=("entry",), own_level=False)
    record = RecordType(history="__all__", search=("text",))
    history = HistoricalRecords()
    objects = ClassifiedQuerySet.as_manager()

    class Meta:
        ordering = ["entry", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Review(models.Model):
    """An entry reviewed on a day (at a meeting or by the secretariat), with what was said."""

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="reviews")
    on = models.DateField()
    notes = models.TextField(blank=True)
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    gate = Gate(body="entry__register__body", parents=("entry", "meeting"), own_level=False)
    record = RecordType(history="__all__", search=("notes",))
    history = HistoricalRecords()
    objects = ClassifiedQuerySet.as_manager()

    class Meta:
        ordering = ["entry", "-on"]

    def __str__(self) -> str:
        return f"Reviewed {self.on:%d/%m/%Y}"


class ReviewProposal(models.Model):
    """Entries of a register falling due for review by a meeting, proposed as an agenda item there;
    the secretariat accepts it (the item is added to the agenda) or dismisses it with a reason."""

    class State(models.TextChoices):
        PROPOSED = "PROPOSED", "Proposed"
        ACCEPTED = "ACCEPTED", "Accepted"
        DISMISSED = "DISMISSED", "Dismissed"

    register = models.ForeignKey(Register, on_delete=models.PROTECT, related_name="review_proposals")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="+")
    entries = models.ManyToManyField(Entry, related_name="+")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PROPOSED, editable=False)
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    dismissed_because = models.CharField(max_length=300, blank=True, editable=False)

    gate = Gate(body="register__body", parents=("register", "meeting"), own_level=False)
    record = RecordType(history="__all__", name="title")
    history = HistoricalRecords(m2m_fields=["entries"])
    objects = ClassifiedQuerySet.as_manager()

    class Meta:
        ordering = ["meeting__starts_at", "register"]
        constraints = [models.UniqueConstraint(fields=["register", "meeting"], name="one_review_proposal_per_meeting")]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return f"Review of the {self.register.name}"


class DelegationQuerySet(models.QuerySet):
    def in_force(self) -> DelegationQuerySet:
        return self.filter(is_void=False)

    def matching(self, *, body: str | None = None, status: str | None = None) -> DelegationQuerySet:
        rows = where_given(self, status=status)
        if body:
            rows = rows.filter(models.Q(to_body__code=body) | models.Q(from_body__code=body))
        return rows


class Delegation(Voidable):
    """A Panel responsibility delegated to a Sub-Committee: published (WHITE), as the Panel asked."""

    class Status(models.TextChoices):
        PROPOSED = "PROPOSED", "Proposed"
        APPROVED = "APPROVED", "Approved"
        DEFERRED = "DEFERRED", "Deferred"
        REVOKED = "REVOKED", "Revoked"

    number = models.PositiveIntegerField(unique=True, editable=False)
    activity = models.CharField("delegated activity", max_length=300)
    from_body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="delegations_given")
    to_body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="delegations_held")
    sec_reference = models.CharField("SEC reference", max_length=60, blank=True, help_text="G1.2–G1.4, H1.10 …")
    scope = models.TextField(blank=True)
    conditions = models.TextField(blank=True)
    reporting = models.TextField("reporting obligation", blank=True)
    referral_route = models.TextField("referral and appeal route", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED, editable=False)
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False,
        help_text="The decision that set its status.",
    )  # fmt: skip
    decided_on = models.DateField(null=True, blank=True, editable=False)

    record = RecordType(history="__all__", search=("activity", "scope", "conditions"), name="reference")
    history = HistoricalRecords()
    objects = DelegationQuerySet.as_manager()

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.reference}: {self.activity}"

    def get_absolute_url(self) -> str:
        return reverse("registers:delegation", args=[self.pk])

    @property
    def reference(self) -> str:
        return f"Delegation {self.number}"


class StandingItem(models.Model):
    """An item a body takes at every meeting, or in some months of the year (reference data)."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="standing_items")
    title = models.CharField(max_length=300)
    months = models.CharField(
        max_length=40,
        blank=True,
        help_text="The months it comes in, as numbers (“1” for January, “3,6,9,12” quarterly); empty: every meeting.",
    )
    position = models.PositiveIntegerField(default=100)
    is_active = models.BooleanField(default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "position", "title"]

    def __str__(self) -> str:
        return self.title

    def month_numbers(self) -> set[int]:
        return {int(each) for each in self.months.replace(" ", "").split(",") if each}

    def clean(self) -> None:
        try:
            wanted = self.month_numbers()
        except ValueError:
            wanted = {0}
        if any(month not in range(1, 13) for month in wanted):
            raise ValidationError(
                {"months": f"“{self.months}” is not a list of month numbers 1 to 12, such as 3,6,9,12."}
            )

    def comes_in(self, month: int) -> bool:
        wanted = self.month_numbers()
        return not wanted or month in wanted
