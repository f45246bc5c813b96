"""The SEC Panel Sub-Committee Report of one Panel meeting, read from the records for one reader.

For each section of the report (``ReportSection``, reference data) and each body it reports on:
how many times the body met since the previous report, and each item it took, with its heading
and summary (the secretariat's text where they wrote one, else the item's paper's summary or the
minute, then what was decided). The Operations Group's subsection adds the month's service
performance and stability from the DCC's results; the security section opens with the assurance
decisions and Director's letters as counts, the detail going only to the RED appendix. Everything
is read through the gate for ``reader`` and capped at the audience ``level``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max, Prefetch

from panelbook.actions.models import Decision, MinuteEntry
from panelbook.actions.reports import previous_meeting
from panelbook.assurance.models import SecurityAssessment
from panelbook.assurance.reports import AssuranceCounts, assurance_counts
from panelbook.core.classification import Classification
from panelbook.core.lib.references import paper_reference
from panelbook.governance.models import AgendaItem, Body, Meeting, Paper
from panelbook.papers.models import DEFAULT_RECOMMENDATIONS, ReportDraft, ReportOmission, ReportSection
from panelbook.performance.models import Result
from panelbook.performance.reports import ServiceSection, service_section

TITLE = "SEC Panel Sub-Committee Report"
APPENDIX_LABEL = "Appendix A"
APPENDIX_TITLE = "User Security Assessments – Identified Non-Compliances"


@dataclass(frozen=True)
class ReportItem:
    """One item a body took: ``key`` is its agenda item's id (what the draft's edits name)."""

    key: int
    body_code: str
    heading: str
    summary: str
    meeting: str
    classification: str
    flagged: bool
    edited: bool


@dataclass(frozen=True)
class BodyPart:
    body: Body
    meetings: int
    items: list[ReportItem]
    service: ServiceSection | None = None


@dataclass(frozen=True)
class Section:
    number: int
    title: str
    parts: list[BodyPart]
    assurance: AssuranceCounts | None = None


@dataclass(frozen=True)
class AssessmentDetail:
    """A line of the RED appendix: one assessment whose status was set in the period."""

    party: str
    kind: str
    status: str
    set_on: dt.date
    findings: list[str]


@dataclass
class SubCommitteeReport:
    meeting: Meeting
    agenda_item: AgendaItem | None
    reference: str
    since: dt.date
    until: dt.date
    level: str
    highlights: list[str]
    sections: list[Section]
    recommendations: list[str]
    author: str
    team: str
    day: dt.date
    appendix: list[AssessmentDetail] = field(default_factory=list)
    appendix_due: bool = False  # whether any assessment's status was set in the period (it has an appendix)

    @property
    def items(self) -> list[ReportItem]:
        return [item for section in self.sections for part in section.parts for item in part.items]

    @property
    def classification(self) -> str:
        """The level of the paper: the audience's, since it holds what that audience may read."""
        return self.level

    @property
    def attachments(self) -> list[tuple[str, str, str]]:
        return [(APPENDIX_LABEL, APPENDIX_TITLE, Classification.RED)] if self.appendix_due else []


def report_item(meeting: Meeting, reader: Any, level: str = Classification.RED) -> AgendaItem | None:
    """The Panel's agenda item the report is for, as ``reader`` may see it at ``level``: the one its
    title names as the Sub-Committee Report."""
    return (
        AgendaItem.objects.visible_to(reader)
        .filter(meeting=meeting, is_withdrawn=False, title__icontains="Sub-Committee Report")
        .filter(classification__in=Classification.up_to(level))
        .order_by("position")
        .first()
    )


def default_since(meeting: Meeting, reader: Any) -> dt.date:
    """The day of the Panel's previous ordinary meeting the reader may see (a month back if none)."""
    previous = previous_meeting(meeting, reader)
    return previous.date if previous else meeting.date - dt.timedelta(days=31)


def draft_for(meeting: Meeting, reader: Any) -> ReportDraft:
    """The meeting's draft as saved, or the one it starts as (not saved)."""
    draft = ReportDraft.objects.filter(meeting=meeting).first()
    return draft or ReportDraft(meeting=meeting, since=default_since(meeting, reader))


def subcommittee_report(
    meeting: Meeting, reader: Any, level: str, *, draft: ReportDraft | None = None, day: dt.date | None = None
) -> SubCommitteeReport:
    draft = draft or draft_for(meeting, reader)
    levels = Classification.up_to(level)
    until = meeting.date
    item = report_item(meeting, reader, level)
    omitted_titles = list(ReportOmission.objects.values_list("title_starts_with", flat=True))
    sections = [
        _section(number, section, reader, levels, level, draft, omitted_titles)
        for number, section in enumerate(ReportSection.objects.all(), start=2)
    ]
    report = SubCommitteeReport(
        meeting=meeting,
        agenda_item=item,
        reference=_reference(meeting, item),
        since=draft.since,
        until=until,
        level=level,
        highlights=[],
        sections=sections,
        recommendations=_lines(draft.recommendations or DEFAULT_RECOMMENDATIONS),
        author=draft.author,
        team=draft.team,
        day=day or until,
        # Whether any status was set in the period, as the counts say it to anyone (withheld is not none).
        appendix_due=any(s.assurance is not None and s.assurance.decisions.value != 0 for s in sections),
    )
    report.highlights = _lines(draft.highlights) or [i.summary.split("\n")[0] for i in report.items if i.flagged]
    return with_appendix(report, reader) if level == Classification.RED else report


