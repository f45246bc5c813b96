"""A generated paper as plain blocks: what the HTML, Word and PDF renderers lay out.

``actions_paper`` and ``minutes_paper`` turn the report objects of ``panelbook.actions.reports``
into a ``Paper``: front matter (reference, title, the lines under the title, classification) and a
list of blocks (headings, paragraphs, bullets, action lines, tables). Every renderer walks the same
blocks, so the page, the Word file and the PDF say the same thing in the same order. The report
holds only what its reader may see; nothing here queries the database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.utils import timezone

from panelbook.actions.reports import ActionRow, ActionsTables, MinutesReport
from panelbook.budget.models import Budget
from panelbook.budget.reports import AmountsTable, SpendTable
from panelbook.core.classification import Classification
from panelbook.core.lib import spend_chart, timeline_chart, trend_chart
from panelbook.governance.models import Body
from panelbook.modifications.charts import CAPTION as CHART_CAPTION
from panelbook.modifications.reports import ChangeStatusReport, StatusRow, Timetable, TimetableRow, TimetablesReport
from panelbook.performance import charts as performance_charts
from panelbook.performance.reports import Line, ServiceSection
from panelbook.registers.planner import ForwardPlan

ACTIONS_TITLE = "Minutes and Actions Outstanding"
ACTIONS_COLUMNS = ("Action Reference", "Action", "Update", "Status")
ACTIONS_WIDTHS = (15, 32, 40, 13)
LONG_ROW = 900  # Characters in a table row beyond which the row may break across pages.
CONFIDENTIAL_PLACEHOLDER = (
    "This item was taken in confidential session. It is recorded in the Confidential Minutes of this meeting."
)

# Traffic Light Protocol labels: the colour's name, in that colour, on black.
LABEL_COLOURS: dict[str, str] = {
    Classification.WHITE: "#ffffff",
    Classification.GREEN: "#33ff00",
    Classification.AMBER: "#ffc000",
    Classification.RED: "#ff2b2b",
}


@dataclass(frozen=True)
class Heading:
    kind: ClassVar[str] = "heading"
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    """A paragraph; ``style`` is "" (body text), "note" (a quieter aside), "lead" (introduces a list)
    or "closing" (the last line of the minutes, set apart)."""

    kind: ClassVar[str] = "paragraph"

    text: str
    style: str = ""


@dataclass(frozen=True)
class Bullets:
    kind: ClassVar[str] = "bullets"
    items: list[str]


@dataclass(frozen=True)
class ActionLine:
    """An "ACTION SECP48/01: SECAS to …" line of the minutes."""

    kind: ClassVar[str] = "action"

    label: str
    text: str


@dataclass(frozen=True)
class Cell:
    """A table cell: its text (lines are paragraphs), optional emphasis, a second-line note, a level,
    and the page it names (a link on the web page; the Word and PDF papers leave it out)."""

    text: str
    strong: bool = False
    note: str = ""
    level: str = ""
    link: str = ""


@dataclass(frozen=True)
class Table:
    kind: ClassVar[str] = "table"
    columns: tuple[str, ...]
    widths: tuple[int, ...]  # Percentages of the text width, one per column.
    rows: list[list[Cell]]


@dataclass(frozen=True)
class Figure:
    """A chart: drawn once (``core.lib.timeline_chart`` or ``trend_chart``), as SVG for the page and the PDF and as
    PNG for Word; ``alt`` says in words all that it shows."""

    kind: ClassVar[str] = "figure"
    chart: Any
    alt: str
    caption: str

    @property
    def svg(self) -> str:
        return _drawing(self.chart).svg(self.chart)

    @property
    def png(self) -> bytes:
        return _drawing(self.chart).png(self.chart)

    @property
    def data_uri(self) -> str:
        return _drawing(self.chart).data_uri(self.chart)


def _drawing(chart: Any) -> Any:
    """The module that draws this kind of chart."""
    drawers = {
        timeline_chart.Timeline: timeline_chart,
        trend_chart.Trend: trend_chart,
        spend_chart.SpendChart: spend_chart,
    }
    return drawers[type(chart)]


Block = Heading | Paragraph | Bullets | ActionLine | Table | Figure


@dataclass(frozen=True)
class Paper:
    reference: str
    title: str
    running_title: str
    classification: str
    meta: list[tuple[str, str]]
    blocks: list[Block] = field(default_factory=list)
    statement: str = ""  # the classification's sentence from the Panel Information Policy, on page 1

    @property
    def banner(self) -> str:
        return banner(self.classification)

    @property
    def label_colour(self) -> str:
        return LABEL_COLOURS[self.classification]

    def filename(self, extension: str) -> str:
        return f"{self.reference} {self.title}.{extension}"


def keeps_together(row: list[Cell]) -> bool:
    """Whether a table row should stay on one page: all but rows too long to fit a page well."""
    return sum(len(cell.text) for cell in row) <= LONG_ROW


def banner(level: str) -> str:
    """The classification sentence on the first page and on every page: "… of Amber"."""
    return f"This document has a Classification of {level.capitalize()}"


def lines(text: str) -> list[str]:
    """Text as paragraphs: each non-blank line is one."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def body_subject(body: Body) -> str:
    """How a paper names the body as a subject: "The Panel", "The TABASC"."""
    return f"The {body.short_name}"


