"""The actions API: the actions log, the decision register and the minutes.

Every read goes through ``visible_to(caller)``, nested lists included: an action's updates cite
only the papers the caller may see, and minutes carry only the entries the caller may see. A
record the caller may not see answers 404 exactly as a missing one does. Writes need a
secretariat user's token and call only the verbs in ``actions.services``; a refused verb
answers 400 with its message, and the verb's transaction leaves nothing half-written.

The list filters are QuerySet methods (``Action.objects.matching``, ``Decision.objects.matching``)
so that the pages and the CSV and XLSX exports apply exactly the same ones.
"""

import datetime as dt
from typing import TYPE_CHECKING, Any, Literal

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from panelbook.actions import reports, services
from panelbook.actions.models import Action, ActionUpdate, Decision, MinuteEntry, Minutes, Verb, meetings_as_seen_by
from panelbook.core.api import (
    DATE_RANGE,
    RECIPIENTS_HELP,
    REVISION_HELP,
    BodyCode,
    ClassificationValue,
    Day,
    Id,
    IfMatch,
    Input,
    Number,
    PathId,
    caller,
    edit_endpoint,
    edited,
    list_endpoint,
    lookup,
    read_endpoint,
    recipients_named,
    write_endpoint,
)
from panelbook.core.auth import read_auth
from panelbook.core.models import VOID_REASON_LENGTH
from panelbook.core.services import ServiceError
from panelbook.governance.models import AgendaItem, Body, Meeting, Organisation, Paper, Person

router = Router(auth=read_auth)

if TYPE_CHECKING:
    # The checker cannot read a Literal built from the choices at run time: to it they are strings.
    ActionStatus = str
    StatusFilter = str
    VerbValue = str
else:
    ActionStatus = Literal[tuple(Action.Status.values)]
    # The status filter also takes the actions log page's two extra choices.
    StatusFilter = Literal[(*Action.Status.values, "outstanding", "all")]
    VerbValue = Literal[tuple(Verb.values)]


# Actions


class PaperRef(Schema):
    id: int
    reference: str
    title: str


class ActionUpdateOut(Schema):
    id: int
    on: dt.date
    text: str
    recorded_at: dt.datetime
    papers: list[PaperRef] = Field(description="The cited papers the caller may see.")

    @staticmethod
    def resolve_papers(obj: ActionUpdate, context: Any) -> Any:
        if hasattr(obj, "visible_papers"):
            return obj.visible_papers
        return Paper.objects.visible_to(caller(context)).filter(action_updates=obj)


class ActionOut(Schema):
    id: int
    reference: str = Field(examples=["SECP47/02"])
    body: str = Field(description="Code of the body whose action it is.")
    meeting: int = Field(alias="meeting_id", description="Id of the meeting that raised it.")
    raised_on: dt.date
    agenda_item: int | None = Field(alias="agenda_item_id")
    sequence: int
    text: str
    owner: str = Field(description="Who must act, as the minutes say it.")
    owner_organisation: int | None = Field(alias="owner_organisation_id")
    owner_body: str | None = Field(description="Code of the owning body, when a body owns it.")
    owner_person: int | None = Field(alias="owner_person_id")
    due_date: dt.date | None
    target_meeting: int | None = Field(description="Id of the meeting it is due at, when the caller may see it.")
    deadline: dt.date | None = Field(
        description="The due date, else the date of the target meeting when the caller may see it."
    )
    overdue: bool
    status: ActionStatus
    proposed_on: dt.date | None
    closed_at_meeting: int | None = Field(description="Id of the meeting that closed it, when the caller may see it.")
    closed_on: dt.date | None
    classification: ClassificationValue
    revision: int = Field(description=REVISION_HELP)
    is_void: bool = Field(description="Voided as a mistake: left out of every list; only the secretariat reads it.")
    void_reason: str

    @staticmethod
    def resolve_body(obj: Action) -> str:
        return obj.body.code

    @staticmethod
    def resolve_raised_on(obj: Action) -> dt.date:
        return obj.meeting.date

    @staticmethod
    def resolve_owner_body(obj: Action) -> str | None:
        return obj.owner_body.code if obj.owner_body else None

    @staticmethod
    def resolve_target_meeting(obj: Action, context: Any) -> int | None:
        meeting = _as_seen(obj, context).visible_target_meeting
        return meeting.pk if meeting else None

    @staticmethod
    def resolve_closed_at_meeting(obj: Action, context: Any) -> int | None:
        meeting = _as_seen(obj, context).visible_closed_at_meeting
        return meeting.pk if meeting else None

    @staticmethod
    def resolve_deadline(obj: Action, context: Any) -> dt.date | None:
        return _as_seen(obj, context).deadline

    @staticmethod
    def resolve_overdue(obj: Action, context: Any) -> bool:
        return _as_seen(obj, context).is_overdue()


