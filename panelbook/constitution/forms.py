"""Forms of the constitution: a version of terms of reference and its correction, seats, an
appointment and its correction, an election, a nomination, a result, an alternate; the comparison
of two versions; the lists' filters. The verbs check the rules; a form only reads the input, so a
refusal shows on the field the verb names. Choices of papers, decisions and meetings go through
``visible_to(user)``."""

from __future__ import annotations

from typing import Any

from django import forms

from panelbook.actions.models import Decision
from panelbook.constitution.models import AppointedAs, Election, Seat, SeatKind, TermsOfReference
from panelbook.core.forms import Guarded, reason_field, records_field
from panelbook.governance.models import Body, Paper, PartyCategory, Person

DAY = forms.DateInput(attrs={"type": "date"})


def decisions_for(user: Any, body: Body | None) -> Any:
    """Decisions the person may see, of the body or the body above it."""
    rows = Decision.objects.visible_to(user).in_force().select_related("body").order_by("-decided_on")
    if body is not None:
        rows = rows.filter(body_id__in=[body.pk, body.parent_id])
    return rows


class TermsForm(Guarded, forms.Form):
    paper = forms.ModelChoiceField(
        Paper.objects.none(), help_text="The paper holding this version (its level is the paper's)."
    )
    decision = forms.ModelChoiceField(Decision.objects.none(), required=False, help_text="The decision approving it.")
    effective_from = forms.DateField(widget=DAY)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 12}), help_text="The terms as approved.")

    def __init__(self, *args: Any, user: Any = None, body: Body | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        papers = Paper.objects.visible_to(user).order_by("-paper_date")
        if body is not None:
            papers = papers.filter(body_id__in=[body.pk, body.parent_id])
        records_field(self, "paper").queryset = papers
        records_field(self, "decision").queryset = decisions_for(user, body)


class TermsCorrectionForm(forms.Form):
    decision = forms.ModelChoiceField(Decision.objects.none(), required=False)
    effective_from = forms.DateField(widget=DAY)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 12}))
    reason = reason_field("Why is it corrected?")

    def __init__(self, *args: Any, user: Any = None, terms: TermsOfReference | None = None, **kwargs: Any) -> None:
        if terms is not None:
            kwargs.setdefault(
                "initial", {"decision": terms.decision_id, "effective_from": terms.effective_from, "text": terms.text}
            )
        super().__init__(*args, **kwargs)
        records_field(self, "decision").queryset = decisions_for(user, terms.body if terms else None)


class CompareForm(forms.Form):
    older = forms.ModelChoiceField(TermsOfReference.objects.none())
    newer = forms.ModelChoiceField(TermsOfReference.objects.none())

    def __init__(self, *args: Any, user: Any = None, body: Body | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        versions = TermsOfReference.objects.visible_to(user).in_force().select_related("body")
        if body is not None:
            versions = versions.filter(body=body)
        records_field(self, "older").queryset = versions
        records_field(self, "newer").queryset = versions


class SeatForm(Guarded, forms.Form):
    kind = forms.ChoiceField(choices=SeatKind.choices)
    party_category = forms.ChoiceField(choices=[("", "None"), *PartyCategory.choices], required=False)
    count = forms.IntegerField(min_value=1, max_value=99, label="Number of seats")
    label = forms.CharField(max_length=120, required=False)
    effective_from = forms.DateField(widget=DAY)
    effective_to = forms.DateField(widget=DAY, required=False)


class SeatCorrectionForm(forms.ModelForm):
    reason = reason_field("Why is it corrected?")

    class Meta:
        model = Seat
        fields = ("count", "label", "effective_from", "effective_to")
        widgets = {"effective_from": DAY, "effective_to": DAY}


class AppointmentForm(Guarded, forms.Form):
    seat = forms.ModelChoiceField(Seat.objects.none())
    person = forms.ModelChoiceField(Person.objects.select_related("organisation").order_by("name"))
    appointed_as = forms.ChoiceField(choices=AppointedAs.choices)
    decision = forms.ModelChoiceField(Decision.objects.none(), help_text="The decision that appointed them.")
    starts_on = forms.DateField(widget=DAY)
    ends_on = forms.DateField(widget=DAY, required=False, help_text="Empty: the whole term the rule allows.")

    def __init__(self, *args: Any, user: Any = None, body: Body | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        seats = Seat.objects.in_force().select_related("body")
        records_field(self, "seat").queryset = seats.filter(body=body) if body is not None else seats
        records_field(self, "decision").queryset = decisions_for(user, body)


class AppointmentCorrectionForm(forms.Form):
    ends_on = forms.DateField(widget=DAY, required=False)
    decision = forms.ModelChoiceField(Decision.objects.none(), required=False)
    reason = reason_field("Why is it corrected?")

    def __init__(self, *args: Any, user: Any = None, body: Body | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        records_field(self, "decision").queryset = decisions_for(user, body)


class ElectionForm(Guarded, forms.Form):
    seat = forms.ModelChoiceField(Seat.objects.none())
    places = forms.IntegerField(min_value=1, max_value=99, label="Seats to fill")
    vacant_on = forms.DateField(widget=DAY, help_text="The day the seats fall vacant.")
    nominations_close = forms.DateField(widget=DAY)

    def __init__(self, *args: Any, body: Body | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        seats = Seat.objects.in_force().filter(kind=SeatKind.ELECTED).select_related("body")
        records_field(self, "seat").queryset = seats.filter(body=body) if body is not None else seats


class NominationForm(Guarded, forms.Form):
    person = forms.ModelChoiceField(Person.objects.select_related("organisation").order_by("name"))
    nominated_on = forms.DateField(widget=DAY)


class ResultForm(forms.Form):
    """The result; for a contested election the votes cast and each nominee's votes."""

    declared_on = forms.DateField(widget=DAY)
    voters = forms.IntegerField(min_value=0, max_value=9999, required=False, label="Parties entitled to vote")
    ballots = forms.IntegerField(min_value=0, max_value=9999, required=False, label="Votes cast")

    def __init__(self, *args: Any, election: Election | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        standing = election.nominations.filter(is_withdrawn=False).select_related("person") if election else []
        for nomination in standing:
            self.fields[f"votes_{nomination.person_id}"] = forms.IntegerField(
                min_value=0, max_value=9999, required=False, label=f"Votes for {nomination.person.name}"
            )

    def verb_arguments(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        votes = {int(name[6:]): data.pop(name) or 0 for name in list(data) if name.startswith("votes_")}
        return {**data, "votes": votes or None}


class AlternateForm(Guarded, forms.Form):
    member = forms.ModelChoiceField(Person.objects.none(), help_text="The member who cannot attend.")
    alternate = forms.ModelChoiceField(Person.objects.select_related("organisation").order_by("name"))

    def __init__(self, *args: Any, meeting: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = Person.objects.order_by("name")
        if meeting is not None:
            members = members.filter(memberships__in=meeting.body.memberships.current(on=meeting.date)).distinct()
        records_field(self, "member").queryset = members


class ReasonForm(forms.Form):
    reason = reason_field("Why")


class BodyFilterForm(forms.Form):
    body = forms.SlugField(required=False)

    def clean(self) -> dict[str, Any]:
        return {name: value or None for name, value in (super().clean() or {}).items()}
