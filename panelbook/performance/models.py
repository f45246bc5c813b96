"""DCC performance: the catalogue of measures, their service levels and the monthly results.

Providers, scopes, measures and service levels are reference data (the admin, the demo's YAML);
nothing the domain reference leaves unconfirmed is a constant here. Results change only through
``performance.services``; what a result means (met, below Target, a run of months) is computed in
``performance.levels`` and never stored.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone

from panelbook.core.classification import Classified, ClassifiedQuerySet, Gate, is_secretariat
from panelbook.core.history_records import HistoricalRecords
from panelbook.core.lists import where_given
from panelbook.core.models import Voidable
from panelbook.core.records import RecordType
from panelbook.governance.models import Body
from panelbook.performance import incidents, levels


class Provider(models.Model):
    """Who a measure is reported for: the DCC itself, a Communications or Data Service Provider,
    a SMETS1 service provider."""

    code = models.SlugField(max_length=30, unique=True, help_text="A short name: dcc, csp-north, dsp, s1sp-secure.")
    name = models.CharField(max_length=120)
    prefix = models.CharField(
        max_length=30, blank=True, help_text="Put before its measures' ids (“CSP N” PM2); none for the DCC's CPMs."
    )
    position = models.PositiveIntegerField(default=0, help_text="Where its measures come in lists: lowest first.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Scope(models.Model):
    """What a result covers: the DCC total, a CSP region, a named SMETS1 service provider."""

    code = models.SlugField(max_length=30, unique=True)
    name = models.CharField(max_length=120)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Measure(models.Model):
    """A Code Performance Measure (CPM1 …) or a provider's measure (PM2, PM1.1 …). The same id means
    different things for different providers and methodology versions, so all three key it."""

    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="measures")
    code = models.CharField(max_length=20, help_text="CPM1, PM2, PM1.1 …")
    methodology_version = models.CharField(
        max_length=20, help_text="The Performance Measurement Methodology version that defines it."
    )
    name = models.CharField(max_length=200)
    definition = models.TextField(blank=True)
    unit = models.CharField(max_length=20, default="%", help_text="“%”, or what a count counts.")
    direction = models.CharField(
        max_length=6,
        choices=[(levels.Direction.HIGHER, "Higher is better"), (levels.Direction.LOWER, "Lower is better")],
        default=levels.Direction.HIGHER,
    )
    feeds = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="fed_by",
        help_text="The Code Performance Measures this provider measure is an input to.",
    )
    history = HistoricalRecords(m2m_fields=["feeds"])

    class Meta:
        ordering = ["provider__position", "provider__name", "code"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "code", "methodology_version"], name="measure_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.provider.prefix} {self.code}" if self.provider.prefix else self.code

    def get_absolute_url(self) -> str:
        return reverse("performance:measure", args=[self.pk])

    @property
    def is_percentage(self) -> bool:
        return self.unit == "%"

    def levels(self) -> list[levels.Levels]:
        return [level.as_levels() for level in self.service_levels.all()]


class ServiceLevel(models.Model):
    """A measure's Target and Minimum Service Levels from a day on, until the next one starts."""

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="service_levels")
    effective_from = models.DateField()
    target = models.DecimalField(max_digits=9, decimal_places=3, validators=[MinValueValidator(Decimal(0))])
    minimum = models.DecimalField(max_digits=9, decimal_places=3, validators=[MinValueValidator(Decimal(0))])
    source = models.CharField(
        max_length=200, blank=True, help_text="Where the levels are set (SEC H13.1, the RLoSPPM …)."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["measure", "effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "effective_from"], name="one_level_per_measure_and_day")
        ]

    def __str__(self) -> str:
        return f"{self.measure}: Target {self.target}, Minimum {self.minimum} from {self.effective_from:%d/%m/%Y}"

    def as_levels(self) -> levels.Levels:
        return levels.Levels(self.effective_from, self.target, self.minimum)

    def clean(self) -> None:
        """The Minimum on the worse side of the Target, as the measure's direction says; a
        percentage's levels within 0–100. Checked here so the admin's form refuses what the verb does."""
        if self.target is None or self.minimum is None or self.measure_id is None:
            return
        measure = self.measure
        if measure.direction == levels.Direction.HIGHER and self.minimum > self.target:
            raise ValidationError({"minimum": "When higher is better, the Minimum cannot be above the Target."})
        if measure.direction == levels.Direction.LOWER and self.minimum < self.target:
            raise ValidationError({"minimum": "When lower is better, the Minimum cannot be below the Target."})
        if measure.is_percentage and not (0 <= self.minimum <= 100 and 0 <= self.target <= 100):
            raise ValidationError({"target": "A percentage's levels are between 0 and 100."})


class ResultQuerySet(ClassifiedQuerySet):
    def in_force(self) -> ResultQuerySet:
        """Without the voided results: what every page, run, export, API and paper counts."""
        return self.filter(is_void=False)

    def matching(
        self,
        *,
        provider: str | None = None,
        scope: str | None = None,
        measure: int | None = None,
        since: Any = None,
        until: Any = None,
    ) -> ResultQuerySet:
        """The filters of the results export and API: provider and scope codes, a measure, a period."""
        return where_given(
            self,
            measure__provider__code=provider,
            scope__code=scope,
            measure_id=measure,
            month__gte=since,
            month__lte=until,
        )


class Result(Classified, Voidable):
    """One measure's value for one scope and one calendar month (the Performance Measurement Period)."""

    measure = models.ForeignKey(Measure, on_delete=models.PROTECT, related_name="results")
    scope = models.ForeignKey(Scope, on_delete=models.PROTECT, related_name="results")
    month = models.DateField(help_text="The first day of the month the result is for.")
    value = models.DecimalField(max_digits=9, decimal_places=3)
    body = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The body that reviews it, whose members may read it when it is AMBER.",
    )

    gate = Gate(body="body")
    record = RecordType(history="__all__")
    history = HistoricalRecords(m2m_fields=["recipients"])
    objects = ResultQuerySet.as_manager()  # type: ignore[misc]  # the stubs cannot type an as_manager() override

    class Meta:
        ordering = ["measure", "scope", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "scope", "month"],
                condition=models.Q(is_void=False),
                name="one_result_per_measure_scope_month",
            )
        ]

    def __str__(self) -> str:
        value = f"{Decimal(self.value).normalize():f}"
        return f"{self.measure} ({self.scope}) {self.month:%B %Y}: {value}{self.measure.unit}"

    def get_absolute_url(self) -> str:
        return f"{self.measure.get_absolute_url()}?scope={self.scope.code}"