def _as_seen(action: Action, context: Any) -> Action:
    """The action with its meetings as the caller may know them; a verb's result is loaded here."""
    if not hasattr(action, "visible_target_meeting"):
        prefetch_related_objects([action], *meetings_as_seen_by(caller(context)))
    return action


class ActionDetail(ActionOut):
    updates: list[ActionUpdateOut] = Field(description="Every update, oldest first.")

    @staticmethod
    def resolve_updates(obj: Action, context: Any) -> QuerySet:
        user = caller(context)
        papers = Prefetch("papers", queryset=Paper.objects.visible_to(user), to_attr="visible_papers")
        return ActionUpdate.objects.visible_to(user).filter(action=obj).prefetch_related(papers)


class ActionFilters(Input):
    body: BodyCode | None = None
    status: StatusFilter | None = Field(None, description="A status; outstanding: not closed; all (the default): any.")
    owner: str | None = Field(
        None, max_length=200, description="Text found in the owner or the owning person's or organisation's name."
    )
    overdue: bool | None = Field(None, description="true: not closed and past its deadline; false: all the others.")
    meeting: Id | None = Field(None, description="Id of the meeting that raised the action.")
    void: bool | None = Field(None, description="true: the voided ones instead, for the secretariat (none for others).")


class ActionIn(Input):
    text: str = Field(min_length=1, description="What is to be done, e.g. “SECAS to publish …”.")
    owner: str = Field(
        min_length=1, max_length=200, description="Who must act, as the minutes say it: SECAS, DCC, OPSG …"
    )
    sequence: Number | None = Field(None, description="Left out: the meeting's next number.")
    agenda_item: Id | None = Field(None, description="Id of the agenda item it was raised under.")
    owner_organisation: Id | None = Field(None, description="Id of the owning organisation.")
    owner_body: BodyCode | None = Field(None, description="Code of the owning body.")
    owner_person: Id | None = Field(None, description="Id of the owning person; reminders go to them.")
    due_date: Day | None = Field(None, description=DATE_RANGE)
    target_meeting: Id | None = Field(None, description="Id of the meeting it is due at.")
    classification: ClassificationValue = "WHITE"
    recipients: list[str] | None = Field(None, description=RECIPIENTS_HELP)


class ActionPatch(Input):
    text: str | None = Field(None, min_length=1)
    owner: str | None = Field(None, min_length=1, max_length=200)
    agenda_item: Id | None = None
    owner_organisation: Id | None = None
    owner_body: BodyCode | None = None
    owner_person: Id | None = None
    due_date: Day | None = Field(None, description=DATE_RANGE)
    target_meeting: Id | None = None
    classification: ClassificationValue | None = None
    recipients: list[str] | None = Field(None, description=RECIPIENTS_HELP)
    reason: str | None = Field(
        None, max_length=VOID_REASON_LENGTH, description="Why it is corrected; kept in the record's history."
    )


class UpdateIn(Input):
    text: str = Field(min_length=1, description="What has happened since the last update.")
    on: Day | None = Field(None, description=f"Left out: today. {DATE_RANGE}")
    papers: list[Id] = Field([], max_length=100, description="Ids of papers the update cites.")


class ProposeIn(Input):
    update: str = Field("", description="An update to add first, e.g. what was done.")
    on: Day | None = Field(None, description=f"Left out: today. {DATE_RANGE}")


class CloseIn(Input):
    at_meeting: Id = Field(description="Id of the meeting of the body that confirms the closure.")


class ReasonIn(Input):
    reason: str = Field(min_length=1, max_length=VOID_REASON_LENGTH, description="Why; kept in the record's history.")


class ReopenIn(Input):
    reason: str = Field(min_length=1, description="Why the action is reopened; added as an update.")


