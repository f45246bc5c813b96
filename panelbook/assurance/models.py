"""SEC Parties and their User Roles, and the security assurance of each User (RED by default).

A ``Party`` is a governance ``Organisation`` admitted to the SEC: its Party Category, when it
acceded and when SECCo countersigned, the User Roles it holds (``PartyRole``) with the steps of
the User Entry Process each has completed (``RoleStep``). Parties are public: their admission is
noted in the Panel's published minutes.

An ``SecurityAssessment`` (a User Security Assessment), its ``NonCompliance`` findings and a
``DirectorsLetter`` are for the Security Sub-Committee and the secretariat: RED by default, with
the SSC's current members and the secretariat named as recipients by the verbs. Beyond them only
counts go (``reports.assurance_counts``).

User Roles, the User Entry Process steps and the counts' suppression threshold are reference
data kept in the admin: the domain reference leaves their definitions unconfirmed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.urls import reverse

from panelbook.core.classification import Classification, Classified, ClassifiedQuerySet, Gate, is_secretariat
from panelbook.core.history_records import HistoricalRecords
from panelbook.core.models import Revisioned, Voidable
from panelbook.core.records import RecordType
from panelbook.governance.models import Body, Organisation, PartyCategory

# The Party Categories of SEC Section A: governance's categories less those that are not a Party.
PARTY_CATEGORIES = [
    (c.value, c.label) for c in PartyCategory if c not in (PartyCategory.CONSUMER, PartyCategory.INDEPENDENT)
]


class UserRole(models.Model):
    """A User Role of SEC Section H (Import Supplier, Gas Transporter …): reference data."""

    seeded_by_migrations = True  # migration 0002 writes the roles: a new database is not "in use" for them

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100, unique=True)
    definition = models.TextField(blank=True)
    display_order = models.PositiveIntegerField(default=100)

    history = HistoricalRecords()

    class Meta:
        ordering = ["display_order", "name"]

    def __str__(self) -> str:
        return self.name


class UepStep(models.Model):
    """One step of the User Entry Process (SEC H1) that each User Role completes: reference data."""

    seeded_by_migrations = True  # migration 0002 writes the steps

    name = models.CharField(max_length=200, unique=True)
    position = models.PositiveIntegerField(unique=True, help_text="The order in which the steps are listed.")
    is_active = models.BooleanField(default=True, help_text="Steps no longer required are kept but not asked for.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["position"]
        verbose_name = "User Entry Process step"

    def __str__(self) -> str:
        return self.name


class CountSuppression(models.Model):
    """From a day on, the smallest count of assessments or letters shown beyond the SSC: a smaller
    one (but not none) is shown as "fewer than N", so that a count cannot single out a Party."""

    effective_from = models.DateField(unique=True)
    smallest_shown = models.PositiveIntegerField(
        help_text="Counts from 1 up to one less than this are shown as “fewer than” it; 1 shows every count."
    )
    note = models.CharField(max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = "count suppression threshold"

    def __str__(self) -> str:
        return f"From {self.effective_from:%d/%m/%Y}: counts below {self.smallest_shown} withheld"

    @classmethod
    def in_force(cls, on: dt.date) -> int:
        found = cls.objects.filter(effective_from__lte=on).order_by("-effective_from").first()
        return found.smallest_shown if found else 1


class PartyQuerySet(models.QuerySet):
    def in_force(self) -> PartyQuerySet:
        return self.filter(is_void=False)

    def kept_for(self, user: Any) -> PartyQuerySet:
        """Voided parties only for the secretariat, who see them marked void and can restore them."""
        return self if is_secretariat(user) else self.in_force()

    def matching(self, *, category: str | None = None, role: Any = None, q: str | None = None) -> PartyQuerySet:
        rows = self
        if category:
            rows = rows.filter(category=category)
        if role:
            rows = rows.filter(roles__role=role, roles__is_void=False).distinct()
        if q:
            rows = rows.filter(
                models.Q(organisation__name__icontains=q) | models.Q(organisation__short_name__icontains=q)
            )
        return rows


class Party(Revisioned, Voidable):
    """An organisation admitted to the SEC: public, as its admission is noted in the Panel's minutes."""

    organisation = models.OneToOneField(Organisation, on_delete=models.PROTECT, related_name="party")
    category = models.CharField("Party Category", max_length=30, choices=PARTY_CATEGORIES)
    acceded_on = models.DateField("accession date", help_text="The day the Accession Agreement was signed.")
    countersigned_on = models.DateField(
        "countersigned date",
        null=True,
        blank=True,
        help_text="The day the SECCo Board countersigned: admission is complete from then.",
    )

    record = RecordType(history="__all__", name="name")
    history = HistoricalRecords()
    objects = PartyQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name"]
        verbose_name_plural = "parties"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("assurance:party", args=[self.pk])

    @property
    def name(self) -> str:
        return self.organisation.name

    @property
    def is_admitted(self) -> bool:
        return self.countersigned_on is not None