# The "Minutes and Actions Outstanding" paper


def actions_paper(tables: ActionsTables) -> Paper:
    meeting = tables.meeting
    return Paper(
        reference=tables.reference,
        title=ACTIONS_TITLE,
        running_title=ACTIONS_TITLE,
        classification=tables.classification,
        meta=[
            ("Paper Reference", tables.reference),
            ("Meeting", f"{meeting.title}, {meeting.date:%-d %B %Y}"),
            ("Agenda Item", f"1 – {ACTIONS_TITLE}"),
            ("Action", "For Decision"),
        ],
        blocks=actions_blocks(tables),
    )


def actions_blocks(tables: ActionsTables) -> list[Block]:
    blocks = _actions_table("Actions completed", tables.completed, "No actions were closed since the last meeting.")
    blocks += _actions_table("Actions – propose to close", tables.propose_to_close, "No actions are proposed to close.")
    if tables.completed or tables.propose_to_close:
        who = body_subject(tables.meeting.body)
        request = "is requested to confirm that the actions above marked Closed and Propose to Close can be closed."
        blocks.append(Paragraph(f"{who} {request}"))
    blocks += _actions_table("Actions outstanding", tables.outstanding, "No actions are outstanding.")
    return blocks


def _actions_table(heading: str, rows: list[ActionRow], empty: str) -> list[Block]:
    if not rows:
        return [Heading(heading), Paragraph(empty, "note")]
    return [Heading(heading), Table(ACTIONS_COLUMNS, ACTIONS_WIDTHS, [_action_cells(row) for row in rows])]


def _action_cells(row: ActionRow) -> list[Cell]:
    level = row.classification if row.classification != Classification.WHITE else ""
    return [
        Cell(row.reference, strong=True, level=level, link=row.url),
        Cell(row.text),
        Cell(row.update),
        Cell(row.status, note="Overdue" if row.overdue else ""),
    ]


# The minutes


def minutes_paper(report: MinutesReport) -> Paper:
    meeting = report.meeting
    title = "Confidential Minutes" if report.minutes.confidential else "Minutes"
    draft = report.minutes.status == report.minutes.Status.DRAFT
    start, end = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    meta = [
        ("Paper Reference", report.reference),
        ("Meeting", meeting.title),
        ("Date", f"{start:%A %-d %B %Y}, {start:%H:%M}–{end:%H:%M}"),
    ]
    if meeting.where:
        meta.append(("Venue", meeting.where))
    meta.append(("Status", report.approved))
    return Paper(
        reference=report.reference,
        title=title,
        running_title=f"{title} (Draft)" if draft else title,
        classification=report.classification,
        meta=meta,
        blocks=minutes_blocks(report),
    )