# Incidents: what broke, how badly, and when each service came back. What a record means (its
# worst category, its durations against the target, days of stable service) is worked out in
# ``performance.incidents``; ``category`` and ``worst_category`` are kept by the verbs from the
# category history, for lists and filters, and never typed.

INCIDENT_CATEGORIES = [(n, f"Category {n}") for n in (1, 2, 3, 4, 5)]
INCIDENT_REFERENCE = RegexValidator(
    r"^INC\d{6,15}$", "An incident reference is INC followed by 6 to 15 digits, as INC000000435359."
)


class ServiceLine(models.Model):
    """A service an incident can affect and whose days of stable service are reported: SMETS1,
    SMETS2, CSP N, DSP …"""

    code = models.SlugField(max_length=30, unique=True)
    name = models.CharField(max_length=120)
    position = models.PositiveIntegerField(default=0, help_text="Where it comes in lists: lowest first.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Region(models.Model):
    """A region an incident can affect: North, Central, South."""

    code = models.SlugField(max_length=30, unique=True)
    name = models.CharField(max_length=120)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TargetResolutionTime(models.Model):
    """An incident category's target resolution time from a day on, until the next one starts: in
    hours, or in Working Days (the Incident Management Policy's values are unconfirmed, so they are
    reference data, never constants)."""

    category = models.PositiveSmallIntegerField(choices=INCIDENT_CATEGORIES)
    effective_from = models.DateField()
    hours = models.DecimalField(
        max_digits=6, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(Decimal(0))]
    )
    working_days = models.PositiveSmallIntegerField(null=True, blank=True)
    source = models.CharField(max_length=200, blank=True, help_text="Where it is set, or “Demo value”.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["category", "effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["category", "effective_from"], name="one_target_per_category_and_day"),
            models.CheckConstraint(
                condition=models.Q(hours__isnull=True, working_days__isnull=False)
                | models.Q(hours__isnull=False, working_days__isnull=True),
                name="target_in_hours_or_working_days",
                violation_error_message="Give the target in hours or in Working Days, not both.",
            ),
        ]

    def __str__(self) -> str:
        return f"Category {self.category}: {self.as_target().in_words()} from {self.effective_from:%d/%m/%Y}"

    def as_target(self) -> incidents.Target:
        return incidents.Target(self.category, self.effective_from, self.hours, self.working_days)