def _visible_action(request, action_id: int) -> Action:
    related = ("body", "meeting", "owner_body")
    actions = Action.objects.read_by(request.auth).kept_for(request.auth)
    return get_object_or_404(actions.select_related(*related), pk=action_id)


def _visible_meeting(request, meeting_id: int) -> Meeting:
    return get_object_or_404(Meeting.objects.visible_to(request.auth).select_related("body"), pk=meeting_id)


def _action_fields(user: Any, fields: dict[str, Any]) -> dict[str, Any]:
    """Turn the ids and codes of an action's input into rows, refusing those the caller cannot see."""
    lookups = {
        "owner_organisation": (Organisation.objects.all(), "organisation", "pk"),
        "owner_body": (Body.objects.all(), "body", "code"),
        "owner_person": (Person.objects.all(), "person", "pk"),
        "target_meeting": (Meeting.objects.visible_to(user), "meeting", "pk"),
        "agenda_item": (AgendaItem.objects.visible_to(user), "agenda item", "pk"),
    }
    for name, (queryset, what, key) in lookups.items():
        if fields.get(name) is not None:
            fields[name] = lookup(queryset, name, what, **{key: fields[name]})
    return fields


def _papers(user: Any, ids: list[int]) -> list[Paper]:
    papers = list(Paper.objects.visible_to(user).filter(pk__in=ids))
    missing = sorted(set(ids) - {p.pk for p in papers})
    if missing:
        raise ServiceError({"papers": f"There is no paper {', '.join(map(str, missing))} that you can see."})
    return papers


@list_endpoint(
    router,
    "/actions",
    ActionOut,
    tags=["Actions"],
    summary="List actions",
    filters=ActionFilters,
    order=("meeting__starts_at", "sequence"),
)
def list_actions(user) -> QuerySet:
    """Actions the caller may see, oldest meeting first, paginated with limit and offset."""
    return Action.objects.read_by(user).kept_for(user).select_related("body", "meeting", "owner_body")


@read_endpoint(router, "/actions/{action_id}", ActionDetail, tags=["Actions"], summary="One action with its updates")
def get_action(request, action_id: PathId):
    """An action and its updates; each update cites only the papers the caller may see."""
    return _visible_action(request, action_id)


@write_endpoint(
    router,
    "POST",
    "/meetings/{meeting_id}/actions",
    ActionDetail,
    tags=["Actions"],
    summary="Raise an action at a meeting",
    status=201,
    rename={"reference": "sequence"},
)
def raise_action(request, meeting_id: PathId, payload: ActionIn):
    """Raise an action; its reference is the body's prefix, the meeting number and the sequence."""
    meeting = _visible_meeting(request, meeting_id)
    fields = _action_fields(request.auth, payload.model_dump(exclude={"recipients"}))
    recipients = recipients_named(payload.recipients)
    action = services.raise_action(meeting, by=request.auth, recipients=recipients, **fields)
    return Status(201, action)


@edit_endpoint(router, "PATCH", "/actions/{action_id}", ActionDetail, tags=["Actions"], summary="Change an action")
def update_action(request, response: HttpResponse, action_id: PathId, payload: ActionPatch, if_match: IfMatch = None):
    """Change the fields you send; the others keep their values. A closed action must be reopened first.
    Send If-Match with the action's revision to be refused (412) rather than overwrite a change saved since."""
    action = _visible_action(request, action_id)
    changes = _action_fields(request.auth, payload.model_dump(exclude_unset=True, exclude={"recipients", "reason"}))
    recipients = recipients_named(payload.recipients)
    why = payload.reason or ""
    update = services.update_action
    return edited(
        response, action, if_match, update, action, by=request.auth, recipients=recipients, reason=why, **changes
    )


@write_endpoint(
    router,
    "POST",
    "/actions/{action_id}/updates",
    ActionUpdateOut,
    tags=["Actions"],
    summary="Add an update to an action",
    status=201,
)
def add_action_update(request, action_id: PathId, payload: UpdateIn):
    """Add a dated entry to the action's Update column, citing papers by id. Closed actions take none."""
    action = _visible_action(request, action_id)
    papers = _papers(request.auth, payload.papers)
    update = services.add_update(action, by=request.auth, text=payload.text, on=payload.on, papers=papers)
    return Status(201, update)