def minutes_blocks(report: MinutesReport) -> list[Block]:
    body = report.meeting.body
    blocks: list[Block] = [
        Heading("Attendees"),
        _people_table(("Category", "Name"), report.present),
        Heading("Apologies"),
        _people_table(("Category", f"{body.name} Members"), report.apologies),
    ]
    for item in report.items:
        blocks.append(Heading(f"{item.number}. {item.title}"))
        if item.confidential_placeholder:
            blocks.append(Paragraph(CONFIDENTIAL_PLACEHOLDER, "note"))
            continue
        if item.presenter:
            blocks.append(Paragraph(item.presenter, "note"))
        blocks += [Paragraph(text) for text in lines(item.narrative)]
        if item.decisions:
            blocks += [Paragraph(f"{body_subject(body)}:", "lead"), Bullets(decision_bullets(item.decisions))]
        blocks += [ActionLine(f"ACTION {reference}:", text) for reference, text in item.actions]
    if report.closing_note:
        blocks.append(Paragraph(report.closing_note, "closing"))
    return blocks


def _people_table(columns: tuple[str, str], people: list[tuple[str, str]]) -> Table | Paragraph:
    if not people:
        return Paragraph("None recorded.", "note")
    return Table(columns, (40, 60), [[Cell(category), Cell(name)] for category, name in people])


def decision_bullets(decisions: list[str]) -> list[str]:
    """Decisions punctuated as one list: "NOTED …;", "AGREED …; and", "APPROVED …."."""
    last = len(decisions) - 1
    bullets = []
    for index, sentence in enumerate(decisions):
        text = sentence.rstrip(" ;.")
        bullets.append(f"{text}." if index == last else f"{text}; and" if index == last - 1 else f"{text};")
    return bullets


# The Change Status Report

CHANGE_STATUS_TITLE = "Change Status Report"
STATUS_COLUMNS = ("Modification", "Title", "Path", "Next milestone", "Planned (baseline)", "Slipped")
STATUS_WIDTHS = (14, 28, 16, 17, 15, 10)
CLOSED_COLUMNS = ("Modification", "Title", "Path", "Outcome", "On")
CLOSED_WIDTHS = (14, 40, 18, 16, 12)


def change_status_paper(report: ChangeStatusReport) -> Paper:
    return Paper(
        reference=report.reference,
        title=CHANGE_STATUS_TITLE,
        running_title=f"{CHANGE_STATUS_TITLE}, {report.as_of:%B %Y}",
        classification=report.classification,
        meta=[
            ("Paper Reference", report.reference),
            ("Status as at", f"{report.as_of:%-d %B %Y}"),
            ("Action", "For Information"),
        ],
        blocks=change_status_blocks(report),
    )


def change_status_blocks(report: ChangeStatusReport) -> list[Block]:
    since = f"{report.since:%-d %B %Y}"
    blocks: list[Block] = [
        Heading("1. Purpose"),
        Paragraph(
            f"This paper sets out where each modification stands in the modification process on "
            f"{report.as_of:%-d %B %Y}, and how it is progressing against the timetable the Panel agreed."
        ),
        Heading("2. Summary"),
        Bullets(
            [
                f"{_count(report.open_count, 'modification')} in progress, "
                f"{report.late_count} of them behind their timetable;",
                f"{_count(len(report.raised), 'modification')} raised since {since};",
                f"{_count(len(report.decided), 'modification')} decided, implemented or withdrawn since {since}.",
            ]
        ),
        Heading("3. Modifications in progress"),
    ]
    if not report.in_progress:
        blocks.append(Paragraph("No modifications are in progress.", "note"))
    for stage, rows in report.in_progress:
        blocks += [Heading(stage, 2), Table(STATUS_COLUMNS, STATUS_WIDTHS, [_status_cells(row) for row in rows])]
    blocks.append(Heading(f"4. Decided, implemented or withdrawn since {since}"))
    if report.decided:
        blocks.append(Table(CLOSED_COLUMNS, CLOSED_WIDTHS, [_closed_cells(row) for row in report.decided]))
    else:
        blocks.append(Paragraph("None.", "note"))
    blocks += _release_blocks(report)
    blocks += [
        Heading("6. Recommendation"),
        Paragraph("The Panel is invited to NOTE the status of the modifications set out in this paper."),
    ]
    return blocks


