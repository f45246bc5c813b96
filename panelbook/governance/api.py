"""The governance API: bodies, organisations, meetings, agendas, attendance and papers.

Every read goes through ``visible_to(caller)``, nested lists included, so a record the caller
may not see answers 404 exactly as a missing one does and never appears inside another. Writes
need a secretariat user's token and call only the verbs in ``governance.services``; a refused
verb answers 400 naming the field.
"""

import datetime as dt
from typing import TYPE_CHECKING, Any, Literal

from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from panelbook.core.api import (
    DATE_RANGE,
    RECIPIENTS_HELP,
    REVISION_HELP,
    BodyCode,
    BodyCodePath,
    ClassificationValue,
    Day,
    Id,
    IfMatch,
    Input,
    Moment,
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
from panelbook.core.classification import Classification
from panelbook.governance import services
from panelbook.governance.models import (
    PERIODS,
    AgendaItem,
    Appendix,
    Attendance,
    Body,
    Meeting,
    Membership,
    Organisation,
    Paper,
    PaperFile,
    PartyCategory,
    Person,
    Purpose,
)

router = Router(auth=read_auth)

# Choice fields as literal strings, so the OpenAPI document lists the values inline.
if TYPE_CHECKING:
    # The checker cannot read a Literal built from the choices at run time: to it they are strings.
    MeetingKind = str
    MeetingStatus = str
    Period = str
    PurposeValue = str
    PaperStatus = str
    AttendanceStatus = str
    Category = str
    RoleValue = str
else:
    MeetingKind = Literal[tuple(Meeting.Kind.values)]
    MeetingStatus = Literal[tuple(Meeting.Status.values)]
    Period = Literal[tuple(value for value, _ in PERIODS)]
    PurposeValue = Literal[tuple(Purpose.values)]
    PaperStatus = Literal[tuple(Paper.Status.values)]
    AttendanceStatus = Literal[tuple(Attendance.Status.values)]
    Category = Literal[("", *PartyCategory.values)]
    RoleValue = Literal[tuple(Membership.Role.values)]


# Bodies and organisations


class BodyOut(Schema):
    code: str
    name: str
    short_name: str
    kind: str
    parent: str | None = Field(None, description="Code of the parent body.")
    paper_prefix: str
    description: str
    cadence: str
    is_active: bool

    @staticmethod
    def resolve_parent(obj: Body) -> str | None:
        return obj.parent.code if obj.parent else None


class SeatOut(Schema):
    """Names a membership's or an attendance's person, their organisation and whom they stand in for."""

    @staticmethod
    def resolve_person(obj: Membership | Attendance) -> str:
        return obj.person.name

    @staticmethod
    def resolve_organisation(obj: Membership | Attendance) -> str | None:
        organisation = obj.person.organisation
        return organisation.name if organisation else None

    @staticmethod
    def resolve_alternate_for(obj: Membership | Attendance) -> str | None:
        return obj.alternate_for.name if obj.alternate_for else None


class MembershipOut(SeatOut):
    person: str
    organisation: str | None
    role: RoleValue
    represents: Category
    alternate_for: str | None
    start_date: dt.date
    end_date: dt.date | None


class BodyDetail(BodyOut):
    memberships: list[MembershipOut] = Field(description="Current memberships (no e-mail addresses).")

    @staticmethod
    def resolve_memberships(obj: Body) -> QuerySet:
        return Membership.objects.current().filter(body=obj).select_related("person__organisation", "alternate_for")


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    is_sec_party: bool
    party_category: Category
    status: str


@list_endpoint(router, "/bodies", BodyOut, tags=["Bodies"], summary="List bodies", paginated=False)
def list_bodies(user) -> QuerySet:
    """The Panel, its Sub-Committees, Boards and Working Groups, in display order."""
    return Body.objects.select_related("parent")


@read_endpoint(router, "/bodies/{code}", BodyDetail, tags=["Bodies"], summary="One body with its current members")
def get_body(request, code: BodyCodePath):
    """A body and its current memberships: person, organisation, role, seat and dates."""
    return get_object_or_404(Body.objects.select_related("parent"), code=code)


@list_endpoint(
    router, "/organisations", OrganisationOut, tags=["Organisations"], summary="List organisations", paginated=False
)
def list_organisations(user) -> QuerySet:
    """SEC Parties and the other organisations people come from."""
    return Organisation.objects.all()


# Meetings


class MeetingOut(Schema):
    id: int
    body: str = Field(description="Code of the body that meets.")
    number: int
    title: str
    kind: MeetingKind
    starts_at: dt.datetime
    ends_at: dt.datetime
    location: str
    is_virtual: bool
    status: MeetingStatus
    cancellation_reason: str
    classification: ClassificationValue
    revision: int = Field(description=REVISION_HELP)

    @staticmethod
    def resolve_body(obj: Meeting) -> str:
        return obj.body.code


class AgendaItemOut(Schema):
    id: int
    meeting: int = Field(alias="meeting_id")
    number: int
    title: str
    purpose: PurposeValue
    presenter: str = Field(description="Presenter and organisation, as printed on the agenda.")
    position: int = Field(description="Order in which the item is taken.")
    brought_forward: bool
    is_withdrawn: bool
    classification: ClassificationValue
    revision: int = Field(description=REVISION_HELP)

    @staticmethod
    def resolve_presenter(obj: AgendaItem) -> str:
        return obj.presenter_label


class AttendanceOut(SeatOut):
    person_id: int
    person: str
    organisation: str | None
    status: AttendanceStatus
    represents: Category
    alternate_for: str | None


class PaperOut(Schema):
    id: int
    reference: str
    title: str
    body: str = Field(description="Code of the owning body.")
    meeting: int | None = Field(alias="meeting_id")
    agenda_item: int | None = Field(alias="agenda_item_id")
    purpose: PurposeValue
    author: str
    paper_date: dt.date
    published_at: dt.datetime = Field(description="When it was added to the record (a paper of the past: its date).")
    status: PaperStatus
    classification: ClassificationValue

    @staticmethod
    def resolve_body(obj: Paper) -> str:
        return obj.body.code


class MeetingDetail(MeetingOut):
    agenda_items: list[AgendaItemOut] = Field(description="The items the caller may see.")
    papers: list[PaperOut] = Field(description="The papers the caller may see.")
    attendance: list[AttendanceOut]

    @staticmethod
    def resolve_agenda_items(obj: Meeting, context: Any) -> QuerySet:
        return (
            AgendaItem.objects.visible_to(caller(context))
            .filter(meeting=obj)
            .select_related("presenter__organisation", "presenter_organisation")
        )

    @staticmethod
    def resolve_papers(obj: Meeting, context: Any) -> QuerySet:
        return Paper.objects.visible_to(caller(context)).filter(meeting=obj).select_related("body")

    @staticmethod
    def resolve_attendance(obj: Meeting) -> QuerySet:
        return obj.attendance.select_related("person__organisation", "alternate_for")


class MeetingFilters(Input):
    body: BodyCode | None = None
    status: MeetingStatus | None = None
    date_from: Day | None = Field(None, description=f"Meetings starting on or after this date. {DATE_RANGE}")
    date_to: Day | None = Field(None, description=f"Meetings starting on or before this date. {DATE_RANGE}")
    when: Period | None = Field(None, description="upcoming: meetings from today on; past: those before today.")


class MeetingIn(Input):
    body: BodyCode = Field(description="Code of the body that meets.")
    number: Number | None = Field(None, description="Left out: the body's next number.")
    kind: MeetingKind = Meeting.Kind.ORDINARY.value
    starts_at: Moment = Field(description=f"ISO 8601 with a UTC offset. {DATE_RANGE}")
    ends_at: Moment = Field(description=f"ISO 8601 with a UTC offset. {DATE_RANGE}")
    location: str = Field("", max_length=200)
    is_virtual: bool = False
    classification: ClassificationValue = Classification.WHITE.value
    recipients: list[str] | None = Field(None, description=RECIPIENTS_HELP)


class MeetingPatch(Input):
    number: Number | None = None
    kind: MeetingKind | None = None
    starts_at: Moment | None = Field(None, description=f"ISO 8601 with a UTC offset. {DATE_RANGE}")
    ends_at: Moment | None = Field(None, description=f"ISO 8601 with a UTC offset. {DATE_RANGE}")
    location: str | None = Field(None, max_length=200)
    is_virtual: bool | None = None
    classification: ClassificationValue | None = None
    recipients: list[str] | None = Field(None, description=RECIPIENTS_HELP)


class CancelIn(Input):
    reason: str = Field(min_length=1, max_length=300, description="Why the meeting is cancelled; shown to readers.")


def _visible_meeting(request, meeting_id: int) -> Meeting:
    return get_object_or_404(Meeting.objects.visible_to(request.auth).select_related("body"), pk=meeting_id)


@list_endpoint(
    router,
    "/meetings",
    MeetingOut,
    tags=["Meetings"],
    summary="List meetings",
    filters=MeetingFilters,
    order=("starts_at",),
)
def list_meetings(user) -> QuerySet:
    """Meetings the caller may see, earliest first, paginated with limit and offset."""
    return Meeting.objects.visible_to(user).select_related("body")


@read_endpoint(
    router,
    "/meetings/{meeting_id}",
    MeetingDetail,
    tags=["Meetings"],
    summary="One meeting with its agenda, papers and attendance",
)
def get_meeting(request, meeting_id: PathId):
    """A meeting the caller may see; confidential items and papers they may not see are left out."""
    return _visible_meeting(request, meeting_id)


@write_endpoint(router, "POST", "/meetings", MeetingDetail, tags=["Meetings"], summary="Schedule a meeting", status=201)
def create_meeting(request, payload: MeetingIn):
    """Schedule a meeting of a body. RED meetings are seen only by their recipients and you."""
    fields = payload.model_dump(exclude={"recipients"})
    fields["body"] = lookup(Body.objects.all(), "body", "body", code=payload.body)
    recipients = recipients_named(payload.recipients)
    meeting = services.create_meeting(by=request.auth, recipients=recipients, **fields)
    return Status(201, meeting)


@edit_endpoint(router, "PATCH", "/meetings/{meeting_id}", MeetingDetail, tags=["Meetings"], summary="Change a meeting")
def update_meeting(
    request, response: HttpResponse, meeting_id: PathId, payload: MeetingPatch, if_match: IfMatch = None
):
    """Change the fields you send; the others keep their values. Send If-Match with the meeting's
    revision to be refused (412) rather than overwrite a change saved since you read it."""
    meeting = _visible_meeting(request, meeting_id)
    changes = payload.model_dump(exclude_unset=True, exclude={"recipients"})
    recipients = recipients_named(payload.recipients)
    update = services.update_meeting
    return edited(response, meeting, if_match, update, meeting, by=request.auth, recipients=recipients, **changes)


@write_endpoint(
    router,
    "POST",
    "/meetings/{meeting_id}/cancel",
    MeetingDetail,
    tags=["Meetings"],
    summary="Cancel a meeting",
    rename={"cancellation_reason": "reason"},
)
def cancel_meeting(request, meeting_id: PathId, payload: CancelIn):
    """Cancel a planned meeting, saying why. A meeting that has been held cannot be cancelled."""
    meeting = _visible_meeting(request, meeting_id)
    return services.cancel_meeting(meeting, by=request.auth, reason=payload.reason)


@write_endpoint(
    router, "POST", "/meetings/{meeting_id}/held", MeetingDetail, tags=["Meetings"], summary="Mark a meeting as held"
)
def mark_meeting_held(request, meeting_id: PathId):
    """Record that the meeting took place: refused for a meeting that has not begun (move it by editing its
    date instead) and for a cancelled one."""
    meeting = _visible_meeting(request, meeting_id)
    return services.mark_meeting_held(meeting, by=request.auth)


# Agenda and attendance


class AgendaItemIn(Input):
    number: Number | None = Field(None, description="Left out: the next number on the agenda.")
    title: str = Field(min_length=1, max_length=300)
    purpose: PurposeValue = Purpose.INFORMATION.value
    presenter: Id | None = Field(None, description="Id of the presenting person.")
    presenter_organisation: Id | None = Field(None, description="Id of the presenting organisation.")
    position: Number | None = Field(None, description="Left out: taken last.")
    brought_forward: bool = False
    classification: ClassificationValue = Classification.WHITE.value
    recipients: list[str] | None = Field(None, description=RECIPIENTS_HELP)


class AgendaItemPatch(Input):
    number: Number | None = None
    title: str | None = Field(None, min_length=1, max_length=300)
    purpose: PurposeValue | None = None
    presenter: Id | None = None
    presenter_organisation: Id | None = None
    position: Number | None = None
    brought_forward: bool | None = None
    classification: ClassificationValue | None = None
    recipients: list[str] | None = Field(None, description=RECIPIENTS_HELP)


class AttendanceIn(Input):
    status: AttendanceStatus = Attendance.Status.PRESENT.value
    represents: Category = Field("", description="Left out: the seat the person holds on the day.")
    alternate_for: Id | None = Field(None, description="Id of the member this person stands in for.")


def _item_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Turn presenter ids into rows, refusing ids that do not exist."""
    if fields.get("presenter") is not None:
        fields["presenter"] = lookup(Person.objects.all(), "presenter", "person", pk=fields["presenter"])
    if fields.get("presenter_organisation") is not None:
        fields["presenter_organisation"] = lookup(
            Organisation.objects.all(),
            "presenter_organisation",
            "organisation",
            pk=fields["presenter_organisation"],
        )
    return fields


@write_endpoint(
    router,
    "POST",
    "/meetings/{meeting_id}/agenda-items",
    AgendaItemOut,
    tags=["Agenda"],
    summary="Add an agenda item",
    status=201,
)
def add_agenda_item(request, meeting_id: PathId, payload: AgendaItemIn):
    """Add an item to a meeting's agenda. A classification above WHITE makes it confidential."""
    meeting = _visible_meeting(request, meeting_id)
    fields = _item_fields(payload.model_dump(exclude={"recipients"}))
    recipients = recipients_named(payload.recipients)
    item = services.add_agenda_item(meeting, by=request.auth, recipients=recipients, **fields)
    return Status(201, item)


@edit_endpoint(
    router, "PATCH", "/agenda-items/{item_id}", AgendaItemOut, tags=["Agenda"], summary="Change an agenda item"
)
def update_agenda_item(
    request, response: HttpResponse, item_id: PathId, payload: AgendaItemPatch, if_match: IfMatch = None
):
    """Change the fields you send; the others keep their values. Send If-Match with the item's
    revision to be refused (412) rather than overwrite a change saved since you read it."""
    item = get_object_or_404(AgendaItem.objects.visible_to(request.auth), pk=item_id)
    changes = _item_fields(payload.model_dump(exclude_unset=True, exclude={"recipients"}))
    recipients = recipients_named(payload.recipients)
    update = services.update_agenda_item
    return edited(response, item, if_match, update, item, by=request.auth, recipients=recipients, **changes)


@write_endpoint(
    router,
    "PUT",
    "/meetings/{meeting_id}/attendance/{person_id}",
    AttendanceOut,
    tags=["Meetings"],
    summary="Record a person's attendance",
)
def record_attendance(request, meeting_id: PathId, person_id: PathId, payload: AttendanceIn):
    """Record whether a person was present, sent apologies or was absent."""
    meeting = _visible_meeting(request, meeting_id)
    person = get_object_or_404(Person, pk=person_id)
    alternate_for = None
    if payload.alternate_for is not None:
        alternate_for = lookup(Person.objects.all(), "alternate_for", "person", pk=payload.alternate_for)
    return services.record_attendance(
        meeting,
        person,
        by=request.auth,
        status=payload.status,
        represents=payload.represents,
        alternate_for=alternate_for,
    )


# Papers


class FileOut(Schema):
    id: int
    version: int
    original_name: str
    content_type: str
    size: int = Field(description="Size in bytes.")
    sha256: str
    note: str
    uploaded_at: dt.datetime
    download_url: str

    @staticmethod
    def resolve_download_url(obj: PaperFile, context: Any) -> str:
        return context["request"].build_absolute_uri(reverse("governance:file", args=[obj.pk]))


class AppendixOut(Schema):
    id: int
    label: str
    title: str
    classification: ClassificationValue
    files: list[FileOut] = Field(description="Every version, newest first.")

    @staticmethod
    def resolve_files(obj: Appendix, context: Any) -> QuerySet:
        return PaperFile.objects.visible_to(caller(context)).filter(appendix=obj)


def _main_files(paper: Paper, user: Any) -> QuerySet:
    return PaperFile.objects.visible_to(user).filter(paper=paper, appendix=None)


class PaperDetail(PaperOut):
    summary: str
    current_file: FileOut | None = Field(description="The latest version of the paper itself.")
    files: list[FileOut] = Field(description="Every version of the paper itself, newest first.")
    appendices: list[AppendixOut] = Field(description="The appendices the caller may see.")

    @staticmethod
    def resolve_files(obj: Paper, context: Any) -> QuerySet:
        return _main_files(obj, caller(context))

    @staticmethod
    def resolve_current_file(obj: Paper, context: Any) -> PaperFile | None:
        return _main_files(obj, caller(context)).first()

    @staticmethod
    def resolve_appendices(obj: Paper, context: Any) -> QuerySet:
        return Appendix.objects.visible_to(caller(context)).filter(paper=obj)


class PaperFilters(Input):
    body: BodyCode | None = Field(None, description="Code of the owning body.")
    meeting: Id | None = Field(None, description="Id of the meeting.")
    classification: ClassificationValue | None = None
    q: str | None = Field(None, max_length=300, description="Text found in the reference or the title.")


class PaperIn(Input):
    body: BodyCode | None = Field(None, description="Code of the owning body; left out: the meeting's.")
    meeting: Id | None = Field(None, description="Id of the meeting; left out: the agenda item's.")
    agenda_item: Id | None = Field(None, description="Id of the agenda item the paper is for.")
    reference: str | None = Field(None, min_length=1, max_length=60, description="Left out: made from the agenda item.")
    title: str = Field(min_length=1, max_length=300)
    purpose: PurposeValue = Purpose.INFORMATION.value
    author: str = Field("", max_length=200)
    paper_date: Day = Field(description=DATE_RANGE)
    summary: str = ""
    classification: ClassificationValue = Classification.WHITE.value
    recipients: list[str] | None = Field(None, description=RECIPIENTS_HELP)


class AppendixForm(Input):
    label: str = Field(min_length=1, max_length=20, description="Appendix A, Annex 1 …")
    title: str = Field(min_length=1, max_length=300)
    classification: ClassificationValue = Classification.WHITE.value
    recipients: list[str] | None = Field(None, description=RECIPIENTS_HELP)


class VersionForm(Input):
    note: str = Field("", max_length=300, description="Why this version replaces the last.")


def _visible_paper(request, paper_id: int) -> Paper:
    return get_object_or_404(Paper.objects.visible_to(request.auth).select_related("body"), pk=paper_id)


@list_endpoint(
    router,
    "/papers",
    PaperOut,
    tags=["Papers"],
    summary="List papers",
    filters=PaperFilters,
    order=("-paper_date", "reference"),
)
def list_papers(user) -> QuerySet:
    """Papers the caller may see, newest first, paginated with limit and offset."""
    return Paper.objects.visible_to(user).select_related("body")


@read_endpoint(
    router, "/papers/{paper_id}", PaperDetail, tags=["Papers"], summary="One paper with its files and appendices"
)
def get_paper(request, paper_id: PathId):
    """A paper with every version of its document and the appendices the caller may see."""
    return _visible_paper(request, paper_id)


@write_endpoint(router, "POST", "/papers", PaperDetail, tags=["Papers"], summary="Create a paper", status=201)
def create_paper(request, payload: PaperIn):
    """Create a paper from its metadata; upload its document with POST /papers/{id}/files."""
    user = request.auth
    fields = payload.model_dump(exclude={"recipients"}, exclude_none=True)
    if "body" in fields:
        fields["body"] = lookup(Body.objects.all(), "body", "body", code=fields["body"])
    if "meeting" in fields:
        fields["meeting"] = lookup(Meeting.objects.visible_to(user), "meeting", "meeting", pk=fields["meeting"])
    if "agenda_item" in fields:
        fields["agenda_item"] = lookup(
            AgendaItem.objects.visible_to(user),
            "agenda_item",
            "agenda item",
            pk=fields["agenda_item"],
        )
    recipients = recipients_named(payload.recipients)
    return Status(201, services.create_paper(by=user, recipients=recipients, **fields))


@write_endpoint(
    router,
    "POST",
    "/papers/{paper_id}/files",
    FileOut,
    tags=["Papers"],
    summary="Upload a version of a paper",
    status=201,
)
def upload_paper_file(
    request,
    paper_id: PathId,
    file: File[UploadedFile],
    data: Form[VersionForm],
):
    """Upload the paper's document as its next version (multipart/form-data).

    A late paper replaces the earlier version as the current one; every version is kept.
    """
    paper = _visible_paper(request, paper_id)
    return Status(201, services.add_paper_version(paper, file, by=request.auth, note=data.note))


@write_endpoint(
    router,
    "POST",
    "/papers/{paper_id}/appendices",
    AppendixOut,
    tags=["Papers"],
    summary="Add an appendix to a paper",
    status=201,
)
def add_appendix(request, paper_id: PathId, data: Form[AppendixForm], file: File[UploadedFile | None] = None):
    """Add an appendix, with its document if you send one (multipart/form-data).

    An appendix may carry a higher classification than its paper, e.g. a RED appendix to a
    WHITE paper: readers who may not see it do not learn that it exists.
    """
    paper = _visible_paper(request, paper_id)
    recipients = recipients_named(data.recipients)
    appendix = services.add_appendix(
        paper,
        by=request.auth,
        upload=file,
        recipients=recipients,
        **data.model_dump(exclude={"recipients"}),
    )
    return Status(201, appendix)
