"""Forms of the modifications register: its filters, and the secretariat's steps."""

from __future__ import annotations

from typing import Any

from django import forms

from panelbook.actions.forms import reason_field
from panelbook.core.forms import PICKER, Guarded, SheetConfirmForm, SheetUploadForm, records_field
from panelbook.core.lists import YesNoField, date_filter, id_filter
from panelbook.governance.forms import DATE_WIDGET
from panelbook.governance.models import Body, Organisation, Paper, PartyCategory, Person
from panelbook.modifications import lifecycle, voting
from panelbook.modifications.models import (
    PATH_CHOICES,
    STAGE_CHOICES,
    Assessment,
    AssessmentKind,
    AuthorityDecision,
    AuthorityOutcome,
    DocumentKind,
    LeadTimeUnit,
    Milestone,
    Modification,
    Release,
    ReleaseKind,
    ReleaseStatus,
)


class ModificationFilterForm(forms.Form):
    stage = forms.ChoiceField(choices=STAGE_CHOICES, required=False)
    path = forms.ChoiceField(choices=PATH_CHOICES, required=False)
    category = forms.ChoiceField(choices=PartyCategory.choices, required=False, label="Party category")
    proposer = forms.CharField(required=False, max_length=200)
    release = id_filter("Release")
    q = forms.CharField(required=False, max_length=200, label="Text")
    open = YesNoField(required=False, label="Still open")
    assessment_overdue = YesNoField(required=False, label="DCC assessment overdue")


class ReleaseFilterForm(forms.Form):
    kind = forms.ChoiceField(choices=ReleaseKind.choices, required=False)
    status = forms.ChoiceField(choices=ReleaseStatus.choices, required=False)


class AssessmentFilterForm(forms.Form):
    kind = forms.ChoiceField(choices=AssessmentKind.choices, required=False, label="Assessment")
    overdue = YesNoField(required=False, label="Overdue")
    reference = forms.CharField(required=False, max_length=12, label="Modification")


class FiguresFilterForm(forms.Form):
    """The period raised that the register's figures read (both ends included)."""

    raised_from = date_filter("Raised from")
    raised_to = date_filter("Raised to")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("raised_from"), data.get("raised_to")
        if start and end and end < start:
            self.add_error("raised_to", f"The period ends ({end:%d/%m/%Y}) before it starts ({start:%d/%m/%Y}).")
        return data


class CategoryFollowForm(forms.Form):
    """Following (or no longer following) every modification that affects a party category."""

    category = forms.ChoiceField(choices=PartyCategory.choices, label="Party category")


class ModificationForm(Guarded, forms.Form):
    """Raising a modification (the register's front page for a new one)."""

    reference = forms.CharField(max_length=12, help_text="SECMP0040, DP081, MP122 or MP102A.")
    title = forms.CharField(max_length=300)
    body = forms.ModelChoiceField(queryset=Body.objects.all(), help_text="The body that progresses it.")
    path = forms.ChoiceField(choices=PATH_CHOICES)
    raised_on = forms.DateField(widget=DATE_WIDGET, label="Date raised")
    proposer_organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.order_by("name"), required=False, label="Proposer"
    )
    lead_analyst = forms.ModelChoiceField(queryset=Person.objects.order_by("name"), required=False)
    issue = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="What is the issue?")
    solution = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, label="What is the solution?")
    impacted_categories = forms.MultipleChoiceField(
        choices=PartyCategory.choices, required=False, widget=forms.CheckboxSelectMultiple, label="Who is impacted?"
    )
    affected_documents = forms.CharField(max_length=300, required=False, label="SEC documents affected")
    urgent = forms.BooleanField(required=False)


class CorrectionForm(Guarded, forms.Form):
    title = forms.CharField(max_length=300)
    path = forms.ChoiceField(choices=PATH_CHOICES)
    issue = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="What is the issue?")
    solution = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, label="What is the solution?")
    impacted_categories = forms.MultipleChoiceField(
        choices=PartyCategory.choices, required=False, widget=forms.CheckboxSelectMultiple, label="Who is impacted?"
    )
    affected_documents = forms.CharField(max_length=300, required=False, label="SEC documents affected")
    urgent = forms.BooleanField(required=False)
    reason = reason_field("Why is it corrected?")

    @classmethod
    def of(cls, modification: Modification, data: Any = None) -> CorrectionForm:
        initial = {name: getattr(modification, name) for name in cls.base_fields if name != "reason"}
        return cls(data, initial=initial, revision=modification.revision)