RELEASE_COLUMNS = ("Modification", "Title", "Stage", "For this release")
RELEASE_WIDTHS = (14, 40, 20, 26)


def _release_blocks(report: ChangeStatusReport) -> list[Block]:
    blocks: list[Block] = [Heading("5. Forthcoming SEC releases")]
    if not report.releases:
        return [*blocks, Paragraph("No SEC release is planned.", "note")]
    for release in report.releases:
        version = f", SEC version {release.sec_version}" if release.sec_version else ""
        blocks.append(Heading(f"{release.name}: {release.date:%-d %B %Y}{version}", 2))
        if not release.scope:
            blocks.append(Paragraph("No modification in this paper is in its scope yet.", "note"))
            continue
        rows = [
            [
                Cell(
                    row.reference,
                    strong=True,
                    level=row.classification if row.classification != Classification.WHITE else "",
                ),
                Cell(row.title),
                Cell(row.stage),
                Cell(row.standing, note="" if row.on_track else "Not on track"),
            ]
            for row in release.scope
        ]
        blocks.append(Table(RELEASE_COLUMNS, RELEASE_WIDTHS, rows))
    return blocks


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _level(row: StatusRow) -> str:
    return row.classification if row.classification != Classification.WHITE else ""


def _status_cells(row: StatusRow) -> list[Cell]:
    planned = f"{row.planned:%d/%m/%Y} ({row.baseline:%d/%m/%Y})" if row.planned and row.baseline else "—"
    slippage = f"{row.slippage} WD" if row.next_milestone else "—"
    return [
        Cell(row.reference, strong=True, level=_level(row)),
        Cell(row.title),
        Cell(row.path),
        Cell(row.next_milestone or "—"),
        Cell(planned),
        Cell(slippage, note="Late" if row.late else ""),
    ]


def _closed_cells(row: StatusRow) -> list[Cell]:
    return [
        Cell(row.reference, strong=True, level=_level(row)),
        Cell(row.title),
        Cell(row.path),
        Cell(row.stage),
        Cell(f"{row.last_change:%d/%m/%Y}"),
    ]


# The Modification Timetables paper

TIMETABLES_TITLE = "Modification Timetables"
TIMETABLE_COLUMNS = ("Milestone", "Baseline", "Plan", "Reached", "Slipped", "How the plan was worked out")
TIMETABLE_WIDTHS = (18, 12, 12, 12, 9, 37)
UNTIMETABLED_COLUMNS = ("Modification", "Title", "Path", "Stage")
UNTIMETABLED_WIDTHS = (14, 44, 22, 20)


def timetables_paper(report: TimetablesReport) -> Paper:
    return Paper(
        reference=report.reference,
        title=TIMETABLES_TITLE,
        running_title=f"{TIMETABLES_TITLE}, {report.as_of:%B %Y}",
        classification=report.classification,
        meta=[
            ("Paper Reference", report.reference),
            ("Timetables as at", f"{report.as_of:%-d %B %Y}"),
            ("Action", "For Information"),
        ],
        blocks=timetables_blocks(report),
    )


