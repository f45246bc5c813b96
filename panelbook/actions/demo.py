"""Actions, decisions and minutes for the demo dataset (``panelbook load_demo``).

Loaded after ``governance.demo``, in the same transaction, onto the meetings it laid out:

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

Everything is invented. Given the same governance demo (loaded on the same day) the result is
the same: every choice comes from a seeded ``random.Random`` and records are visited in a
fixed order. Records are made through ``actions.services``, so validation and history apply
as for records made in the web pages. ``reopen_action`` dates its update today; that one date
is set back to the meeting where the action was reopened.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from panelbook.actions import services
from panelbook.actions.models import Action, ActionUpdate, Decision, MinuteEntry, Minutes, Verb
from panelbook.core.classification import Classification
from panelbook.core.models import User
from panelbook.governance import demo as governance_demo
from panelbook.governance.models import AgendaItem, Body, Meeting, Organisation, Paper, Person

SEED = 20261122
WHITE = Classification.WHITE
AMBER = Classification.AMBER
RED = Classification.RED
DAY = dt.timedelta(days=1)

# The bodies that get actions and decisions; the Panel's minutes always, these bodies' too.
SUB_COMMITTEES = ("tabasc", "opsg", "ssc")
MINUTED_SUB_COMMITTEES = ("tabasc",)
BODY_WORDS = {"panel": "The Panel", "tabasc": "TABASC", "opsg": "OPSG", "ssc": "The SSC"}


def counts() -> dict[str, int]:
    return {
        "actions": Action.objects.count(),
        "action updates": ActionUpdate.objects.count(),
        "decisions": Decision.objects.count(),
        "minutes": Minutes.objects.count(),
        "minute entries": MinuteEntry.objects.count(),
    }


def load(now: dt.datetime | None = None) -> dict[str, int]:
    """Add the actions, decisions and minutes to a freshly loaded governance demo; returns counts."""
    with transaction.atomic():
        if Action.objects.exists() or Decision.objects.exists() or Minutes.objects.exists():
            raise governance_demo.DemoConflict("The database already holds actions, decisions or minutes.")
        _Builder(now or timezone.now()).run()
        return counts()


# Dates -------------------------------------------------------------------------------------------


def _long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _next_release(day: dt.date) -> str:
    """The next SEC Release after ``day``: releases are in February, June and November."""
    for months in range(1, 13):
        month = _add_months(day, months)
        if month.month in (2, 6, 11):
            return f"{month:%B %Y}"
    raise AssertionError("unreachable")


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _weekday(day: dt.date, low: dt.date, high: dt.date) -> dt.date:
    """``day`` kept within [low, high] and moved off a weekend when the bounds allow."""
    day = min(max(day, low), high)
    for step in (-DAY, DAY):
        moved = day
        while moved.weekday() >= 5 and low <= moved + step <= high:
            moved += step
        if moved.weekday() < 5:
            return moved
    return day


# What kind of agenda item this is ----------------------------------------------------------------

# (text in the title, kind); the first match wins.
KINDS: tuple[tuple[str, str], ...] = (
    ("Minutes and Actions Outstanding", "minutes"),
    ("Initial Modification Report", "imr"),
    ("Change Status Report", "csr"),
    ("SEC Modification Timetables", "timetables"),
    ("DCC Update", "dcc"),
    ("Sub-Committee Report", "screport"),
    ("Operations Report", "ops"),
    ("DCC Performance Measurement Report", "perf"),
    ("Risk and Issues Register", "risk"),
    ("Operational Performance Regime", "opr"),
    ("Consumer Insight", "consumer"),
    ("Ofgem and DESNZ", "government"),
    ("Any Other Business", "aob"),
    ("Draft SEC Panel Budget", "budget_draft"),
    ("Budget – consultation", "budget_consult"),
    ("Approved Budget", "budget"),
    ("Panel Information Policy", "pip"),
    ("Terms of Reference", "tor"),
    ("implementation readiness", "release"),
    ("SECAS annual performance", "secas"),
    ("– results", "results"),
    ("Panel elections", "elections"),
    ("Panel priorities", "priorities"),
    ("SEC Release schedule", "schedule"),
    ("Independent Panel Chair", "chair"),
    ("Urgent Modification Proposal", "urgent"),
    ("Ofgem view on urgency", "urgency_view"),
    ("Modifications – technical review", "tab_mods"),
    ("Business Architecture Document", "bad"),
    ("Technical Architecture Document", "tad"),
    ("Network Evolution", "ne"),
    ("TABASC Risk Register", "tab_risk"),
    ("Major Incident reviews", "incidents"),
    ("Communications Hub performance", "chub"),
    ("Planned maintenance", "maintenance"),
    ("User Security Assessments – assurance", "usa"),
    ("Security Controls Framework", "scf"),
    ("Anomaly Detection", "anomaly"),
    ("User Security Assessment follow-up", "usa_follow"),
    ("Director's Letters – summary", "letters_summary"),
    ("Director's Letters", "letters"),
    ("CPA Monitoring", "cpa"),
    ("Post-Commissioning", "pcr"),
    ("Security Risk Register", "sec_risk"),
    ("Standards Review", "standards"),
    ("HAN device vulnerability", "han"),
    ("Affected installations", "affected"),
)


def _kind(title: str) -> str:
    return next((kind for needle, kind in KINDS if needle in title), "other")


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


# Action templates ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    key: str
    text: str  # "SECAS to …"; may use the item's words: {mod}, {period}, {release} …
    owner: str
    org: str | None = None  # organisation key (governance demo)
    body: str | None = None  # owning body code
    person: str | None = None  # person key (governance demo)
    progress: tuple[str, ...] = ()
    done: str = "Complete; proposed to close."
    cite: str = ""  # kind of a later item whose paper an update cites
    cited: str = ""  # that update's text; {ref} is the paper reference
    late: str = ""  # the update when the action has missed its date
    once: bool = False  # not repeated at a later meeting
    always: bool = False  # raised whenever the item is on the agenda
    closes_after: int = 0  # meetings until it is closed, when not left to chance


def _t(key: str, text: str, owner: str = "SECAS", **fields) -> Template:
    if owner == "SECAS":
        fields.setdefault("org", "secas")
    elif owner == "DCC":
        fields.setdefault("org", "dcc")
    return Template(key, text, owner, **fields)


PANEL_TEMPLATES: dict[str, tuple[Template, ...]] = {
    "imr": (
        _t(
            "imr-mwg",
            "SECAS to take {mod} to the Modifications Working Group and report the Working Group's first "
            "views to the Panel.",
            person="megan",
            progress=(
                "The Working Group discussed {mod} and asked the Proposer to narrow the solution before costs "
                "are sought.",
            ),
            done="The Working Group's first views were reported to the Panel.",
            cite="csr",
            cited="The Working Group's views on {mod} are summarised in {ref}.",
        ),
        _t(
            "imr-pa",
            "SECAS to ask the DCC for a Preliminary Assessment of {mod}, covering cost and lead time.",
            person="megan",
            progress=("Request sent; the DCC expects to respond within 20 Working Days.",),
            done="The DCC's Preliminary Assessment was received and shared with the Working Group.",
        ),
        _t(
            "imr-scope",
            "SECAS to check with the Proposer of {mod} whether it should be taken forward with the other open "
            "changes to the same SEC Section.",
            person="oliver",
            done="The Proposer prefers to keep {mod} separate; the Working Group will watch for overlaps.",
        ),
    ),
    "csr": (
        _t(
            "csr-ageing",
            "SECAS to show in future Change Status Reports how long each open proposal has spent in its current phase.",
            person="oliver",
            progress=("A revised layout has been drafted and will be trialled next month.",),
            done="The new layout is now used in the Change Status Report.",
            cite="csr",
            cited="The new layout was used for the first time in {ref}.",
            once=True,
        ),
    ),
    "timetables": (
        _t(
            "tt-ia",
            "The DCC to confirm the date it will deliver the Impact Assessment for {mod}.",
            "DCC",
            person="priya",
            progress=("The DCC is finalising the cost estimate with its Service Providers.",),
            done="The DCC confirmed the date and the timetable now reflects it.",
            cite="timetables",
            cited="The confirmed Impact Assessment date is reflected in {ref}.",
            late="The DCC has not yet confirmed a date; SECAS has escalated to the DCC's Director of Regulation.",
        ),
    ),
    "dcc": (
        _t(
            "dcc-lessons",
            "The DCC to take the lessons learned from the most significant incident of {period} to OPSG and "
            "summarise them for the Panel.",
            "DCC",
            person="richard",
            progress=("OPSG reviewed the DCC's root-cause analysis; two corrective actions are still in progress.",),
            done="The DCC summarised the lessons learned in its update to the Panel.",
            cite="dcc",
            cited="The lessons learned are summarised in {ref}.",
        ),
        _t(
            "dcc-restore",
            "The DCC to explain why Category 2 incidents are taking longer to resolve than a year ago, and what "
            "it will change.",
            "DCC",
            person="mark",
            progress=("The DCC is analysing resolution times by Service Provider.",),
            done="The DCC presented its analysis; resolution times are back within target.",
            cite="perf",
            cited="Resolution times are analysed in {ref}.",
            once=True,
        ),
    ),
    "screport": (
        _t(
            "sc-sip",
            "OPSG to review the DCC's Service Improvement Plan for the concern the Panel endorsed in {month} and "
            "report back.",
            "OPSG",
            org=None,
            body="opsg",
            person="jennifer",
            progress=("OPSG reviewed the plan and asked the DCC for firmer dates.",),
            done="OPSG is content with the revised plan; progress will be tracked in the Sub-Committee Report.",
            cite="screport",
            cited="OPSG's review is reported in {ref}.",
        ),
        _t(
            "sc-tad",
            "TABASC to advise whether the modifications in the {release} SEC Release need changes to the "
            "Technical Architecture Document.",
            "TABASC",
            org=None,
            body="tabasc",
            person="paul",
            progress=("TABASC has reviewed two of the modifications; no changes are needed so far.",),
            done="TABASC confirmed that one minor change is needed and will be made with the release.",
        ),
        _t(
            "sc-letter",
            "SECAS to write to the DCC on the Panel's behalf setting out the OPSG concern the Panel endorsed.",
            person="victoria",
            done="Letter sent; the DCC has acknowledged it and will respond through OPSG.",
        ),
    ),
    "ops": (
        _t(
            "ops-topics",
            "SECAS to break down enquiries by topic in future Operations Reports.",
            person="rachel",
            done="Included from this month's Operations Report.",
            cite="ops",
            cited="The breakdown by topic is in {ref}.",
            once=True,
        ),
        _t(
            "ops-uep",
            "SECAS to remind Parties part-way through the User Entry Process which documents they still need to "
            "provide.",
            person="rachel",
            done="Reminders sent to every Party with an open application.",
        ),
    ),
    "perf": (
        _t(
            "perf-plan",
            "The DCC to give OPSG a recovery plan, with dates, for the Code Performance Measures below target in "
            "{period}.",
            "DCC",
            person="mark",
            progress=("The DCC shared a draft plan; OPSG asked for a date for each measure.",),
            done="OPSG accepted the recovery plan.",
            cite="perf",
            cited="Progress against the recovery plan is shown in {ref}.",
            late="The plan is late: the DCC is waiting for its Service Provider's dates.",
        ),
    ),
    "risk": (
        _t(
            "risk-new",
            "SECAS to record the new risk agreed today with an owner and mitigations, and report its rating at the "
            "next quarterly review.",
            person="imran",
            progress=("Owner agreed; mitigations are being drafted with the DCC.",),
            done="The risk is on the register with its owner and mitigations.",
            cite="risk",
            cited="The rating is reported in {ref}.",
            always=True,
        ),
    ),
    "opr": (
        _t(
            "opr-share",
            "The DCC to share its proposed reweighting of the Operational Performance Regime measures with Panel "
            "Members before submitting it to Ofgem.",
            "DCC",
            person="richard",
            done="Shared with Panel Members; their comments were passed to the DCC.",
        ),
    ),
    "consumer": (
        _t(
            "ci-data",
            "Citizens Advice and SECAS to agree how anonymised case data can be shared with OPSG.",
            "Citizens Advice",
            org="ca",
            person="eleanor",
            progress=("A draft data-sharing note is with Citizens Advice's legal team.",),
            done="Note agreed; the first anonymised data went to OPSG.",
            once=True,
        ),
        _t(
            "ci-ihd",
            "OPSG to look at in-home display connection losses after a change of supplier and say whether a "
            "modification is needed.",
            "OPSG",
            org=None,
            body="opsg",
            person="jennifer",
            progress=("OPSG has asked three Suppliers for installation data.",),
            done="OPSG found no Code change is needed; guidance to Suppliers will be issued instead.",
            once=True,
        ),
    ),
    "government": (
        _t(
            "gov-consult",
            "SECAS to circulate the DESNZ consultation on smart metering data access to Panel Members and propose "
            "how the Panel will respond.",
            person="hannah",
            progress=("Circulated; three Panel Members have offered to draft a response.",),
            done="The Panel's response was agreed ex-committee and submitted.",
            once=True,
        ),
        _t(
            "gov-brief",
            "SECAS to invite Ofgem to brief the Panel on its review of code governance.",
            person="hannah",
            done="Ofgem will brief the Panel at the next meeting.",
            once=True,
        ),
    ),
    "budget_draft": (
        _t(
            "budget-consult",
            "SECAS to issue the draft budget for consultation with SEC Parties for four weeks.",
            person="victoria",
            done="Consultation issued; responses are due before the next meeting.",
            always=True,
        ),
        _t(
            "budget-usa",
            "SECAS to give more detail on User Security Assessment costs in the consultation document.",
            person="victoria",
            done="Detail added to the consultation document.",
        ),
    ),
    "budget_consult": (
        _t(
            "budget-reply",
            "SECAS to reply to the Parties who asked for more detail on assurance costs.",
            person="victoria",
            done="Replies sent.",
        ),
    ),
    "budget": (
        _t(
            "budget-publish",
            "SECAS to publish the Approved Budget on the SEC website by 1 April.",
            person="victoria",
            done="Published on the SEC website.",
            always=True,
        ),
    ),
    "pip": (
        _t(
            "pip-publish",
            "SECAS to publish the updated Panel Information Policy and brief the Sub-Committee Chairs on the changes.",
            person="hannah",
            done="Published; the Sub-Committee Chairs were briefed.",
            always=True,
        ),
    ),
    "tor": (
        _t(
            "tor-publish",
            "SECAS to publish the revised Terms of Reference on the Sub-Committee pages of the SEC website.",
            person="hannah",
            done="Published.",
        ),
    ),
    "release": (
        _t(
            "rel-confirm",
            "The DCC to confirm to SECAS when the {release} SEC Release has been deployed and report any issues "
            "found after implementation.",
            "DCC",
            person="grace",
            done="The DCC confirmed deployment; no issues above low severity were reported.",
            cite="dcc",
            cited="The post-implementation status is reported in {ref}.",
            always=True,
        ),
    ),
    "secas": (
        _t(
            "secas-plan",
            "SECAS to bring an improvement plan responding to Panel Members' feedback on its performance.",
            person="victoria",
            progress=("SECAS has met the Chair to agree the plan's priorities.",),
            done="The improvement plan was shared with Panel Members.",
            always=True,
        ),
    ),
    "elections": (
        _t(
            "elec-notify",
            "SECAS to publish the election timetable and tell all SEC Parties that nominations are open.",
            person="hannah",
            done="Timetable published and Parties notified.",
        ),
    ),
    "results": (
        _t(
            "elec-induct",
            "SECAS to hold an induction session for the new Panel Members.",
            person="hannah",
            done="Induction held.",
        ),
    ),
    "priorities": (
        _t(
            "prio-plan",
            "SECAS to turn the agreed priorities into a forward work plan and present it with the draft budget.",
            person="victoria",
            done="The work plan was presented with the draft budget.",
            cite="budget_draft",
            cited="The work plan is annexed to {ref}.",
        ),
    ),
    "schedule": (
        _t(
            "sched-publish",
            "SECAS to publish the agreed SEC Release schedule and its scope cut-off dates.",
            person="oliver",
            done="Published on the SEC website.",
        ),
    ),
    "chair": (
        _t(
            "chair-interviews",
            "SECAS to arrange interviews with the shortlisted candidates and report the recommended appointment to "
            "the named recipients.",
            person="victoria",
            progress=("Interviews arranged; the interview panel has the candidates' papers.",),
            done="Interviews held; the recommendation has gone to the named recipients.",
            always=True,
            closes_after=2,
        ),
    ),
    "urgent": (
        _t(
            "urgent-ofgem",
            "SECAS to send the Panel's request for urgent treatment of {mod}U to Ofgem today.",
            person="oliver",
            done="Sent the same day; Ofgem agreed to urgent treatment two days later.",
            always=True,
        ),
        _t(
            "urgent-parties",
            "SECAS to tell SEC Parties about the urgent proposal and its timetable.",
            person="megan",
            done="Parties were told through the SEC website and by email.",
            always=True,
        ),
    ),
}

# Raised once each, at a chosen meeting, to show how the log carries actions.
LONG_RUNNING = _t(
    "long-regional",
    "The DCC to publish Communications Hub installation success rates by region each month, in a form agreed "
    "with OPSG.",
    "DCC",
    person="mark",
    progress=(
        "The DCC proposed a regional breakdown; OPSG asked for regions that match the Communications Hub "
        "Service Provider areas.",
        "The DCC is changing its reporting system; the first regional figures are expected next quarter.",
        "Trial figures were shared with OPSG; two regions' data need correcting.",
        "The DCC has asked for more time while the change to its reporting system is tested.",
        "OPSG reviewed corrected figures; publication waits for the DCC's data-quality sign-off.",
    ),
    cite="dcc",
    cited="Trial regional figures are summarised in {ref}.",
    late="Overdue: the DCC now expects to publish the first figures before the next meeting.",
)
MEDIUM_RUNNING = _t(
    "elections-simpler",
    "SECAS to work with Ofgem on options to simplify the Panel election process and bring proposals to the Panel.",
    person="hannah",
    progress=(
        "SECAS has compared the election rules of three other industry codes.",
        "Options discussed with Ofgem; a modification may be needed for one of them.",
        "Draft proposals are with the Chair and will come to the Panel at its next meeting.",
    ),
)
REOPENED = _t(
    "ops-register",
    "SECAS to publish the refreshed Party Details register on the SEC website and point Parties to it in the "
    "next newsletter.",
    person="rachel",
    done="Published on the website and included in the newsletter.",
)
REOPEN_REASON = "two Parties that acceded recently were missing from the published register; SECAS will republish it."
OVERDUE = _t(
    "dcc-fix-date",
    "The DCC to confirm when the fix for delayed Service Request responses will be deployed.",
    "DCC",
    person="mark",
    progress=("The DCC is testing the fix with its Service Provider.",),
    late="Not confirmed by the agreed date; the DCC expects to give a date at the next meeting.",
)

SPECIAL_KEYS = {LONG_RUNNING.key, MEDIUM_RUNNING.key, REOPENED.key, OVERDUE.key}

SUB_TEMPLATES: dict[str, tuple[Template, ...]] = {
    "tab_mods": (
        _t(
            "tab-tad",
            "SECAS to draft the Technical Architecture Document changes needed for {mod} and circulate them to "
            "members for comment.",
            person="chloe",
            progress=("Draft changes prepared; waiting for the DCC's review.",),
            done="Draft changes circulated; no comments were received.",
        ),
        _t(
            "tab-fw",
            "The DCC to confirm whether {mod} affects the Communications Hub firmware roadmap.",
            "DCC",
            person="lena",
            done="The DCC confirmed there is no firmware impact.",
        ),
    ),
    "bad": (
        _t(
            "tab-bad",
            "SECAS to publish the approved Business Architecture Document changes with the {release} SEC Release "
            "documents.",
            person="chloe",
            done="Published with the release documents.",
        ),
    ),
    "tad": (
        _t(
            "tab-tad-pub",
            "The DCC to issue the updated Technical Architecture Document to Users with a summary of the changes.",
            "DCC",
            person="lena",
            done="Issued to Users.",
        ),
    ),
    "ne": (
        _t(
            "tab-ne",
            "The DCC to bring the design decision on {programme} to TABASC before it is finalised.",
            "DCC",
            person="lena",
            progress=("The DCC expects the design decision next month.",),
            done="The design decision was presented and TABASC had no objections.",
        ),
    ),
    "tab_risk": (
        _t(
            "tab-risk",
            "SECAS to re-rate the interoperability risk after the DCC's design review.",
            person="chloe",
            done="Re-rated as medium after the design review.",
        ),
    ),
    "perf": (
        _t(
            "opsg-variants",
            "The DCC to break down Service Request response times by Service Request Variant in its next report.",
            "DCC",
            person="mark",
            done="Included in the latest report.",
        ),
        _t(
            "opsg-recovery",
            "The DCC to explain the measures below target in {period} and when each will recover.",
            "DCC",
            person="mark",
            progress=("Explanation drafted; waiting for the Service Provider's dates.",),
            done="Explained at the meeting; OPSG accepted the recovery dates.",
        ),
    ),
    "incidents": (
        _t(
            "opsg-rca",
            "The DCC to circulate the full root-cause report for the incident reviewed today and confirm when the "
            "corrective actions will be complete.",
            "DCC",
            person="mark",
            progress=("The report is with the DCC's Service Provider for a factual check.",),
            done="Report circulated; corrective actions are due to finish next month.",
        ),
    ),
    "chub": (
        _t(
            "opsg-chub",
            "The DCC to share the milestones of the north region Service Improvement Plan with OPSG members.",
            "DCC",
            person="mark",
            done="Milestones shared.",
        ),
    ),
    "maintenance": (
        _t(
            "opsg-maint",
            "The DCC to publish the revised planned maintenance dates to all Users at least a month ahead.",
            "DCC",
            person="mark",
            done="Published on the DCC's service portal.",
        ),
    ),
    "usa": (
        _t(
            "ssc-confirm",
            "SECAS to write to each assessed User confirming the status set today and any remediation deadlines.",
            person="ben",
            done="Letters sent to all the Users assessed.",
        ),
    ),
    "scf": (
        _t(
            "ssc-ai",
            "SECAS to publish the new Agreed Interpretations on the SEC website.",
            person="ben",
            done="Published.",
        ),
    ),
    "anomaly": (
        _t(
            "ssc-thresholds",
            "The DCC to propose revised anomaly detection thresholds for the two Service Requests discussed.",
            "DCC",
            person="neil",
            progress=("The DCC is modelling the effect of the new thresholds on alert volumes.",),
            done="Revised thresholds proposed and agreed by the SSC.",
        ),
    ),
    "letters": (
        _t(
            "ssc-verify",
            "SECAS to book follow-up verification assessments for the Users whose Director's Letters reported "
            "significant changes.",
            person="ben",
            done="Assessments booked with the User Competent Independent Organisation.",
        ),
    ),
    "cpa": (
        _t(
            "ssc-cpa",
            "SECAS to remind Suppliers of the CPA certificates that expire within six months.",
            person="ben",
            done="Reminders sent.",
        ),
    ),
    "pcr": (
        _t(
            "ssc-pcr",
            "The DCC to report which Suppliers have not answered post-commissioning notifications.",
            "DCC",
            person="neil",
            done="Reported to the SSC; SECAS is following up with two Suppliers.",
        ),
    ),
}


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


class _Builder:
    def __init__(self, now: dt.datetime) -> None:
        self.today = timezone.localdate(now)
        self.rng = random.Random(SEED)
        names = {name: key for key, name, *_ in governance_demo.PEOPLE}
        self.people = {
            names[p.name]: p for p in Person.objects.select_related("user", "organisation") if p.name in names
        }
        org_names = {name: key for key, name, *_ in governance_demo.ORGANISATIONS}
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
        return self.people[governance_demo.BODY_SPECS[code].secretary].user

    def run(self) -> None:
        for code in ("panel", *SUB_COMMITTEES):
            self.calendars[code] = self.calendar(code)
        self.plan_twists()
        for code in ("panel", *SUB_COMMITTEES):
            self.actions(code)
        for code in ("panel", *MINUTED_SUB_COMMITTEES):
            self.minutes(code)
        for code in ("panel", *SUB_COMMITTEES):
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
        period = f"{_add_months(date, -1):%B %Y}"
        person = item.presenter
        organisation = item.presenter_organisation or (person.organisation if person else None)
        who = person.name if person else ""
        if who and organisation:
            who = f"{who} ({organisation.short_name or organisation.name})"
        raiser = re.match(r"(.+?) raised MP\d+", paper.summary) if paper else None
        words = {
            "mod": mods[0] if mods else "the modification",
            "mod2": mods[1] if len(mods) > 1 else (mods[0] if mods else "the modification"),
            "release": release.group(1) if release else _next_release(date),
            "programme": programme.group(1) if programme else "the network evolution programme",
            "period": period,
            "month": f"{date:%B %Y}",
            "next_month": f"{_add_months(date, 1):%B %Y}",
            "who": who or "SECAS",
            "ref": paper.reference if paper else "",
            "paper": f" ({paper.reference})" if paper else "",
            "raiser": raiser.group(1) if raiser else "its Proposer",
            "year": str(date.year + 1),
        }
        return Info(item, _kind(item.title), paper, words)

    def find(self, meeting: Meeting, kind: str) -> Info | None:
        return next((info for info in self.infos[meeting.pk] if info.kind == kind), None)

    # The decisions and approvals that are not routine, chosen before anything is written

    def plan_twists(self) -> None:
        panel = self.calendars["panel"]
        ordinary = panel.ordinary_held
        held = panel.held
        # Minutes: approved at the next ordinary meeting; ad hoc ones and one ordinary ex-committee.
        for code in ("panel", *MINUTED_SUB_COMMITTEES):
            minuted = self.recorded(self.calendars[code])
            for meeting in minuted[:-1]:
                later = [m for m in minuted if m.starts_at > meeting.starts_at and m.kind == Meeting.Kind.ORDINARY]
                self.approvals[meeting.pk] = Approval(at=later[0]) if later else Approval()
        for meeting in held[:-1]:
            if meeting.kind == Meeting.Kind.AD_HOC:
                self.approvals[meeting.pk] = Approval(on=self.working_day(meeting.date + 7 * DAY))
        by_correspondence = ordinary[-9]
        self.approvals[by_correspondence.pk] = Approval(on=self.working_day(by_correspondence.date + 16 * DAY))

        # By majority: the first draft budget, and one modification's path.
        budget = next(m for m in ordinary if self.find(m, "budget_draft"))
        self.special["majority_budget"] = (budget, "budget_draft")
        self.special["majority_path"] = (ordinary[-5], "imr")
        # Deferred at a meeting, then decided ex-committee.
        deferred = ordinary[-6]
        self.special["deferred"] = (deferred, "timetables")
        mod = self.find(deferred, "timetables").words["mod"]
        self.ex_committee += [
            ExCommittee(
                "panel",
                self.working_day(deferred.date + 9 * DAY),
                Verb.APPROVED,
                f"the revised timetable for {mod}, once the DCC had confirmed the Impact Assessment date",
            ),
            ExCommittee(
                "panel",
                self.working_day(ordinary[-11].date + 12 * DAY),
                Verb.AGREED,
                "the Panel's response to the DESNZ consultation on smart metering data access",
            ),
            ExCommittee(
                "panel",
                self.working_day(ordinary[-15].date + 10 * DAY),
                Verb.APPROVED,
                "a further one-year term for the Operations Group Chair",
            ),
        ]
        tabasc = self.calendars["tabasc"].held
        if len(tabasc) > 3:
            self.ex_committee.append(
                ExCommittee(
                    "tabasc",
                    self.working_day(tabasc[-3].date + 12 * DAY),
                    Verb.APPROVED,
                    "minor corrections to the Technical Architecture Document ahead of the next SEC Release",
                )
            )
        self.ex_committee.sort(key=lambda d: (d.on, d.body))

    def recorded(self, calendar: Calendar) -> list[Meeting]:
        """Held meetings with their business recorded: all the Panel's; a Sub-Committee's recent ones
        (the governance demo gives its older meetings only a short agenda, as if before the system)."""
        if calendar.body.code == "panel":
            return calendar.held
        return [m for m in calendar.held if len(self.infos[m.pk]) > 2]

    def working_day(self, day: dt.date) -> dt.date:
        while day.weekday() >= 5:
            day += DAY
        return day

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

    def panel_plans(self, calendar: Calendar) -> list[Plan]:
        ordinary = calendar.ordinary_held
        latest = calendar.latest
        long_at = [m for m in ordinary if m.date <= latest.date - 400 * DAY][-1]
        specials = {
            long_at.pk: [("dcc", LONG_RUNNING, {"closes_after": None, "due_date": long_at.date + 91 * DAY})],
            ordinary[-8].pk: [("government", MEDIUM_RUNNING, {"closes_after": None, "target": calendar.next})],
            ordinary[-4].pk: [("ops", REOPENED, {"closes_after": 1, "reopen": True})],
            ordinary[-3].pk: [
                ("perf", OVERDUE, {"closes_after": None, "due_date": ordinary[-2].date + 7 * DAY}),
            ],
        }
        plans: list[Plan] = []
        used: set[str] = set()
        previous_keys: set[str] = set()
        for meeting in calendar.held:
            infos = self.infos[meeting.pk]
            options = [(info, t) for info in infos for t in PANEL_TEMPLATES.get(info.kind, ())]
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
            for kind, template, extra in specials.get(meeting.pk, ()):
                info = self.find(meeting, kind)
                made.append(Plan(meeting, info, template, updates_every=3 if template is LONG_RUNNING else 2, **extra))
            made.sort(key=lambda p: (p.info.item.position, p.info.item.number))
            for sequence, plan in enumerate(made, start=1):
                plan.sequence = sequence
            # The next meeting's tables need an action closed at the latest meeting and one
            # proposed to close since: the first action of each of the last two meetings.
            if meeting in ordinary[-2:]:
                routine = [
                    p for p in made if p.template.key not in SPECIAL_KEYS and p.info.item.classification == WHITE
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
                for t in SUB_TEMPLATES.get(info.kind, ())
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
            owner_organisation=self.orgs.get(template.org or ""),
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
            proposed = _weekday(proposed, low, closing.date - DAY)
        elif closing is not None and closing == calendar.next:
            proposed = min(self.today, latest.date + self.rng.randint(3, 12) * DAY)
            proposed = _weekday(proposed, max(meeting.date, latest.date), self.today)
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
            day = _weekday(later.date - self.rng.randint(2, 7) * DAY, first_day, min(stop, later.date - DAY))
            updates.append((day, progress.pop(0), []))
        if not between and progress and closing is None and stop - meeting.date >= 3 * DAY:
            day = _weekday(meeting.date + self.rng.randint(2, 10) * DAY, first_day, stop)
            updates.append((day, progress.pop(0), []))
        cited = self.cited_paper(calendar, plan, stop)
        if cited is not None:
            updates.append((cited.paper_date, template.cited.format(**dict(words, ref=cited.reference)), [cited]))
        deadline = plan.due_date or (plan.target.date if plan.target else None)
        if closing is None and deadline and deadline < self.today and calendar.next and deadline < calendar.next.date:
            late = template.late or "Not complete by the agreed date; {owner} expects to report at the next meeting."
            # Said at (or just after) the latest meeting, where the log was reviewed.
            day = _weekday(max(deadline + DAY, latest.date + self.rng.randint(0, 3) * DAY), first_day, self.today)
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
            services.reopen_action(action, by=by, reason=REOPEN_REASON)
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
                target = secret if info.item.is_confidential else public
                services.write_minute(target, info.item, by=by, narrative=text)
        for meeting, minutes in made:
            approval = self.approvals.get(meeting.pk)
            if approval and (approval.at or approval.on):
                services.approve_minutes(minutes, by=by, at_meeting=approval.at, on=approval.on)
                if approval.at:
                    self.approved_at[approval.at.pk] = self.approved_at.get(approval.at.pk, 0) + 1

    def narrative(self, calendar: Calendar, meeting: Meeting, info: Info) -> str:
        code = calendar.body.code
        words = dict(info.words, body=BODY_WORDS[code], Body=BODY_WORDS[code])
        if info.kind == "minutes":
            return self.minutes_narrative(calendar, meeting, info)
        if info.kind == "aob":
            following = calendar.after(meeting, 1)
            options = ["No other business was raised."]
            if following is not None:
                options.append(f"The Chair reminded Members that the next meeting would be on {_long(following.date)}.")
            return self.rng.choice(options)
        writer = NARRATIVES.get(info.kind)
        if writer is None:
            return f"{words['who']} presented the item{words['paper']}. {words['body']} NOTED the update."
        twist = next((name for name, (m, kind) in self.special.items() if m == meeting and kind == info.kind), "")
        text = writer(self.rng, words, twist)
        if info.item.brought_forward:
            text = "This item was taken early so that the observers could leave. " + text
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
        body = BODY_WORDS[code]
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
                f"{_long(on)}."
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
                parts.append(
                    f"{body} NOTED its ex-committee decision of {_long(decision.on)}: {decision.verb} {decision.text}."
                )
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

    def decisions_for(self, info: Info, closed: bool, twist: str, code: str) -> list[tuple[str, str, dict]]:
        w = info.words
        kind = info.kind
        if kind == "minutes":
            if closed:
                return [(Verb.AGREED, "that the actions marked Propose to Close are closed", {})]
            return [(Verb.NOTED, "the progress on the actions outstanding", {})]
        if twist == "majority_budget":
            dissent = {"by_majority": True, "dissent": "two Panel Members did not agree"}
            return [(Verb.APPROVED, "the draft budget for consultation with SEC Parties", dissent)]
        if twist == "majority_path":
            dissent = {
                "by_majority": True,
                "dissent": "two Panel Members did not agree, preferring that Ofgem determine the proposal",
            }
            return [
                (Verb.AGREED, f"that {w['mod']} progresses to the Refinement Process", {}),
                (Verb.AGREED, "the Self-Governance path and the proposed timetable", dissent),
            ]
        if twist == "deferred":
            text = f"its decision on the revised timetable for {w['mod']} until the DCC confirms the date of its "
            text += "Impact Assessment"
            return [(Verb.DEFERRED, text, {})]
        table = PANEL_DECISIONS if code == "panel" else SUB_DECISIONS
        return [(verb, text.format(**w), {}) for verb, text in table.get(kind, ())]


# What was decided, by kind of item ----------------------------------------------------------------

PANEL_DECISIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "imr": ((Verb.AGREED, "that {mod} progresses to the Refinement Process as a Self-Governance Modification"),),
    "csr": ((Verb.NOTED, "the Change Status Report"),),
    "timetables": ((Verb.AGREED, "the revised timetable for {mod}"),),
    "dcc": ((Verb.NOTED, "the DCC update, including the Major Incident reporting"),),
    "screport": (
        (Verb.NOTED, "the SEC Panel Sub-Committee Report"),
        (Verb.ENDORSED, "the concerns raised by OPSG"),
    ),
    "ops": ((Verb.NOTED, "the Operations Report"),),
    "perf": ((Verb.NOTED, "the DCC Performance Measurement Report for {period}"),),
    "risk": ((Verb.AGREED, "the proposed changes to the Risk and Issues Register, including the new risk"),),
    "opr": ((Verb.DISCUSSED, "the DCC's proposed reweighting of its Operational Performance Regime measures"),),
    "consumer": ((Verb.DISCUSSED, "the findings of the Consumer Insight Update"),),
    "budget_draft": ((Verb.APPROVED, "the draft budget for consultation with SEC Parties"),),
    "budget_consult": ((Verb.AGREED, "the changes to the budget proposed in response to the consultation"),),
    "budget": ((Verb.APPROVED, "the budget for publication as the Approved Budget"),),
    "pip": ((Verb.APPROVED, "the updated Panel Information Policy"),),
    "tor": ((Verb.APPROVED, "the revised Sub-Committee Terms of Reference"),),
    "release": ((Verb.AGREED, "that the {release} SEC Release goes ahead as planned"),),
    "secas": ((Verb.DISCUSSED, "SECAS's performance over the last year"),),
    "elections": ((Verb.NOTED, "the election timetable and the seats open for nomination"),),
    "results": ((Verb.NOTED, "the election results"),),
    "priorities": ((Verb.AGREED, "the Panel's priorities for {year}"),),
    "schedule": ((Verb.APPROVED, "the SEC Release schedule for {year}"),),
    "chair": ((Verb.AGREED, "the shortlist and the interview panel for the Independent Panel Chair"),),
    "urgent": (
        (Verb.AGREED, "to ask Ofgem to treat {mod}U as an Urgent Modification Proposal"),
        (Verb.AGREED, "the proposed timetable, subject to Ofgem's decision"),
    ),
    "urgency_view": ((Verb.NOTED, "Ofgem's view on urgency"),),
}
SUB_DECISIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "tab_mods": ((Verb.DISCUSSED, "the technical impact of {mod} and the other modifications reviewed"),),
    "bad": ((Verb.APPROVED, "the changes to the Business Architecture Document"),),
    "tad": ((Verb.APPROVED, "the updated Technical Architecture Document"),),
    "ne": ((Verb.NOTED, "the DCC Network Evolution update"),),
    "tab_risk": ((Verb.AGREED, "the proposed closures in the TABASC Risk Register"),),
    "perf": ((Verb.NOTED, "the DCC Performance Measurement Report for {period}"),),
    "incidents": ((Verb.ENDORSED, "the DCC's corrective actions after the incident reviewed"),),
    "chub": ((Verb.NOTED, "the Communications Hub performance update"),),
    "maintenance": ((Verb.NOTED, "the planned maintenance schedule"),),
    "usa": ((Verb.SET_STATUS, "of each User assessed, as recommended in the paper"),),
    "scf": ((Verb.APPROVED, "the new Agreed Interpretations for publication"),),
    "anomaly": ((Verb.NOTED, "the Anomaly Detection Thresholds Report"),),
    "usa_follow": ((Verb.AGREED, "to ask the User for a Director's Letter confirming its remediation plan"),),
    "letters": ((Verb.NOTED, "the Director's Letters received"), (Verb.AGREED, "the follow-up assessments")),
    "letters_summary": ((Verb.APPROVED, "the anonymised summary for publication"),),
    "cpa": ((Verb.NOTED, "the CPA Monitoring Report"),),
    "pcr": ((Verb.NOTED, "the Post-Commissioning Report"),),
    "sec_risk": ((Verb.AGREED, "the re-rating of two security risks"),),
    "standards": ((Verb.NOTED, "the quarterly Standards Review"),),
    "han": ((Verb.AGREED, "the handling plan for the HAN device vulnerability"),),
    "affected": ((Verb.AGREED, "the deadlines for each Supplier"),),
}


# What the minutes say, by kind of item -----------------------------------------------------------

Writer = Callable[[random.Random, dict[str, str], str], str]


def _say(*options: str) -> Writer:
    def write(rng: random.Random, words: dict[str, str], twist: str) -> str:
        return rng.choice(options).format(**words)

    return write


def _imr(rng: random.Random, w: dict[str, str], twist: str) -> str:
    text = f"{w['who']} introduced {w['mod']}{w['paper']}, raised by {w['raiser']}. " + rng.choice(
        (
            "Members asked whether a DCC assessment would be needed; SECAS responded that the change is confined "
            "to the Code text and the DCC agreed.",
            "The DCC said it had no concerns. The Panel asked that the Working Group consider the effect on "
            "consumers, and Citizens Advice offered to take part.",
            "One Member asked the Working Group to test whether Small Suppliers would face disproportionate costs.",
        )
    )
    if twist == "majority_path":
        text += (
            " Two Panel Members felt the proposal was material enough for Ofgem to decide and did not agree with "
            "the Self-Governance path; the majority of the Panel agreed it."
        )
    return text


def _timetables(rng: random.Random, w: dict[str, str], twist: str) -> str:
    text = f"{w['who']} presented the revised timetables{w['paper']}. "
    if twist == "deferred":
        return text + (
            f"Members were not prepared to agree a further extension for {w['mod']} until the DCC confirmed when its "
            "Impact Assessment would arrive. The Panel deferred the decision and will take it ex-committee once "
            "the date is known."
        )
    return text + rng.choice(
        (
            f"The Panel discussed the extension for {w['mod']}, which lets the Working Group consider the DCC "
            "Impact Assessment before consulting.",
            f"A Member asked whether the extension for {w['mod']} would delay the next SEC Release; SECAS "
            "confirmed it would not.",
        )
    )


def _budget_draft(rng: random.Random, w: dict[str, str], twist: str) -> str:
    text = (
        f"{w['who']} presented the draft budget{w['paper']}. Members discussed the increase in User Security "
        "Assessment costs and the funding of the SMDA scheme."
    )
    if twist == "majority_budget":
        text += (
            " The majority of the Panel approved the draft for consultation; two Panel Members did not agree, "
            "considering the increase too large without more detail on assurance costs."
        )
    return text


NARRATIVES: dict[str, Writer] = {
    "imr": _imr,
    "timetables": _timetables,
    "budget_draft": _budget_draft,
    "csr": _say(
        "{who} presented the Change Status Report{paper}. {body} NOTED the progress of the open Modification "
        "Proposals and the contents of the {release} SEC Release.",
        "{who} presented the Change Status Report{paper}. A Member asked about proposals that have been in the "
        "Refinement Process for over a year; SECAS will follow them up with the Proposers.",
    ),
    "dcc": _say(
        "{who} presented the DCC update{paper}, including Major Incident reporting. The Panel asked about the "
        "time taken to restore service after the most significant incident; the DCC responded that its "
        "root-cause analysis would go to OPSG.",
        "{who} presented the DCC update{paper}. Members welcomed the fall in Category 2 incidents and asked for "
        "more detail on the programmes that are behind plan.",
    ),
    "screport": _say(
        "{who} presented the Sub-Committee Report{paper}, with highlights from TABASC, TAG, OPSG, the SSC, the "
        "SMKI PMA and the SMDA Sub-Committee. The OPSG Chair explained the concern OPSG raised, and the Panel "
        "endorsed it.",
        "{who} presented the Sub-Committee Report{paper}. Members asked how many User Security Assessments were "
        "still to be scheduled this year. The Panel endorsed the concerns raised by OPSG and asked to be kept "
        "informed.",
    ),
    "ops": _say(
        "{who} presented the Operations Report{paper}. The Panel NOTED the Parties that completed the User Entry "
        "Process and the enquiries answered in the month.",
        "{who} presented the Operations Report{paper}. A Member asked whether enquiry response times had been "
        "affected by the release; SECAS responded that they had not.",
    ),
    "perf": _say(
        "{who} presented the Performance Measurement Report for {period}{paper}. {body} NOTED the measures below "
        "the Target Service Level and asked the DCC to confirm when they would recover.",
        "{who} presented the Performance Measurement Report for {period}{paper}. The DCC explained that most of "
        "the shortfall followed a single incident and expects the measures to recover next month.",
    ),
    "risk": _say(
        "{who} presented the quarterly review of the Risk and Issues Register{paper}. The Panel discussed the "
        "red-rated risks and their mitigations and agreed the changes, including the new risk.",
    ),
    "opr": _say(
        "{who} presented the confidential update on the Operational Performance Regime{paper}. Members questioned "
        "whether the proposed reweighting would weaken the incentive on Service Request performance; the DCC "
        "responded that the overall weighting of those measures would not fall.",
    ),
    "consumer": _say(
        "{who} presented the Consumer Insight Update{paper}. The Panel discussed the cases about prepayment "
        "top-ups not reaching meters and in-home displays losing connection after a change of supplier.",
    ),
    "government": _say(
        "{who} updated the Panel on Ofgem's work on code governance reform and on recent DESNZ consultations.",
        "{who} gave the Ofgem and DESNZ update. Members asked about the timing of the next consultation on "
        "smart metering data access.",
    ),
    "budget_consult": _say(
        "{who} summarised the responses to the budget consultation{paper} and the changes SECAS proposes.",
    ),
    "budget": _say("{who} presented the final budget{paper}, to become the Approved Budget from 1 April."),
    "pip": _say("{who} presented the annual review of the Panel Information Policy{paper}."),
    "tor": _say("{who} presented the Sub-Committees' proposed changes to their Terms of Reference{paper}."),
    "release": _say(
        "{who} reported on readiness for the {release} SEC Release{paper}. Testing is complete with only "
        "low-severity issues open.",
    ),
    "secas": _say(
        "{who} presented the review of SECAS's performance{paper}. Panel Members gave feedback on the timeliness "
        "of papers and on support to the Sub-Committees.",
    ),
    "elections": _say("{who} set out the election timetable and the seats open for nomination{paper}."),
    "results": _say("{who} presented the election results{paper}; the Chair welcomed the new Panel Members."),
    "priorities": _say(
        "The Chair presented the outputs of the Panel's strategy session{paper}. Members discussed simpler "
        "modification paths and earlier sight of security risks.",
    ),
    "schedule": _say("{who} presented the proposed SEC Release schedule for {year}{paper}."),
    "chair": _say(
        "{who} presented the shortlist of candidates{paper} and the proposed interview panel. Personal data "
        "were discussed; this entry is restricted to its named recipients.",
    ),
    "urgent": _say(
        "{who} explained the urgent proposal{paper}: a firmware release has left some Communications Hubs unable "
        "to join the home area network. The Panel agreed to ask Ofgem for urgent treatment.",
    ),
    "urgency_view": _say("{who} said that Ofgem would aim to decide on urgency within two Working Days."),
    "tab_mods": _say(
        "{who} presented the technical review of {mod} and the other modifications{paper}. TABASC discussed "
        "whether the Technical Architecture Document would need changes.",
    ),
    "bad": _say("{who} presented the proposed changes to the Business Architecture Document{paper}."),
    "tad": _say("{who} presented the updated Technical Architecture Document{paper}."),
    "ne": _say("{who} presented progress on {programme}{paper} and the design decisions coming to TABASC."),
    "tab_risk": _say("{who} presented the Risk Register and Issues Log{paper}; TABASC agreed the closures."),
    "incidents": _say(
        "{who} presented the root-cause review{paper}. OPSG questioned the time taken to escalate the incident "
        "and endorsed the DCC's corrective actions.",
    ),
    "chub": _say("{who} presented Communications Hub performance{paper}; OPSG NOTED the improvement in the north."),
    "maintenance": _say("{who} presented the planned maintenance schedule{paper}."),
}
