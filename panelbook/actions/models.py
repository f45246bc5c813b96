"""The actions log, decisions and minutes of each body's meetings.

Changes go through ``actions.services``; nothing here is set directly by views or the API.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Case, Prefetch, Q, When
from django.db.models.functions import Coalesce, TruncDate
from django.urls import reverse
from django.utils import timezone

from panelbook.core.classification import (
    Classification,
    Classified,
    ClassifiedQuerySet,
    Gate,
    is_secretariat,
    visibility_q,
)
from panelbook.core.history_records import HistoricalRecords
from panelbook.core.lists import where_given
from panelbook.core.models import Revisioned, Voidable
from panelbook.core.records import RecordType
from panelbook.governance.models import AgendaItem, Body, Meeting, Organisation, Paper, Person


def meetings_as_seen_by(user: Any) -> list[Prefetch]:
    """Load an action's target meeting and closing meeting as ``user`` may know them.

    Another record's name, id and date belong to that record's level, not to the action's: a
    meeting the reader may not see loads as None (``visible_target_meeting``,
    ``visible_closed_at_meeting``). What is stored on the action itself (``due_date``,
    ``closed_on``) is the action's own and stays.
    """
    meetings = Meeting.objects.visible_to(user).select_related("body")
    return [
        Prefetch("target_meeting", queryset=meetings, to_attr="visible_target_meeting"),
        Prefetch("closed_at_meeting", queryset=meetings, to_attr="visible_closed_at_meeting"),
    ]


class ActionQuerySet(ClassifiedQuerySet):
    def read_by(self, user: Any) -> ActionQuerySet:
        """The actions ``user`` may see, with the meetings they point to as that user may know
        them (``meetings_as_seen_by``) and ``deadline_on`` worked out from those alone."""
        target_seen = visibility_q(user, Meeting, prefix="target_meeting__")
        meeting_date = Case(When(target_seen, then=TruncDate("target_meeting__starts_at")))
        return (
            self.visible_to(user)
            .annotate(deadline_on=Coalesce("due_date", meeting_date))
            .prefetch_related(*meetings_as_seen_by(user))
        )

    def in_force(self) -> ActionQuerySet:
        """Without the voided actions: what every list, export and paper shows."""
        return self.filter(is_void=False)

    def kept_for(self, user: Any) -> ActionQuerySet:
        """Voided actions only for the secretariat, who see them marked void and can restore them."""
        return self if is_secretariat(user) else self.in_force()

    def not_closed(self) -> ActionQuerySet:
        # Named as the statuses it keeps, so that the index on status finds the few open actions.
        return self.filter(status__in=Action.OPEN_STATUSES)

    def with_deadline(self) -> ActionQuerySet:
        """Annotate ``deadline_on``, the SQL twin of ``Action.deadline``: due date, else target meeting's date.

        A queryset from ``read_by`` keeps its reader's deadline: the date of a target meeting the
        reader may not see must not move what they are shown as overdue.
        """
        if "deadline_on" in self.query.annotations:
            return self
        return self.annotate(deadline_on=Coalesce("due_date", TruncDate("target_meeting__starts_at")))

    def overdue(self, today: dt.date | None = None) -> ActionQuerySet:
        return self.not_closed().with_deadline().filter(deadline_on__lt=today or timezone.localdate())

    def due_within(self, days: int, today: dt.date | None = None) -> ActionQuerySet:
        today = today or timezone.localdate()
        window = {"deadline_on__gte": today, "deadline_on__lte": today + dt.timedelta(days=days)}
        return self.not_closed().with_deadline().filter(**window)

    def matching(
        self,
        *,
        body: str | None = None,
        status: str | None = None,
        owner: str | None = None,
        overdue: bool | None = None,
        meeting: int | None = None,
        void: bool | None = None,
        today: dt.date | None = None,
    ) -> ActionQuerySet:
        """The filters of the actions log, its API and its exports. ``status`` also takes
        "outstanding" (not closed) and "all"; ``void`` lists the voided actions instead of those in
        force (which only the secretariat keeps, ``kept_for``)."""
        actions = where_given(self, body__code=body, meeting_id=meeting).filter(is_void=bool(void))
        if status == "outstanding":
            actions = actions.not_closed()
        elif status and status != "all":
            actions = actions.filter(status=status)
        if owner:
            actions = actions.filter(
                Q(owner__icontains=owner)
                | Q(owner_person__name__icontains=owner)
                | Q(owner_organisation__name__icontains=owner)
            )
        if overdue is not None:
            late = actions.overdue(today).values("pk")
            actions = actions.filter(pk__in=late) if overdue else actions.exclude(pk__in=late)
        return actions


class Action(Classified, Revisioned, Voidable):
    """An action raised at a meeting: ``SECP47/02`` is the second action of Panel meeting 47."""

    class Status(models.TextChoices):
        OPEN = "OPEN", "Open"
        PROPOSE_TO_CLOSE = "PROPOSE_TO_CLOSE", "Propose to Close"
        CLOSED = "CLOSED", "Closed"

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="actions")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="actions_raised")
    agenda_item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="actions")
    sequence = models.PositiveIntegerField(help_text="Number of the action within its meeting.")
    reference = models.CharField(max_length=40, unique=True)
    text = models.TextField(help_text="What is to be done, e.g. “SECAS to publish …”.")
    owner = models.CharField(max_length=200, help_text="Who must act, as the minutes say it: SECAS, DCC, OPSG …")
    owner_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    owner_body = models.ForeignKey(Body, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    owner_person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    due_date = models.DateField(null=True, blank=True)
    target_meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="actions_due"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    OPEN_STATUSES = (Status.OPEN, Status.PROPOSE_TO_CLOSE)
    proposed_on = models.DateField(null=True, blank=True, help_text="When it was proposed to close.")
    closed_at_meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="actions_closed"
    )
    closed_on = models.DateField(null=True, blank=True)

    gate = Gate(body="body", parents=("meeting", "agenda_item"))
    record = RecordType(
        history="__all__",
        search=("reference", "text", "owner"),
    )
    history = HistoricalRecords(m2m_fields=["recipients"])
    objects = ActionQuerySet.as_manager()  # type: ignore[misc]  # the stubs cannot type an as_manager() override
    # Loaded by ``read_by`` (meetings_as_seen_by) and the export's prefetch, not stored.
    visible_target_meeting: Meeting | None
    visible_closed_at_meeting: Meeting | None
    newest_updates: list[ActionUpdate]

    class Meta:
        ordering = ["meeting__starts_at", "sequence"]
        # The actions log lists the actions not closed (a few among an archive's closed ones) by default.
        indexes = [models.Index(fields=["status"], name="action_by_status")]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "sequence"], name="action_sequence_unique_per_meeting"),
        ]

    def __str__(self) -> str:
        return self.reference

    def get_absolute_url(self) -> str:
        return reverse("actions:action", args=[self.pk])

    @property
    def deadline(self) -> dt.date | None:
        """The due date, else the target meeting's date; read through ``read_by``, only the date
        of a target meeting the reader may see."""
        if self.due_date:
            return self.due_date
        target = self.visible_target_meeting if hasattr(self, "visible_target_meeting") else self.target_meeting
        return target.date if target else None

    def close_refusal(self) -> str | None:
        """Why the action cannot be closed now, or None: only an action proposed to close can be."""
        if self.status == self.Status.PROPOSE_TO_CLOSE:
            return None
        return (
            f"Action {self.reference} is {self.get_status_display()}; only an action proposed to close can "
            "be closed. Propose it to close first."
        )

    def is_overdue(self, today: dt.date | None = None) -> bool:
        deadline = self.deadline
        return self.status != self.Status.CLOSED and deadline is not None and deadline < (today or timezone.localdate())


class ActionUpdate(models.Model):
    """A dated entry in an action's "Update" column; updates accumulate and are never edited."""

    action = models.ForeignKey(Action, on_delete=models.PROTECT, related_name="updates")
    on = models.DateField(default=timezone.localdate)
    text = models.TextField()
    papers = models.ManyToManyField(Paper, blank=True, related_name="action_updates")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    gate = Gate(body="action__body", parents=("action",), own_level=False)
    record = RecordType(search=("text",))
    history = HistoricalRecords(m2m_fields=["papers"])
    objects = ClassifiedQuerySet.as_manager()

    class Meta:
        ordering = ["action", "on", "recorded_at"]

    def __str__(self) -> str:
        return f"{self.action} update of {self.on:%d/%m/%Y}"


