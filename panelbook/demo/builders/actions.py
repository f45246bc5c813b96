"""The actions demo: actions, decisions and minutes on the meetings the governance demo laid out.

The data are the documents ``actions.yaml`` (what kind each agenda item is, the actions raised on
each kind and the few that are not routine), ``decisions.yaml`` and ``minutes.yaml``. Loaded after
the governance demo, in the same transaction:

- Actions raised at every held Panel meeting (two to five each) and at some TABASC, OPSG and
  SSC meetings. Most are proposed to close a few weeks later and closed at the following
  meeting; their dated updates sometimes cite a later meeting's paper. A few stay open for
  months (one for over a year), some are overdue, one was closed and then reopened. Actions on
  confidential items are AMBER; the one on the Panel Chair recruitment item is RED.
- Decisions on the items of held meetings, worded with the minutes' verbs: NOTED for papers
  for information, AGREED / APPROVED / ENDORSED / DEFERRED for decisions, DISCUSSED for
  discussions. Two were taken by majority with dissent; a few were taken ex-committee.
- Minutes of every held Panel meeting (and of the recent TABASC meetings), with
  confidential (AMBER) minutes for meetings that had confidential items. Each meeting's
  minutes are approved under item 1 of the next, twice ex-committee instead; the latest
  meeting's minutes are still draft.

The actions are laid out so that the next planned Panel meeting's "Minutes and Actions
Outstanding" tables have rows in all three tables: actions closed at the latest meeting,
actions proposed to close since, and actions still open.

Given the same governance demo (loaded on the same day) the result is the same: every choice
comes from a seeded ``random.Random`` and records are visited in a fixed order. Records are made
through ``actions.services``, so validation and history apply as for records made in the web
pages. ``reopen_action`` dates its update today; that one date is set back to the meeting where
the action was reopened.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import defaultdict
from dataclasses import dataclass, fields
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone

from panelbook.actions import services
from panelbook.actions.models import Action, ActionUpdate, Decision, MinuteEntry, Minutes, Verb
from panelbook.core.classification import Classification
from panelbook.core.models import User
from panelbook.demo import dates
from panelbook.demo.conflict import DemoConflict
from panelbook.demo.dates import DAY
from panelbook.demo.documents import fill, read
from panelbook.governance.models import AgendaItem, Body, Meeting, Organisation, Paper, Person

SEED = 20261122
WHITE = Classification.WHITE
AMBER = Classification.AMBER
RED = Classification.RED


# The builder's side of the loader -----------------------------------------------------------------


def check_empty() -> None:
    if Action.objects.exists() or Decision.objects.exists() or Minutes.objects.exists():
        raise DemoConflict("The database already holds actions, decisions or minutes.")


def build(now: dt.datetime) -> None:
    ActionsDemo(now).run()


def counts() -> dict[str, int]:
    return {
        "actions": Action.objects.count(),
        "action updates": ActionUpdate.objects.count(),
        "decisions": Decision.objects.count(),
        "minutes": Minutes.objects.count(),
        "minute entries": MinuteEntry.objects.count(),
    }


# Words ---------------------------------------------------------------------------------------------


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


# What the documents say ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    """An action that can be raised on a kind of item (see actions.yaml)."""

    key: str
    text: str  # "SECAS to …"; may use the item's words: {mod}, {period}, {release} …
    owner: str
    organisation: str | None = None  # organisation key (people.yaml)
    body: str | None = None  # owning body code
    person: str | None = None  # person key (people.yaml)
    progress: tuple[str, ...] = ()
    done: str = "Complete; proposed to close."
    cite: str = ""  # kind of a later item whose paper an update cites
    cited: str = ""  # that update's text; {ref} is the paper reference
    late: str = ""  # the update when the action has missed its date
    once: bool = False  # not repeated at a later meeting
    always: bool = False  # raised whenever the item is on the agenda
    closes_after: int = 0  # meetings until it is closed, when not left to chance

    @classmethod
    def read(cls, row: dict[str, Any]) -> Template:
        values = dict(row, progress=tuple(row.get("progress", ())))
        values.setdefault("organisation", {"SECAS": "secas", "DCC": "dcc"}.get(row["owner"]))
        return cls(**values)


@dataclass(frozen=True)
class Special:
    """An action raised once at a chosen Panel meeting, and what happens to it (see actions.yaml)."""

    template: Template
    item: str
    meeting: int | None = None
    days_before_latest: int = 0
    due_days_after: int | None = None
    due_after_meeting: int | None = None
    target: str = ""
    updates_every: int = 1
    reopen: bool = False

    @classmethod
    def read(cls, row: dict[str, Any]) -> Special:
        names = {field.name for field in fields(cls)} - {"template"}
        placing = {name: value for name, value in row.items() if name in names}
        template = Template.read({name: value for name, value in row.items() if name not in names})
        return cls(template, **placing)


PLACING = (
    "item",
    "meeting",
    "days_before_latest",
    "due_days_after",
    "due_after_meeting",
    "target",
    "updates_every",
    "reopen",
)


def _templates(rows: dict[str, list[dict[str, Any]]]) -> dict[str, tuple[Template, ...]]:
    return {kind: tuple(Template.read(row) for row in templates) for kind, templates in rows.items()}


@dataclass(frozen=True)
class Documents:
    """actions.yaml, decisions.yaml and minutes.yaml, read for one load."""

    kinds: tuple[tuple[str, str], ...]
    panel: dict[str, tuple[Template, ...]]
    sub_committees: dict[str, tuple[Template, ...]]
    special: dict[str, Special]
    reopen_reason: str
    body_words: dict[str, str]
    sub_committees_with_actions: tuple[str, ...]
    minuted_sub_committees: tuple[str, ...]
    decisions: dict[str, Any]
    minutes: dict[str, Any]

    @classmethod
    def read(cls) -> Documents:
        actions = read("actions")
        return cls(
            kinds=tuple((row["title_has"], row["kind"]) for row in actions["kinds"]),
            panel=_templates(actions["panel"]),
            sub_committees=_templates(actions["sub_committees"]),
            special={name: Special.read(row) for name, row in actions["special"].items()},
            reopen_reason=actions["reopen_reason"],
            body_words=actions["body_words"],
            sub_committees_with_actions=tuple(actions["sub_committees_with_actions"]),
            minuted_sub_committees=tuple(actions["minuted_sub_committees"]),
            decisions=read("decisions"),
            minutes=read("minutes"),
        )

    def kind(self, title: str) -> str:
        """What kind of agenda item this is: the first kind whose text is in the title."""
        return next((kind for needle, kind in self.kinds if needle in title), "other")


@dataclass
class Info:
    """An agenda item with what the text about it needs."""

    item: AgendaItem
    kind: str
    paper: Paper | None
    words: dict[str, str]


@dataclass
class Calendar:
    """One body's meetings: held ones (ordinary and ad hoc), ordinary ones, and the next planned."""

    body: Body
    held: list[Meeting]
    ordinary: list[Meeting]  # held and planned, in date order
    next: Meeting | None

    @property
    def latest(self) -> Meeting:
        return self.held[-1]

    @property
    def ordinary_held(self) -> list[Meeting]:
        return [m for m in self.ordinary if m.status == Meeting.Status.HELD]

    def after(self, meeting: Meeting, count: int) -> Meeting | None:
        """The ``count``-th ordinary meeting after ``meeting`` (held or planned), if any."""
        later = [m for m in self.ordinary if m.starts_at > meeting.starts_at]
        return later[count - 1] if len(later) >= count else None

    def before(self, meeting: Meeting) -> Meeting | None:
        earlier = [m for m in self.held if m.starts_at < meeting.starts_at]
        return earlier[-1] if earlier else None