@write_endpoint(
    router,
    "POST",
    "/actions/{action_id}/propose-to-close",
    ActionDetail,
    tags=["Actions"],
    summary="Propose to close an action",
)
def propose_to_close(request, action_id: PathId, payload: ProposeIn):
    """Mark an open action Propose to Close; the body confirms the closure at its next meeting."""
    action = _visible_action(request, action_id)
    return services.propose_to_close(action, by=request.auth, update=payload.update, on=payload.on)


@write_endpoint(
    router, "POST", "/actions/{action_id}/close", ActionDetail, tags=["Actions"], summary="Close an action at a meeting"
)
def close_action(request, action_id: PathId, payload: CloseIn):
    """Record that a meeting of the body confirmed an action proposed to close as closed."""
    action = _visible_action(request, action_id)
    meeting = lookup(Meeting.objects.visible_to(request.auth), "at_meeting", "meeting", pk=payload.at_meeting)
    return services.close_action(action, by=request.auth, at_meeting=meeting)


@write_endpoint(
    router, "POST", "/actions/{action_id}/reopen", ActionDetail, tags=["Actions"], summary="Reopen an action"
)
def reopen_action(request, action_id: PathId, payload: ReopenIn):
    """Open an action proposed to close or closed again; the reason is added as an update."""
    action = _visible_action(request, action_id)
    return services.reopen_action(action, by=request.auth, reason=payload.reason)


@write_endpoint(router, "POST", "/actions/{action_id}/void", ActionDetail, tags=["Actions"], summary="Void an action")
def void_action(request, action_id: PathId, payload: ReasonIn):
    """Void an action raised by mistake (a duplicate): it leaves every list, export and paper and stays in its
    history; only the secretariat still reads it, marked void."""
    return services.void_action(_visible_action(request, action_id), by=request.auth, reason=payload.reason)


@write_endpoint(
    router, "POST", "/actions/{action_id}/restore", ActionDetail, tags=["Actions"], summary="Restore a voided action"
)
def restore_action(request, action_id: PathId, payload: ReasonIn):
    """Bring a voided action back into every list, export and paper."""
    return services.restore_action(_visible_action(request, action_id), by=request.auth, reason=payload.reason)


class ActionRowOut(Schema):
    reference: str
    text: str
    update: str = Field(description="The latest update on or before the meeting's date.")
    status: str
    overdue: bool
    classification: ClassificationValue


class ActionsTablesOut(Schema):
    meeting: int
    previous_meeting: int | None = Field(description="Id of the body's meeting before this one.")
    reference: str = Field(description="Paper reference of agenda item 1, e.g. SECP_67_1204_01.")
    classification: ClassificationValue = Field(description="The level of a paper holding these tables.")
    completed: list[ActionRowOut] = Field(description="Closed since the previous meeting.")
    propose_to_close: list[ActionRowOut]
    outstanding: list[ActionRowOut]

    @staticmethod
    def resolve_meeting(obj: reports.ActionsTables) -> int:
        return obj.meeting.pk

    @staticmethod
    def resolve_previous_meeting(obj: reports.ActionsTables) -> int | None:
        return obj.previous.pk if obj.previous else None


@read_endpoint(
    router,
    "/meetings/{meeting_id}/actions-outstanding",
    ActionsTablesOut,
    tags=["Actions"],
    summary="The actions tables of a meeting's pack",
)
def actions_outstanding(request, meeting_id: PathId):
    """Actions completed since the last meeting, proposed to close, and outstanding, as on the meeting's date."""
    return reports.actions_tables(_visible_meeting(request, meeting_id), request.auth)


# Decisions


class DecisionOut(Schema):
    id: int
    body: str = Field(description="Code of the deciding body.")
    meeting: int | None = Field(alias="meeting_id", description="Empty for an ex-committee decision.")
    agenda_item: int | None = Field(alias="agenda_item_id")
    verb: VerbValue
    text: str
    sentence: str = Field(description="The decision as minuted: “AGREED the extension …”.")
    decided_on: dt.date
    position: int = Field(description="Order within the item's decision block.")
    ex_committee: bool
    by_majority: bool
    dissent: str
    classification: ClassificationValue
    revision: int = Field(description=REVISION_HELP)
    is_void: bool = Field(description="Voided as a mistake: left out of every list; only the secretariat reads it.")
    void_reason: str

    @staticmethod
    def resolve_body(obj: Decision) -> str:
        return obj.body.code


