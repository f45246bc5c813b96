"""Forms of the generated papers: the Sub-Committee Report's draft, one item's text, and issuing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.http import QueryDict

from panelbook.core.classification import Classification
from panelbook.core.forms import Guarded, records_field
from panelbook.governance.forms import DATE_WIDGET, RecipientsField
from panelbook.governance.models import AgendaItem
from panelbook.papers import issuable


class DraftForm(Guarded, forms.Form):
    since = forms.DateField(
        widget=DATE_WIDGET, help_text="The report covers the sub-committee meetings held after this day."
    )
    highlights = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text="One bullet per line. Left empty, the flagged items' summaries are the highlights.",
    )
    recommendations = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), help_text="One per line.")
    author = forms.CharField(max_length=200, required=False, help_text="Who signs the report.")
    team = forms.CharField(max_length=200)


class ItemForm(Guarded, forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text="The report's text for this item. Left empty, the report says what the records say.",
    )
    flagged = forms.BooleanField(required=False, label="Flag for the Panel's attention (a highlight)")
    omitted = forms.BooleanField(required=False, label="Leave this item out of the report")


class IssueForm(forms.Form):
    level = forms.ChoiceField(
        choices=Classification.choices,
        initial=Classification.WHITE,
        label="Audience",
        help_text="The paper holds what may be read at this classification; WHITE is the version for publication.",
    )
    with_appendix = forms.BooleanField(
        required=False, initial=True, label="Issue the RED appendix too (to the named recipients)"
    )
    recipients = RecipientsField()
    note = forms.CharField(max_length=300, required=False, help_text="Kept with the version: why it is issued.")


class ItemChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: AgendaItem) -> str:
        meeting = obj.meeting
        return f"{meeting.body.short_name} {meeting.number} ({meeting.date:%-d %B %Y}), item {obj.number}: {obj.title}"


class IssueAnyForm(forms.Form):
    """Issue one generated paper for an audience, to an agenda item the issuer may see."""

    level = forms.ChoiceField(choices=Classification.choices, initial=Classification.WHITE, label="Audience")
    item = ItemChoiceField(AgendaItem.objects.none(), label="Agenda item", help_text="The paper is stored on it.")
    recipients = RecipientsField()
    note = forms.CharField(max_length=300, required=False, help_text="Kept with the version: why it is issued.")

    def __init__(
        self, *args: Any, user: Any = None, kind: str = "change-status", query: QueryDict | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.items = issuable.item_choices(user, kind, query or QueryDict())
        records_field(self, "item").queryset = self.items


class PublishForm(forms.Form):
    """Which of a meeting's generated papers to issue at WHITE, in one step."""

    def __init__(self, *args: Any, proposals: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in proposals:
            self.fields[name] = forms.BooleanField(required=False, initial=True, label=label)
