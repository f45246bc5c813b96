"""Forms of topic threads. Every choice is of what the acting person may see (``user=``): threads
through ``Thread.objects.visible_to`` and named by the title that person may read, a thread's
items through the gate of the agenda items."""

from __future__ import annotations

from typing import Any

from django import forms

from panelbook.core.forms import reason_field
from panelbook.core.lists import body_filter
from panelbook.modifications.models import Modification
from panelbook.performance.models import Measure
from panelbook.threads import reports
from panelbook.threads.models import TITLE_LENGTH, Thread, ThreadItem


class ThreadFilterForm(forms.Form):
    body = body_filter("Taken up by (a body's code)")
    q = forms.CharField(max_length=100, required=False, label="An item's heading contains")


class TitledChoice(forms.ModelChoiceField):
    """A choice of threads, each named by the title its reader may read."""

    titles: dict[int, str] = {}

    def label_from_instance(self, obj: Any) -> str:
        return self.titles.get(obj.pk, str(obj))


class ItemChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        meeting = obj.agenda_item.meeting
        return f"{meeting} ({meeting.starts_at:%d/%m/%Y}), item {obj.agenda_item.number}: {obj.agenda_item.title}"


def _items(user: Any, thread: Thread | None) -> Any:
    rows = ThreadItem.objects.visible_to(user).in_force().select_related("agenda_item__meeting__body")
    return rows.filter(thread=thread) if thread is not None else rows.none()


class MergeForm(forms.Form):
    other = TitledChoice(
        Thread.objects.none(),
        label="Merge in the thread",
        help_text="Its items join this thread, and it is voided as merged into this one.",
    )
    reason = reason_field("Why are they one topic?")

    def __init__(self, *args: Any, user: Any = None, thread: Thread | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rows = Thread.objects.visible_to(user).in_force()
        if thread is not None:
            rows = rows.exclude(pk=thread.pk)
        field = self.fields["other"]
        assert isinstance(field, TitledChoice)
        field.queryset = rows
        field.titles = {s.thread.pk: s.title for s in reports.summaries(rows, user)}


class SplitForm(forms.Form):
    items = ItemChoice(
        ThreadItem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label="Items to split off",
        help_text="They become a thread of their own; at least one item stays in this thread.",
    )
    title = forms.CharField(
        max_length=TITLE_LENGTH, required=False, help_text="Left empty, the new thread is named after its items."
    )
    reason = reason_field("Why are they another topic?")

    def __init__(self, *args: Any, user: Any = None, thread: Thread | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["items"]
        assert isinstance(field, ItemChoice)
        field.queryset = _items(user, thread)


class RenameForm(forms.Form):
    title = forms.CharField(max_length=TITLE_LENGTH)
    named_after = forms.ModelChoiceField(
        ThreadItem.objects.none(),
        required=False,
        label="Shown to those who may read the item",
        help_text="Readers who may not see this item read the heading of an item they may see instead. "
        "Left empty, it stays as it is.",
    )
    reason = reason_field("Why is it renamed?")

    def __init__(self, *args: Any, user: Any = None, thread: Thread | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["named_after"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = _items(user, thread)
        field.label_from_instance = ItemChoice.label_from_instance.__get__(field)  # type: ignore[method-assign]


class LinkForm(forms.Form):
    modification = forms.ModelChoiceField(Modification.objects.none(), required=False)
    measure = forms.ModelChoiceField(Measure.objects.select_related("provider"), required=False)
    reason = reason_field("Why does it concern them?")

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["modification"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Modification.objects.visible_to(user).in_force().order_by("reference")


class ReasonForm(forms.Form):
    reason = reason_field("Why?")