def with_appendix(report: SubCommitteeReport, reader: Any) -> SubCommitteeReport:
    """The report with its RED appendix's detail, as ``reader`` may see it (named readers only)."""
    return dataclasses.replace(report, appendix=appendix_detail(reader, report.since, report.until))


def _reference(meeting: Meeting, item: AgendaItem | None) -> str:
    body = meeting.body
    prefix = body.paper_prefix or body.code.upper()
    if item is None:
        return f"{prefix}_{meeting.number}_{meeting.date:%d%m}"
    return paper_reference(prefix, meeting.number, meeting.date, item.number)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _section(
    number: int,
    section: ReportSection,
    reader: Any,
    levels: list[str],
    level: str,
    draft: ReportDraft,
    omitted_titles: list[str],
) -> Section:
    bodies = {body.code: body for body in Body.objects.filter(code__in=section.codes)}
    parts = []
    for code in section.codes:
        if code not in bodies:
            continue
        part = _body_part(bodies[code], reader, levels, draft, omitted_titles)
        if code == section.service_body_code:
            month = _latest_month(reader, levels, draft.meeting.date)
            service = service_section(reader, month, level) if month else None
            part = BodyPart(part.body, part.meetings, part.items, service)
        parts.append(part)
    counts = (
        assurance_counts(reader, draft.since + dt.timedelta(days=1), draft.meeting.date)
        if section.with_assurance
        else None
    )
    return Section(number, section.title, parts, counts)


def _meetings(body: Body, reader: Any, levels: list[str], since: dt.date, until: dt.date) -> Any:
    return (
        Meeting.objects.visible_to(reader)
        .filter(body=body, classification__in=levels, starts_at__date__gt=since, starts_at__date__lt=until)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")
    )


def _body_part(body: Body, reader: Any, levels: list[str], draft: ReportDraft, omitted_titles: list[str]) -> BodyPart:
    meetings = list(_meetings(body, reader, levels, draft.since, draft.meeting.date))
    papers = Paper.objects.visible_to(reader).filter(classification__in=levels, status=Paper.Status.CURRENT)
    minutes = MinuteEntry.objects.visible_to(reader).filter(
        minutes__confidential=False, minutes__classification__in=levels
    )
    decisions = Decision.objects.visible_to(reader).in_force().filter(classification__in=levels)
    agenda = (
        AgendaItem.objects.visible_to(reader)
        .filter(meeting__in=meetings, classification__in=levels, is_withdrawn=False)
        .select_related("meeting")
        .prefetch_related(
            Prefetch("papers", queryset=papers.order_by("reference"), to_attr="shown_papers"),
            Prefetch("minute_entries", queryset=minutes, to_attr="shown_minutes"),
            Prefetch("decisions", queryset=decisions.order_by("position"), to_attr="shown_decisions"),
        )
        .order_by("meeting__starts_at", "position")
    )
    items = [
        _item(body, agenda_item, draft)
        for agenda_item in agenda
        if agenda_item.pk not in draft.omitted and not _procedural(agenda_item.title, omitted_titles)
    ]
    return BodyPart(body, len(meetings), items)


def _procedural(title: str, omitted_titles: list[str]) -> bool:
    lowered = title.lower()
    return any(lowered.startswith(start.lower()) for start in omitted_titles)


def _item(body: Body, agenda_item: Any, draft: ReportDraft) -> ReportItem:
    text = draft.texts.get(str(agenda_item.pk), "")
    return ReportItem(
        key=agenda_item.pk,
        body_code=body.code,
        heading=agenda_item.title,
        summary=text or summary_of(body, agenda_item),
        meeting=f"{body.short_name} {agenda_item.meeting.number}",
        classification=agenda_item.classification,
        flagged=agenda_item.pk in draft.flagged,
        edited=bool(text),
    )


def summary_of(body: Body, agenda_item: Any) -> str:
    """What the records say of an item: its paper's summary, else its minute; then its decisions."""
    papers = [paper.summary for paper in agenda_item.shown_papers if paper.summary.strip()]
    minutes = [entry.narrative for entry in agenda_item.shown_minutes if entry.narrative.strip()]
    said = (papers or minutes or [""])[0].strip()
    decided = [
        f"The {body.short_name} {d.get_verb_display().lower()} {d.text.rstrip('. ')}."
        for d in agenda_item.shown_decisions
    ]
    return "\n".join(part for part in [said, *decided] if part)


def _latest_month(reader: Any, levels: list[str], before: dt.date) -> dt.date | None:
    """The latest month with results the reader may see that ended before the meeting."""
    found = (
        Result.objects.visible_to(reader)
        .in_force()
        .filter(classification__in=levels, month__lt=before.replace(day=1))
        .aggregate(latest=Max("month"))
    )
    return found["latest"]


def appendix_detail(reader: Any, since: dt.date, until: dt.date) -> list[AssessmentDetail]:
    """The assessments whose status was set in the period, as the reader may see them (RED: named readers)."""
    assessments = (
        SecurityAssessment.objects.visible_to(reader)
        .in_force()
        .filter(status_set_on__gt=since, status_set_on__lte=until)
        .select_related("party__organisation")
        .prefetch_related("findings")
        .order_by("status_set_on", "pk")
    )
    return [
        AssessmentDetail(
            party=str(assessment.party),
            kind=assessment.get_kind_display(),
            status=assessment.get_status_display(),
            set_on=assessment.status_set_on,
            findings=[
                f"{finding.control + ': ' if finding.control else ''}{finding.finding}"
                + (f" (remediation due {finding.due_on:%-d %B %Y})" if finding.due_on else "")
                for finding in assessment.findings.all()
                if not finding.is_void
            ],
        )
        for assessment in assessments
    ]
