"""The governance demo: organisations, people and sign-ins, bodies and seats, two years of
meetings with their agendas, papers and attendance.

The data are the documents ``people.yaml``, ``bodies.yaml``, ``agendas.yaml`` and ``lists.yaml``;
this module turns them into records through ``governance.services``, so validation and history
apply as for records made in the web pages (organisations, people, bodies and seats are
reference data, which the admin creates; so does this).

Dates are laid out around the day of loading so the demo never goes stale: the calendar starts
``calendar_months`` before this month (the Panel meets from then to the end of next month).
Meetings that have started are HELD, later ones PLANNED. Given the same day the data are the
same: every choice comes from a seeded ``random.Random``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from panelbook.core.classification import Classification
from panelbook.core.models import User
from panelbook.demo import dates
from panelbook.demo.conflict import DemoConflict, database_label
from panelbook.demo.documents import fill, read
from panelbook.demo.docx import DOCX_TYPE, DocxWriter
from panelbook.governance import services
from panelbook.governance.models import (
    AgendaItem,
    Appendix,
    Attendance,
    Body,
    Meeting,
    Membership,
    Organisation,
    Paper,
    PaperFile,
    Person,
    Purpose,
)

SEED = 20261121
RED = Classification.RED
SEAT_ROLES = {"CHAIR", "MEMBER", "ALTERNATE", "SECRETARY", "OBSERVER"}
DEFAULT_RECOMMENDATIONS = ["NOTE the contents of this paper."]


@dataclass(frozen=True)
class SignIn:
    role: str
    username: str
    password: str
    person: str
    sees: str
    dcc_reporting: bool = False  # may enter performance results (User.is_dcc_reporting)


SIGN_INS: tuple[SignIn, ...] = tuple(SignIn(**row) for row in read("people")["sign_ins"])


# What gets built ----------------------------------------------------------------------------------


@dataclass
class AppendixSpec:
    label: str
    title: str
    paragraphs: list[str]
    recipients: list[str]
    by: str  # person key of whoever attaches it


@dataclass
class Doc:
    title: str
    summary: str
    paragraphs: list[str] = field(default_factory=list)
    recommendations: list[str] = field(default_factory=lambda: list(DEFAULT_RECOMMENDATIONS))
    classification: str = Classification.WHITE
    author: str = "SECAS Team"
    appendix: AppendixSpec | None = None
    always: bool = False  # issued even for a meeting whose paper day is still ahead


@dataclass
class Item:
    title: str
    purpose: str
    presenter: str | None
    paper: Doc | None = None
    classification: str = Classification.WHITE
    recipients: list[str] = field(default_factory=list)
    brought_forward_before: int | None = None  # taken before this item number


@dataclass
class Slot:
    body: dict[str, Any]
    starts_at: dt.datetime
    ends_at: dt.datetime
    offset: int  # months from the start of the calendar
    nth: int  # which of the month's meetings (0: the first)
    kind: str = Meeting.Kind.ORDINARY
    classification: str = Classification.WHITE
    number: int = 0


@dataclass
class Ctx:
    """One meeting being filled in."""

    slot: Slot
    meeting: Meeting
    previous: Meeting | None
    held: bool

    @property
    def date(self) -> dt.date:
        return timezone.localtime(self.slot.starts_at).date()


# The builder's side of the loader -----------------------------------------------------------------


def present() -> bool:
    """Whether the demo has been loaded: its Panel and its (fictional) fingerprint company exist."""
    fingerprint = read("people")["fingerprint"]
    return Body.objects.filter(code="panel").exists() and Organisation.objects.filter(name=fingerprint).exists()


def check_empty() -> None:
    if Body.objects.exists() or Meeting.objects.exists() or Organisation.objects.exists():
        raise DemoConflict(
            f"{database_label()} already holds governance records that are not the demo; "
            "load the demo into an empty data directory (PANELBOOK_DATA_DIR) instead."
        )
    taken = sorted(User.objects.filter(username__in=account_usernames().values()).values_list("username", flat=True))
    if taken:
        raise DemoConflict(
            f"{database_label()} already has users named {', '.join(taken)}, which the demo "
            "needs; load the demo into an empty data directory instead."
        )


def build(now: dt.datetime) -> None:
    GovernanceDemo(now).run()


def counts() -> dict[str, int]:
    return {
        "bodies": Body.objects.count(),
        "organisations": Organisation.objects.count(),
        "people": Person.objects.count(),
        "memberships": Membership.objects.count(),
        "meetings": Meeting.objects.count(),
        "agenda items": AgendaItem.objects.count(),
        "papers": Paper.objects.count(),
        "appendices": Appendix.objects.count(),
        "files": PaperFile.objects.count(),
        "attendance records": Attendance.objects.count(),
        "users": User.objects.count(),
    }


def account_usernames() -> dict[str, str]:
    """Person key -> username, for everyone who gets an account."""
    people = read("people")["people"]
    bodies = read("bodies")
    demo = {sign_in.person: sign_in.username for sign_in in SIGN_INS}
    keys = {person["key"] for person in people if person["organisation"] == "secas"}
    account_bodies = set(bodies["account_bodies"])
    keys |= {seat["person"] for body in bodies["bodies"] if body["code"] in account_bodies for seat in body["seats"]}
    names = {person["key"]: person["name"] for person in people}
    return {key: demo.get(key) or names[key].lower().replace(" ", ".") for key in sorted(keys | set(demo))}


# The builder --------------------------------------------------------------------------------------


class GovernanceDemo:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now
        self.today = timezone.localdate(now)
        self.calendar = read("bodies")
        self.agendas = read("agendas")
        self.lists = read("lists")
        self.months = int(self.calendar["calendar_months"])
        self.start = dates.add_months(self.today, -self.months)
        self.rng = random.Random(SEED)
        self.docx = DocxWriter()
        self.specs = {spec["code"]: spec for spec in self.calendar["bodies"]}
        self.orgs: dict[str, Organisation] = {}
        self.people: dict[str, Person] = {}
        self.users: dict[str, User] = {}
        self.bodies: dict[str, Body] = {}
        self.seats: dict[str, list[Membership]] = defaultdict(list)
        self.person_keys: dict[int, str] = {}

    # Dates

    def month(self, offset: int) -> dt.date:
        return dates.add_months(self.start, offset)

    def offset(self, months_ago: int) -> int:
        """The month ``months_ago`` before this one, counted from the start of the calendar."""
        return self.months - months_ago

    # The steps

    def run(self) -> None:
        self.make_organisations()
        self.make_people_and_users()
        self.make_bodies()
        self.make_memberships()
        self.make_meetings()
        self.date_uploads()

    def make_organisations(self) -> None:
        for org in read("people")["organisations"]:
            status = Organisation.Status.WITHDRAWN if org.get("withdrawn") else Organisation.Status.ACTIVE
            self.orgs[org["key"]] = Organisation.objects.create(
                name=org["name"],
                short_name=org["short_name"],
                party_category=org.get("party_category", ""),
                is_sec_party=org["sec_party"],
                status=status,
            )

    def make_people_and_users(self) -> None:
        domains = {org["key"]: org["mail_domain"] for org in read("people")["organisations"]}
        accounts = account_usernames()
        passwords = {sign_in.person: sign_in.password for sign_in in SIGN_INS}
        administrators = {sign_in.person for sign_in in SIGN_INS if sign_in.username == "admin"}
        reporters = {sign_in.person for sign_in in SIGN_INS if sign_in.dcc_reporting}
        for row in read("people")["people"]:
            key, name, org_key = row["key"], row["name"], row["organisation"]
            first, last = name.split(" ", 1)
            domain = domains[org_key] if org_key else "independent"
            email = f"{first.lower()}.{last.lower().replace(' ', '')}@{domain}.example"
            user = None
            if key in accounts:
                admin = key in administrators
                user = User.objects.create_user(
                    username=accounts[key],
                    email=email,
                    password=passwords.get(key),
                    first_name=first,
                    last_name=last,
                    is_secretariat=org_key == "secas",
                    is_superuser=admin,
                    is_staff=admin,
                    is_dcc_reporting=key in reporters,
                )
                self.users[key] = user
            person = Person.objects.create(
                name=name,
                organisation=self.orgs.get(org_key or ""),
                job_title=row["job_title"],
                email=email,
                user=user,
            )
            self.people[key] = person
            self.person_keys[person.pk] = key

    def make_bodies(self) -> None:
        for order, spec in enumerate(self.calendar["bodies"], start=1):
            self.bodies[spec["code"]] = Body.objects.create(
                code=spec["code"],
                name=spec["name"],
                short_name=spec["short_name"],
                kind=spec["kind"],
                parent=None if spec["code"] == "panel" else self.bodies["panel"],
                paper_prefix=spec["prefix"],
                action_prefix=spec["prefix"],
                description=spec["description"],
                cadence=spec["cadence"],
                display_order=order,
                is_active=spec.get("active", True),
            )

    def term(self, spec: dict[str, Any], seat: dict[str, Any]) -> tuple[dt.date, dt.date | None]:
        if "cohort" in seat:
            first = self.offset(spec["election_months_ago"]) - (12 if seat["cohort"] == "A" else 0)
            while first > 0:
                first -= 24
            while first + 24 <= 0:
                first += 24
            first += 24 * (seat["term"] - 1)
            return self.month(first), dates.month_end(self.month(first + 23))
        start = self.month(self.offset(seat["from_months_ago"]))
        if "until_months_ago" not in seat:
            return start, None
        return start, dates.month_end(self.month(self.offset(seat["until_months_ago"])))

    def make_memberships(self) -> None:
        for spec in self.calendar["bodies"]:
            code = spec["code"]
            for seat in spec["seats"]:
                if seat["role"] not in SEAT_ROLES:
                    raise ValueError(f"{code}: {seat['role']!r} is not a seat's role.")
                start, end = self.term(spec, seat)
                self.seats[code].append(
                    Membership.objects.create(
                        body=self.bodies[code],
                        person=self.people[seat["person"]],
                        role=seat["role"],
                        represents=seat.get("represents", ""),
                        alternate_for=self.people.get(seat.get("alternate_for", "")),
                        start_date=start,
                        end_date=end,
                    )
                )

    def seated(self, code: str, day: dt.date) -> list[Membership]:
        return [
            seat
            for seat in self.seats[code]
            if seat.start_date <= day and (seat.end_date is None or seat.end_date >= day)
        ]

    # Meetings

    def slot(self, spec: dict[str, Any], offset: int, nth: int, day_text: str, hours: str) -> Slot:
        weekday, week = dates.parse_nth_weekday(day_text)
        day = dates.nth_weekday(self.month(offset), weekday, week)
        start, end = dates.parse_hours(hours)
        return Slot(spec, dates.at(day, start), dates.at(day, end), offset, nth)

    def slots(self) -> list[Slot]:
        slots = []
        for spec in self.calendar["bodies"]:
            first, last = self.offset(spec["from_months_ago"]), self.offset(spec["until_months_ago"])
            for offset in range(first, last + 1):
                for nth, day_text in enumerate(spec["meets_on"]):
                    slots.append(self.slot(spec, offset, nth, day_text, spec["time"]))
        for ad_hoc in self.calendar["ad_hoc_meetings"]:
            spec = self.specs[ad_hoc["body"]]
            slot = self.slot(spec, self.offset(ad_hoc["months_ago"]), -1, ad_hoc["meets_on"], ad_hoc["time"])
            slot.kind, slot.classification = Meeting.Kind.AD_HOC, ad_hoc["classification"]
            slots.append(slot)
        slots.sort(key=lambda slot: (slot.body["code"], slot.starts_at))
        number: dict[str, int] = {}
        for slot in slots:
            code = slot.body["code"]
            number[code] = number.get(code, slot.body["first_number"] - 1) + 1
            slot.number = number[code]
        return slots

    def cancellation(self, slot: Slot) -> str | None:
        if slot.kind != Meeting.Kind.ORDINARY:
            return None
        for cancelled in self.calendar["cancelled_meetings"]:
            if (cancelled["body"], self.offset(cancelled["months_ago"]), cancelled["sitting"] - 1) == (
                slot.body["code"],
                slot.offset,
                slot.nth,
            ):
                return str(cancelled["reason"])
        return None

    def make_meetings(self) -> None:
        by_body: dict[str, list[Slot]] = defaultdict(list)
        for slot in self.slots():
            by_body[slot.body["code"]].append(slot)
        detailed_from = self.months - self.calendar["detailed_months"]
        for spec in self.calendar["bodies"]:  # fixed order keeps the random choices the same every time
            code = spec["code"]
            previous = None
            next_planned_done = False
            for slot in by_body[code]:
                meeting = self.make_meeting(slot)
                reason = self.cancellation(slot)
                if reason:
                    services.cancel_meeting(meeting, by=self.by(code), reason=reason)
                    continue
                held = slot.starts_at < self.now
                detailed = (
                    code in self.calendar["always_detailed"]
                    or slot.kind == Meeting.Kind.AD_HOC
                    or slot.offset >= detailed_from
                    or not held
                    and not next_planned_done
                )
                if not held:
                    next_planned_done = True
                ctx = Ctx(slot, meeting, previous, held)
                self.fill(ctx, detailed)
                if held:
                    if detailed:
                        self.attendance(ctx)
                    services.mark_meeting_held(meeting, by=self.by(code))
                previous = meeting

    def by(self, code: str) -> User:
        return self.users[self.specs[code]["secretary"]]

    def make_meeting(self, slot: Slot) -> Meeting:
        spec = slot.body
        month = timezone.localtime(slot.starts_at).month
        where = spec.get("where_in_month", {}).get(month, spec["where"])
        location = spec.get("room", "") if where in ("hybrid", "room") else ""
        if slot.kind == Meeting.Kind.AD_HOC:
            where, location = "online", ""
        return services.create_meeting(
            by=self.by(spec["code"]),
            body=self.bodies[spec["code"]],
            number=slot.number,
            kind=slot.kind,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            location=location,
            is_virtual=where != "room",
            classification=slot.classification,
        )

    # Agendas and papers

    def fill(self, ctx: Ctx, detailed: bool) -> None:
        """Add the agenda; a detailed meeting gets its papers too, others only core items."""
        code = ctx.slot.body["code"]
        items = self.agenda(ctx)
        if not detailed:
            items = items[:2]
        by = self.by(code)
        made = []
        for number, item in enumerate(items, start=1):
            presenter = self.people[item.presenter] if item.presenter else None
            red = item.classification == RED
            recipients = self.recipients(item.recipients, ctx) if red else None
            agenda_item = services.add_agenda_item(
                ctx.meeting,
                by=by,
                recipients=recipients,
                number=number,
                position=number,
                title=item.title,
                purpose=item.purpose,
                presenter=presenter,
                presenter_organisation=presenter.organisation if presenter else None,
                classification=item.classification,
            )
            made.append((item, agenda_item))
        chance = self.agendas["papers"]["chance_before_paper_day"]
        for item, agenda_item in made:
            wanted = ctx.held or item.paper and (item.paper.always or self.rng.random() < chance)
            if item.paper and detailed and wanted:
                self.paper(ctx, item, agenda_item)
        for item, agenda_item in made:
            if item.brought_forward_before and item.brought_forward_before <= len(made):
                before = made[item.brought_forward_before - 1][1]
                services.bring_forward(agenda_item, by=by, before=before)

    def recipients(self, keys: Iterable[str], ctx: Ctx) -> list[User]:
        users = []
        for key in keys:
            if key.startswith("@"):  # every current chair and member of a body with an account
                for seat in self.seated(key[1:], ctx.date):
                    person_key = self.person_keys[seat.person_id]
                    if seat.role in (Membership.Role.CHAIR, Membership.Role.MEMBER) and person_key in self.users:
                        users.append(self.users[person_key])
            else:
                users.append(self.users[key])
        return list(dict.fromkeys(users))

    def paper(self, ctx: Ctx, item: Item, agenda_item: AgendaItem) -> None:
        doc = item.paper
        assert doc is not None
        spec = ctx.slot.body
        by = self.by(spec["code"])
        classification = doc.classification
        if Classification.rank(item.classification) > Classification.rank(classification):
            classification = item.classification
        recipients = self.recipients(item.recipients, ctx) if classification == RED else None
        reference = Paper.reference_for(agenda_item)
        paper_day = dates.working_days_before(ctx.date, 5)
        if ctx.slot.kind == Meeting.Kind.AD_HOC:
            paper_day = dates.working_days_before(ctx.date, 1)
        paper_day = min(paper_day, self.today)
        appendix = doc.appendix
        attachments = [f"{appendix.label}: {appendix.title} (RED)"] if appendix else []
        content = self.render(doc, reference, classification, item.purpose, spec, attachments, paper_day)
        paper = services.create_paper(
            by=by,
            agenda_item=agenda_item,
            title=doc.title,
            purpose=item.purpose,
            author=doc.author,
            paper_date=paper_day,
            published_at=services.published_on(paper_day),
            summary=doc.summary,
            classification=classification,
            recipients=recipients,
            upload=self.upload(f"{reference}.docx", content),
        )
        if ctx.held and self.rng.random() < self.agendas["papers"]["chance_of_late_version"]:
            note = self.rng.choice(self.lists["late_notes"])
            late = dataclasses.replace(doc, paragraphs=[*doc.paragraphs, note])
            content = self.render(late, reference, classification, item.purpose, spec, attachments, paper_day)
            services.add_paper_version(paper, self.upload(f"{reference}.docx", content), by=by, note=note)
        if appendix:
            content = self.docx.render(
                title=f"{appendix.label}: {appendix.title}",
                reference=reference,
                classification=RED,
                purpose=Purpose(item.purpose).label,
                sections=[("Confidential detail", appendix.paragraphs)],
                footer=["Named recipients only. Do not forward or copy."],
            )
            services.add_appendix(
                paper,
                by=self.users[appendix.by],
                label=appendix.label,
                title=appendix.title,
                classification=RED,
                recipients=self.recipients(appendix.recipients, ctx),
                upload=self.upload(f"{reference} {appendix.label}.docx", content),
            )

    def render(
        self,
        doc: Doc,
        reference: str,
        classification: str,
        purpose: str,
        spec: dict[str, Any],
        attachments: list[str],
        day: dt.date,
    ) -> bytes:
        audience = "Panel" if spec["code"] == "panel" else spec["short_name"]
        footer = [doc.author, dates.long(day)]
        if attachments:
            footer.append("Attachments: " + "; ".join(attachments))
        return self.docx.render(
            title=doc.title,
            reference=reference,
            classification=classification,
            purpose=Purpose(purpose).label,
            sections=[
                ("Purpose", [doc.summary]),
                ("Discussion", doc.paragraphs or ["Further detail will be given at the meeting."]),
                ("Recommendations", [f"The {audience} is requested to:"]),
            ],
            bullets=doc.recommendations,
            footer=footer,
        )

    def upload(self, name: str, content: bytes) -> SimpleUploadedFile:
        return SimpleUploadedFile(name, content, content_type=DOCX_TYPE)

    def date_uploads(self) -> None:
        """Date each upload as if it had come in on paper day (a late version: the day before
        the meeting), instead of the moment of loading. The verbs do not take a date."""
        uploads: dict[dt.datetime, list[int]] = defaultdict(list)
        files = PaperFile.objects.values_list(
            "pk", "version", "appendix_id", "paper__paper_date", "paper__meeting__starts_at"
        )
        for pk, version, appendix_id, paper_day, starts_at in files:
            if version > 1:
                day = dates.working_days_before(timezone.localtime(starts_at).date(), 1)
                uploads[dates.at(day, dt.time(11, 15))].append(pk)
            else:
                uploads[dates.at(paper_day, dt.time(17 if appendix_id else 16, 30))].append(pk)
        for when, pks in uploads.items():
            PaperFile.objects.filter(pk__in=pks).update(uploaded_at=when)

    # Attendance

    def away(self, code: str, ctx: Ctx, key: str, role: str) -> bool:
        rules = self.calendar["attendance"]
        chances = rules["apologies_chance"]
        away = self.rng.random() < chances.get(role, chances["other"])
        for rule in rules["away"]:
            offsets = {self.offset(months_ago) for months_ago in rule["months_ago"]}
            if (rule["body"], rule["person"]) == (code, key) and ctx.slot.offset in offsets:
                away = True
        return away and role not in (Membership.Role.CHAIR, Membership.Role.SECRETARY)

    def attendance(self, ctx: Ctx) -> None:
        code = ctx.slot.body["code"]
        by = self.by(code)
        meeting = ctx.meeting
        seats = self.seated(code, ctx.date)
        alternates = {seat.alternate_for_id: seat for seat in seats if seat.role == Membership.Role.ALTERNATE}
        recorded = set()
        for seat in seats:
            if seat.role == Membership.Role.ALTERNATE:
                continue
            away = self.away(code, ctx, self.person_keys[seat.person_id], seat.role)
            status = Attendance.Status.APOLOGIES if away else Attendance.Status.PRESENT
            services.record_attendance(meeting, seat.person, by=by, status=status, represents=seat.represents)
            recorded.add(seat.person_id)
            alternate = alternates.get(seat.person_id)
            if away and alternate and alternate.person_id not in recorded:
                services.record_attendance(
                    meeting,
                    alternate.person,
                    by=by,
                    status=Attendance.Status.PRESENT,
                    represents=alternate.represents,
                    alternate_for=seat.person,
                )
                recorded.add(alternate.person_id)

    # Reading the agendas document

    def agenda(self, ctx: Ctx) -> list[Item]:
        code = ctx.slot.body["code"]
        entries = self.agendas["ad_hoc"][code] if ctx.slot.kind == Meeting.Kind.AD_HOC else self.agendas[code]
        return [self.item(entry, ctx) for entry in entries if self.applies(entry.get("when"), ctx)]

    def applies(self, when: dict[str, Any] | None, ctx: Ctx) -> bool:
        """Whether a meeting meets an item's (or an appendix's) `when` (see agendas.yaml)."""
        if not when:
            return True
        slot = ctx.slot
        tests = {
            "months": lambda months: ctx.date.month in months,
            "rotation": lambda rotation: slot.offset % rotation[0] == rotation[1],
            "sitting": lambda sitting: slot.nth + 1 == sitting,
            "months_ago": lambda months_ago: slot.offset == self.offset(months_ago),
            "within_days": lambda days: (self.today - ctx.date).days < days,
        }
        unknown = set(when) - set(tests)
        if unknown:
            raise ValueError(f"agendas.yaml: unknown condition {', '.join(sorted(unknown))}.")
        return all(tests[name](value) for name, value in when.items())

    def item(self, entry: dict[str, Any], ctx: Ctx) -> Item:
        if entry.get("minutes"):
            return self.minutes_item(entry, ctx)
        paper: dict[str, Any] = entry.get("paper") or {}
        appendix: dict[str, Any] = paper.get("appendix") or {}
        with_appendix = bool(appendix) and self.applies(appendix.get("when"), ctx)
        words = self.words(ctx, entry, with_appendix)
        brought_forward: dict[str, Any] = entry.get("brought_forward") or {}
        forward = bool(brought_forward) and self.applies(brought_forward.get("when"), ctx)
        return Item(
            title=fill(entry["title"], words),
            purpose=entry["purpose"],
            presenter=entry.get("presenter"),
            paper=self.doc(paper, words, with_appendix, ctx) if paper else None,
            classification=entry.get("classification", Classification.WHITE),
            recipients=list(entry.get("recipients", ())),
            brought_forward_before=brought_forward["before"] if forward else None,
        )

    def doc(self, paper: dict[str, Any], words: dict[str, Any], with_appendix: bool, ctx: Ctx) -> Doc:
        appendix = paper.get("appendix")
        return Doc(
            title=fill(paper["title"], words),
            summary=fill(paper["summary"], words),
            paragraphs=[fill(text, words) for text in paper.get("paragraphs", ())],
            recommendations=[fill(text, words) for text in paper.get("recommendations", DEFAULT_RECOMMENDATIONS)],
            classification=self.level(paper.get("classification", Classification.WHITE), ctx),
            author=paper.get("author", "SECAS Team"),
            appendix=self.appendix(appendix, words) if appendix and with_appendix else None,
            always=paper.get("always", False),
        )

    def level(self, classification: str | dict[str, Any], ctx: Ctx) -> str:
        """A paper's classification: a level, or {level, when, else}."""
        if isinstance(classification, str):
            return classification
        return classification["level"] if self.applies(classification["when"], ctx) else classification["else"]

    def appendix(self, appendix: dict[str, Any], words: dict[str, Any]) -> AppendixSpec:
        return AppendixSpec(
            label=appendix["label"],
            title=fill(appendix["title"], words),
            paragraphs=[fill(text, words) for text in appendix["paragraphs"]],
            recipients=list(appendix["recipients"]),
            by=appendix["by"],
        )

    def minutes_item(self, entry: dict[str, Any], ctx: Ctx) -> Item:
        standing = self.agendas["minutes_item"]
        words = self.words(ctx, entry, False)
        previous = ctx.previous
        if previous is None:
            text = standing["first"]
        else:
            text = standing["later"]
            words |= {
                "previous_number": previous.number,
                "previous_date": dates.long(timezone.localtime(previous.starts_at).date()),
                "prefix": ctx.slot.body["prefix"],
            }
        doc = Doc(
            standing["title"],
            fill(text["summary"], words),
            recommendations=[fill(line, words) for line in text["recommendations"]],
            classification=entry.get("classification", Classification.WHITE),
            always=True,
        )
        return Item(standing["title"], standing["purpose"], entry["presenter"], doc)

    def words(self, ctx: Ctx, entry: dict[str, Any], with_appendix: bool) -> dict[str, Any]:
        """What an item's text may say (listed at the top of agendas.yaml)."""
        date = ctx.date
        month = date.month
        budget_start = dates.regulatory_year(date) + (1 if month < 4 else 0)
        modifications = self.lists["modifications"]
        first = ctx.slot.offset + entry.get("mod_shift", 0)
        words: dict[str, Any] = {
            "last_month": dates.month_name(dates.add_months(date, -1)),
            "this_month": dates.month_name(date),
            "year": date.year,
            "next_year": date.year + 1,
            "release": dates.next_release(date),
            "reg_year": dates.year_span(dates.regulatory_year(date)),
            "budget_start": budget_start,
            "budget_year": dates.year_span(budget_start),
            "budget_years": f"{dates.year_span(budget_start)} to {dates.year_span(budget_start + 2)}",
            "mods": [
                self.modification(modifications[(first + n) % len(modifications)]) for n in range(len(modifications))
            ],
            "num": self.number,
            "pick": lambda name: fill(self.rng.choice(self.lists[name]), words),
            "months_ahead": lambda months: dates.month_name(dates.add_months(date, int(months))),
            "months_ago": lambda months: dates.month_name(dates.add_months(self.today, -int(months))),
            "day_last_month": lambda span: dates.long(dates.add_months(date, -1).replace(day=int(self.number(span)))),
            "day_of_month": lambda day: dates.long(date.replace(day=int(day))),
            "term_ends": lambda person: self.term_ends(ctx, person),
            "if_appendix": lambda text: text if with_appendix else "",
        }
        for name, directive in entry.get("let", {}).items():
            words[name] = self.choose(directive)
        return words

    def modification(self, row: dict[str, str]) -> dict[str, str]:
        return {
            "ref": row["ref"],
            "title": row["title"],
            "would": row["would"],
            "raiser": self.orgs[row["raised_by"]].name,
        }

    def number(self, span: str) -> str:
        """ "2-6": a whole number from 2 to 6; "01-06" pads it to two digits."""
        low, high = span.split("-")
        return str(self.rng.randint(int(low), int(high))).zfill(len(low) if low.startswith("0") else 0)

    def choose(self, directive: str) -> Any:
        """An item's `let` value: "num:a-b", "pick:list", "org:list" or "orgs:list:count"."""
        kind, _, rest = directive.partition(":")
        if kind == "num":
            return self.number(rest)
        if kind == "pick":
            return self.rng.choice(self.lists[rest])
        if kind == "org":
            return self.organisation(self.rng.choice(self.lists[rest]))
        if kind == "orgs":
            name, count = rest.split(":")
            return [self.organisation(key) for key in self.rng.sample(self.lists[name], int(count))]
        raise ValueError(f"agendas.yaml: {directive!r} is not a value an item can choose.")

    def organisation(self, key: str) -> dict[str, str]:
        org = self.orgs[key]
        return {"name": org.name, "short_name": org.short_name}

    def term_ends(self, ctx: Ctx, person: str) -> str:
        seats = [seat for seat in self.seated(ctx.slot.body["code"], ctx.date) if seat.person == self.people[person]]
        end = seats[0].end_date if seats else None
        return dates.long(end) if end else "a date not yet set"
