"""The governance calendar: bodies, SEC Parties, people, memberships, meetings, agendas, papers.

State changes go through ``governance.services``; views and the API never set fields directly.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from panelbook.core.classification import Classification, Classified, ClassifiedQuerySet, Gate
from panelbook.core.history_records import HistoricalRecords
from panelbook.core.lib import references
from panelbook.core.lists import where_given
from panelbook.core.models import Revisioned
from panelbook.core.records import RecordType


class PartyCategory(models.TextChoices):
    LARGE_SUPPLIER = "LARGE_SUPPLIER", "Large Supplier Parties"
    SMALL_SUPPLIER = "SMALL_SUPPLIER", "Small Supplier Parties"
    ELECTRICITY_NETWORK = "ELECTRICITY_NETWORK", "Electricity Network Parties"
    GAS_NETWORK = "GAS_NETWORK", "Gas Network Parties"
    OTHER = "OTHER", "Other SEC Parties"
    DCC = "DCC", "DCC"
    CONSUMER = "CONSUMER", "Consumer members"
    INDEPENDENT = "INDEPENDENT", "Independent (Chair)"


class Body(models.Model):
    """The Panel, a Sub-Committee, the Change Board or a Working Group."""

    class Kind(models.TextChoices):
        PANEL = "PANEL", "Panel"
        SUB_COMMITTEE = "SUB_COMMITTEE", "Sub-Committee"
        BOARD = "BOARD", "Board"
        WORKING_GROUP = "WORKING_GROUP", "Working Group"

    code = models.SlugField(max_length=30, unique=True, help_text="Short code used in URLs: panel, tabasc, ssc …")
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40, help_text="TABASC, SSC, SMKI PMA …")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SUB_COMMITTEE)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    paper_prefix = models.CharField(
        max_length=20, help_text="Prefix of paper references, e.g. SECP gives SECP_67_1204_19."
    )
    action_prefix = models.CharField(max_length=20, help_text="Prefix of action references, e.g. SECP gives SECP67/02.")
    description = models.TextField(blank=True)
    cadence = models.CharField(max_length=100, blank=True, help_text="How often it usually meets.")
    display_order = models.PositiveIntegerField(default=100)
    is_active = models.BooleanField(default=True)

    record = RecordType(
        history="__all__",
        search=("name", "short_name", "description"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["display_order", "name"]
        verbose_name_plural = "bodies"

    def __str__(self) -> str:
        return self.short_name

    def get_absolute_url(self) -> str:
        return reverse("governance:body", args=[self.code])


class Organisation(models.Model):
    """A SEC Party or another organisation people come from (SECAS, Ofgem, BEIS …)."""

    class Status(models.TextChoices):
        ACTIVE = "ACTIVE", "Active"
        WITHDRAWN = "WITHDRAWN", "Withdrawn"

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=60, blank=True)
    is_sec_party = models.BooleanField(default=True)
    party_category = models.CharField(max_length=30, choices=PartyCategory.choices, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)

    record = RecordType(
        history="__all__",
        search=("name", "short_name"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name


class Person(models.Model):
    name = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    job_title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )

    # A person's history page is public: it shows where they work, not how to reach them or
    # which user signs in as them.
    record = RecordType(history=("name", "job_title", "organisation"), search=("name", "job_title"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})" if self.organisation else self.name


class MembershipQuerySet(models.QuerySet):
    def current(self, on: dt.date | None = None) -> MembershipQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(start_date__lte=on), Q(end_date__isnull=True) | Q(end_date__gte=on))

    def by_seniority(self) -> MembershipQuerySet:
        """Chair first, then members, alternates, secretary and observers, by name."""
        roles = [
            Membership.Role.CHAIR,
            Membership.Role.MEMBER,
            Membership.Role.ALTERNATE,
            Membership.Role.SECRETARY,
            Membership.Role.OBSERVER,
        ]
        rank = models.Case(*(models.When(role=r, then=i) for i, r in enumerate(roles)), default=len(roles))
        return self.order_by(rank, "person__name")


class Membership(models.Model):
    class Role(models.TextChoices):
        CHAIR = "CHAIR", "Chair"
        MEMBER = "MEMBER", "Member"
        ALTERNATE = "ALTERNATE", "Alternate"
        SECRETARY = "SECRETARY", "Secretary"
        OBSERVER = "OBSERVER", "Observer"

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.MEMBER)
    represents = models.CharField(
        max_length=30, choices=PartyCategory.choices, blank=True, help_text="The party category the seat represents."
    )
    alternate_for = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="alternates"
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

    record = RecordType(history="__all__")
    history = HistoricalRecords()
    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["body", "role", "person__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person.name}, {self.get_role_display()} of {self.body}"


UPCOMING, PAST = "upcoming", "past"
PERIODS = [(UPCOMING, "Upcoming, soonest first"), (PAST, "Past, latest first")]


class MeetingQuerySet(ClassifiedQuerySet):
    def matching(
        self,
        *,
        body: str | None = None,
        status: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        when: str | None = None,
    ) -> MeetingQuerySet:
        """The filters of the meetings list, its API and its exports; ``when`` is "upcoming"
        (today on) or "past" (before today)."""
        rows = where_given(
            self, body__code=body, status=status, starts_at__date__gte=date_from, starts_at__date__lte=date_to
        )
        if when == UPCOMING:
            return rows.filter(starts_at__date__gte=timezone.localdate())
        if when == PAST:
            return rows.filter(starts_at__date__lt=timezone.localdate())
        return rows


class MeetingChange(models.TextChoices):
    """The changes of a meeting's status that the secretariat can make (``Meeting.status_changes``)."""

    HELD = "held", "Mark as held"
    CANCEL = "cancel", "Cancel the meeting"
    REINSTATE = "reinstate", "Reinstate the meeting"