class DecisionFilters(Input):
    body: BodyCode | None = None
    verb: VerbValue | None = None
    date_from: Day | None = Field(None, description=f"Decisions taken on or after this date. {DATE_RANGE}")
    date_to: Day | None = Field(None, description=f"Decisions taken on or before this date. {DATE_RANGE}")
    q: str | None = Field(None, max_length=300, description="Text found in what was decided or in the dissent.")
    ex_committee: bool | None = Field(None, description="true: only ex-committee decisions; false: only at meetings.")
    void: bool | None = Field(None, description="true: the voided ones instead, for the secretariat (none for others).")


class DecisionIn(Input):
    meeting: Id | None = Field(None, description="Id of the meeting; left out for an ex-committee decision.")
    agenda_item: Id | None = Field(None, description="Id of the agenda item, at a meeting.")
    body: BodyCode | None = Field(None, description="Code of the body; needed for an ex-committee decision.")
    decided_on: Day | None = Field(
        None, description=f"Needed for an ex-committee decision; else the meeting's date. {DATE_RANGE}"
    )
    verb: VerbValue
    text: str = Field(min_length=1, description="What was decided, following the verb: “the Terms of Reference …”.")
    by_majority: bool = False
    dissent: str = Field("", max_length=300, description="Who did not agree, as recorded; only with by_majority.")
    classification: ClassificationValue = "WHITE"
    recipients: list[str] | None = Field(None, description=RECIPIENTS_HELP)


@list_endpoint(
    router,
    "/decisions",
    DecisionOut,
    tags=["Decisions"],
    summary="List decisions",
    filters=DecisionFilters,
    order=("-decided_on", "meeting", "agenda_item__position", "position"),
)
def list_decisions(user) -> QuerySet:
    """The decision register: decisions the caller may see, newest first, paginated with limit and offset."""
    return Decision.objects.visible_to(user).kept_for(user).select_related("body")


@read_endpoint(router, "/decisions/{decision_id}", DecisionOut, tags=["Decisions"], summary="One decision")
def get_decision(request, decision_id: PathId):
    """A decision the caller may see."""
    return _visible_decision(request, decision_id)


def _visible_decision(request, decision_id: int) -> Decision:
    decisions = Decision.objects.visible_to(request.auth).kept_for(request.auth)
    return get_object_or_404(decisions.select_related("body", "meeting"), pk=decision_id)


@write_endpoint(router, "POST", "/decisions", DecisionOut, tags=["Decisions"], summary="Record a decision", status=201)
def record_decision(request, payload: DecisionIn):
    """Record a decision at a meeting (meeting, optional agenda item) or ex-committee (body and date)."""
    user = request.auth
    fields = payload.model_dump(exclude={"recipients"})
    if fields["meeting"] is not None:
        fields["meeting"] = lookup(Meeting.objects.visible_to(user), "meeting", "meeting", pk=fields["meeting"])
    if fields["agenda_item"] is not None:
        items = AgendaItem.objects.visible_to(user)
        fields["agenda_item"] = lookup(items, "agenda_item", "agenda item", pk=fields["agenda_item"])
    if fields["body"] is not None:
        fields["body"] = lookup(Body.objects.all(), "body", "body", code=fields["body"])
    recipients = recipients_named(payload.recipients)
    return Status(201, services.record_decision(by=user, recipients=recipients, **fields))


class DecisionPatch(Input):
    agenda_item: Id | None = Field(None, description="Id of the agenda item of the decision's meeting.")
    position: Number | None = Field(None, description="Order within the item's decision block.")
    verb: VerbValue | None = None
    text: str | None = Field(None, min_length=1)
    by_majority: bool | None = None
    dissent: str | None = Field(None, max_length=300)
    classification: ClassificationValue | None = None
    recipients: list[str] | None = Field(None, description=RECIPIENTS_HELP)
    reason: str | None = Field(
        None, max_length=VOID_REASON_LENGTH, description="Why it is corrected; kept in the record's history."
    )