def timetables_blocks(report: TimetablesReport) -> list[Block]:
    late = sum(timetable.late for timetable in report.timetables)
    blocks: list[Block] = [
        Heading("1. Purpose"),
        Paragraph(
            f"This paper sets out the timetable of each open modification on {report.as_of:%-d %B %Y}: for every "
            "milestone the date the Panel first agreed (its baseline), the date now planned after any extensions, "
            "the date it was reached, and how far it has slipped, in Working Days."
        ),
        Heading("2. Summary"),
        Bullets(
            [
                f"{_count(len(report.timetables), 'open modification')} with a timetable, {late} of them late "
                "(a planned milestone has passed unreached);",
                f"{_count(len(report.untimetabled), 'open modification')} with no timetable agreed yet.",
            ]
        ),
        Heading("3. Timetables"),
    ]
    if not report.timetables:
        blocks.append(Paragraph("No open modification has a timetable.", "note"))
    for timetable in report.timetables:
        blocks += _timetable_blocks(timetable)
    blocks.append(Heading("4. Open modifications without a timetable"))
    if report.untimetabled:
        rows = [
            [Cell(row.reference, strong=True, level=_level(row)), Cell(row.title), Cell(row.path), Cell(row.stage)]
            for row in report.untimetabled
        ]
        blocks.append(Table(UNTIMETABLED_COLUMNS, UNTIMETABLED_WIDTHS, rows))
    else:
        blocks.append(Paragraph("None.", "note"))
    blocks += [
        Heading("5. Recommendation"),
        Paragraph("The Panel is invited to NOTE the timetables set out in this paper."),
    ]
    return blocks


def _timetable_blocks(timetable: Timetable) -> list[Block]:
    level = f" ({timetable.classification})" if timetable.classification != Classification.WHITE else ""
    state = "late" if timetable.late else "on time"
    blocks: list[Block] = [
        Heading(f"{timetable.reference} {timetable.title}{level}", 2),
        Paragraph(f"{timetable.path}; at “{timetable.stage}”; {state}.", "note"),
        Figure(timetable.chart, f"{timetable.chart.title}: {timetable.chart.description()}", CHART_CAPTION),
        Table(TIMETABLE_COLUMNS, TIMETABLE_WIDTHS, [_timetable_cells(row) for row in timetable.rows]),
    ]
    if timetable.extensions:
        blocks += [Paragraph("Extensions agreed by the Panel:", "lead"), Bullets(timetable.extensions)]
    return blocks


def _timetable_cells(row: TimetableRow) -> list[Cell]:
    return [
        Cell(row.milestone, strong=True),
        Cell(f"{row.baseline:%d/%m/%Y}"),
        Cell(f"{row.planned:%d/%m/%Y}"),
        Cell(f"{row.actual:%d/%m/%Y}" if row.actual else "—"),
        Cell(f"{row.slippage} WD"),
        Cell(row.rule or "Agreed by the Panel."),
    ]


# The "Service Performance and Stability" paper, and its section for other papers

SERVICE_TITLE = "Service Performance and Stability"
SERVICE_COLUMNS = ("Measure", "Scope", "Value", "Previous", "Status", "Provider measures below Target")
SERVICE_WIDTHS = (14, 14, 11, 11, 26, 24)


def service_paper(section: ServiceSection) -> Paper:
    month = f"{section.month:%B %Y}"
    reference = f"SPS_{section.month:%Y_%m}"
    return Paper(
        reference=reference,
        title=SERVICE_TITLE,
        running_title=f"{SERVICE_TITLE}, {month}",
        classification=section.classification,
        meta=[("Paper Reference", reference), ("Period", month), ("Action", "For Information")],
        blocks=[
            Heading("1. Purpose"),
            Paragraph(
                f"This paper sets out the DCC's service performance for {month} against the Target and Minimum "
                "Service Levels in force that month, from the results recorded in panelbook."
            ),
            *service_blocks(section, performance="2. Service performance", stability="3. Service stability"),
            Heading("4. Recommendation"),
            Paragraph("The Panel is invited to NOTE the service performance and stability set out in this paper."),
        ],
    )


def service_blocks(section: ServiceSection, *, performance: str, stability: str, level: int = 1) -> list[Block]:
    """The section itself under the two headings given, at heading ``level``: what another paper
    (the Sub-Committee Report's Operations Group subsection) includes."""
    return _performance_blocks(section, Heading(performance, level)) + stability_blocks(
        section, Heading(stability, level)
    )