class IncidentQuerySet(ClassifiedQuerySet):
    def in_force(self) -> IncidentQuerySet:
        return self.filter(is_void=False)

    def kept_for(self, user: Any) -> IncidentQuerySet:
        """Voided incidents only for the secretariat, who see them marked void and can restore them."""
        return self if is_secretariat(user) else self.in_force()

    def matching(
        self,
        *,
        category: int | None = None,
        line: str | None = None,
        month: Any = None,
        open: bool | None = None,
        major: bool | None = None,
    ) -> IncidentQuerySet:
        """The filters of the incidents list, API and export: the worst category reached, a service
        line's code, the month it opened, open or closed, Major or not."""
        rows = where_given(self, worst_category=category, services__code=line, is_major=major)
        if month is not None:
            rows = rows.filter(opened__date__gte=month.replace(day=1), opened__date__lt=levels.next_month(month))
        if open is not None:
            rows = rows.filter(closed__isnull=open)
        return rows.distinct() if line else rows


class Incident(Classified, Voidable):
    """An incident in the DCC's Incident Management Log, as reported to the Panel."""

    reference = models.CharField(max_length=20, unique=True, validators=[INCIDENT_REFERENCE])
    title = models.CharField(max_length=300)
    services = models.ManyToManyField(ServiceLine, related_name="incidents", help_text="The service lines it affected.")
    regions = models.ManyToManyField(Region, blank=True, related_name="incidents")
    opened = models.DateTimeField()
    closed = models.DateTimeField(null=True, blank=True)
    category = models.PositiveSmallIntegerField(choices=INCIDENT_CATEGORIES, editable=False)
    worst_category = models.PositiveSmallIntegerField(
        choices=INCIDENT_CATEGORIES, editable=False, help_text="The most severe category it reached."
    )
    is_major = models.BooleanField("Major Incident", default=False)
    impact = models.TextField(blank=True)
    actions_taken = models.TextField(blank=True)
    root_cause = models.TextField(blank=True, help_text="Left empty while it is under investigation.")
    body = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The body that reviews it, whose members may read it when it is AMBER.",
    )

    gate = Gate(body="body")
    record = RecordType(history="__all__", search=("reference", "title", "impact", "root_cause"), name="reference")
    history = HistoricalRecords(m2m_fields=["recipients", "services", "regions"])
    objects = IncidentQuerySet.as_manager()  # type: ignore[misc]  # the stubs cannot type an as_manager() override

    class Meta:
        ordering = ["-opened", "reference"]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("performance:incident", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.closed is None

    @property
    def root_cause_or_status(self) -> str:
        return self.root_cause or "Under investigation"

    def facts(self) -> incidents.Facts:
        """The record as ``performance.incidents`` reads it, in local time (its changes, services and
        restorations prefetched or read here)."""
        local = timezone.localtime
        return incidents.Facts(
            self.reference,
            local(self.opened),
            tuple(incidents.Change(local(c.at), c.category) for c in self.changes.all()),
            tuple(s.code for s in self.services.all()),
            {r.service_line.code: local(r.restored_at) for r in self.restorations.all()},
            local(self.closed) if self.closed else None,
        )


class CategoryChange(models.Model):
    """The incident's category from a moment on: the first is set when it is opened, each later one
    by a recategorisation with its reason."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="changes")
    category = models.PositiveSmallIntegerField(choices=INCIDENT_CATEGORIES)
    at = models.DateTimeField()
    reason = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["incident", "at", "pk"]

    def __str__(self) -> str:
        return f"Category {self.category} from {timezone.localtime(self.at):%d/%m/%Y %H:%M}"


class Restoration(models.Model):
    """When one affected service line's service came back."""

    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="restorations")
    service_line = models.ForeignKey(ServiceLine, on_delete=models.PROTECT, related_name="+")
    restored_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["incident", "restored_at"]
        constraints = [
            models.UniqueConstraint(fields=["incident", "service_line"], name="one_restoration_per_incident_and_line")
        ]

    def __str__(self) -> str:
        return f"{self.service_line} restored {timezone.localtime(self.restored_at):%d/%m/%Y %H:%M}"