@edit_endpoint(
    router, "PATCH", "/decisions/{decision_id}", DecisionOut, tags=["Decisions"], summary="Correct a decision"
)
def update_decision(
    request, response: HttpResponse, decision_id: PathId, payload: DecisionPatch, if_match: IfMatch = None
):
    """Change the fields you send; the others keep their values. A void decision must be restored first.
    Send If-Match with the decision's revision to be refused (412) rather than overwrite a change saved since."""
    decision = _visible_decision(request, decision_id)
    changes = payload.model_dump(exclude_unset=True, exclude={"recipients", "reason"})
    if changes.get("agenda_item") is not None:
        items = AgendaItem.objects.visible_to(request.auth)
        changes["agenda_item"] = lookup(items, "agenda_item", "agenda item", pk=changes["agenda_item"])
    recipients = recipients_named(payload.recipients)

    # The changes may name the decision's "verb", so they go to the verb here, not through edited().
    def correct(if_revision: int | None) -> Decision:
        return services.update_decision(
            decision, by=request.auth, recipients=recipients, reason=payload.reason or "", if_revision=if_revision,
            **changes,
        )  # fmt: skip

    return edited(response, decision, if_match, correct)


@write_endpoint(
    router, "POST", "/decisions/{decision_id}/void", DecisionOut, tags=["Decisions"], summary="Void a decision"
)
def void_decision(request, decision_id: PathId, payload: ReasonIn):
    """Void a decision recorded by mistake (a duplicate): it leaves the register, the minutes and every export
    and stays in its history; only the secretariat still reads it, marked void. One that approves minutes
    cannot be voided."""
    return services.void_decision(_visible_decision(request, decision_id), by=request.auth, reason=payload.reason)


@write_endpoint(
    router, "POST", "/decisions/{decision_id}/restore", DecisionOut, tags=["Decisions"], summary="Restore a decision"
)
def restore_decision(request, decision_id: PathId, payload: ReasonIn):
    """Bring a voided decision back into the register, the minutes and every export."""
    decision = _visible_decision(request, decision_id)
    return services.restore_decision(decision, by=request.auth, reason=payload.reason)


# Minutes


class MinuteEntryOut(Schema):
    agenda_item: int = Field(alias="agenda_item_id")
    number: int = Field(description="The agenda item's number.")
    title: str = Field(description="The agenda item's title.")
    narrative: str
    revision: int = Field(description=REVISION_HELP)

    @staticmethod
    def resolve_number(obj: MinuteEntry) -> int:
        return obj.agenda_item.number

    @staticmethod
    def resolve_title(obj: MinuteEntry) -> str:
        return obj.agenda_item.title


class MinutesOut(Schema):
    id: int
    meeting: int = Field(alias="meeting_id")
    body: str = Field(description="Code of the body that met.")
    reference: str = Field(examples=["SECP_47_1008_MINUTES"])
    confidential: bool
    status: str
    classification: ClassificationValue
    approval: int | None = Field(description="Id of the decision that approved them, when the caller may see it.")
    approved_on: dt.date | None = Field(description="Date of that decision, when the caller may see it.")

    @staticmethod
    def resolve_body(obj: Minutes) -> str:
        return obj.meeting.body.code

    @staticmethod
    def resolve_reference(obj: Minutes) -> str:
        return reports.minutes_reference(obj)

    @staticmethod
    def resolve_approval(obj: Minutes, context: Any) -> int | None:
        decision = _approval_as_seen(obj, context)
        return decision.pk if decision else None

    @staticmethod
    def resolve_approved_on(obj: Minutes, context: Any) -> dt.date | None:
        decision = _approval_as_seen(obj, context)
        return decision.decided_on if decision else None


def _approval_prefetch(user: Any) -> Prefetch:
    return Prefetch("approval", queryset=Decision.objects.visible_to(user), to_attr="visible_approval")


def _approval_as_seen(minutes: Minutes, context: Any) -> Decision | None:
    """The decision that approved the minutes, when the caller may see it (a verb's result is loaded here)."""
    if not hasattr(minutes, "visible_approval"):
        prefetch_related_objects([minutes], _approval_prefetch(caller(context)))
    return minutes.visible_approval


class MinutesDetail(MinutesOut):
    closing_note: str
    entries: list[MinuteEntryOut] = Field(description="What the minutes say on each item the caller may see.")

    @staticmethod
    def resolve_entries(obj: Minutes, context: Any) -> QuerySet:
        return MinuteEntry.objects.visible_to(caller(context)).filter(minutes=obj).select_related("agenda_item")