def _performance_blocks(section: ServiceSection, heading: Heading) -> list[Block]:
    month = f"{section.month:%B %Y}"
    failing = section.failing
    blocks: list[Block] = [
        heading,
        Paragraph(
            f"In {month}, {_count(len(section.below_minimum), 'measure')} fell below the Minimum Service Level, "
            f"{_count(len(section.below_target), 'other measure')} below the Target Service Level, and "
            f"{_count(section.met, 'measure')} met {'its' if section.met == 1 else 'their'} levels."
        ),
    ]
    if not failing:
        return [*blocks, Paragraph("Every measure met its Target Service Level.", "note")]
    blocks.append(Table(SERVICE_COLUMNS, SERVICE_WIDTHS, [_service_cells(line) for line in failing]))
    for series in section.charts:
        chart = performance_charts.trend(series)
        blocks += [
            Heading(f"{series.measure} {series.measure.name} ({series.scope})", heading.level + 1),
            Figure(chart, f"{chart.title}: {chart.description()}", performance_charts.CAPTION),
        ]
    return blocks


STABILITY_CATEGORIES = (1, 2, 3, 4, 5)
STABILITY_LINE_COLUMNS = ("Service line", "Days of stable service")
STABILITY_LINE_WIDTHS = (30, 70)


def stability_blocks(section: ServiceSection, heading: Heading) -> list[Block]:
    figures = section.stability
    month = f"{section.month:%B %Y}"
    opened = sum(figures.totals.values())
    by_category = "; ".join(f"Category {c}: {figures.totals.get(c, 0)}" for c in STABILITY_CATEGORIES)
    worse = "" if figures.category == 1 else " or worse"
    blocks: list[Block] = [
        heading,
        Paragraph(
            f"In {month}, {_count(opened, 'incident')} opened ({by_category}), "
            f"{_count(len(figures.major), 'Major Incident')} among them."
            if opened
            else f"No incident opened in {month}."
        ),
    ]
    if figures.major:
        blocks += [
            Paragraph("Major Incidents:", "lead"),
            Bullets(
                [
                    f"{i.reference} {i.title} (Category {i.worst_category}, opened "
                    f"{timezone.localtime(i.opened):%-d %B %Y})"
                    for i in figures.major
                ]
            ),
        ]
    blocks.append(
        Paragraph(
            f"Days of stable service on {figures.on:%-d %B %Y}, since each service line's last "
            f"Category {figures.category}{worse} incident:",
            "lead",
        )
    )
    rows = [[Cell(line.name, strong=True), Cell(stable.in_words())] for line, stable in figures.stability]
    if rows:
        blocks.append(Table(STABILITY_LINE_COLUMNS, STABILITY_LINE_WIDTHS, rows))
    else:
        blocks.append(Paragraph("No service lines are recorded.", "note"))
    return blocks


def _service_cells(line: Line) -> list[Cell]:
    standing, unit = line.standing, line.series.measure.unit
    previous = f"{standing.previous:.2f}{unit}" if standing.previous is not None else "—"
    return [
        Cell(str(line.series.measure), strong=True),
        Cell(str(line.series.scope)),
        Cell(f"{standing.value:.2f}{unit}"),
        Cell(previous),
        Cell(_sentence_case(line.run_in_words)),
        Cell(", ".join(line.contributors) or "—"),
    ]


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


# The forward plan of a body (registers/planner.py)

PLAN_COLUMNS = ("Item", "Expected")
PLAN_WIDTHS = (30, 70)


def forward_plan_paper(plan: ForwardPlan) -> Paper:
    title = f"{plan.body} Forward Plan"
    return Paper(
        reference=plan.reference,
        title=title,
        running_title=f"{title}, {plan.as_of:%B %Y}",
        classification=plan.classification,
        meta=[("Paper Reference", plan.reference), ("As at", f"{plan.as_of:%-d %B %Y}"), ("Action", "For Information")],
        blocks=forward_plan_blocks(plan),
    )


