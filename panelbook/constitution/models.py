"""How the bodies are constituted: each body's terms of reference in versions, its seats by party
category, the term rules (reference data), the appointments made to its seats, its elections with
their nominations, and the alternates its members appoint for a meeting.

A version of the terms of reference is a governance Paper and follows the paper's gate (it has no
level of its own). Seats, term rules, appointments, elections and nominations are published, as the
bodies and memberships are; an election's vote breakdown is kept but shown only to the secretariat
(the domain reference: the result and turnout are published, the counts are not). An alternate
follows its meeting's gate.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from panelbook.actions.models import Decision
from panelbook.core.classification import ClassifiedQuerySet, Gate, is_secretariat
from panelbook.core.history_records import HistoricalRecords
from panelbook.core.lists import where_given
from panelbook.core.models import Voidable
from panelbook.core.records import RecordType
from panelbook.governance.models import Body, Meeting, Membership, Paper, PartyCategory, Person


def in_force_on(day: dt.date) -> Q:
    """Rows effective on ``day``: started on or before it and not ended before it."""
    return Q(effective_from__lte=day) & (Q(effective_to__isnull=True) | Q(effective_to__gte=day))


class TermsQuerySet(ClassifiedQuerySet):
    def in_force(self) -> TermsQuerySet:
        return self.filter(is_void=False)

    def kept_for(self, user: Any) -> TermsQuerySet:
        return self if is_secretariat(user) else self.in_force()

    def matching(self, *, body: str | None = None) -> TermsQuerySet:
        return where_given(self, body__code=body)


class TermsOfReference(Voidable):
    """One version of a body's terms of reference: the paper that holds it (its classification is
    the paper's), the decision that approved it, and the days it is effective."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="terms_of_reference")
    version = models.PositiveIntegerField(editable=False)
    paper = models.ForeignKey(Paper, on_delete=models.PROTECT, related_name="+")
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="The decision that approved this version.",
    )  # fmt: skip
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True, editable=False)
    text = models.TextField(help_text="The terms as approved; two versions are compared line by line.")

    gate = Gate(body="body", parents=("paper",), own_level=False)
    record = RecordType(history="__all__", search=("text",), name="title")
    history = HistoricalRecords()
    objects = TermsQuerySet.as_manager()

    class Meta:
        ordering = ["body__display_order", "body__name", "-version"]
        verbose_name = "terms of reference"
        verbose_name_plural = "terms of reference"
        constraints = [models.UniqueConstraint(fields=["body", "version"], name="one_terms_version_per_body")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("constitution:terms", args=[self.pk])

    @property
    def title(self) -> str:
        return f"{self.body.short_name} terms of reference, version {self.version}"

    @property
    def reference(self) -> str:
        return self.title


class TermRule(models.Model):
    """How long an appointment to a body may run (reference data kept in the admin: the domain
    reference gives 24 months for Sub-Committees and one or two years for the Panel)."""

    body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.PROTECT, related_name="term_rules",
        help_text="Empty: the rule for every body without one of its own.",
    )  # fmt: skip
    role = models.CharField(max_length=14, choices=[("", "Any"), *Membership.Role.choices], blank=True)
    term_months = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)
    note = models.CharField(
        max_length=300, blank=True, help_text="Where the rule comes from, or that it is unconfirmed."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "role", "-effective_from"]

    def __str__(self) -> str:
        return f"{self.term_months} months ({self.body or 'every body'})"


class SeatKind(models.TextChoices):
    ELECTED = "ELECTED", "Elected"
    APPOINTED = "APPOINTED", "Appointed"
    EX_OFFICIO = "EX_OFFICIO", "Ex officio"
    CHAIR = "CHAIR", "Chair"


class SeatQuerySet(models.QuerySet):
    def in_force(self, on: dt.date | None = None) -> SeatQuerySet:
        rows = self.filter(is_void=False)
        return rows.filter(in_force_on(on)) if on else rows


