"""Verbs that change the governance calendar. Each runs in one transaction and writes history.

Views, API endpoints, commands and the importer call these; nothing else sets status fields.
Create verbs take the new record's fields by name and refuse any other (``check_creatable``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import count
from typing import TYPE_CHECKING, Any, BinaryIO, cast

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import F, Max
from django.utils import timezone

from panelbook.core.concurrency import check_revision
from panelbook.core.lib.uploads import UploadRejected, check_upload
from panelbook.core.services import (
    ServiceError,
    acting_user,
    check_creatable,
    save_changes,
    save_with_history,
    set_recipients,
    verb,
)
from panelbook.governance.models import (
    AgendaItem,
    Appendix,
    Attendance,
    Meeting,
    MeetingChange,
    Paper,
    PaperFile,
    Person,
)

if TYPE_CHECKING:
    from panelbook.core.models import User

MEETING_FIELDS = ("number", "kind", "starts_at", "ends_at", "location", "is_virtual", "classification")
ITEM_FIELDS = (
    "number",
    "title",
    "purpose",
    "presenter",
    "presenter_organisation",
    "position",
    "brought_forward",
    "classification",
)
PAPER_FIELDS = ("title", "purpose", "author", "paper_date", "summary", "classification", "reference")
# What a new record may be given; its status and the like are set by the verbs that own them.
NEW_MEETING_FIELDS = ("body", *MEETING_FIELDS)
NEW_PAPER_FIELDS = ("body", "meeting", "agenda_item", "published_at", *PAPER_FIELDS)
NEW_APPENDIX_FIELDS = ("label", "title", "classification")
# A withdrawal's reason goes into the history row's reason, which holds 100 characters.
WITHDRAWAL_REASON_LENGTH = 80


# Meetings


@verb
def create_meeting(*, by: User | None, recipients: Iterable[Any] | None = None, **fields: Any) -> Meeting:
    check_creatable(fields, NEW_MEETING_FIELDS, "meeting")
    if "number" not in fields or fields["number"] is None:
        fields["number"] = next_meeting_number(fields["body"])
    meeting = save_with_history(Meeting(**fields), by=by, reason="Meeting created")
    set_recipients(meeting, recipients, by)
    return meeting


def next_meeting_number(body: Any) -> int:
    return (Meeting.objects.filter(body=body).aggregate(n=Max("number"))["n"] or 0) + 1


@verb
def update_meeting(
    meeting: Meeting,
    *,
    by: User | None,
    recipients: Iterable[Any] | None = None,
    if_revision: int | None = None,
    **changes: Any,
) -> Meeting:
    """Change a meeting; ``if_revision`` refuses the change if it was saved since that revision."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    check_revision(meeting, if_revision, MEETING_FIELDS)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ServiceError("This meeting is cancelled; reinstate it before changing it.")
    return save_changes(meeting, changes, MEETING_FIELDS, by=by, recipients=recipients)


@verb
def cancel_meeting(meeting: Meeting, *, by: User | None, reason: str) -> Meeting:
    meeting = _ready_for(meeting, MeetingChange.CANCEL)
    if not reason.strip():
        raise ServiceError({"cancellation_reason": "Say why the meeting is cancelled."})
    meeting.status = Meeting.Status.CANCELLED
    meeting.cancellation_reason = reason.strip()
    return save_with_history(meeting, by=by, reason="Meeting cancelled")


@verb
def reinstate_meeting(meeting: Meeting, *, by: User | None) -> Meeting:
    meeting = _ready_for(meeting, MeetingChange.REINSTATE)
    meeting.status = Meeting.Status.PLANNED
    meeting.cancellation_reason = ""
    return save_with_history(meeting, by=by, reason="Meeting reinstated")


@verb
def mark_meeting_held(meeting: Meeting, *, by: User | None) -> Meeting:
    meeting = _ready_for(meeting, MeetingChange.HELD)
    meeting.status = Meeting.Status.HELD
    return save_with_history(meeting, by=by, reason="Meeting held")


def _ready_for(meeting: Meeting, change: MeetingChange) -> Meeting:
    """The meeting, locked, if ``change`` makes sense for it now; refused with the reason otherwise."""
    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)
    if change not in meeting.status_changes():
        raise ServiceError(why_not(meeting, change))
    return meeting


