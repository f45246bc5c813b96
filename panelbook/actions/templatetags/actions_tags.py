"""The actions, decisions and minutes shown on a meeting's page, and on the home page the latest
approved minutes, a member's own actions and the secretariat's worklist."""

import datetime as dt

from django import template
from django.apps import apps
from django.utils import timezone

from panelbook.actions.models import Action, Decision, Minutes
from panelbook.actions.reports import actions_tables
from panelbook.core.lib.working_days import Calendar
from panelbook.governance.models import AgendaItem, Meeting, Paper, Person

# Papers are due this many Working Days before their meeting.
PAPER_DAY = 5
WORKLIST_DAYS = 30

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


LATEST_MINUTES = 6
# Minutes are looked for among this many latest meetings, read down the meetings' date index, so the
# front page never reads every minutes (those of a meeting are approved at the body's next one).
MEETINGS_LOOKED_AT = 30


@register.inclusion_tag("actions/_latest_minutes.html", takes_context=True)
def latest_minutes(context):
    """The approved minutes of the latest meetings the reader may see."""
    user = context["request"].user
    meetings = Meeting.objects.visible_to(user).filter(starts_at__lt=timezone.now()).order_by("-starts_at")
    minutes = Minutes.objects.visible_to(user).filter(
        status=Minutes.Status.APPROVED, meeting__in=meetings.values("pk")[:MEETINGS_LOOKED_AT]
    )
    latest = minutes.select_related("meeting__body").order_by("-meeting__starts_at", "confidential")
    return {"minutes": latest[:LATEST_MINUTES]}


@register.inclusion_tag("actions/_my_actions.html", takes_context=True)
def my_actions(context):
    """The actions the signed-in person owns that are not closed, soonest due first."""
    user = context["request"].user
    person = Person.objects.filter(user=user).first()
    mine = Action.objects.read_by(user).in_force().not_closed().with_deadline().filter(owner_person=person)
    return {"actions": mine.order_by("deadline_on", "pk")[:10] if person else [], "today": timezone.localdate()}


@register.inclusion_tag("actions/_worklist.html", takes_context=True)
def worklist(context):
    """The secretariat's worklist: papers late for paper day, minutes waiting for approval,
    overdue actions and ingest proposals waiting for review, each as the reader may see them."""
    user = context["request"].user
    proposals = apps.get_model("ingest", "Proposal").objects.visible_to(user).filter(status="PROPOSED")
    return {
        "late": late_papers(user, timezone.localdate()),
        "minutes": Minutes.objects.visible_to(user)
        .filter(status=Minutes.Status.DRAFT, meeting__status=Meeting.Status.HELD)
        .select_related("meeting__body")
        .order_by("meeting__starts_at"),
        "overdue": Action.objects.read_by(user).in_force().overdue().count(),
        "proposals": proposals.count(),
        "sections": worklist_sections(context["request"]),
    }


def worklist_sections(request) -> list[dict]:
    """The parts of the worklist that apps above the actions add: an AppConfig's
    ``worklist_section(request)`` gives a dict with its ``template`` (included with it as ``section``)."""
    found = []
    for config in apps.get_app_configs():
        declared = getattr(config, "worklist_section", None)
        section = declared(request) if declared else None
        if section:
            found.append(section)
    return found


def late_papers(user, today: dt.date) -> list[tuple[Meeting, dt.date, list[AgendaItem]]]:
    """The planned meetings of the coming weeks whose paper day has come, with their agenda items
    that have no paper yet."""
    calendar = Calendar.of()
    soon = timezone.now() + dt.timedelta(days=WORKLIST_DAYS)
    meetings = Meeting.objects.visible_to(user).filter(
        status=Meeting.Status.PLANNED, starts_at__gte=timezone.now(), starts_at__lte=soon
    )
    with_papers = Paper.objects.visible_to(user).values("agenda_item")
    late = []
    for meeting in meetings.select_related("body").order_by("starts_at"):
        paper_day = calendar.add(meeting.date, -PAPER_DAY)
        if paper_day > today:
            continue
        items = AgendaItem.objects.visible_to(user).filter(meeting=meeting, is_withdrawn=False)
        missing = list(items.exclude(pk__in=with_papers).order_by("position"))
        if missing:
            late.append((meeting, paper_day, missing))
    return late