class StageForm(Guarded, forms.Form):
    """Moving a modification on: only the stages its lifecycle allows from where it is."""

    stage = forms.ChoiceField(choices=())
    on = forms.DateField(widget=DATE_WIDGET, label="On")
    note = forms.CharField(max_length=300, required=False)

    def __init__(self, *args: Any, allowed: frozenset[lifecycle.Stage] = frozenset(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["stage"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(stage.value, lifecycle.STAGE_LABELS[stage]) for stage in lifecycle.Stage if stage in allowed]

    @classmethod
    def of(cls, modification: Modification, data: Any = None, **kwargs: Any) -> StageForm:
        """The form for moving ``modification`` on: its lifecycle's next stages only."""
        allowed = lifecycle.next_stages(lifecycle.Stage(modification.stage), lifecycle.Path(modification.path))
        return cls(data, allowed=allowed, **kwargs)


class ExtensionForm(Guarded, forms.Form):
    """An extension the Panel agreed: from which unreached milestone, by how many Working Days."""

    from_milestone = forms.ModelChoiceField(queryset=Milestone.objects.none(), label="From milestone")
    working_days_added = forms.IntegerField(min_value=1, max_value=500, label="Working Days added")
    reason = forms.CharField(max_length=300)
    decision_reference = forms.CharField(
        max_length=60, help_text="The Panel decision that agreed it, as the minutes cite it (e.g. SECP_47 item 12)."
    )
    agreed_on = forms.DateField(widget=DATE_WIDGET, label="Agreed on")

    def __init__(self, *args: Any, user: Any, modification: Modification | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        milestones = Milestone.objects.visible_to(user).filter(actual__isnull=True)
        field = self.fields["from_milestone"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = milestones.filter(modification=modification) if modification else milestones


class VotesForm(Guarded, forms.Form):
    """The Change Board's vote: one choice per party category."""

    cast_on = forms.DateField(widget=DATE_WIDGET, label="Voted on")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in PartyCategory.choices:
            self.fields[f"vote_{code}"] = forms.ChoiceField(
                label=label, choices=[(vote.value, vote.value.capitalize()) for vote in voting.Vote], initial="ABSENT"
            )

    def votes(self) -> dict[str, str]:
        return {code: self.cleaned_data[f"vote_{code}"] for code, _ in PartyCategory.choices}


# A register of a few hundred rows is some tens of kilobytes; the preview sends the file back with
# its confirmation, so it must fit in one ordinary POST body (DATA_UPLOAD_MAX_MEMORY_SIZE).
class RegisterImportForm(SheetUploadForm):
    """The register spreadsheet to preview, and the body new modifications belong to."""

    file = forms.FileField(
        label="Register spreadsheet", help_text="CSV (UTF-8) or Excel (.xlsx): headings on the first row."
    )
    body = forms.ModelChoiceField(queryset=Body.objects.all(), help_text="The body new modifications belong to.")
    what = "the register"


class RegisterImportConfirmForm(SheetConfirmForm):
    """The previewed register sent back with the confirmation, and the body it was previewed for."""

    body = forms.ModelChoiceField(queryset=Body.objects.all(), widget=forms.HiddenInput)
    what = "the register"


def current_papers(user: Any) -> Any:
    """The papers a person may attach: current ones they may see, newest first."""
    return Paper.objects.visible_to(user).filter(status=Paper.Status.CURRENT).order_by("-paper_date", "reference")


class AssessmentRequestForm(Guarded, forms.Form):
    """The secretariat records that the DCC was asked for an assessment."""

    kind = forms.ChoiceField(choices=AssessmentKind.choices, label="Assessment")
    requested_on = forms.DateField(widget=DATE_WIDGET, label="Requested on")
    due_on = forms.DateField(
        widget=DATE_WIDGET,
        required=False,
        label="Due on",
        help_text="Leave empty to count the standard timescale in the reference data, when there is one.",
    )


class ReturnFields(forms.Form):
    cost = forms.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=0,
        required=False,
        label="Cost (£)",
        help_text="As the DCC states it.",
    )
    lead_time = forms.IntegerField(min_value=0, max_value=10000, required=False, label="Lead time")
    lead_time_unit = forms.ChoiceField(choices=[("", "—"), *LeadTimeUnit.choices], required=False, label="Lead time in")
    document = forms.ModelChoiceField(
        queryset=Paper.objects.none(),
        required=False,
        label="Returned document",
        widget=forms.Select(attrs=PICKER),
        help_text="The paper the DCC returned; it keeps its own classification.",
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        records_field(self, "document").queryset = current_papers(user)


class AssessmentReturnForm(Guarded, ReturnFields):
    """The DCC's return of an assessment: when, the cost, the lead time and the document."""

    delivered_on = forms.DateField(widget=DATE_WIDGET, label="Returned on")
    field_order = ["delivered_on", "cost", "lead_time", "lead_time_unit", "document"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)


class AssessmentCorrectionForm(Guarded, ReturnFields):
    kind = forms.ChoiceField(choices=AssessmentKind.choices, label="Assessment")
    requested_on = forms.DateField(widget=DATE_WIDGET, label="Requested on")
    due_on = forms.DateField(widget=DATE_WIDGET, label="Due on")
    delivered_on = forms.DateField(widget=DATE_WIDGET, required=False, label="Returned on")
    reason = reason_field("Why is it corrected?")
    field_order = ["kind", "requested_on", "due_on", "delivered_on", "cost", "lead_time", "lead_time_unit", "document"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)

    @classmethod
    def of(cls, assessment: Assessment, data: Any, *, user: Any) -> AssessmentCorrectionForm:
        initial = {name: getattr(assessment, name) for name in cls.base_fields if name != "reason"}
        form = cls(data, initial=initial, revision=assessment.revision, user=user)
        hidden = (
            assessment.document_id and not Paper.objects.visible_to(user).filter(pk=assessment.document_id).exists()
        )
        if hidden:
            # A document this person may not see is neither shown nor unlinked by their correction.
            del form.fields["document"]
        return form


class AttachDocumentForm(Guarded, forms.Form):
    """Attaching a paper to a modification as one of its documents."""

    paper = forms.ModelChoiceField(queryset=Paper.objects.none(), widget=forms.Select(attrs=PICKER))
    kind = forms.ChoiceField(choices=DocumentKind.choices, label="Type")
    version = forms.CharField(
        max_length=12, required=False, help_text="For legal text and the Modification Report: 0.4, 1.0 …"
    )
    attached_on = forms.DateField(widget=DATE_WIDGET, label="Attached on")

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        records_field(self, "paper").queryset = current_papers(user)


class DetachDocumentForm(forms.Form):
    reason = reason_field("Why is it detached?")


class ReleaseFields(forms.Form):
    name = forms.CharField(max_length=80, help_text="As the secretariat writes it: “June 2026 SEC Release”.")
    kind = forms.ChoiceField(choices=ReleaseKind.choices)
    date = forms.DateField(widget=DATE_WIDGET, help_text="The day it goes live.")
    sec_version = forms.CharField(
        max_length=20, required=False, label="SEC version", help_text="The version of the SEC it issues, once known."
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class ReleaseForm(Guarded, ReleaseFields):
    """Planning a release."""


class ReleaseCorrectionForm(Guarded, ReleaseFields):
    status = forms.ChoiceField(choices=ReleaseStatus.choices)
    reason = reason_field("Why is it corrected?")
    field_order = ["name", "kind", "date", "sec_version", "status", "notes", "reason"]

    @classmethod
    def of(cls, release: Release, data: Any = None) -> ReleaseCorrectionForm:
        initial = {name: getattr(release, name) for name in cls.base_fields if name != "reason"}
        return cls(data, initial=initial, revision=release.revision)


class ModificationReleaseForm(Guarded, forms.Form):
    """A modification's target release and, once it is approved for implementation, its actual release."""

    target_release = forms.ModelChoiceField(
        queryset=Release.objects.none(), required=False, empty_label="None", help_text="The release it is planned for."
    )
    actual_release = forms.ModelChoiceField(
        queryset=Release.objects.none(),
        required=False,
        empty_label="None",
        help_text="The release it went, or is going, live in.",
    )
    reason = forms.CharField(
        max_length=80, required=False, help_text="Needed when a release already set is changed or cleared."
    )

    @classmethod
    def of(cls, modification: Modification, data: Any = None) -> ModificationReleaseForm:
        initial = {"target_release": modification.target_release_id, "actual_release": modification.actual_release_id}
        form = cls(data, initial=initial, revision=modification.revision)
        for name in ("target_release", "actual_release"):
            records_field(form, name).queryset = Release.objects.in_force().order_by("-date")
        if modification.stage not in lifecycle.HAS_ACTUAL_RELEASE:
            del form.fields["actual_release"]
        return form


class AuthorityDecisionForm(Guarded, forms.Form):
    """The Authority's decision on a modification the Change Board recommended to it."""

    outcome = forms.ChoiceField(choices=AuthorityOutcome.choices, label="The Authority's decision")
    decided_on = forms.DateField(widget=DATE_WIDGET, label="Decided on")
    note = forms.CharField(max_length=300, required=False, help_text="What the decision letter says, in a line.")
    letter = forms.ModelChoiceField(
        queryset=Paper.objects.none(),
        required=False,
        label="Decision letter",
        widget=forms.Select(attrs=PICKER),
        help_text="The Authority's letter, a paper; it is attached to the modification as its decision letter.",
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        records_field(self, "letter").queryset = current_papers(user)


class AuthorityDecisionCorrectionForm(Guarded, forms.Form):
    decided_on = forms.DateField(widget=DATE_WIDGET, label="Decided on")
    note = forms.CharField(max_length=300, required=False)
    reason = reason_field("Why is it corrected?")

    @classmethod
    def of(cls, decision: AuthorityDecision, data: Any = None) -> AuthorityDecisionCorrectionForm:
        initial = {"decided_on": decision.decided_on, "note": decision.note}
        return cls(data, initial=initial, revision=decision.revision)