def why_not(meeting: Meeting, change: MeetingChange) -> str:
    """Why ``change`` does not make sense for the meeting now."""
    if meeting.status == Meeting.Status.CANCELLED:
        if change == MeetingChange.CANCEL:
            return "This meeting is already cancelled."
        return "A cancelled meeting cannot be marked as held."
    if change == MeetingChange.REINSTATE:
        return "Only a cancelled meeting can be reinstated."
    if meeting.status == Meeting.Status.HELD:
        if change == MeetingChange.HELD:
            return "This meeting is already marked as held."
        return "This meeting has been held and cannot be cancelled."
    when = f"{timezone.localtime(meeting.starts_at):%d/%m/%Y at %H:%M}"
    return (
        f"{meeting} starts on {when}; it can be marked as held once it has begun. To move it, edit its date and time."
    )


# Attendance


@verb
def record_attendance(
    meeting: Meeting,
    person: Person,
    *,
    by: User | None,
    status: str,
    represents: str = "",
    alternate_for: Person | None = None,
) -> Attendance:
    if meeting.status == Meeting.Status.CANCELLED:
        raise ServiceError("The meeting was cancelled; there is no attendance to record.")
    if alternate_for is not None and alternate_for == person:
        raise ServiceError({"alternate_for": "A person cannot be their own alternate."})
    attendance = Attendance.objects.filter(meeting=meeting, person=person).first() or Attendance(
        meeting=meeting, person=person
    )
    if not represents:
        seat = person.memberships.current(on=meeting.date).filter(body=meeting.body).first()
        represents = seat.represents if seat else ""
    attendance.status = status
    attendance.represents = represents
    attendance.alternate_for = alternate_for
    return save_with_history(attendance, by=by, reason="Attendance recorded")


# Agenda


@verb
def add_agenda_item(
    meeting: Meeting, *, by: User | None, recipients: Iterable[Any] | None = None, **fields: Any
) -> AgendaItem:
    check_creatable(fields, ITEM_FIELDS, "agenda item")
    if meeting.status == Meeting.Status.CANCELLED:
        raise ServiceError("The meeting is cancelled; items cannot be added to its agenda.")
    if fields.get("number") is None:
        fields["number"] = (meeting.agenda_items.aggregate(n=Max("number"))["n"] or 0) + 1
    if fields.get("position") is None:
        fields["position"] = (meeting.agenda_items.aggregate(n=Max("position"))["n"] or 0) + 1
    if meeting.agenda_items.filter(number=fields["number"]).exists():
        raise ServiceError({"number": f"Item {fields['number']} is already on this agenda."})
    item = save_with_history(AgendaItem(meeting=meeting, **fields), by=by, reason="Agenda item added")
    set_recipients(item, recipients, by)
    return item


@verb
def update_agenda_item(
    item: AgendaItem,
    *,
    by: User | None,
    recipients: Iterable[Any] | None = None,
    if_revision: int | None = None,
    **changes: Any,
) -> AgendaItem:
    """Change an item; ``if_revision`` refuses the change if it was saved since that revision."""
    item = AgendaItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
    check_revision(item, if_revision, ITEM_FIELDS)
    if "number" in changes and item.meeting.agenda_items.exclude(pk=item.pk).filter(number=changes["number"]).exists():
        raise ServiceError({"number": f"Item {changes['number']} is already on this agenda."})
    return save_changes(item, changes, ITEM_FIELDS, by=by, recipients=recipients)


@dataclass(frozen=True)
class AgendaRow:
    """One line of an agenda built in one form: an existing item (with the revision the form
    was opened at) or a new one, with the fields the line sets."""

    fields: dict[str, Any]
    item: AgendaItem | None = None
    revision: int | None = None


# Numbers being changed move out of the way first, so that two items can swap numbers.
NUMBER_OFFSET = 100_000


