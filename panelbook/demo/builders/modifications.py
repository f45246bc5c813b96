"""The modifications demo: the register of ``modifications.yaml``, walked through its lifecycle.

Each modification is raised on its day and moved, one stage every few weeks, to where the
document says it is now, through ``modifications.services``: so its stages are dated, its
timetable is counted in Working Days from the day it became a Modification Proposal, each
milestone is reached on the day its stage is, and the Panel's extensions move the plan while
the baseline stays. Given the same day of loading the result is the same.
"""

from __future__ import annotations

import datetime as dt
import zlib
from typing import Any

from django.utils import timezone

from panelbook.demo import dates
from panelbook.demo.conflict import DemoConflict
from panelbook.demo.documents import read
from panelbook.governance import services as governance
from panelbook.governance.models import Body, Organisation, Person
from panelbook.modifications import services
from panelbook.modifications.lifecycle import AUTHORITY_DECIDES, FINISHED, Path, Stage
from panelbook.modifications.models import (
    Assessment,
    AssessmentTimescale,
    AuthorityDecision,
    Extension,
    Milestone,
    Modification,
    ModificationDocument,
    ReferralPeriod,
    Release,
    StageChange,
)

DECIDED = "DECIDED"  # a milestone reached when the decision is taken, whichever it is
DECISIONS = {Stage.APPROVED, Stage.REJECTED, Stage.WITH_AUTHORITY}
REPORTING = [Stage.REPORT_PHASE, Stage.REPORT_CONSULTATION, Stage.CHANGE_BOARD]
IMPLEMENTING = [Stage.APPROVED, Stage.AWAITING_IMPLEMENTATION, Stage.IMPLEMENTED]
# The Authority's decision that takes a modification from "With the Authority" to each stage.
AUTHORITY_OUTCOMES = {Stage.APPROVED: "APPROVE", Stage.REJECTED: "REJECT", Stage.REPORT_PHASE: "SEND_BACK"}


def check_empty() -> None:
    if Modification.objects.exists():
        raise DemoConflict("The database already holds modifications.")


def build(now: dt.datetime) -> None:
    ModificationsDemo(timezone.localdate(now)).run()


def counts() -> dict[str, int]:
    return {
        "modifications": Modification.objects.count(),
        "modification stages": StageChange.objects.count(),
        "milestones": Milestone.objects.count(),
        "timetable extensions": Extension.objects.count(),
        "DCC assessments": Assessment.objects.count(),
        "modification documents": ModificationDocument.objects.count(),
        "SEC releases": Release.objects.count(),
        "Authority decisions": AuthorityDecision.objects.count(),
    }


def route(spec: dict[str, Any]) -> list[Stage]:
    """The stages a modification passes through after it is raised, up to where it is now."""
    path = Path(spec["path"])
    refinement = [Stage.REFINEMENT] if spec.get("refinement", True) else []
    if path == Path.FAST_TRACK:
        full = [*IMPLEMENTING]
    elif path in AUTHORITY_DECIDES:
        full = [*refinement, *REPORTING, Stage.WITH_AUTHORITY, *IMPLEMENTING]
    else:
        full = [*refinement, *REPORTING, *IMPLEMENTING]
    if spec.get("sent_back"):  # the Authority sent it back: the Report Phase again, and on from there
        full = [*refinement, *REPORTING, Stage.WITH_AUTHORITY, *REPORTING[-3:], Stage.WITH_AUTHORITY, *IMPLEMENTING]
    if spec["ref"].startswith("DP"):
        full = [Stage.MODIFICATION_PROPOSAL, *full]
    target = Stage(spec["stage"])
    if spec.get("sent_back"):
        return full[: len(full) - full[::-1].index(target)]
    if target in (Stage.REJECTED, Stage.WITHDRAWN):
        stop = Stage(spec["at"])
        return [*full[: full.index(stop) + 1], target] if stop in full else [target]
    if target in (Stage.DRAFT_PROPOSAL, Stage.MODIFICATION_PROPOSAL) and target not in full:
        return []
    return full[: full.index(target) + 1]


