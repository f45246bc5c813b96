"""The SEC Panel Sub-Committee Report and its RED appendix as ``Paper`` documents (one object for
the page, the Word file and the PDF), from ``subcommittee.SubCommitteeReport``.

Its shape follows the report the secretariat writes by hand: 1 Purpose and highlights; a numbered
section per ``ReportSection`` with a numbered subsection per body (how often it met, then each
item under its own heading); the security section's assurance decisions and Director's letters as
counts; then Recommendations, the sign-off and the attachments with their classifications.
"""

from __future__ import annotations

from panelbook.assurance.reports import AssuranceCounts, Count
from panelbook.core.classification import Classification
from panelbook.papers.document import (
    Block,
    Bullets,
    Cell,
    Figure,
    Heading,
    Paper,
    Paragraph,
    Table,
    lines,
    stability_blocks,
)
from panelbook.papers.subcommittee import APPENDIX_LABEL, APPENDIX_TITLE, TITLE, BodyPart, Section, SubCommitteeReport
from panelbook.performance import charts as performance_charts
from panelbook.performance.levels import Status
from panelbook.performance.reports import Line, ServiceSection

LETTER = "Director's letter"
COUNT_COLUMNS = ("Assessment type", "Status decisions")
LETTER_COLUMNS = ("Director's letters following", "Letters reviewed")
APPENDIX_COLUMNS = ("Party", "Assessment", "Status set", "On")


def subcommittee_paper(report: SubCommitteeReport, statement: str = "") -> Paper:
    meeting = report.meeting
    item = report.agenda_item
    meta = [
        ("Paper Reference", report.reference),
        ("Meeting", f"{meeting.title}, {meeting.date:%-d %B %Y}"),
    ]
    if item is not None:
        meta.append(("Agenda Item", f"{item.number} – {item.title}"))
    meta.append(("Action", "For Decision"))
    return Paper(
        reference=report.reference,
        title=TITLE,
        running_title=TITLE,
        classification=report.classification,
        meta=meta,
        blocks=report_blocks(report),
        statement=statement,
    )


def report_blocks(report: SubCommitteeReport) -> list[Block]:
    blocks = _purpose(report)
    for section in report.sections:
        blocks += _section(section, report)
    number = 2 + len(report.sections)
    blocks += [
        Heading(f"{number}. Recommendations"),
        Paragraph("The Panel is requested to:", "lead"),
        Bullets(report.recommendations),
        *_sign_off(report),
    ]
    return blocks


def _purpose(report: SubCommitteeReport) -> list[Block]:
    blocks: list[Block] = [
        Heading("1. Purpose and highlights"),
        Paragraph(
            f"This paper gives the Panel an account of the work of its Sub-Committees since "
            f"{report.since:%-d %B %Y}: the matters each one considered, and the points they ask the Panel to "
            "note. The Panel is requested to note the updates and to endorse the concerns the Sub-Committees raise."
        ),
    ]
    if not report.highlights:
        return [*blocks, Paragraph("The Sub-Committees raise no matter for the Panel's particular attention.", "note")]
    return [*blocks, Paragraph("Highlights for the Panel's attention:", "lead"), Bullets(report.highlights)]


def _section(section: Section, report: SubCommitteeReport) -> list[Block]:
    blocks: list[Block] = [Heading(f"{section.number}. {section.title}")]
    first = 1
    if section.assurance is not None:
        blocks += _assurance(section.number, section.assurance, report)
        first = 3
    for sub, part in enumerate(section.parts, start=first):
        blocks += _part(f"{section.number}.{sub}", part, report)
    if len(blocks) == 1:
        blocks.append(Paragraph("Nothing to report.", "note"))
    return blocks


def times(count: int) -> str:
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def _part(number: str, part: BodyPart, report: SubCommitteeReport) -> list[Block]:
    name = part.body.short_name
    blocks: list[Block] = [Heading(f"{number} {name} Highlights", 2)]
    if not part.meetings:
        blocks.append(Paragraph(f"The {name} has not met since {report.since:%-d %B %Y}.", "note"))
    elif part.items:
        blocks.append(Paragraph(f"The {name} met {times(part.meetings)} in the period. It considered:", "lead"))
    else:
        blocks.append(Paragraph(f"The {name} met {times(part.meetings)} in the period.", "note"))
    for item in part.items:
        level = f" ({item.classification})" if item.classification != Classification.WHITE else ""
        blocks.append(Heading(f"{item.heading}{level}", 3))
        said = lines(item.summary)
        blocks += [Paragraph(text) for text in said] or [Paragraph("No summary is recorded for this item.", "note")]
    if part.service is not None:
        blocks += _service_performance(part.service)
        blocks += stability_blocks(part.service, Heading("Service Stability", 3))
    return blocks