class Meeting(Classified, Revisioned):
    class Kind(models.TextChoices):
        ORDINARY = "ORDINARY", "Ordinary"
        AD_HOC = "AD_HOC", "Ad hoc"

    class Status(models.TextChoices):
        PLANNED = "PLANNED", "Planned"
        HELD = "HELD", "Held"
        CANCELLED = "CANCELLED", "Cancelled"

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    number = models.PositiveIntegerField(help_text="Sequential meeting number within the body.")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.ORDINARY)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True)
    is_virtual = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    cancellation_reason = models.CharField(max_length=300, blank=True)

    gate = Gate(body="body")
    record = RecordType(
        history="__all__",
        search=("location", "cancellation_reason"),
    )
    history = HistoricalRecords(m2m_fields=["recipients"])
    objects = MeetingQuerySet.as_manager()  # type: ignore[misc]  # the stubs cannot type an as_manager() override
    # Loaded by the calendar feed's prefetch through the gate, not stored.
    visible_items: list[AgendaItem]

    class Meta:
        ordering = ["starts_at"]
        # The lists, the calendar feeds and the body pages read meetings by date, of all bodies or one.
        indexes = [
            models.Index(fields=["starts_at"], name="meeting_by_date"),
            models.Index(fields=["body", "starts_at"], name="meeting_by_body_and_date"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="meeting_number_unique_per_body"),
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.body.short_name} meeting {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("governance:meeting", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The meeting must end after it starts."
        if self.body_id and self.number:
            clash = Meeting.objects.filter(body_id=self.body_id, number=self.number).exclude(pk=self.pk)
            if clash.exists():
                errors["number"] = f"{self.body} already has a meeting {self.number}."
        if errors:
            raise ValidationError(errors)

    @property
    def title(self) -> str:
        kind = " (ad hoc)" if self.kind == self.Kind.AD_HOC else ""
        return f"{self.body.name} meeting {self.number}{kind}"

    @property
    def date(self) -> dt.date:
        return timezone.localtime(self.starts_at).date()

    def has_begun(self, now: dt.datetime | None = None) -> bool:
        return self.starts_at <= (now or timezone.now())

    def took_place_refusal(self, what: str) -> str | None:
        """Why nothing of ``what`` (decisions, actions) can be recorded at this meeting yet, or None."""
        if self.status == self.Status.CANCELLED:
            return f"{self} was cancelled; no {what} can be recorded at it."
        if self.status == self.Status.PLANNED and not self.has_begun():
            when = f"{timezone.localtime(self.starts_at):%d/%m/%Y at %H:%M}"
            return f"{self} has not taken place yet (it starts on {when}); {what} can be recorded once it has begun."
        return None

    def status_changes(self, now: dt.datetime | None = None) -> list[MeetingChange]:
        """The status changes that make sense now: a planned meeting is cancelled (or moved, by
        editing it) until it begins, and only then can be marked as held."""
        if self.status == self.Status.CANCELLED:
            return [MeetingChange.REINSTATE]
        if self.status == self.Status.HELD:
            return []
        return [MeetingChange.HELD, MeetingChange.CANCEL] if self.has_begun(now) else [MeetingChange.CANCEL]

    @property
    def where(self) -> str:
        if self.is_virtual and self.location:
            return f"{self.location} and online"
        return "Online" if self.is_virtual else self.location


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "PRESENT", "Present"
        APOLOGIES = "APOLOGIES", "Apologies"
        ABSENT = "ABSENT", "Absent"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PRESENT)
    represents = models.CharField(max_length=30, choices=PartyCategory.choices, blank=True)
    alternate_for = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="alternate_attendance"
    )

    # Attendance has no classification of its own: it is visible when its meeting is.
    gate = Gate(body="meeting__body", parents=("meeting",), own_level=False)
    record = RecordType(history="__all__")
    history = HistoricalRecords()
    objects = ClassifiedQuerySet.as_manager()

    class Meta:
        ordering = ["status", "person__name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once_per_meeting")]

    def __str__(self) -> str:
        return f"{self.person.name}: {self.get_status_display()}"