class Verb(models.TextChoices):
    NOTED = "NOTED", "NOTED"
    AGREED = "AGREED", "AGREED"
    APPROVED = "APPROVED", "APPROVED"
    CONDITIONALLY_APPROVED = "CONDITIONALLY_APPROVED", "CONDITIONALLY APPROVED"
    DEFERRED = "DEFERRED", "DEFERRED"
    DISCUSSED = "DISCUSSED", "DISCUSSED"
    ENDORSED = "ENDORSED", "ENDORSED"
    REJECTED = "REJECTED", "REJECTED"
    RECOMMENDED = "RECOMMENDED", "RECOMMENDED"
    SUPPORTED = "SUPPORTED", "SUPPORTED"
    ACCEPTED = "ACCEPTED", "ACCEPTED"
    SET_STATUS = "SET_STATUS", "SET THE STATUS"


class DecisionQuerySet(ClassifiedQuerySet):
    def in_force(self) -> DecisionQuerySet:
        """Without the voided decisions: what the register, its exports and the papers show."""
        return self.filter(is_void=False)

    def kept_for(self, user: Any) -> DecisionQuerySet:
        """Voided decisions only for the secretariat, who see them marked void and can restore them."""
        return self if is_secretariat(user) else self.in_force()

    def matching(
        self,
        *,
        body: str | None = None,
        verb: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        q: str | None = None,
        ex_committee: bool | None = None,
        void: bool | None = None,
    ) -> DecisionQuerySet:
        """The filters of the decision register, its API and its exports; ``void`` lists the voided
        decisions instead of those in force (which only the secretariat keeps, ``kept_for``)."""
        decisions = where_given(
            self,
            body__code=body,
            verb=verb,
            decided_on__gte=date_from,
            decided_on__lte=date_to,
            ex_committee=ex_committee,
        ).filter(is_void=bool(void))
        return decisions.filter(Q(text__icontains=q) | Q(dissent__icontains=q)) if q else decisions