class PartyRoleQuerySet(models.QuerySet):
    def in_force(self) -> PartyRoleQuerySet:
        return self.filter(is_void=False, party__is_void=False)


class PartyRole(Revisioned, Voidable):
    """A User Role a Party holds, and when it completed the User Entry Process for it (set by the
    verbs when its last step is completed)."""

    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="roles")
    role = models.ForeignKey(UserRole, on_delete=models.PROTECT, related_name="+")
    applied_on = models.DateField(help_text="The day the Party began the User Entry Process for this role.")
    completed_on = models.DateField(
        "User Entry Process completed",
        null=True,
        blank=True,
        editable=False,
        help_text="The day its last step was completed.",
    )

    record = RecordType(history="__all__")
    history = HistoricalRecords()
    objects = PartyRoleQuerySet.as_manager()

    class Meta:
        ordering = ["party__organisation__name", "role__display_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["party", "role"], condition=models.Q(is_void=False), name="assurance_one_role_in_force"
            )
        ]
        verbose_name = "party's user role"
        verbose_name_plural = "parties' user roles"

    def __str__(self) -> str:
        return f"{self.party.name} as {self.role}"


class RoleStep(models.Model):
    """A User Entry Process step a Party completed for one of its roles."""

    party_role = models.ForeignKey(PartyRole, on_delete=models.PROTECT, related_name="steps")
    step = models.ForeignKey(UepStep, on_delete=models.PROTECT, related_name="+")
    completed_on = models.DateField()

    record = RecordType(history="__all__")
    history = HistoricalRecords()

    class Meta:
        ordering = ["step__position"]
        constraints = [models.UniqueConstraint(fields=["party_role", "step"], name="assurance_step_once_per_role")]
        verbose_name = "completed User Entry Process step"

    def __str__(self) -> str:
        return f"{self.party_role}: {self.step} on {self.completed_on:%d/%m/%Y}"


class AssessmentKind(models.TextChoices):
    FUSA = "FUSA", "Full User Security Assessment (FUSA)"
    VUSA = "VUSA", "Verification User Security Assessment (VUSA)"
    SSA = "SSA", "Security Self-Assessment (SSA)"
    FOLLOW_UP = "FOLLOW_UP", "Follow-up assessment"


class AssuranceStatus(models.TextChoices):
    """The four outcomes of SEC G8.34."""

    APPROVED = "APPROVED", "Approved"
    APPROVED_SUBJECT = "APPROVED_SUBJECT", "Approved subject to conditions"
    DEFERRED = "DEFERRED", "Deferred"
    REJECTED = "REJECTED", "Rejected"


class LetterTrigger(models.TextChoices):
    """What a Director's letter follows."""

    INITIAL_FUSA = "INITIAL_FUSA", "an initial FUSA"
    SUBSEQUENT_FUSA = "SUBSEQUENT_FUSA", "a subsequent FUSA"
    VUSA = "VUSA", "a VUSA"
    SSA = "SSA", "an SSA"


# The kind of assessment each trigger follows.
TRIGGER_KINDS = {
    LetterTrigger.INITIAL_FUSA: AssessmentKind.FUSA,
    LetterTrigger.SUBSEQUENT_FUSA: AssessmentKind.FUSA,
    LetterTrigger.VUSA: AssessmentKind.VUSA,
    LetterTrigger.SSA: AssessmentKind.SSA,
}


class AssuranceQuerySet(ClassifiedQuerySet):
    def in_force(self) -> Any:
        return self.filter(is_void=False)

    def kept_for(self, user: Any) -> Any:
        return self if is_secretariat(user) else self.in_force()


class SecurityAssessmentQuerySet(AssuranceQuerySet):
    def matching(self, *, kind: str | None = None, status: str | None = None, party: Any = None) -> Any:
        rows = self
        if kind:
            rows = rows.filter(kind=kind)
        if status:
            rows = rows.filter(status=status)
        if party:
            rows = rows.filter(party=party)
        return rows