@dataclass
class Plan:
    """An action to raise and what happens to it."""

    meeting: Meeting
    info: Info
    template: Template
    closes_after: int | None  # ordinary meetings until it is closed; None: stays open
    due_date: dt.date | None = None
    target: Meeting | None = None
    reopen: bool = False
    updates_every: int = 1  # meetings between progress updates
    sequence: int = 0


@dataclass
class ExCommittee:
    body: str
    on: dt.date
    verb: str
    text: str


@dataclass
class Approval:
    """How a meeting's minutes are approved: at a later meeting, or ex-committee on a date."""

    at: Meeting | None = None
    on: dt.date | None = None


# The builder --------------------------------------------------------------------------------------


class ActionsDemo:
    def __init__(self, now: dt.datetime) -> None:
        self.today = timezone.localdate(now)
        self.rng = random.Random(SEED)
        self.docs = Documents.read()
        self.secretaries = {spec["code"]: spec["secretary"] for spec in read("bodies")["bodies"]}
        names = {row["name"]: row["key"] for row in read("people")["people"]}
        self.people = {
            names[p.name]: p for p in Person.objects.select_related("user", "organisation") if p.name in names
        }
        org_names = {row["name"]: row["key"] for row in read("people")["organisations"]}
        self.orgs = {org_names[o.name]: o for o in Organisation.objects.all() if o.name in org_names}
        self.bodies = {b.code: b for b in Body.objects.all()}
        self.calendars: dict[str, Calendar] = {}
        self.infos: dict[int, list[Info]] = {}
        self.approvals: dict[int, Approval] = {}
        self.ex_committee: list[ExCommittee] = []
        self.special: dict[str, tuple[Meeting, str]] = {}  # decision twists: name -> (meeting, item kind)
        self.logs: dict[str, list[Action]] = {}
        self.approved_at: dict[int, int] = {}  # meeting pk -> minutes approved under its item 1

    def by(self, code: str) -> User:
        user = self.people[self.secretaries[code]].user
        assert user is not None
        return user

    def run(self) -> None:
        with_actions = ("panel", *self.docs.sub_committees_with_actions)
        for code in with_actions:
            self.calendars[code] = self.calendar(code)
        self.plan_twists()
        for code in with_actions:
            self.actions(code)
        for code in ("panel", *self.docs.minuted_sub_committees):
            self.minutes(code)
        for code in with_actions:
            self.decisions(code)
        for decision in self.ex_committee:
            services.record_decision(
                by=self.by(decision.body),
                body=self.bodies[decision.body],
                decided_on=decision.on,
                verb=decision.verb,
                text=decision.text,
            )

    # Reading the governance demo

    def calendar(self, code: str) -> Calendar:
        items = AgendaItem.objects.filter(is_withdrawn=False).select_related(
            "presenter__organisation", "presenter_organisation"
        )
        meetings = list(
            Meeting.objects.filter(body=self.bodies[code])
            .exclude(status=Meeting.Status.CANCELLED)
            .select_related("body")
            .prefetch_related(
                Prefetch("agenda_items", queryset=items.order_by("position", "number").prefetch_related("recipients")),
                Prefetch("papers", queryset=Paper.objects.order_by("reference")),
            )
            .order_by("starts_at")
        )
        for meeting in meetings:
            papers = {p.agenda_item_id: p for p in meeting.papers.all()}
            self.infos[meeting.pk] = [self.info(item, papers.get(item.pk)) for item in meeting.agenda_items.all()]
        held = [m for m in meetings if m.status == Meeting.Status.HELD]
        planned = [m for m in meetings if m.status == Meeting.Status.PLANNED]
        ordinary = [m for m in meetings if m.kind == Meeting.Kind.ORDINARY]
        return Calendar(self.bodies[code], held, ordinary, planned[0] if planned else None)

    def info(self, item: AgendaItem, paper: Paper | None) -> Info:
        text = f"{item.title} {paper.title if paper else ''} {paper.summary if paper else ''}"
        mods = re.findall(r"MP\d+", text)
        release = re.search(r"([A-Z][a-z]+ \d{4}) SEC Release", text)
        programme = re.search(r"Progress on (.+?) and the design", text)
        date = item.meeting.date
        period = f"{dates.add_months(date, -1):%B %Y}"
        person = item.presenter
        organisation = item.presenter_organisation or (person.organisation if person else None)
        who = person.name if person else ""
        if who and organisation:
            who = f"{who} ({organisation.short_name or organisation.name})"
        raiser = re.match(r"(.+?) raised MP\d+", paper.summary) if paper else None
        words = {
            "mod": mods[0] if mods else "the modification",
            "mod2": mods[1] if len(mods) > 1 else (mods[0] if mods else "the modification"),
            "release": release.group(1) if release else dates.next_release(date),
            "programme": programme.group(1) if programme else "the network evolution programme",
            "period": period,
            "month": f"{date:%B %Y}",
            "next_month": f"{dates.add_months(date, 1):%B %Y}",
            "who": who or "SECAS",
            "ref": paper.reference if paper else "",
            "paper": f" ({paper.reference})" if paper else "",
            "raiser": raiser.group(1) if raiser else "its Proposer",
            "year": str(date.year + 1),
        }
        return Info(item, self.docs.kind(item.title), paper, words)

    def find(self, meeting: Meeting, kind: str) -> Info | None:
        return next((info for info in self.infos[meeting.pk] if info.kind == kind), None)

    # The decisions and approvals that are not routine, chosen before anything is written

    def plan_twists(self) -> None:
        panel = self.calendars["panel"]
        ordinary = panel.ordinary_held
        held = panel.held
        # Minutes: approved at the next ordinary meeting; ad hoc ones and one ordinary ex-committee.
        for code in ("panel", *self.docs.minuted_sub_committees):
            minuted = self.recorded(self.calendars[code])
            for meeting in minuted[:-1]:
                later = [m for m in minuted if m.starts_at > meeting.starts_at and m.kind == Meeting.Kind.ORDINARY]
                self.approvals[meeting.pk] = Approval(at=later[0]) if later else Approval()
        rule = read("actions")["minutes_approved_ex_committee"]
        for meeting in held[:-1]:
            if meeting.kind == Meeting.Kind.AD_HOC:
                on = dates.working_day_from(meeting.date + rule["ad_hoc_days_after"] * DAY)
                self.approvals[meeting.pk] = Approval(on=on)
        by_correspondence = ordinary[rule["meeting"]]
        on = dates.working_day_from(by_correspondence.date + rule["days_after"] * DAY)
        self.approvals[by_correspondence.pk] = Approval(on=on)

        # By majority (the first draft budget, one modification's path) and one deferred at a
        # meeting, then decided ex-committee.
        for name, twist in read("actions")["twists"].items():
            if twist["meeting"] == "first":
                at = next(m for m in ordinary if self.find(m, twist["item"]))
            else:
                at = ordinary[twist["meeting"]]
            self.special[name] = (at, twist["item"])
        deferred = self.special["deferred"][0]
        deferred_item = self.find(deferred, "timetables")
        assert deferred_item is not None
        for row in read("actions")["ex_committee"]:
            meetings = self.calendars[row["body"]].ordinary_held
            if row["meeting"] == "deferred":
                after = deferred
            elif len(meetings) >= -row["meeting"]:
                after = meetings[row["meeting"]]
            else:
                continue
            on = dates.working_day_from(after.date + row["days_after"] * DAY)
            text = fill(row["text"], deferred_item.words)
            self.ex_committee.append(ExCommittee(row["body"], on, Verb(row["verb"]), text))
        self.ex_committee.sort(key=lambda d: (d.on, d.body))

    def recorded(self, calendar: Calendar) -> list[Meeting]:
        """Held meetings with their business recorded: all the Panel's; a Sub-Committee's recent ones
        (the governance demo gives its older meetings only a short agenda, as if before the system)."""
        if calendar.body.code == "panel":
            return calendar.held
        return [m for m in calendar.held if len(self.infos[m.pk]) > 2]

    # Actions

    def actions(self, code: str) -> None:
        calendar = self.calendars[code]
        plans = self.panel_plans(calendar) if code == "panel" else self.sub_committee_plans(calendar)
        for plan in plans:
            self.carry_out(calendar, plan)

    def fate(self, calendar: Calendar, meeting: Meeting) -> int | None:
        """Ordinary meetings until the action is closed; None for one left open (only recent ones)."""
        closes_after = self.rng.choices((1, 2, 3, None), weights=(56, 28, 12, 4))[0]
        if closes_after is None and meeting.date < calendar.latest.date - 190 * DAY:
            return 3
        return closes_after

    def deadline(self, calendar: Calendar, meeting: Meeting, closes_after: int | None) -> dict:
        roll = self.rng.random()
        if roll < 0.3:
            return {"target": calendar.after(meeting, max(1, (closes_after or 2) - self.rng.randint(0, 1)))}
        if roll < 0.55:
            return {"due_date": meeting.date + self.rng.choice((14, 21, 28, 42, 56)) * DAY}
        return {}

    def special_plan(self, special: Special, at: Meeting, calendar: Calendar) -> dict[str, Any]:
        """What happens to a special action raised at ``at``: Plan's fields (see actions.yaml)."""
        plan: dict[str, Any] = {
            "closes_after": special.template.closes_after or None,
            "reopen": special.reopen,
            "updates_every": special.updates_every,
        }
        if special.due_days_after is not None:
            after = at if special.due_after_meeting is None else calendar.ordinary_held[special.due_after_meeting]
            plan["due_date"] = after.date + special.due_days_after * DAY
        if special.target == "next":
            plan["target"] = calendar.next
        return plan

    def panel_plans(self, calendar: Calendar) -> list[Plan]:
        ordinary = calendar.ordinary_held
        latest = calendar.latest
        special_keys = {special.template.key for special in self.docs.special.values()}
        specials: dict[int, list[tuple[Special, dict[str, Any]]]] = defaultdict(list)
        for special in self.docs.special.values():
            if special.meeting is not None:
                at = ordinary[special.meeting]
            else:
                at = [m for m in ordinary if m.date <= latest.date - special.days_before_latest * DAY][-1]
            specials[at.pk].append((special, self.special_plan(special, at, calendar)))
        plans: list[Plan] = []
        used: set[str] = set()
        previous_keys: set[str] = set()
        for meeting in calendar.held:
            infos = self.infos[meeting.pk]
            options = [(info, t) for info in infos for t in self.docs.panel.get(info.kind, ())]
            chosen = [(info, t) for info, t in options if t.always]
            pool = [
                (info, t)
                for info, t in options
                if not t.always and t.key not in previous_keys and not (t.once and t.key in used)
            ]
            if meeting.kind == Meeting.Kind.ORDINARY:
                wanted = (
                    self.rng.choices((2, 3, 4, 5), weights=(35, 35, 20, 10))[0]
                    - len(chosen)
                    - len(specials.get(meeting.pk, ()))
                )
                chosen += self.rng.sample(pool, max(0, min(len(pool), wanted)))
            made = []
            for info, template in chosen:
                if template.closes_after:
                    made.append(Plan(meeting, info, template, template.closes_after))
                    continue
                closes_after = self.fate(calendar, meeting)
                made.append(
                    Plan(meeting, info, template, closes_after, **self.deadline(calendar, meeting, closes_after))
                )
            for special, extra in specials.get(meeting.pk, ()):
                special_info = self.find(meeting, special.item)
                assert special_info is not None, f"{meeting} has no {special.item} item for {special.template.key}"
                made.append(Plan(meeting, special_info, special.template, **extra))
            made.sort(key=lambda p: (p.info.item.position, p.info.item.number))
            for sequence, plan in enumerate(made, start=1):
                plan.sequence = sequence
            # The next meeting's tables need an action closed at the latest meeting and one
            # proposed to close since: the first action of each of the last two meetings.
            if meeting in ordinary[-2:]:
                routine = [
                    p for p in made if p.template.key not in special_keys and p.info.item.classification == WHITE
                ]
                if routine:
                    routine[0].closes_after = 1
            plans += made
            used |= {p.template.key for p in made}
            previous_keys = {p.template.key for p in made}
        return plans

    def sub_committee_plans(self, calendar: Calendar) -> list[Plan]:
        plans = []
        chance = 0.5 if calendar.body.code == "ssc" else 0.9
        used: set[str] = set()
        for meeting in self.recorded(calendar):
            # A template is used once, unless its text names what changes (a modification, a month).
            options = [
                (info, t)
                for info in self.infos[meeting.pk]
                if info.item.classification != RED
                for t in self.docs.sub_committees.get(info.kind, ())
                if t.key not in used or "{" in t.text
            ]
            if not options or self.rng.random() > chance:
                continue
            count = 2 if self.rng.random() < 0.2 and len(options) > 1 else 1
            made = []
            for info, template in self.rng.sample(options, count):
                used.add(template.key)
                closes_after = self.fate(calendar, meeting)
                made.append(
                    Plan(meeting, info, template, closes_after, **self.deadline(calendar, meeting, closes_after))
                )
            made.sort(key=lambda p: (p.info.item.position, p.info.item.number))
            for sequence, plan in enumerate(made, start=1):
                plan.sequence = sequence
            plans += made
        return plans

    def carry_out(self, calendar: Calendar, plan: Plan) -> None:
        code = calendar.body.code
        by = self.by(code)
        meeting, info, template = plan.meeting, plan.info, plan.template
        words = info.words
        item = info.item
        level = item.classification
        action = services.raise_action(
            meeting,
            by=by,
            text=template.text.format(**words),
            owner=template.owner,
            sequence=plan.sequence,
            agenda_item=item,
            classification=level,
            recipients=list(item.recipients.all()) if level == RED else None,
            owner_organisation=self.orgs.get(template.organisation or ""),
            owner_body=self.bodies.get(template.body or ""),
            owner_person=self.people.get(template.person or ""),
            due_date=plan.due_date,
            target_meeting=plan.target,
        )
        closing = calendar.after(meeting, plan.closes_after) if plan.closes_after else None
        latest = calendar.latest
        proposed = None
        if closing is not None and closing.status == Meeting.Status.HELD:
            before = calendar.before(closing)
            low = max(meeting.date, before.date if before else meeting.date) + DAY
            proposed = closing.date - self.rng.randint(4, 16) * DAY
            proposed = dates.weekday_within(proposed, low, closing.date - DAY)
        elif closing is not None and closing == calendar.next:
            proposed = min(self.today, latest.date + self.rng.randint(3, 12) * DAY)
            proposed = dates.weekday_within(proposed, max(meeting.date, latest.date), self.today)
        else:
            closing = None
        stop = proposed or self.today
        updates: list[tuple[dt.date, str, list[Paper]]] = []
        first_day = meeting.date + DAY
        between = [m for m in calendar.ordinary_held if m.starts_at > meeting.starts_at and m.date < stop]
        progress = [text.format(**words) for text in template.progress]
        for index, later in enumerate(between):
            if not progress:
                break
            if (index + 1) % plan.updates_every and later is not between[-1]:
                continue
            day = dates.weekday_within(
                later.date - self.rng.randint(2, 7) * DAY, first_day, min(stop, later.date - DAY)
            )
            updates.append((day, progress.pop(0), []))
        if not between and progress and closing is None and stop - meeting.date >= 3 * DAY:
            day = dates.weekday_within(meeting.date + self.rng.randint(2, 10) * DAY, first_day, stop)
            updates.append((day, progress.pop(0), []))
        cited = self.cited_paper(calendar, plan, stop)
        if cited is not None:
            updates.append((cited.paper_date, template.cited.format(**dict(words, ref=cited.reference)), [cited]))
        deadline = plan.due_date or (plan.target.date if plan.target else None)
        if closing is None and deadline and deadline < self.today and calendar.next and deadline < calendar.next.date:
            late = template.late or "Not complete by the agreed date; {owner} expects to report at the next meeting."
            # Said at (or just after) the latest meeting, where the log was reviewed.
            day = dates.weekday_within(
                max(deadline + DAY, latest.date + self.rng.randint(0, 3) * DAY), first_day, self.today
            )
            updates.append((day, late.format(owner=template.owner, **words), []))
        updates.sort(key=lambda u: u[0])
        for day, text, papers in updates:
            services.add_update(action, by=by, text=text, on=day, papers=papers)
        if closing is None:
            return
        services.propose_to_close(action, by=by, update=template.done.format(**words), on=proposed)
        if closing.status != Meeting.Status.HELD:
            return
        services.close_action(action, by=by, at_meeting=closing)
        if plan.reopen:
            services.reopen_action(action, by=by, reason=self.docs.reopen_reason)
            # The verb dates its update today; the action was reopened at the latest meeting.
            ActionUpdate.objects.filter(action=action, text__startswith="Reopened").update(on=latest.date)

    def cited_paper(self, calendar: Calendar, plan: Plan, stop: dt.date) -> Paper | None:
        """A later meeting's paper the action's updates cite, issued before ``stop``."""
        kind = plan.template.cite
        if not kind:
            return None
        papers = []
        for later in calendar.held:
            if later.starts_at <= plan.meeting.starts_at or later.date > stop + 30 * DAY:
                continue
            info = self.find(later, kind)
            if info and info.paper and plan.meeting.date < info.paper.paper_date <= stop:
                papers.append(info.paper)
        return papers[-1] if papers else None

    # Minutes

    def minutes(self, code: str) -> None:
        calendar = self.calendars[code]
        by = self.by(code)
        minuted = self.recorded(calendar)
        made: list[tuple[Meeting, Minutes]] = []
        for meeting in minuted:
            infos = self.infos[meeting.pk]
            public = services.start_minutes(meeting, by=by)
            made.append((meeting, public))
            secret = None
            if any(info.item.is_confidential for info in infos):
                secret = services.start_minutes(meeting, by=by, confidential=True, classification=AMBER)
                made.append((meeting, secret))
            for info in infos:
                text = self.narrative(calendar, meeting, info)
                target = secret if secret and info.item.is_confidential else public
                services.write_minute(target, info.item, by=by, narrative=text)
        for meeting, minutes in made:
            approval = self.approvals.get(meeting.pk)
            if approval and (approval.at or approval.on):
                services.approve_minutes(minutes, by=by, at_meeting=approval.at, on=approval.on)
                if approval.at:
                    self.approved_at[approval.at.pk] = self.approved_at.get(approval.at.pk, 0) + 1

    def narrative(self, calendar: Calendar, meeting: Meeting, info: Info) -> str:
        code = calendar.body.code
        words = dict(info.words, body=self.docs.body_words[code], Body=self.docs.body_words[code])
        if info.kind == "minutes":
            return self.minutes_narrative(calendar, meeting, info)
        if info.kind == "aob":
            following = calendar.after(meeting, 1)
            aob = self.docs.minutes["aob"]
            options = [aob["always"]]
            if following is not None:
                options.append(fill(aob["next_meeting"], {"next_date": dates.long(following.date)}))
            return str(self.rng.choice(options))
        narrative = self.docs.minutes["narratives"].get(info.kind)
        if narrative is None:
            return fill(self.docs.minutes["other"], words)
        twist = next((name for name, (m, kind) in self.special.items() if m == meeting and kind == info.kind), "")
        text = self.narrate(narrative, words, twist)
        if info.item.brought_forward:
            text = self.docs.minutes["brought_forward"] + text
        return text

    def narrate(self, narrative: dict[str, Any], words: dict[str, str], twist: str) -> str:
        """A narrative of minutes.yaml: its opening, then a chosen option or the twist's text."""
        changed = narrative.get("twists", {}).get(twist, {})
        middle = changed["instead"] if "instead" in changed else self.rng.choice(narrative["options"])
        text = fill(narrative.get("opening", "") + middle, words)
        if "then" in changed:
            text += " " + fill(changed["then"], words)
        return text

    def log_at(self, calendar: Calendar, meeting: Meeting) -> tuple[list[Action], int, int]:
        """The log as reviewed at ``meeting`` (read once, not through ``reports.actions_tables`` for
        each meeting): the actions it closed, and how many stayed open and overdue."""
        if calendar.body.code not in self.logs:
            actions = Action.objects.filter(body=calendar.body).select_related("meeting", "target_meeting")
            self.logs[calendar.body.code] = list(actions.order_by("meeting__starts_at", "sequence"))
        on = meeting.date
        closing, outstanding, overdue = [], 0, 0
        for action in self.logs[calendar.body.code]:
            if action.meeting.starts_at >= meeting.starts_at or (action.closed_on and action.closed_on < on):
                continue
            if action.closed_at_meeting_id == meeting.pk:
                closing.append(action)
            else:
                outstanding += 1
                overdue += bool(action.deadline and action.deadline < on)
        return closing, outstanding, overdue

    def minutes_narrative(self, calendar: Calendar, meeting: Meeting, info: Info) -> str:
        code = calendar.body.code
        body = self.docs.body_words[code]
        # Since the last meeting that reviewed the log (an ad hoc meeting does not).
        earlier = [m for m in calendar.ordinary_held if m.starts_at < meeting.starts_at]
        since = earlier[-1].date if earlier else dt.date.min
        parts = []
        by_number = {m.pk: m for m in calendar.held}
        approved_here = [by_number[pk].number for pk, a in self.approvals.items() if a.at == meeting]
        approved_before = [
            (by_number[pk].number, a.on)
            for pk, a in self.approvals.items()
            if pk in by_number and a.at is None and a.on and since <= a.on < meeting.date
        ]
        for number, on in sorted(approved_before):
            parts.append(
                f"{body} NOTED that the minutes of meeting {number} were approved via ex-committee decision on "
                f"{dates.long(on)}."
            )
        if approved_here:
            numbers = " and ".join(str(n) for n in sorted(approved_here))
            plural = "s" if len(approved_here) > 1 else ""
            parts.append(
                f"The Chair introduced the draft minutes of meeting{plural} {numbers}; no comments had been received "
                "and they were approved as an accurate record."
            )
        closed, outstanding, overdue = self.log_at(calendar, meeting)
        public = [action.reference for action in closed if action.classification == WHITE]
        log = f"SECAS presented the actions log{info.words['paper']}"
        if closed:
            listed = public + [_count(len(closed) - len(public), "confidential action")] * (len(public) < len(closed))
            parts.append(f"{log}. {body} confirmed the closure of {_count(len(closed), 'action')}: {_join(listed)}.")
        else:
            parts.append(f"{log}; no actions were proposed for closure.")
        if outstanding:
            remark = f", {overdue} of them past their date" if overdue else ""
            parts.append(f"{_count(outstanding, 'action')} remained open{remark}; their owners gave updates.")
        for decision in self.ex_committee:
            if decision.body == code and since <= decision.on < meeting.date:
                when = dates.long(decision.on)
                parts.append(f"{body} NOTED its ex-committee decision of {when}: {decision.verb} {decision.text}.")
        return " ".join(parts)

    # Decisions

    def decisions(self, code: str) -> None:
        calendar = self.calendars[code]
        by = self.by(code)
        closed = set(Action.objects.filter(body=calendar.body).values_list("closed_at_meeting", flat=True))
        for meeting in self.recorded(calendar):
            for info in self.infos[meeting.pk]:
                twist = next((n for n, (m, kind) in self.special.items() if m == meeting and kind == info.kind), "")
                # Item 1 already holds the approvals of earlier minutes, made with the minutes.
                position = self.approved_at.get(meeting.pk, 0) if info.kind == "minutes" else 0
                for verb, text, extra in self.decisions_for(info, meeting.pk in closed, twist, code):
                    level = info.item.classification
                    position += 1
                    services.record_decision(
                        position=position,
                        by=by,
                        meeting=meeting,
                        agenda_item=info.item,
                        verb=verb,
                        text=text,
                        classification=level,
                        recipients=list(info.item.recipients.all()) if level == RED else None,
                        **extra,
                    )

    def decisions_for(self, info: Info, closed: bool, twist: str, code: str) -> list[tuple[str, str, dict[str, Any]]]:
        """(verb, text, by-majority fields) for each decision on the item (decisions.yaml)."""
        decisions = self.docs.decisions
        if info.kind == "minutes":
            rows = decisions["minutes_item"]["closed" if closed else "open"]
        elif twist:
            rows = decisions["twists"][twist]
        else:
            rows = decisions["panel" if code == "panel" else "sub_committees"].get(info.kind, ())
        return [(Verb(row["verb"]), fill(row["text"], info.words), self.dissent(row)) for row in rows]

    def dissent(self, row: dict[str, Any]) -> dict[str, Any]:
        return {"by_majority": True, "dissent": row["dissent"]} if "dissent" in row else {}