class Decision(Classified, Revisioned, Voidable):
    """A decision of a body, at a meeting (under an agenda item) or ex-committee."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="decisions")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions")
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    verb = models.CharField(max_length=30, choices=Verb.choices)
    text = models.TextField(help_text="What was decided, following the verb: “the Terms of Reference …”.")
    decided_on = models.DateField()
    position = models.PositiveIntegerField(default=1, help_text="Order within the item's decision block.")
    ex_committee = models.BooleanField(default=False, help_text="Taken between meetings, by correspondence.")
    by_majority = models.BooleanField(default=False)
    dissent = models.CharField(
        max_length=300, blank=True, help_text="Who did not agree, as recorded: “two Panel Members did not agree”."
    )

    gate = Gate(body="body", parents=("meeting", "agenda_item"))
    record = RecordType(
        history="__all__",
        search=("text", "dissent"),
    )
    history = HistoricalRecords(m2m_fields=["recipients"])
    objects = DecisionQuerySet.as_manager()  # type: ignore[misc]  # the stubs cannot type an as_manager() override

    class Meta:
        ordering = ["-decided_on", "meeting", "agenda_item__position", "position"]
        # The decision register and its API show the newest first, of all bodies or one.
        indexes = [
            models.Index(fields=["-decided_on", "position"], name="decision_newest_first"),
            models.Index(fields=["body", "-decided_on", "position"], name="decision_newest_first_by_body"),
            # The public's, which SQLite walks in order only in an index of WHITE decisions.
            models.Index(
                fields=["-decided_on", "meeting"],
                condition=Q(classification=Classification.WHITE),
                name="public_decision_newest_first",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ex_committee=True, meeting__isnull=True) | Q(ex_committee=False, meeting__isnull=False),
                name="decision_at_meeting_or_ex_committee",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.get_verb_display()} {self.text[:60]}"

    def get_absolute_url(self) -> str:
        """Where the decision is read: its meeting's page, or the register for an ex-committee one."""
        if self.meeting_id is None:
            return reverse("actions:decisions")
        return reverse("governance:meeting", args=[self.meeting_id]) + f"#decision-{self.pk}"

    @property
    def sentence(self) -> str:
        """The decision as minuted: "AGREED by majority the extension …; two Panel Members did not agree"."""
        verb = self.get_verb_display() + (" by majority" if self.by_majority else "")
        text = f"{verb} {self.text}".strip()
        return f"{text}; {self.dissent}" if self.dissent else text


class MinutesQuerySet(ClassifiedQuerySet):
    def matching(self, *, meeting: int | None = None, body: str | None = None) -> MinutesQuerySet:
        """The filters of the minutes API."""
        return where_given(self, meeting_id=meeting, meeting__body__code=body)


class Minutes(Classified):
    """The minutes of a meeting; confidential items go into a separate confidential record."""

    class Status(models.TextChoices):
        DRAFT = "DRAFT", "Draft"
        APPROVED = "APPROVED", "Approved"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="minutes")
    confidential = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    closing_note = models.TextField(blank=True, default="There was no other business and the Chair closed the meeting.")
    approval = models.ForeignKey(
        Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="approved_minutes"
    )

    gate = Gate(body="meeting__body", parents=("meeting",))
    record = RecordType(
        history="__all__",
        search=("closing_note",),
    )
    history = HistoricalRecords(m2m_fields=["recipients"])
    objects = MinutesQuerySet.as_manager()  # type: ignore[misc]  # the stubs cannot type an as_manager() override
    # Loaded by the API's prefetch through the gate, not stored.
    visible_approval: Decision | None

    class Meta:
        verbose_name_plural = "minutes"
        constraints = [
            models.UniqueConstraint(fields=["meeting", "confidential"], name="one_minutes_of_each_kind_per_meeting"),
        ]

    def __str__(self) -> str:
        kind = "Confidential minutes" if self.confidential else "Minutes"
        return f"{kind} of {self.meeting}"

    def get_absolute_url(self) -> str:
        return reverse("actions:minutes", args=[self.pk])


class MinuteEntry(Revisioned):
    """What the minutes say about one agenda item."""

    minutes = models.ForeignKey(Minutes, on_delete=models.PROTECT, related_name="entries")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="minute_entries")
    narrative = models.TextField(blank=True)

    gate = Gate(body="minutes__meeting__body", parents=("minutes", "agenda_item"), own_level=False)
    record = RecordType(search=("narrative",))
    history = HistoricalRecords()
    objects = ClassifiedQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "minute entries"
        ordering = ["agenda_item__position", "agenda_item__number"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "agenda_item"], name="one_entry_per_item_in_minutes"),
        ]

    def __str__(self) -> str:
        return f"{self.minutes}: item {self.agenda_item.number}"