class Purpose(models.TextChoices):
    DECISION = "DECISION", "For Decision"
    INFORMATION = "INFORMATION", "For Information"
    DISCUSSION = "DISCUSSION", "For Discussion"


class AgendaItem(Classified, Revisioned):
    """An agenda item. A classification above WHITE makes it a confidential item."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="agenda_items")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    purpose = models.CharField(max_length=12, choices=Purpose.choices, default=Purpose.INFORMATION)
    presenter = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    presenter_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveIntegerField(help_text="Order in which the item is taken.")
    brought_forward = models.BooleanField(default=False)
    is_withdrawn = models.BooleanField(default=False)

    gate = Gate(body="meeting__body", parents=("meeting",))
    record = RecordType(
        history="__all__",
        search=("title",),
    )
    history = HistoricalRecords(m2m_fields=["recipients"])
    objects = ClassifiedQuerySet.as_manager()  # type: ignore[misc]  # the stubs cannot type an as_manager() override

    class Meta:
        ordering = ["meeting", "position", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def is_confidential(self) -> bool:
        return self.classification != Classification.WHITE

    @property
    def presenter_label(self) -> str:
        organisation = self.presenter_organisation or (self.presenter.organisation if self.presenter else None)
        name = self.presenter.name if self.presenter else ""
        if name and organisation:
            return f"{name} ({organisation})"
        return name or str(organisation or "")


class PaperQuerySet(ClassifiedQuerySet):
    def matching(
        self,
        *,
        body: str | None = None,
        meeting: int | None = None,
        classification: str | None = None,
        q: str | None = None,
    ) -> PaperQuerySet:
        """The filters of the papers list, its API and its exports; ``q`` is found in the reference or title."""
        papers = where_given(self, body__code=body, meeting_id=meeting, classification=classification)
        return papers.filter(Q(reference__icontains=q) | Q(title__icontains=q)) if q else papers


class Paper(Classified, Revisioned):
    class Status(models.TextChoices):
        CURRENT = "CURRENT", "Current"
        WITHDRAWN = "WITHDRAWN", "Withdrawn"

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="papers")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="papers")
    agenda_item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="papers")
    reference = models.CharField(max_length=60, unique=True)
    title = models.CharField(max_length=300)
    purpose = models.CharField(max_length=12, choices=Purpose.choices, default=Purpose.INFORMATION)
    author = models.CharField(max_length=200, blank=True, help_text="As signed on the paper, e.g. SECAS Team.")
    paper_date = models.DateField()
    summary = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CURRENT)
    published_at = models.DateTimeField(
        "published",
        default=timezone.now,
        editable=False,
        help_text="When the paper was added to the record; for a paper of the past brought in, its own date.",
    )

    gate = Gate(body="body", parents=("meeting", "agenda_item"))
    record = RecordType(
        history="__all__",
        search=("reference", "title", "author", "summary"),
        name="reference",
    )
    history = HistoricalRecords(m2m_fields=["recipients"])
    objects = PaperQuerySet.as_manager()  # type: ignore[misc]  # the stubs cannot type an as_manager() override

    class Meta:
        ordering = ["-paper_date", "reference"]
        # The papers list shows the newest first, of all bodies or one; the home page the latest published.
        indexes = [
            models.Index(fields=["-paper_date", "reference"], name="paper_newest_first"),
            models.Index(fields=["body", "-paper_date", "reference"], name="paper_newest_first_by_body"),
            models.Index(fields=["-published_at"], name="paper_latest_published"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("governance:paper", args=[self.pk])

    @staticmethod
    def reference_for(item: AgendaItem) -> str:
        meeting = item.meeting
        return references.paper_reference(meeting.body.paper_prefix, meeting.number, meeting.date, item.number)


class Appendix(Classified):
    paper = models.ForeignKey(Paper, on_delete=models.PROTECT, related_name="appendices")
    label = models.CharField(max_length=20, help_text="Appendix A, Annex 1 …")
    title = models.CharField(max_length=300)

    gate = Gate(body="paper__body", parents=("paper",))
    record = RecordType(history="__all__", search=("label", "title"))
    history = HistoricalRecords(m2m_fields=["recipients"])
    objects = ClassifiedQuerySet.as_manager()  # type: ignore[misc]  # the stubs cannot type an as_manager() override

    class Meta:
        ordering = ["paper", "label"]
        verbose_name_plural = "appendices"
        constraints = [models.UniqueConstraint(fields=["paper", "label"], name="appendix_label_unique")]

    def __str__(self) -> str:
        return f"{self.label}: {self.title} ({self.classification})"


def upload_path(instance: PaperFile, filename: str) -> str:
    owner = f"appendix-{instance.appendix_id}" if instance.appendix_id else "paper"
    return f"papers/{instance.paper_id}/{owner}/v{instance.version}/{filename}"


class PaperFile(models.Model):
    """One uploaded version of a paper's (or an appendix's) document. Versions are all kept."""

    paper = models.ForeignKey(Paper, on_delete=models.PROTECT, related_name="files")
    appendix = models.ForeignKey(Appendix, null=True, blank=True, on_delete=models.PROTECT, related_name="files")
    version = models.PositiveIntegerField()
    file = models.FileField(upload_to=upload_path, max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    note = models.CharField(max_length=300, blank=True, help_text="Why this version replaced the last.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    # A file has no classification of its own: it is visible when its paper, and its appendix
    # if it belongs to one, are visible.
    gate = Gate(body="paper__body", parents=("paper", "appendix"), own_level=False)
    record = RecordType(
        history="__all__",
        search=("original_name", "note"),
    )
    history = HistoricalRecords()
    objects = ClassifiedQuerySet.as_manager()

    class Meta:
        ordering = ["paper", "appendix", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["paper", "appendix", "version"], name="paper_file_version_unique"),
            models.UniqueConstraint(
                fields=["paper", "version"], condition=Q(appendix__isnull=True), name="paper_main_file_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.original_name} (version {self.version})"

    def get_absolute_url(self) -> str:
        return reverse("governance:file", args=[self.pk])