class MinutesFilters(Input):
    meeting: Id | None = Field(None, description="Id of the meeting.")
    body: BodyCode | None = Field(None, description="Code of the body that met.")


class MinutesIn(Input):
    confidential: bool = Field(False, description="The separate record of the meeting's confidential items.")
    classification: ClassificationValue | None = Field(None, description="Left out: AMBER if confidential, else WHITE.")
    recipients: list[str] | None = Field(None, description=RECIPIENTS_HELP)


class MinuteIn(Input):
    narrative: str = Field(description="What the minutes say about the item, in the third person.")


class ApproveIn(Input):
    at_meeting: Id | None = Field(None, description="Id of the later meeting of the body that approved them.")
    on: Day | None = Field(
        None, description=f"Date of an ex-committee approval, when there is no meeting. {DATE_RANGE}"
    )


def _visible_minutes(request, minutes_id: int) -> Minutes:
    minutes = Minutes.objects.visible_to(request.auth).select_related("meeting__body")
    return get_object_or_404(minutes.prefetch_related(_approval_prefetch(request.auth)), pk=minutes_id)


@list_endpoint(
    router,
    "/minutes",
    MinutesOut,
    tags=["Minutes"],
    summary="List minutes",
    filters=MinutesFilters,
    order=("meeting__starts_at", "confidential"),
)
def list_minutes(user) -> QuerySet:
    """Minutes the caller may see, earliest meeting first, paginated with limit and offset."""
    return Minutes.objects.visible_to(user).select_related("meeting__body").prefetch_related(_approval_prefetch(user))


@read_endpoint(
    router, "/minutes/{minutes_id}", MinutesDetail, tags=["Minutes"], summary="One set of minutes with its entries"
)
def get_minutes(request, minutes_id: PathId):
    """Minutes and the entries on the agenda items the caller may see."""
    return _visible_minutes(request, minutes_id)


@write_endpoint(
    router,
    "POST",
    "/meetings/{meeting_id}/minutes",
    MinutesDetail,
    tags=["Minutes"],
    summary="Start the minutes of a meeting",
    status=201,
)
def start_minutes(request, meeting_id: PathId, payload: MinutesIn):
    """Start the minutes, or the confidential minutes, of a meeting; each meeting has one of each."""
    meeting = _visible_meeting(request, meeting_id)
    recipients = recipients_named(payload.recipients)
    minutes = services.start_minutes(
        meeting,
        by=request.auth,
        confidential=payload.confidential,
        classification=payload.classification,
        recipients=recipients,
    )
    return Status(201, minutes)


@edit_endpoint(
    router,
    "PUT",
    "/minutes/{minutes_id}/items/{agenda_item_id}",
    MinuteEntryOut,
    tags=["Minutes"],
    summary="Write the minute of an agenda item",
)
def write_minute(
    request,
    response: HttpResponse,
    minutes_id: PathId,
    agenda_item_id: PathId,
    payload: MinuteIn,
    if_match: IfMatch = None,
):
    """Set what the draft minutes say about an item; confidential items go in the confidential minutes.
    Send If-Match with the entry's revision ("0" for an item not minuted yet) to be refused (412)
    rather than overwrite a minute saved since you read it."""
    minutes = _visible_minutes(request, minutes_id)
    item = get_object_or_404(AgendaItem.objects.visible_to(request.auth), pk=agenda_item_id)
    entry = MinuteEntry.objects.filter(minutes=minutes, agenda_item=item).first() or MinuteEntry()
    write = services.write_minute
    return edited(response, entry, if_match, write, minutes, item, by=request.auth, narrative=payload.narrative)


@write_endpoint(
    router, "POST", "/minutes/{minutes_id}/approve", MinutesDetail, tags=["Minutes"], summary="Approve minutes"
)
def approve_minutes(request, minutes_id: PathId, payload: ApproveIn):
    """Approve draft minutes at a later meeting of the body, or ex-committee on a date; this records the decision."""
    minutes = _visible_minutes(request, minutes_id)
    at_meeting = None
    if payload.at_meeting is not None:
        meetings = Meeting.objects.visible_to(request.auth)
        at_meeting = lookup(meetings, "at_meeting", "meeting", pk=payload.at_meeting)
    return services.approve_minutes(minutes, by=request.auth, at_meeting=at_meeting, on=payload.on)