class SecurityAssessment(Classified, Revisioned, Voidable):
    """A User Security Assessment of one Party in one of its User Roles."""

    classification = models.CharField(max_length=5, choices=Classification.choices, default=Classification.RED)
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="assessments")
    role = models.ForeignKey(UserRole, on_delete=models.PROTECT, related_name="+", verbose_name="user role")
    kind = models.CharField("type", max_length=10, choices=AssessmentKind.choices)
    fieldwork_from = models.DateField(null=True, blank=True)
    fieldwork_to = models.DateField(null=True, blank=True)
    reported_on = models.DateField(null=True, blank=True, help_text="The day the User CIO reported.")
    cio = models.CharField("User CIO", max_length=200, help_text="The User Competent Independent Organisation.")
    summary = models.TextField(blank=True)
    status = models.CharField(
        "assurance status", max_length=20, choices=AssuranceStatus.choices, blank=True, editable=False
    )
    status_set_on = models.DateField(null=True, blank=True, editable=False)
    status_set_by = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name="status set by",
    )
    delegation = models.CharField(
        max_length=200,
        blank=True,
        editable=False,
        help_text="The delegation it was set under: a SEC reference or the register's entry.",
    )
    conditions = models.TextField(blank=True, editable=False, help_text="What an approval is subject to.")
    is_identifying = models.BooleanField(
        "would identify the Party",
        default=False,
        help_text="Counted beyond the SSC only within a count that is itself withheld.",
    )
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="+", help_text="The body that reviews it (the SSC)."
    )

    gate = Gate(body="body")
    record = RecordType(history="__all__", search=("summary",), name="title")
    history = HistoricalRecords(m2m_fields=["recipients"])
    objects = SecurityAssessmentQuerySet.as_manager()  # type: ignore[misc]  # the stubs cannot type an as_manager() override

    class Meta:
        ordering = ["-reported_on", "-pk"]
        verbose_name = "user security assessment"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assurance:assessment", args=[self.pk])

    @property
    def title(self) -> str:
        return f"{self.get_kind_display().split(' (')[0]} of {self.party.name} as {self.role}"


class NonCompliance(Voidable):
    """A non-compliance an assessment found, with its remediation: as classified as its assessment."""

    assessment = models.ForeignKey(SecurityAssessment, on_delete=models.PROTECT, related_name="findings")
    finding = models.TextField()
    control = models.CharField(max_length=60, blank=True, help_text="The SEC clause or control, e.g. G5.14.")
    remediation = models.TextField(blank=True)
    due_on = models.DateField(null=True, blank=True, verbose_name="remediation due")
    remediated_on = models.DateField(null=True, blank=True)

    gate = Gate(body="assessment__body", parents=("assessment",), own_level=False)
    record = RecordType(history="__all__")
    history = HistoricalRecords()
    objects = AssuranceQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = "non-compliance"

    def __str__(self) -> str:
        return f"Non-compliance {self.control or self.pk}"


class LetterQuerySet(AssuranceQuerySet):
    def matching(self, *, trigger: str | None = None, party: Any = None) -> Any:
        rows = self
        if trigger:
            rows = rows.filter(trigger=trigger)
        if party:
            rows = rows.filter(party=party)
        return rows


class DirectorsLetter(Classified, Revisioned, Voidable):
    """A letter from a director of the User, reviewed by the SSC, after an assessment."""

    classification = models.CharField(max_length=5, choices=Classification.choices, default=Classification.RED)
    assessment = models.ForeignKey(SecurityAssessment, on_delete=models.PROTECT, related_name="letters")
    trigger = models.CharField("follows", max_length=20, choices=LetterTrigger.choices)
    received_on = models.DateField()
    reviewed_on = models.DateField(null=True, blank=True, help_text="The day the SSC reviewed it.")
    summary = models.TextField(blank=True)
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+", help_text="The body that reviews it.")

    gate = Gate(body="body", parents=("assessment",))
    record = RecordType(history="__all__", search=("summary",), name="title")
    history = HistoricalRecords(m2m_fields=["recipients"])
    objects = LetterQuerySet.as_manager()  # type: ignore[misc]  # the stubs cannot type an as_manager() override

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = "Director's letter"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("assurance:letter", args=[self.pk])

    @property
    def party(self) -> Party:
        return self.assessment.party

    @property
    def title(self) -> str:
        return f"Director's letter of {self.assessment.party.name} after {self.get_trigger_display()}"