class Seat(Voidable):
    """Seats of one kind on a body, for one party category, with the days the composition holds."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="seats")
    kind = models.CharField(max_length=10, choices=SeatKind.choices)
    party_category = models.CharField(max_length=30, choices=PartyCategory.choices, blank=True)
    count = models.PositiveSmallIntegerField("number of seats", validators=[MinValueValidator(1)])
    label = models.CharField(max_length=120, blank=True, help_text="TABASC representative, independent Chair …")
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)

    record = RecordType(history="__all__", name="name")
    history = HistoricalRecords()
    objects = SeatQuerySet.as_manager()

    class Meta:
        ordering = ["body__display_order", "body__name", "kind", "party_category"]

    def __str__(self) -> str:
        return f"{self.name} on {self.body.short_name}"

    def get_absolute_url(self) -> str:
        return reverse("constitution:body", args=[self.body.code])

    @property
    def name(self) -> str:
        what = self.label or (self.get_party_category_display() if self.party_category else self.get_kind_display())
        return f"{what} ({self.get_kind_display().lower()}, {self.count})"

    @property
    def reference(self) -> str:
        return str(self)


class AppointedAs(models.TextChoices):
    MEMBER = "MEMBER", "Member"
    CHAIR = "CHAIR", "Chair"
    INTERIM_CHAIR = "INTERIM_CHAIR", "Interim Chair"


class AppointmentQuerySet(models.QuerySet):
    def in_force(self) -> AppointmentQuerySet:
        return self.filter(is_void=False)

    def holding(self, on: dt.date) -> AppointmentQuerySet:
        return self.in_force().filter(Q(starts_on__lte=on), Q(ends_on__isnull=True) | Q(ends_on__gte=on))

    def matching(self, *, body: str | None = None) -> AppointmentQuerySet:
        return where_given(self, seat__body__code=body)


class Appointment(Voidable):
    """A person appointed to a seat (as member, Chair or interim Chair) by a decision, or elected;
    it made the governance Membership that says they sit on the body."""

    seat = models.ForeignKey(Seat, on_delete=models.PROTECT, related_name="appointments")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    appointed_as = models.CharField(max_length=14, choices=AppointedAs.choices, default=AppointedAs.MEMBER)
    decision = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        help_text="The decision that appointed them (an election's result stands for it).",
    )  # fmt: skip
    election = models.ForeignKey(
        "Election", null=True, blank=True, on_delete=models.PROTECT, related_name="appointments", editable=False
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    membership = models.OneToOneField(
        Membership, null=True, on_delete=models.PROTECT, related_name="appointment", editable=False
    )

    record = RecordType(history="__all__", name="title")
    history = HistoricalRecords()
    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["seat__body__display_order", "-starts_on", "person__name"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("constitution:appointment", args=[self.pk])

    @property
    def title(self) -> str:
        return f"{self.person.name}, {self.get_appointed_as_display()} of {self.seat.body.short_name}"

    @property
    def is_elected(self) -> bool:
        return self.election_id is not None

    @property
    def reference(self) -> str:
        return self.title


class ElectionQuerySet(models.QuerySet):
    def in_force(self) -> ElectionQuerySet:
        return self.filter(is_void=False)

    def matching(self, *, body: str | None = None) -> ElectionQuerySet:
        return where_given(self, seat__body__code=body)


class Election(Voidable):
    """Seats of a party category falling vacant on a day, the nominations for them, and (when the
    nominations exceed the seats) the vote of the parties of that category."""

    class Status(models.TextChoices):
        NOMINATING = "NOMINATING", "Taking nominations"
        DECLARED = "DECLARED", "Result declared"

    seat = models.ForeignKey(Seat, on_delete=models.PROTECT, related_name="elections")
    places = models.PositiveSmallIntegerField("seats to fill", validators=[MinValueValidator(1)])
    vacant_on = models.DateField(help_text="The day the seats fall vacant; those elected take office then.")
    nominations_close = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NOMINATING, editable=False)
    voters = models.PositiveIntegerField(null=True, blank=True, editable=False)
    ballots = models.PositiveIntegerField("votes cast", null=True, blank=True, editable=False)
    declared_on = models.DateField(null=True, blank=True, editable=False)

    record = RecordType(history="__all__", name="title")
    history = HistoricalRecords()
    objects = ElectionQuerySet.as_manager()

    class Meta:
        ordering = ["-vacant_on", "seat__body__display_order"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("constitution:election", args=[self.pk])

    @property
    def title(self) -> str:
        category = self.seat.get_party_category_display() or self.seat.get_kind_display()
        return f"{self.seat.body.short_name} election, {category}, {self.vacant_on:%d/%m/%Y}"

    @property
    def reference(self) -> str:
        return self.title

    @property
    def contested(self) -> bool:
        return self.nominations.filter(is_withdrawn=False).count() > self.places

    @property
    def elected_names(self) -> list[str]:
        return [n.person.name for n in self.nominations.all() if n.is_elected]

    @property
    def turnout(self) -> str:
        if not self.voters or self.ballots is None:
            return ""
        return f"{self.ballots / self.voters:.0%} ({self.ballots} of {self.voters} parties)"


class Nomination(models.Model):
    """A person nominated for an election's seats; ``votes`` is kept for the secretariat only."""

    election = models.ForeignKey(Election, on_delete=models.PROTECT, related_name="nominations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    nominated_on = models.DateField()
    is_withdrawn = models.BooleanField(default=False, editable=False)
    votes = models.PositiveIntegerField(null=True, blank=True, editable=False)
    is_elected = models.BooleanField(default=False, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["election", "person__name"]
        constraints = [models.UniqueConstraint(fields=["election", "person"], name="one_nomination_per_person")]

    def __str__(self) -> str:
        return f"{self.person.name} for {self.election}"


class Alternate(Voidable):
    """A member's alternate for one meeting, appointed by the member (through the meeting's
    secretary); the alternate's attendance names the member (``Attendance.alternate_for``)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    alternate = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")

    gate = Gate(body="meeting__body", parents=("meeting",), own_level=False)
    record = RecordType(history="__all__", name="title")
    history = HistoricalRecords()
    objects = ClassifiedQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "member__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"], condition=Q(is_void=False), name="one_alternate_per_member_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return self.meeting.get_absolute_url()

    @property
    def title(self) -> str:
        return f"{self.alternate.name} for {self.member.name}"

    @property
    def reference(self) -> str:
        return self.title