@verb
def build_agenda(meeting: Meeting, rows: Sequence[AgendaRow], *, by: User | None, renumber: bool) -> list[AgendaItem]:
    """Set a meeting's agenda in one step: each row's fields, new items added, and the items taken
    in the rows' order, the items they leave out (withdrawn ones) after them. ``renumber`` numbers
    the items in that order; otherwise the numbers already published stay and new items take the
    next ones.

    Refused as a whole, naming the item, when any item was saved since the form was opened."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ServiceError("The meeting is cancelled; its agenda cannot be changed until it is reinstated.")
    stored = {item.pk: item for item in AgendaItem.objects.select_for_update().filter(meeting=meeting)}
    listed = [_row_item(meeting, row, stored) for row in rows]
    # Items the rows leave out (withdrawn ones, and any the person may not see) follow in their order.
    named = {item.pk for item in listed}
    others = sorted(
        (item for pk, item in stored.items() if pk not in named), key=lambda i: (i.is_withdrawn, i.position, i.number)
    )
    everything = [*zip(rows, listed, strict=True), *((AgendaRow({}), item) for item in others)]
    numbered = list(zip(everything, _agenda_numbers([*listed, *others], stored, renumber), strict=True))
    moving = [item.pk for (_, item), number in numbered if item.pk and item.number != number]
    AgendaItem.objects.filter(pk__in=moving).update(number=F("number") + NUMBER_OFFSET)
    saved = []
    for position, ((row, item), number) in enumerate(numbered, start=1):
        changes = {**row.fields, "number": number, "position": position}
        if item.pk is None:
            saved.append(save_with_history(_new_item(meeting, changes), by=by, reason="Agenda item added"))
        elif any(getattr(item, name) != value for name, value in changes.items()):
            saved.append(save_changes(item, changes, ITEM_FIELDS, by=by, recipients=None, reason="Agenda built"))
        else:
            saved.append(item)
    return saved[: len(rows)]


def _row_item(meeting: Meeting, row: AgendaRow, stored: dict[int, AgendaItem]) -> AgendaItem:
    """The stored item a row edits (checked for a save since the form was opened), or a new one."""
    if row.item is None:
        return AgendaItem(meeting=meeting)
    item = stored.get(row.item.pk)
    if item is None or item.is_withdrawn:
        raise ServiceError(f"Item {row.item.number} is no longer on this agenda; reload the page.")
    check_revision(item, row.revision, ITEM_FIELDS)
    return item


def _agenda_numbers(items: list[AgendaItem], stored: dict[int, AgendaItem], renumber: bool) -> list[int]:
    """The number of each item in agenda order: 1, 2, 3 … when renumbering; else the number it has,
    and the next free ones for new items."""
    if renumber:
        return list(range(1, len(items) + 1))
    following = count(max((item.number for item in stored.values()), default=0) + 1)
    return [item.number if item.pk else next(following) for item in items]


def _new_item(meeting: Meeting, fields: dict[str, Any]) -> AgendaItem:
    check_creatable(fields, ITEM_FIELDS, "agenda item")
    return AgendaItem(meeting=meeting, **fields)


@verb
def bring_forward(item: AgendaItem, *, by: User | None, before: AgendaItem) -> AgendaItem:
    """Take ``item`` earlier in the meeting, just before ``before``; numbers stay as published."""
    if before.meeting_id != item.meeting_id:
        raise ServiceError("Both items must be on the same agenda.")
    items = list(item.meeting.agenda_items.exclude(pk=item.pk).order_by("position", "number"))
    items.insert(items.index(before), item)
    for position, each in enumerate(items, start=1):
        if each.position != position or each.pk == item.pk:
            each.position = position
            if each.pk == item.pk:
                each.brought_forward = True
            save_with_history(each, by=by, reason="Agenda reordered")
    return item


@verb
def withdraw_agenda_item(item: AgendaItem, *, by: User | None, reason: str) -> AgendaItem:
    """Take an item off the agenda; it stays on record, marked withdrawn, with the reason why."""
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    if item.is_withdrawn:
        raise ServiceError(f"Item {item.number} is already withdrawn.")
    _check_withdrawal_reason(reason, "item")
    item.is_withdrawn = True
    return save_with_history(item, by=by, reason=f"Agenda item withdrawn: {reason.strip()}")


def _check_withdrawal_reason(reason: str, what: str) -> None:
    if not reason.strip():
        raise ServiceError({"reason": f"Say why the {what} is withdrawn."})
    if len(reason.strip()) > WITHDRAWAL_REASON_LENGTH:
        raise ServiceError({"reason": f"Say why in at most {WITHDRAWAL_REASON_LENGTH} characters."})


# Papers


@verb
def create_paper(
    *,
    by: User | None,
    upload: UploadedFile | None = None,
    recipients: Iterable[Any] | None = None,
    **fields: Any,
) -> Paper:
    """Create a paper; its reference comes from its meeting and agenda item unless given."""
    check_creatable(fields, NEW_PAPER_FIELDS, "paper")
    item = fields.get("agenda_item")
    if item is not None:
        fields.setdefault("meeting", item.meeting)
        if fields["meeting"] != item.meeting:
            raise ServiceError({"agenda_item": "The agenda item belongs to another meeting."})
    meeting = fields.get("meeting")
    if meeting is not None:
        fields.setdefault("body", meeting.body)
    if not fields.get("reference"):
        if item is None:
            raise ServiceError({"reference": "Give a reference, or choose the agenda item the paper is for."})
        fields["reference"] = Paper.reference_for(item)
    if Paper.objects.filter(reference=fields["reference"]).exists():
        raise ServiceError({"reference": f"A paper with reference {fields['reference']} already exists."})
    paper = save_with_history(Paper(**fields), by=by, reason="Paper created")
    set_recipients(paper, recipients, by)
    if upload is not None:
        add_paper_version(paper, upload, by=by)
    return paper


def published_on(day: dt.date) -> dt.datetime:
    """When a paper of the past, brought into the record now, counts as published: the morning of
    its own date, or now for one dated today or later."""
    morning = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
    return min(morning, timezone.now())


@verb
def update_paper(
    paper: Paper,
    *,
    by: User | None,
    recipients: Iterable[Any] | None = None,
    if_revision: int | None = None,
    **changes: Any,
) -> Paper:
    """Change a paper; ``if_revision`` refuses the change if it was saved since that revision."""
    paper = Paper.objects.select_for_update().get(pk=paper.pk)
    check_revision(paper, if_revision, PAPER_FIELDS)
    if "reference" in changes and Paper.objects.exclude(pk=paper.pk).filter(reference=changes["reference"]).exists():
        raise ServiceError({"reference": f"A paper with reference {changes['reference']} already exists."})
    return save_changes(paper, changes, PAPER_FIELDS, by=by, recipients=recipients)


@verb
def withdraw_paper(paper: Paper, *, by: User | None, reason: str) -> Paper:
    """Withdraw a paper; it and its versions stay on record, marked withdrawn, with the reason why."""
    paper = Paper.objects.select_for_update().get(pk=paper.pk)
    if paper.status == Paper.Status.WITHDRAWN:
        raise ServiceError(f"Paper {paper.reference} is already withdrawn.")
    _check_withdrawal_reason(reason, "paper")
    paper.status = Paper.Status.WITHDRAWN
    return save_with_history(paper, by=by, reason=f"Paper withdrawn: {reason.strip()}")


@verb
def add_paper_version(
    paper: Paper, upload: UploadedFile, *, by: User | None, appendix: Appendix | None = None, note: str = ""
) -> PaperFile:
    """Store an uploaded document as the next version; earlier versions are kept."""
    if appendix is not None and appendix.paper_id != paper.pk:
        raise ServiceError({"appendix": "The appendix belongs to another paper."})
    try:
        # An uploaded file reads and seeks as a binary file does.
        stream = cast(BinaryIO, upload)
        checked = check_upload(upload.name or "", stream, upload.size or 0, settings.MAX_UPLOAD_BYTES)
    except UploadRejected as error:
        raise ServiceError({"file": str(error)}) from None
    versions = PaperFile.objects.filter(paper=paper, appendix=appendix)
    version = (versions.aggregate(n=Max("version"))["n"] or 0) + 1
    paper_file = PaperFile(
        paper=paper,
        appendix=appendix,
        version=version,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        note=note,
        uploaded_by=acting_user(by),
    )
    paper_file.file.save(checked.name, upload, save=False)
    # The bytes are written before the row; remove them if the row cannot be saved.
    try:
        save_with_history(paper_file, by=by, reason=note or f"Version {version} uploaded")
    except Exception:
        paper_file.file.delete(save=False)
        raise
    return paper_file


@verb
def add_appendix(
    paper: Paper,
    *,
    by: User | None,
    upload: UploadedFile | None = None,
    recipients: Iterable[Any] | None = None,
    **fields: Any,
) -> Appendix:
    check_creatable(fields, NEW_APPENDIX_FIELDS, "appendix")
    if paper.appendices.filter(label=fields.get("label", "")).exists():
        raise ServiceError({"label": f"This paper already has an {fields['label']}."})
    appendix = save_with_history(Appendix(paper=paper, **fields), by=by, reason="Appendix added")
    set_recipients(appendix, recipients, by)
    if upload is not None:
        add_paper_version(paper, upload, by=by, appendix=appendix)
    return appendix
