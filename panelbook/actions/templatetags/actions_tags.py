"""The actions, decisions and minutes shown on a meeting's page."""

from django import template

from panelbook.actions.models import Decision, Minutes
from panelbook.actions.reports import actions_tables

register = template.Library()


@register.inclusion_tag("actions/_meeting_record.html", takes_context=True)
def meeting_record(context, meeting):
    user = context["request"].user
    decisions = (
        Decision.objects.visible_to(user)
        .kept_for(user)
        .filter(meeting=meeting)
        .select_related("agenda_item")
        .order_by("agenda_item__position", "position")
    )
    raised = meeting.actions_raised.visible_to(user).kept_for(user).order_by("sequence")
    return {
        "meeting": meeting,
        "tables": actions_tables(meeting, user),
        "decisions": decisions,
        "minutes": Minutes.objects.visible_to(user).filter(meeting=meeting).order_by("confidential"),
        "raised": raised,
        "is_secretariat": context.get("is_secretariat"),
        "not_yet": meeting.took_place_refusal("decisions and actions"),
    }
