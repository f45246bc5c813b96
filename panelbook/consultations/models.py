"""Consultations the Panel answers: an external consultation (by the DCC, the government department,
Ofgem, another code), the bodies asked for their input, each body's observations (a record from its
meeting), the draft and the sent response (governance papers, each with its own classification)
and the decision that agreed the response.

A consultation is classified (WHITE by default: it is issued in public); an observation is AMBER
by default, owned by the body whose meeting made it; the draft response is usually AMBER and the
sent one WHITE, each as its paper says. ``status`` and the response's papers are set by the verbs.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.urls import reverse

from panelbook.actions.models import Decision
from panelbook.core.classification import Classification, Classified, ClassifiedQuerySet, Gate, is_secretariat
from panelbook.core.history_records import HistoricalRecords
from panelbook.core.lists import where_given
from panelbook.core.models import Revisioned, Voidable
from panelbook.core.records import RecordType
from panelbook.governance.models import AgendaItem, Body, Meeting, Paper


class Issuer(models.TextChoices):
    DCC = "DCC", "The DCC"
    GOVERNMENT = "GOVERNMENT", "The government department"
    OFGEM = "OFGEM", "Ofgem"
    OTHER_CODE = "OTHER_CODE", "Another code"
    OTHER = "OTHER", "Other"


class Status(models.TextChoices):
    OPEN = "OPEN", "Open"
    RESPONDING = "RESPONDING", "Responding"
    RESPONDED = "RESPONDED", "Responded"
    NOT_ANSWERED = "NOT_ANSWERED", "Not answered"


class ConsultationQuerySet(ClassifiedQuerySet):
    def in_force(self) -> Any:
        return self.filter(is_void=False)

    def kept_for(self, user: Any) -> Any:
        """Voided consultations only for the secretariat, who see them marked void and can restore them."""
        return self if is_secretariat(user) else self.in_force()

    def matching(
        self, *, issuer: str | None = None, status: str | None = None, body: str | None = None, q: str | None = None
    ) -> Any:
        rows = where_given(self, issuer=issuer, status=status)
        if body:
            rows = rows.filter(models.Q(body__code=body) | models.Q(bodies_asked__code=body)).distinct()
        if q:
            rows = rows.filter(models.Q(subject__icontains=q) | models.Q(reference__icontains=q))
        return rows

    def answered(self) -> Any:
        return self.in_force().filter(status=Status.RESPONDED)


class Consultation(Classified, Revisioned, Voidable):
    """An external consultation the Panel (or another body) is asked to answer."""

    issuer = models.CharField(max_length=12, choices=Issuer.choices)
    issuer_name = models.CharField(
        "issued by", max_length=200, blank=True, help_text="Who exactly: the department, the code's panel …"
    )
    subject = models.CharField(max_length=300)
    reference = models.CharField(max_length=100, blank=True, help_text="The issuer's reference, where it has one.")
    opened_on = models.DateField("opened")
    closes_on = models.DateField("closing date")
    extended_to = models.DateField("extended to", null=True, blank=True, editable=False)
    extension_reason = models.CharField(max_length=200, blank=True, editable=False)
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="+", help_text="The body that answers it (usually the Panel)."
    )
    bodies_asked = models.ManyToManyField(
        Body, blank=True, related_name="consultations_asked", help_text="The bodies asked for their input."
    )
    summary = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN, editable=False)
    draft_response = models.ForeignKey(
        Paper, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    sent_response = models.ForeignKey(
        Paper, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    decision = models.ForeignKey(
        Decision,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        help_text="The decision that agreed the response.",
    )
    sent_on = models.DateField(null=True, blank=True, editable=False)
    not_answered_reason = models.CharField(max_length=200, blank=True, editable=False)

    gate = Gate(body="body")
    record = RecordType(history="__all__", search=("subject", "reference", "summary"), name="title")
    history = HistoricalRecords(m2m_fields=["recipients", "bodies_asked"])
    objects = ConsultationQuerySet.as_manager()  # type: ignore[misc]  # the stubs cannot type an as_manager() override

    class Meta:
        ordering = ["-closes_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultations:consultation", args=[self.pk])

    @property
    def title(self) -> str:
        by = self.issuer_name or self.get_issuer_display()
        return f"{by}: {self.subject}"

    @property
    def closing_date(self) -> dt.date:
        """The day responses are due: the extension's, when one is recorded."""
        return self.extended_to or self.closes_on

    @property
    def is_finished(self) -> bool:
        return self.status in (Status.RESPONDED, Status.NOT_ANSWERED)


class ObservationQuerySet(ClassifiedQuerySet):
    def in_force(self) -> Any:
        return self.filter(is_void=False, consultation__is_void=False)

    def kept_for(self, user: Any) -> Any:
        return self if is_secretariat(user) else self.in_force()


class Observation(Classified, Revisioned, Voidable):
    """What a body asked for input observed on a consultation, at one of its meetings."""

    classification = models.CharField(max_length=5, choices=Classification.choices, default=Classification.AMBER)
    consultation = models.ForeignKey(Consultation, on_delete=models.PROTECT, related_name="observations")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="+", editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="+")
    agenda_item = models.ForeignKey(AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("observations")

    gate = Gate(body="body", parents=("consultation", "meeting", "agenda_item"))
    record = RecordType(history="__all__", search=("text",), name="title")
    history = HistoricalRecords(m2m_fields=["recipients"])
    objects = ObservationQuerySet.as_manager()  # type: ignore[misc]  # the stubs cannot type an as_manager() override

    class Meta:
        ordering = ["meeting__starts_at", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultations:consultation", args=[self.consultation_id]) + f"#observation-{self.pk}"

    @property
    def title(self) -> str:
        return f"Observations of {self.body.short_name or self.body.name} on {self.consultation.subject}"