class ModificationsDemo:
    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.document = read("modifications")
        self.body = Body.objects.get(code=self.document["body"])
        names = {org["key"]: org["name"] for org in read("people")["organisations"]}
        self.organisations = {key: Organisation.objects.get(name=name) for key, name in names.items()}
        people = {person["key"]: person["name"] for person in read("people")["people"]}
        self.analysts = [Person.objects.get(name=people[key]) for key in self.document["lead_analysts"]]
        self.by_reference: dict[str, Modification] = {}

    def run(self) -> None:
        for row in self.document["assessment_timescales"]:
            AssessmentTimescale.objects.create(**row)
        for row in self.document["referral_periods"]:
            ReferralPeriod.objects.create(**row)
        self.releases = self.plan_releases()
        for number, spec in enumerate(self.document["modifications"]):
            self.make(spec, self.analysts[number % len(self.analysts)])
        self.target_releases()
        for modification in Modification.objects.prefetch_related("stage_changes"):
            self.attach_documents(modification)
        self.attach_red_documents()

    def make(self, spec: dict[str, Any], analyst: Person) -> None:
        raised_on = dates.working_day_from(dates.add_months(self.today, -spec["months"]))
        modification = services.raise_modification(
            by=None,
            reference=spec["ref"],
            title=spec["title"],
            body=self.body,
            issue=spec["issue"],
            solution=spec.get("solution", ""),
            path=spec["path"],
            raised_on=raised_on,
            urgent=spec.get("urgent", False),
            proposer_organisation=self.organisations[spec["proposer"]],
            lead_analyst=analyst,
            impacted_categories=spec["impacted"],
            affected_documents=spec.get("documents", ""),
            classification=spec.get("classification", "WHITE"),
            split_from=self.by_reference.get(spec.get("split_from", "")),
        )
        self.by_reference[modification.reference] = modification
        steps = route(spec)
        if modification.stage == Stage.MODIFICATION_PROPOSAL:
            self.agree_timetable(modification, spec, raised_on)
        in_progress = Stage(spec["stage"]) not in FINISHED
        days = iter(self.step_days(raised_on, len(steps)))
        on = raised_on
        for stage in steps:
            on = next(days) if in_progress else self.as_planned(modification, stage, after=on)
            release = self.release_from(on) if stage == Stage.IMPLEMENTED and not in_progress else None
            if release is not None:
                on = release.date
            if modification.stage == Stage.WITH_AUTHORITY and stage in AUTHORITY_OUTCOMES:
                self.authority_decides(modification, AUTHORITY_OUTCOMES[stage], on)
                modification = Modification.objects.get(pk=modification.pk)
            elif modification.stage == Stage.CHANGE_BOARD and stage != Stage.WITHDRAWN:
                approve = Stage(spec["stage"]) != Stage.REJECTED or modification.path in AUTHORITY_DECIDES
                modification, _ = services.record_votes(modification, by=None, votes=self.votes(spec, approve), on=on)
            else:
                modification = services.move_to_stage(modification, by=None, stage=stage, on=on)
            if stage == Stage.REFINEMENT:
                self.assess(modification, on)
            if stage == Stage.MODIFICATION_PROPOSAL:
                self.agree_timetable(modification, spec, on)
            self.reach_milestones(modification, stage, on)
            if release is not None:
                modification = services.set_actual_release(modification, by=None, release=release)
            for extension in spec.get("extensions", []):
                if extension["after"] == stage:
                    self.extend(modification, extension, on)

    def authority_decides(self, modification: Modification, outcome: str, on: dt.date) -> None:
        """The Authority's decision, with its letter as a paper of the modification."""
        letter = governance.create_paper(
            by=None,
            body=self.body,
            reference=f"{modification.reference}_AUTH_{on:%Y%m%d}",
            title=f"{modification.reference} {self.document['authority_letter']}",
            paper_date=on,
            author="The Authority",
            classification=modification.classification,
        )
        services.record_authority_decision(modification, by=None, outcome=outcome, decided_on=on, letter=letter)

    def plan_releases(self) -> list[Release]:
        """The scheduled releases over the years the document names, and its ad hoc ones, in date order."""
        spec = self.document["releases"]
        first, last = (
            dates.add_months(self.today, -spec["months_back"]),
            dates.add_months(self.today, spec["months_ahead"]),
        )
        days = [
            (dates.working_day_from(dt.date(year, row["month"], row["day"])), row["kind"], "")
            for year in range(first.year, last.year + 1)
            for row in spec["scheduled"]
        ]
        days += [
            (dates.working_day_from(dates.add_months(self.today, -row["months_ago"])), "AD_HOC", row["notes"])
            for row in spec["ad_hoc"]
        ]
        made, version = [], spec["first_version"]
        for day, kind, notes in sorted(day for day in days if first <= day[0] <= last):
            ad_hoc = " ad hoc" if kind == "AD_HOC" else ""
            release = services.create_release(
                by=None, name=f"{day:%B %Y}{ad_hoc} SEC Release", kind=kind, date=day, notes=notes
            )
            if day < self.today:
                release = services.correct_release(
                    release, by=None, reason="Gone live", status="DELIVERED", sec_version=f"{version}.0"
                )
                version += 1
            made.append(release)
        return made

    def release_from(self, day: dt.date) -> Release | None:
        """The first delivered scheduled release on or after ``day`` (the next one comes within five
        months), a few days ago at the latest; none before the releases the demo holds."""
        latest = min(self.today - 3 * dates.DAY, dates.add_months(day, 5))
        return next((r for r in self.releases if r.kind != "AD_HOC" and day <= r.date <= latest), None)

    def target_releases(self) -> None:
        """Each modification in progress targets the first planned scheduled release on or after its planned
        Implementation; an urgent one the first planned release of any kind."""
        planned = [release for release in self.releases if release.date >= self.today]
        in_progress = Modification.objects.exclude(stage__in=[stage.value for stage in FINISHED])
        for modification in in_progress.prefetch_related("milestones"):
            implementation = next((m for m in modification.milestones.all() if m.name == "Implementation"), None)
            if implementation is None:
                continue
            kinds = {"AD_HOC"} if modification.urgent else set()
            release = next(
                (r for r in planned if (r.kind != "AD_HOC" or r.kind in kinds) and r.date >= implementation.planned),
                None,
            )
            if release is not None:
                services.set_target_release(modification, by=None, release=release)

    def votes(self, spec: dict[str, Any], approve: bool) -> dict[str, str]:
        """The Change Board's votes by category, carrying (``approve``) or not, most categories taking part."""
        pattern = self.document["votes"]["carried" if approve else "lost"]
        return dict(zip(self.document["votes"]["categories"], pattern, strict=True))

    def as_planned(self, modification: Modification, stage: Stage, *, after: dt.date) -> dt.date:
        """The day a finished modification reached ``stage``: near the planned date of the milestone
        that stage reaches (a few Working Days early or late), else two weeks after the last step;
        never before the last step nor after a few days ago."""
        calendar = services.working_days()
        names = [row["name"] for row in self.timetable_of(modification) if self.reached_by(row["reached_at"], stage)]
        milestone = modification.milestones.filter(name__in=names, actual__isnull=True).first()
        if milestone is None:
            day = calendar.add(after, 10)
        else:
            early_or_late = zlib.crc32(f"{modification.reference} {stage}".encode()) % 11 - 3
            day = calendar.add(milestone.planned, early_or_late)
        return min(max(day, calendar.add(after, 1)), self.today - 3 * dates.DAY)

    def step_days(self, start: dt.date, count: int) -> list[dt.date]:
        """``count`` working days spread evenly from ``start`` to a few days ago."""
        if not count:
            return []
        latest = self.today - 3 * dates.DAY
        gap = max(1, (latest - start).days // (count + 1))
        return [dates.working_day_from(start + gap * (step + 1) * dates.DAY) for step in range(count)]

    def agree_timetable(self, modification: Modification, spec: dict[str, Any], start: dt.date) -> None:
        template = self.document["fast_track_timetable" if spec["path"] == Path.FAST_TRACK else "timetable"]
        calendar = services.working_days()
        milestones = []
        for row in template:
            reckoned = calendar.reckon(start, row["working_days"], label=row["name"])
            milestones.append((row["name"], reckoned.date, reckoned.explain()))
        services.set_timetable(modification, by=None, milestones=milestones)

    def reach_milestones(self, modification: Modification, stage: Stage, on: dt.date) -> None:
        reached = {row["name"] for row in self.timetable_of(modification) if self.reached_by(row["reached_at"], stage)}
        for milestone in modification.milestones.filter(actual__isnull=True, name__in=reached):
            services.record_milestone_reached(milestone, by=None, on=on)

    def timetable_of(self, modification: Modification) -> list[dict[str, Any]]:
        key = "fast_track_timetable" if modification.path == Path.FAST_TRACK else "timetable"
        return self.document[key]

    @staticmethod
    def reached_by(reached_at: str, stage: Stage) -> bool:
        return stage in DECISIONS if reached_at == DECIDED else stage == reached_at

    def extend(self, modification: Modification, extension: dict[str, Any], reached_on: dt.date) -> None:
        first_open = modification.milestones.filter(actual__isnull=True).order_by("position").first()
        if first_open is None:
            return
        services.extend_timetable(
            modification,
            by=None,
            from_milestone=first_open,
            working_days_added=extension["working_days"],
            reason=extension["reason"],
            decision_reference=extension["decision"],
            agreed_on=min(reached_on + 2 * dates.DAY, self.today),
        )

    def assess(self, modification: Modification, refining_from: dt.date) -> None:
        """The DCC's assessments of a modification that entered the Refinement Process on
        ``refining_from``, as ``assessments`` in the document has them; none returned after today."""
        calendar = services.working_days()
        for row in self.document["assessments"].get(modification.reference, []):
            asked = calendar.add(refining_from, row["asked"])
            if asked >= self.today:
                continue
            assessment = services.request_assessment(modification, by=None, kind=row["kind"], requested_on=asked)
            returned = calendar.add(asked, row["took"]) if "took" in row else None
            if returned is None or returned >= self.today:
                continue
            lead_time, unit = row.get("lead_time", (None, ""))
            services.record_assessment_return(
                assessment,
                by=None,
                delivered_on=returned,
                cost=row.get("cost"),
                lead_time=lead_time,
                lead_time_unit=unit,
            )

    def attach_documents(self, modification: Modification) -> None:
        """The documents each stage it reached brings (``documents.by_stage``), each a new paper."""
        by_stage = self.document["documents"]["by_stage"]
        reached: set[str] = set()
        for change in modification.stage_changes.all():
            key = DECIDED if change.stage in (Stage.APPROVED, Stage.REJECTED) else change.stage
            if key in reached or key == DECIDED and modification.authority_decisions.exists():
                continue  # a stage reached again after a sending back, or the Authority's letter came with it
            reached.add(key)
            for row in by_stage.get(key, []):
                if row["kind"] == "PROBLEM_STATEMENT" and modification.documents.exists():
                    continue  # a converted Draft Proposal keeps the problem statement it was raised with
                self.attach(modification, row, change.on)

    def attach(self, modification: Modification, row: dict[str, Any], on: dt.date, recipients: Any = None) -> None:
        version = row.get("version", "")
        number = modification.documents.count() + 1
        paper = governance.create_paper(
            by=None,
            body=self.body,
            reference=f"{modification.reference}_DOC{number:02}",
            title=f"{modification.reference} {row['title']}",
            paper_date=on,
            author="SECAS",
            classification="RED" if recipients else modification.classification,
            recipients=recipients,
        )
        services.attach_document(modification, by=None, paper=paper, kind=row["kind"], version=version, attached_on=on)

    def attach_red_documents(self) -> None:
        people = {person["key"]: person["name"] for person in read("people")["people"]}
        for row in self.document["documents"]["red"]:
            modification = Modification.objects.get(reference=row["ref"])
            users = [Person.objects.get(name=people[key]).user for key in row["recipients"]]
            latest = modification.stage_changes.order_by("-on").values_list("on", flat=True).first()
            self.attach(modification, row, latest or modification.raised_on, recipients=users)