def _service_performance(section: ServiceSection) -> list[Block]:
    """The measures below Target, one by one, in the words the Operations Group's report uses:
    "CPM1 ‘…’ (DCC total) was below Target Service Level at 97.00% (previously 97.50%)", its run,
    the provider measures that pulled it down, and its trend."""
    blocks: list[Block] = [
        Heading("Service Performance", 3),
        Paragraph(
            f"In the {section.month:%B %Y} PMR, {_count(len(section.below_minimum), 'measure')} fell below the "
            f"Minimum Service Level and {_count(len(section.below_target), 'other measure')} below the Target "
            f"Service Level; {_count(section.met, 'measure')} met {'its' if section.met == 1 else 'their'} levels."
        ),
    ]
    charts = {(series.measure.pk, series.scope.pk): series for series in section.charts}
    for line in section.failing:
        measure, scope = line.series.measure, line.series.scope
        blocks += [Heading(f"{measure} {measure.name} ({scope})", 4), Paragraph(_measure_sentence(line))]
        series = charts.get((measure.pk, scope.pk))
        if series is not None:
            chart = performance_charts.trend(series)
            blocks.append(Figure(chart, f"{chart.title}: {chart.description()}", performance_charts.CAPTION))
    return blocks


def _measure_sentence(line: Line) -> str:
    measure, standing, unit = line.series.measure, line.standing, line.series.measure.unit
    below = "Minimum" if standing.status == Status.BELOW_MINIMUM else "Target"
    previous = f" (previously {standing.previous:.2f}{unit})" if standing.previous is not None else ""
    value = f"{standing.value:.2f}{unit}"
    said = f"{measure} ‘{measure.name}’ ({line.series.scope}) was below {below} Service Level at {value}{previous}."
    run = line.run_in_words
    said += f" It has been {run}." if "last" in run else f" It is {run}."
    if line.contributors:
        said += f" It was pulled down by {_and(line.contributors)}."
    return said


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _counted(count: Count, noun: str) -> str:
    """ "3 User Security Assessments"; a withheld count says so, and why, instead of a number."""
    if count.value is None:
        return f"{noun}s (how many is {count.shown})"
    return _count(count.value, noun)


def _assurance(number: int, counts: AssuranceCounts, report: SubCommitteeReport) -> list[Block]:
    period = f"between {counts.since:%-d %B %Y} and {counts.until:%-d %B %Y}"
    decided = counts.decisions
    letters = counts.letters_total
    kinds = [[Cell(c.label, strong=True), Cell(c.shown)] for c in counts.by_kind if c.value != 0]
    triggers = [[Cell(c.label, strong=True), Cell(c.shown)] for c in counts.letters if c.value != 0]
    where = f" The detail is in the confidential {APPENDIX_LABEL}." if report.appendix_due else ""
    blocks: list[Block] = [
        Heading(f"{number}.1 Assurance and Compliance Status Decisions", 2),
        Paragraph(
            f"The SSC set the compliance status after {_counted(decided, 'User Security Assessment')} {period}.{where}"
        )
        if decided.value != 0
        else Paragraph(f"No compliance status was set {period}.", "note"),
    ]
    if kinds:
        blocks.append(Table(COUNT_COLUMNS, (70, 30), kinds))
    blocks += [
        Heading(f"{number}.2 Director's Letters", 2),
        Paragraph(f"The SSC reviewed {_counted(letters, LETTER)} {period}.")
        if letters.value != 0
        else Paragraph(f"No Director's letter was reviewed {period}.", "note"),
    ]
    if triggers:
        blocks.append(Table(LETTER_COLUMNS, (70, 30), triggers))
    return blocks


def _sign_off(report: SubCommitteeReport) -> list[Block]:
    signed = [line for line in (report.author, report.team, f"{report.day:%-d %B %Y}") if line]
    blocks: list[Block] = [Paragraph(line, "closing" if index == 0 else "") for index, line in enumerate(signed)]
    if report.attachments:
        blocks += [
            Paragraph("Attachments:", "lead"),
            Bullets([f"{label}: {title} ({level})" for label, title, level in report.attachments]),
        ]
    return blocks


def appendix_paper(report: SubCommitteeReport, statement: str = "") -> Paper:
    """The RED appendix: each assessment whose status was set in the period, and its findings."""
    reference = f"{report.reference} {APPENDIX_LABEL}"
    blocks: list[Block] = [
        Heading(f"1. Assessments whose status was set between {report.since:%-d %B %Y} and {report.until:%-d %B %Y}")
    ]
    if not report.appendix:
        blocks.append(Paragraph("No assessment that you may see had its status set in the period.", "note"))
    else:
        rows = [
            [Cell(a.party, strong=True), Cell(a.kind), Cell(a.status), Cell(f"{a.set_on:%d/%m/%Y}")]
            for a in report.appendix
        ]
        blocks.append(Table(APPENDIX_COLUMNS, (30, 34, 24, 12), rows))
        blocks.append(Heading("2. Identified non-compliances"))
        for number, assessment in enumerate(report.appendix, start=1):
            blocks.append(Heading(f"2.{number} {assessment.party}: {assessment.kind}", 2))
            blocks.append(
                Bullets(assessment.findings)
                if assessment.findings
                else Paragraph("No non-compliance was identified.", "note")
            )
    return Paper(
        reference=reference,
        title=f"{APPENDIX_LABEL}: {APPENDIX_TITLE}",
        running_title=APPENDIX_TITLE,
        classification=Classification.RED,
        meta=[("Paper Reference", reference), ("Appendix to", f"{report.reference} {TITLE}")],
        blocks=blocks,
        statement=statement,
    )