def forward_plan_blocks(plan: ForwardPlan) -> list[Block]:
    blocks: list[Block] = [
        Heading("1. Purpose"),
        Paragraph(
            f"This paper sets out the items the {plan.body} is expected to take at its next meetings: standing "
            "items, register reviews falling due, modification milestones and the papers already planned."
        ),
    ]
    if not plan.meetings:
        blocks.append(Paragraph("No meetings are planned.", "note"))
    for number, meeting in enumerate(plan.meetings, start=2):
        blocks.append(Heading(f"{number}. {meeting.name}, {meeting.day:%-d %B %Y}"))
        if meeting.items:
            rows = [[Cell(item.kind, strong=True), Cell(item.text, level=item.level)] for item in meeting.items]
            blocks.append(Table(PLAN_COLUMNS, PLAN_WIDTHS, rows))
        else:
            blocks.append(Paragraph("Nothing expected yet.", "note"))
    return blocks


# The budget (budget/reports.py)


def _pounds(amount: Any) -> str:
    if amount is None:
        return "—"
    return f"{'−' if amount < 0 else ''}£{abs(amount):,.0f}"


def budget_paper(
    budget: Budget, amounts: AmountsTable | None, table: SpendTable, chart: Any, *, classification: str, as_of: Any
) -> Paper:
    reference = f"{budget.body.paper_prefix or budget.body.code.upper()}_BUDGET_{budget.first_year}_{as_of:%Y%m%d}"
    return Paper(
        reference=reference,
        title=budget.title,
        running_title=f"{budget.title}, {as_of:%B %Y}",
        classification=classification,
        meta=[("Paper Reference", reference), ("As at", f"{as_of:%-d %B %Y}"), ("Action", "For Information")],
        blocks=budget_blocks(budget, amounts, table, chart),
    )


def budget_blocks(budget: Budget, amounts: AmountsTable | None, table: SpendTable, chart: Any) -> list[Block]:
    blocks: list[Block] = [
        Heading("1. Purpose"),
        Paragraph(
            f"This paper sets out the approved {budget.title} by cost category and Regulatory Year, and the "
            f"spend recorded in {table.label} against it."
        ),
        Heading("2. The approved budget"),
    ]
    approved = table.approved
    if amounts is None or approved is None:
        blocks.append(Paragraph("No version of this budget has been approved yet.", "note"))
    else:
        blocks.append(Paragraph(f"Version {approved.number}, approved on {approved.approved_on:%-d %B %Y}.", "lead"))
        columns = ("Cost category", *amounts.years, "Three years")
        width = 70 // (len(amounts.years) + 1)
        rows = [
            [Cell(row.category, strong=True), *(Cell(_pounds(a)) for a in row.amounts), Cell(_pounds(row.total))]
            for row in amounts.rows
        ]
        rows.append(
            [
                Cell("Total", strong=True),
                *(Cell(_pounds(t)) for t in amounts.totals),
                Cell(_pounds(amounts.grand_total)),
            ]
        )
        blocks.append(Table(columns, (30, *([width] * (len(amounts.years) + 1))), rows))
    blocks.append(Heading(f"3. Spend in {table.label}"))
    if not table.rows:
        blocks.append(Paragraph("No spend is recorded for this year.", "note"))
        return blocks
    columns = ("Cost category", "Q1", "Q2", "Q3", "Q4", "Spent", "Budget", "Remaining")
    rows = [
        [
            Cell(row.category, strong=True),
            *(Cell(_pounds(q)) for q in row.quarters),
            Cell(_pounds(row.spent)),
            Cell(_pounds(row.budget)),
            Cell(_pounds(row.remaining)),
        ]
        for row in table.rows
    ]
    rows.append(
        [
            Cell("Total", strong=True),
            *(Cell(_pounds(q)) for q in table.quarter_totals),
            Cell(_pounds(table.spent)),
            Cell(_pounds(table.budget)),
            Cell(_pounds(table.remaining)),
        ]
    )
    blocks.append(Table(columns, (23, 9, 9, 9, 9, 14, 14, 13), rows))
    blocks.append(
        Figure(
            chart, f"{chart.title}: {chart.description()}", "Spend by quarter, and to date, against the year's budget."
        )
    )
    return blocks
