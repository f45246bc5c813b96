"""The register spreadsheet import: the secretariat's sheet of modifications, previewed, then stored.

The pipeline, each step on plain data until the last:

1. ``read_sheet``: the file's bytes (CSV or XLSX) -> its columns and its rows, numbered as the
   spreadsheet numbers them (the header is row 1);
2. ``preview``: each row read through ``RowForm`` (one Django form per row, so every cell gets
   the form's own message), checked against the lifecycle and the file's other rows, then matched
   against the register: what would be created, updated or left unchanged, in words, or the
   row's errors naming the row, the column and the problem;
3. ``import_register``: the preview made again inside one transaction and, only when no row is in
   error, carried out through the register's verbs (raise, move on, correct, set the timetable,
   record a milestone reached).

Re-running a file already imported finds every row unchanged and stores nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from django import forms
from django.utils import timezone

from panelbook.core.lib import sheets
from panelbook.core.lib.sheets import RowError, Sheet, SheetRefused
from panelbook.core.lib.sheets import heading_key as _key
from panelbook.core.models import User
from panelbook.core.services import ServiceError, verb
from panelbook.modifications import lifecycle, services
from panelbook.modifications.lifecycle import Stage
from panelbook.modifications.models import Modification
from panelbook.modifications.references import NotAReference, Reference, parse

EARLIEST = dt.date(2013, 1, 1)  # before the SEC's first modifications
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d %B %Y", "%d %b %Y"]
PLANNED, REACHED = "planned ", "reached "
REASON = "Imported from the register spreadsheet"


def read_sheet(name: str, content: bytes) -> Sheet:
    """The register's columns and rows (``core.lib.sheets``)."""
    return sheets.read_sheet(name, content, what="the register")


key_of = _key  # how a heading or a choice is compared, for other layouts of the same fields (ingest's pages)


# Column headings, forgiving case, spaces and punctuation.
FIELD_COLUMNS = {
    "reference": "reference",
    "ref": "reference",
    "title": "title",
    "path": "path",
    "stage": "stage",
    "current stage": "stage",
    "date raised": "raised_on",
    "raised": "raised_on",
    "issue": "issue",
    "what is the issue": "issue",
}
REQUIRED = {"reference": "Reference", "title": "Title", "path": "Path", "stage": "Stage", "raised_on": "Date raised"}
# The day a modification reached each stage after its first: a column named after the stage.
STAGE_COLUMNS = {
    **{_key(stage.value): stage for stage in Stage if stage != Stage.DRAFT_PROPOSAL},
    **{_key(label): stage for stage, label in lifecycle.STAGE_LABELS.items() if stage != Stage.DRAFT_PROPOSAL},
}


def _choice_keys(labels: dict[Any, str]) -> dict[str, Any]:
    """Each choice known by its code, its label and each half of a label like "Path 1: Authority-led"."""
    keys: dict[str, Any] = {}
    for value, label in labels.items():
        for name in (value.value, label, *label.split(":")):
            keys.setdefault(_key(name), value)
    return keys


PATH_NAMES = _choice_keys(lifecycle.PATH_LABELS)
STAGE_NAMES = _choice_keys(lifecycle.STAGE_LABELS)


@dataclass(frozen=True)
class Columns:
    """What each column of the sheet holds."""

    fields: dict[str, int]  # form field -> column index
    stages: dict[Stage, int]
    planned: dict[str, int]  # milestone name -> column index
    reached: dict[str, int]
    headings: list[str]

    def heading(self, form_field: str) -> str:
        index = self._index(form_field)
        return self.headings[index] if index is not None else REQUIRED.get(form_field, form_field)

    def _index(self, form_field: str) -> int | None:
        kind, colon, name = form_field.partition(":")
        if not colon:
            return self.fields.get(form_field)
        if kind == "stage":
            return self.stages.get(Stage(name))
        if kind == "planned":
            return self.planned.get(name)
        return self.reached.get(name)


def read_columns(sheet: Sheet) -> Columns:
    """Each heading understood, or SheetRefused naming those that are not and the ones missing."""
    fields: dict[str, int] = {}
    stages: dict[Stage, int] = {}
    planned: dict[str, int] = {}
    reached: dict[str, int] = {}
    unknown, repeated = [], []
    for index, heading in enumerate(sheet.headings):
        key = _key(heading)
        milestone = _milestone_name(heading)
        if key in FIELD_COLUMNS:
            target: dict[Any, int] = fields
            name: Any = FIELD_COLUMNS[key]
        elif key in STAGE_COLUMNS:
            target, name = stages, STAGE_COLUMNS[key]
        elif milestone and key.startswith(PLANNED):
            target, name = planned, milestone
        elif milestone and key.startswith(REACHED):
            target, name = reached, milestone
        else:
            unknown.append(heading or f"(column {index + 1} has no heading)")
            continue
        if name in target:
            repeated.append(heading)
        target[name] = index
    problems = []
    missing = [label for name, label in REQUIRED.items() if name not in fields]
    if missing:
        problems.append(f"it has no column {', '.join(f'“{m}”' for m in missing)}")
    if unknown:
        problems.append(
            f"the column {', '.join(f'“{u}”' for u in unknown)} is not one the import knows "
            "(Reference, Title, Path, Stage, Date raised, Issue, a column per stage named after it, "
            "“Planned <milestone>” and “Reached <milestone>”)"
        )
    if repeated:
        problems.append(f"the column {', '.join(f'“{r}”' for r in repeated)} is given twice")
    if problems:
        raise SheetRefused(f"{sheet.name}: " + "; ".join(problems) + ".")
    return Columns(fields, stages, planned, reached, sheet.headings)


def _milestone_name(heading: str) -> str:
    """“Planned Modification Report” -> “Modification Report”."""
    words = heading.strip().split(None, 1)
    if len(words) < 2 or words[0].casefold().rstrip(":") not in {"planned", "reached"}:
        return ""
    return words[1].strip().lstrip(":").strip()


def _date_field(required: bool = False) -> forms.DateField:
    return forms.DateField(
        required=required,
        input_formats=DATE_FORMATS,
        error_messages={
            "invalid": "is not a date: write it as 2025-03-31 or 31/03/2025, and check the day exists in that month.",
            "required": "is empty: give the date.",
        },
    )


class RowForm(forms.Form):
    """One row of the register sheet. Field errors are sentence endings: the row, the column and
    the cell's value are put before them."""

    reference = forms.CharField(max_length=12, error_messages={"required": "is empty: give the reference."})
    title = forms.CharField(max_length=300, error_messages={"required": "is empty: give the title."})
    path = forms.CharField(error_messages={"required": "is empty: give the path."})
    stage = forms.CharField(error_messages={"required": "is empty: give the stage it is at."})
    raised_on = _date_field(required=True)
    issue = forms.CharField(required=False)

    def __init__(self, data: dict[str, Any], *, columns: Columns, today: dt.date) -> None:
        super().__init__(data)
        self.today = today
        for stage in columns.stages:
            self.fields[f"stage:{stage.value}"] = _date_field()
        for name in columns.planned:
            self.fields[f"planned:{name}"] = _date_field()
        for name in columns.reached:
            self.fields[f"reached:{name}"] = _date_field()

    def clean_reference(self) -> Reference:
        try:
            return parse(self.cleaned_data["reference"])
        except NotAReference:
            raise forms.ValidationError(
                "is in no known reference format: write SECMP0040, DP081, MP122 or MP102A."
            ) from None

    def clean_path(self) -> lifecycle.Path:
        return self._choice("path", PATH_NAMES, lifecycle.PATH_LABELS)

    def clean_stage(self) -> Stage:
        return self._choice("stage", STAGE_NAMES, lifecycle.STAGE_LABELS)

    def _choice(self, name: str, known: dict[str, Any], labels: dict[Any, str]) -> Any:
        found = known.get(_key(self.cleaned_data[name]))
        if found is None:
            choices = ", ".join(f"“{label}”" for label in labels.values())
            raise forms.ValidationError(f"is not a {name}: write one of {choices}.")
        return found

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, value in list(data.items()):
            if isinstance(value, dt.date) and value < EARLIEST:
                self.add_error(name, f"is before {EARLIEST:%Y}, when the SEC's modifications began: check the year.")
            elif isinstance(value, dt.date) and not name.startswith("planned:") and value > self.today:
                self.add_error(
                    name, "is in the future: a modification cannot be raised or reach a stage before it happens."
                )
        return data


@dataclass
class Row:
    """One valid row, read: the modification as the sheet has it."""

    number: int
    reference: Reference
    title: str
    path: lifecycle.Path
    stage: Stage
    raised_on: dt.date
    issue: str
    stage_dates: dict[Stage, dt.date]
    planned: dict[str, dt.date]
    reached: dict[str, dt.date]
    # Fields beyond the sheet's, as ``correct_modification`` names them (a page saved from the SEC website
    # gives the solution, who is impacted …): given to a new one, corrected on a stored one when they differ.
    details: dict[str, Any] = field(default_factory=dict)

    def starts_as_draft(self) -> bool:
        """A DP, or an MP the sheet dates as converted after it was raised."""
        if self.reference.is_draft:
            return True
        converted = self.stage_dates.get(Stage.MODIFICATION_PROPOSAL)
        return (
            self.reference.prefix == "MP"
            and not self.reference.suffix
            and converted is not None
            and converted > self.raised_on
        )

    def history(self) -> list[tuple[Stage, dt.date]]:
        """The stages it passed through with their dates, first to last, as the sheet has them."""
        first = Stage.DRAFT_PROPOSAL if self.starts_as_draft() else Stage.MODIFICATION_PROPOSAL
        dated = [(first, self.raised_on)]
        order = list(Stage).index
        dated += sorted(((s, d) for s, d in self.stage_dates.items() if s != first), key=lambda sd: order(sd[0]))
        return dated

    @property
    def register_reference(self) -> str:
        """The reference it has in the register once imported: a converted DP is an MP."""
        past_draft = any(stage != Stage.DRAFT_PROPOSAL for stage, _ in self.history())
        ref = self.reference
        if ref.prefix in {"DP", "MP"} and not ref.suffix:
            return str(ref.converted() if past_draft else Reference("DP", ref.number))
        return str(ref)


@dataclass(frozen=True)
class Acting:
    """Who imports, the body new modifications belong to, the reason their history gives, and the
    classification (and recipients) of new ones when not the default."""

    by: User | None
    body: Any
    reason: str = REASON
    level: dict[str, Any] = field(default_factory=dict)


Step = Callable[[Modification, Acting], Modification]


@dataclass
class RowPlan:
    number: int
    reference: str
    outcome: str  # "create", "update" or "unchanged"
    changes: list[str] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    stored: Modification | None = None  # what the steps start from, for an update
    raising: Callable[[Acting], Modification] | None = None  # what makes it, for a new one


@dataclass
class Preview:
    source: str
    rows: list[RowPlan] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def created(self) -> int:
        return self.count("create")

    @property
    def updated(self) -> int:
        return self.count("update")

    @property
    def changes_anything(self) -> bool:
        return not self.errors and any(row.outcome != "unchanged" for row in self.rows)

    def summary(self) -> str:
        if self.errors:
            rows = len({error.row for error in self.errors})
            return (
                f"{rows} row{'s' if rows != 1 else ''} of {self.source} "
                f"{'are' if rows != 1 else 'is'} in error; nothing is stored until every row is put right."
            )
        created, updated, unchanged = self.count("create"), self.count("update"), self.count("unchanged")
        if not created and not updated:
            return f"Nothing to change: all {unchanged} rows of {self.source} match the register."
        return f"{created} to create, {updated} to update and {unchanged} unchanged, from {self.source}."

    def fingerprint(self) -> str:
        """What the preview promised, to tell at commit whether the register moved meanwhile."""
        return "|".join(f"{row.number}:{row.outcome}:{';'.join(row.changes)}" for row in self.rows)


def preview(sheet: Sheet, *, by: User | None, today: dt.date | None = None) -> Preview:
    """What importing ``sheet`` would do, row by row, storing nothing."""
    today = today or timezone.localdate()
    result = Preview(sheet.name)
    try:
        columns = read_columns(sheet)
    except SheetRefused as refused:
        result.errors.append(RowError(1, "", str(refused)))
        return result
    rows = []
    for number, cells in sheet.rows:
        row, errors = _read_row(number, cells, columns, today)
        result.errors += errors
        if row is not None:
            rows.append(row)
    result.errors += _repeated(rows)
    register = _Register(by)
    for row in rows:
        planned, errors = _plan_row(row, register)
        result.errors += errors
        if planned is not None:
            result.rows.append(planned)
    result.errors.sort(key=lambda error: error.row)
    return result


def _read_row(number: int, cells: list[Any], columns: Columns, today: dt.date) -> tuple[Row | None, list[RowError]]:
    def cell(index: int) -> Any:
        value = cells[index] if index < len(cells) else None
        return value.strip() if isinstance(value, str) else value

    data: dict[str, Any] = {name: cell(index) for name, index in columns.fields.items()}
    data |= {f"stage:{stage.value}": cell(index) for stage, index in columns.stages.items()}
    data |= {f"planned:{name}": cell(index) for name, index in columns.planned.items()}
    data |= {f"reached:{name}": cell(index) for name, index in columns.reached.items()}
    form = RowForm(data, columns=columns, today=today)
    if not form.is_valid():
        return None, [
            RowError(number, columns.heading(name), _with_value(data.get(name), str(message)))
            for name, messages in form.errors.items()
            for message in messages
        ]
    clean = form.cleaned_data
    row = Row(
        number=number,
        reference=clean["reference"],
        title=clean["title"],
        path=clean["path"],
        stage=clean["stage"],
        raised_on=clean["raised_on"],
        issue=clean.get("issue") or "",
        stage_dates={s: clean[f"stage:{s.value}"] for s in columns.stages if clean.get(f"stage:{s.value}")},
        planned={n: clean[f"planned:{n}"] for n in columns.planned if clean.get(f"planned:{n}")},
        reached={n: clean[f"reached:{n}"] for n in columns.reached if clean.get(f"reached:{n}")},
    )
    errors = _lifecycle_errors(row, columns)
    return (None, errors) if errors else (row, [])


def _with_value(value: Any, message: str) -> str:
    if value is None or str(value).strip() == "":
        return message[0].upper() + message[1:]
    shown = f"{value:%d/%m/%Y}" if isinstance(value, dt.date) else str(value)
    return f"“{shown}” {message}"


def _lifecycle_errors(row: Row, columns: Columns) -> list[RowError]:
    """The sheet's stages, in order, each one a step the lifecycle allows on the row's path."""
    history = row.history()
    if row.stage == Stage.DRAFT_PROPOSAL and not row.reference.is_draft:
        return [
            RowError(
                row.number,
                "Stage",
                f"{row.reference} is past the Draft Proposal; a Draft Proposal is DP{row.reference.number:03d}.",
            )
        ]
    if (
        row.reference.is_draft
        and Stage.MODIFICATION_PROPOSAL not in row.stage_dates
        and row.stage != Stage.DRAFT_PROPOSAL
    ):
        return [
            RowError(
                row.number, "Modification Proposal", f"give the day {row.reference} became a Modification Proposal."
            )
        ]
    converted = row.stage_dates.get(Stage.MODIFICATION_PROPOSAL)
    if converted is not None and not row.starts_as_draft() and converted != row.raised_on:
        return [
            RowError(
                row.number,
                columns.heading(f"stage:{Stage.MODIFICATION_PROPOSAL.value}"),
                f"{row.reference} was raised as a Modification Proposal on {row.raised_on:%d/%m/%Y} (its date "
                "raised); only an MP converted from a Draft Proposal is dated here: leave the cell empty.",
            )
        ]
    for (before, before_on), (after, after_on) in zip(history, history[1:], strict=False):
        refused = lifecycle.refusal(before, row.path, after)
        if refused:
            return [
                RowError(
                    row.number,
                    columns.heading(f"stage:{after.value}"),
                    f"{row.reference}: {refused} Give the date of each stage it passed through.",
                )
            ]
        if after_on < before_on:
            return [
                RowError(
                    row.number,
                    columns.heading(f"stage:{after.value}"),
                    f"{row.reference} reached “{lifecycle.STAGE_LABELS[after]}” on {after_on:%d %B %Y}, "
                    f"before “{lifecycle.STAGE_LABELS[before]}” on {before_on:%d %B %Y}.",
                )
            ]
    last = history[-1][0]
    if last != row.stage:
        return [
            RowError(
                row.number,
                "Stage",
                f"{row.reference} is at “{lifecycle.STAGE_LABELS[row.stage]}”, but the last stage the row dates is "
                f"“{lifecycle.STAGE_LABELS[last]}”: give the date it reached “{lifecycle.STAGE_LABELS[row.stage]}” "
                "in the column of that name.",
            )
        ]
    return []


def _identity(reference: Reference) -> tuple[str, int, str]:
    """DP081 and MP081 are one modification."""
    prefix = "MP" if reference.prefix in {"DP", "MP"} else reference.prefix
    return (prefix, reference.number, reference.suffix)


def _repeated(rows: list[Row]) -> list[RowError]:
    first: dict[tuple[str, int, str], Row] = {}
    errors = []
    for row in rows:
        earlier = first.setdefault(_identity(row.reference), row)
        if earlier is not row:
            errors.append(
                RowError(
                    row.number,
                    "Reference",
                    f"{row.reference} is also on row {earlier.number} (as {earlier.reference}): "
                    "a modification takes one row.",
                )
            )
    repeated = {e.row for e in errors}
    rows[:] = [row for row in rows if row.number not in repeated]
    return errors


class _Register:
    """The register as the importer may read it; a record hidden from them is known to exist only."""

    def __init__(self, by: User | None):
        every = Modification.objects.all()
        self.readable = every if by is None else Modification.objects.visible_to(by)
        self.every = every

    def find(self, reference: Reference) -> tuple[Modification | None, bool]:
        """The stored modification under this reference or its DP/MP twin, and whether one is hidden."""
        names = {str(reference)}
        if reference.prefix in {"DP", "MP"} and not reference.suffix:
            names |= {f"DP{reference.number:03d}", f"MP{reference.number:03d}"}
        found = self.readable.filter(reference__in=names).prefetch_related("stage_changes", "milestones").first()
        if found is not None:
            return found, False
        return None, self.every.filter(reference__in=names).exists()


def _plan_row(row: Row, register: _Register) -> tuple[RowPlan | None, list[RowError]]:
    stored, hidden = register.find(row.reference)
    if hidden:
        return None, [
            RowError(
                row.number, "Reference", f"{row.reference} is in the register, but you may not see it; ask its owner."
            )
        ]
    if stored is None:
        return _creation(row), []
    if stored.is_void:
        return None, [
            RowError(
                row.number, "Reference", f"{stored.reference} is void in the register; restore it before importing it."
            )
        ]
    return _update(row, stored)


def _creation(row: Row) -> RowPlan:
    history = row.history()
    first_reference = str(Reference("DP", row.reference.number)) if row.starts_as_draft() else str(row.reference)
    plan = RowPlan(row.number, row.register_reference, "create")
    plan.changes.append(f"Raise {first_reference} “{row.title}” on {row.raised_on:%d %B %Y}")

    def raise_it(acting: Acting) -> Modification:
        parent = None
        if row.reference.suffix:
            parent = Modification.objects.filter(
                reference=str(Reference(row.reference.prefix, row.reference.number))
            ).first()
        return services.raise_modification(
            by=acting.by,
            reference=first_reference,
            title=row.title,
            body=acting.body,
            issue=row.issue or f"{REASON}; the issue is still to be written.",
            path=row.path.value,
            raised_on=row.raised_on,
            split_from=parent,
            **row.details,
            **acting.level,
        )

    plan.raising = raise_it
    _moves(plan, history[1:])
    _timetable(plan, row, stored=None)
    return plan


def _moves(plan: RowPlan, stages: Iterable[tuple[Stage, dt.date]]) -> None:
    for stage, on in stages:
        plan.changes.append(f"Move to “{lifecycle.STAGE_LABELS[stage]}” on {on:%d %B %Y}")
        plan.steps.append(functools.partial(_move, stage=stage, on=on))


def _timetable(plan: RowPlan, row: Row, stored: Modification | None) -> list[tuple[str, str]]:
    """Set the timetable the sheet plans, or check it against the one agreed; record what it reached."""
    milestones = {m.name: m for m in stored.milestones.all()} if stored is not None else {}
    problems = []
    if row.planned and not milestones:
        names = ", ".join(f"{name} {on:%d/%m/%Y}" for name, on in row.planned.items())
        plan.changes.append(f"Agree the timetable: {names}")
        rows = list(row.planned.items())
        plan.steps.append(functools.partial(_agree, milestones=rows))
    else:
        for name, on in row.planned.items():
            held = milestones.get(name)
            if held is None:
                problems.append(
                    (
                        f"Planned {name}",
                        f"“{name}” is not in {plan.reference}'s timetable; a timetable is agreed once, "
                        "and changed by an extension in panelbook.",
                    )
                )
            elif held.planned != on:
                problems.append(
                    (
                        f"Planned {name}",
                        f"the register plans “{name}” for {held.planned:%d/%m/%Y}, the sheet for {on:%d/%m/%Y}: "
                        "extend the timetable in panelbook with the Panel's decision, or correct the sheet.",
                    )
                )
    for name, on in row.reached.items():
        held = milestones.get(name)
        if name not in row.planned and held is None:
            problems.append((f"Reached {name}", f"“{name}” is not a milestone of {plan.reference}'s timetable."))
        elif held is not None and held.actual is not None and held.actual != on:
            problems.append(
                (
                    f"Reached {name}",
                    f"the register has “{name}” reached on {held.actual:%d/%m/%Y}, the sheet on {on:%d/%m/%Y}.",
                )
            )
        elif held is None or held.actual is None:
            plan.changes.append(f"Record “{name}” reached on {on:%d %B %Y}")
            plan.steps.append(functools.partial(_reach, name=name, on=on))
    return problems


def _move(modification: Modification, acting: Acting, *, stage: Stage, on: dt.date) -> Modification:
    return services.move_to_stage(modification, by=acting.by, stage=stage.value, on=on, note=acting.reason)


def _correct(modification: Modification, acting: Acting, *, changes: dict[str, Any]) -> Modification:
    return services.correct_modification(modification, by=acting.by, reason=acting.reason, **changes)


def _agree(modification: Modification, acting: Acting, *, milestones: list[tuple[str, dt.date]]) -> Modification:
    services.set_timetable(modification, by=acting.by, milestones=milestones)
    return modification


def _reach(modification: Modification, acting: Acting, *, name: str, on: dt.date) -> Modification:
    services.record_milestone_reached(modification.milestones.get(name=name), by=acting.by, on=on)
    return modification


def _update(row: Row, stored: Modification) -> tuple[RowPlan | None, list[RowError]]:
    plan = RowPlan(row.number, stored.reference, "update", stored=stored)
    errors = []
    if stored.raised_on != row.raised_on:
        errors.append(
            RowError(
                row.number,
                "Date raised",
                f"the register has {stored.reference} raised on {stored.raised_on:%d/%m/%Y}, the sheet on "
                f"{row.raised_on:%d/%m/%Y}: correct the sheet (the date raised is not changed by an import).",
            )
        )
    errors += _stage_errors(row, stored, plan)
    corrections = {"title": row.title, "path": row.path.value}
    if row.issue:
        corrections["issue"] = row.issue
    corrections |= row.details
    changed: dict[str, Any] = {name: value for name, value in corrections.items() if getattr(stored, name) != value}
    if changed:
        plan.changes.insert(
            0, "Correct " + ", ".join(f"{name} to “{_shown(value)}”" for name, value in changed.items())
        )
        plan.steps.insert(0, functools.partial(_correct, changes=changed))
    errors += [RowError(row.number, column, message) for column, message in _timetable(plan, row, stored)]
    if errors:
        return None, errors
    if not plan.steps:
        plan.outcome = "unchanged"
    return plan, []


def _shown(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list | tuple) else str(value)


def _stage_errors(row: Row, stored: Modification, plan: RowPlan) -> list[RowError]:
    """The register's stages must begin the sheet's, day for day; the sheet's later ones are moves."""
    held = [
        (Stage(change.stage), change.on) for change in sorted(stored.stage_changes.all(), key=lambda c: (c.on, c.id))
    ]
    sheet = row.history()
    for index, (stage, on) in enumerate(held):
        label = lifecycle.STAGE_LABELS[stage]
        if index >= len(sheet):
            return [
                RowError(
                    row.number,
                    "Stage",
                    f"the register has {stored.reference} further on, at “{lifecycle.STAGE_LABELS[held[-1][0]]}” "
                    f"since {held[-1][1]:%d/%m/%Y}; an import never moves a modification back: "
                    "bring the row up to date.",
                )
            ]
        sheet_stage, sheet_on = sheet[index]
        if sheet_stage != stage or sheet_on != on:
            column = "Date raised" if index == 0 else lifecycle.STAGE_LABELS[sheet_stage]
            return [
                RowError(
                    row.number,
                    column,
                    f"the register has {stored.reference} reach “{label}” on {on:%d/%m/%Y}, where the sheet has "
                    f"“{lifecycle.STAGE_LABELS[sheet_stage]}” on {sheet_on:%d/%m/%Y}: correct the sheet.",
                )
            ]
    _moves(plan, sheet[len(held) :])
    return []


@verb
def import_register(sheet: Sheet, *, by: User | None, body: Any, expected: str | None = None) -> Preview:
    """Store what the preview of ``sheet`` shows, in one transaction, through the register's verbs.

    Refused, storing nothing, when any row is in error, or when ``expected`` (the fingerprint of the
    preview the person saw) no longer matches because the register changed meanwhile."""
    result = preview(sheet, by=by)
    if result.errors:
        raise ServiceError([str(error) for error in result.errors])
    if expected is not None and result.fingerprint() != expected:
        raise ServiceError("The register changed since the preview; look at the preview again before importing.")
    acting = Acting(by, body)
    for row in result.rows:
        try:
            carry_out(row, acting)
        except ServiceError as refused:
            raise ServiceError(f"Row {row.number} ({row.reference}): {' '.join(refused.messages)}") from None
    return result


def carry_out(plan: RowPlan, acting: Acting) -> Modification:
    """A row's plan, through the register's verbs: raise it (when new), then each step."""
    modification = plan.stored or cast(Callable[[Acting], Modification], plan.raising)(acting)
    for step in plan.steps:
        modification = step(modification, acting)
    return modification


# One modification given field by field rather than as a sheet's row (a page saved from the SEC website,
# read by ingest): the same form, lifecycle checks and plan as a row, its errors naming the fields.


def read_record(
    values: dict[str, Any], stage_dates: dict[Stage, Any], *, headings: dict[str, str], today: dt.date
) -> tuple[Row | None, list[RowError]]:
    """``values`` (by ``RowForm`` field: reference, title, path, stage, raised_on, issue) and the day
    each later stage was reached, read as row 1 of a sheet whose columns ``headings`` names."""
    names = [*values, *(f"stage:{stage.value}" for stage in stage_dates)]
    columns = Columns(
        fields={name: index for index, name in enumerate(values)},
        stages={stage: len(values) + index for index, stage in enumerate(stage_dates)},
        planned={},
        reached={},
        headings=[headings.get(name, REQUIRED.get(name, name)) for name in names],
    )
    return _read_row(1, [*values.values(), *stage_dates.values()], columns, today)


def find_in_register(reference: Reference, *, by: User | None) -> tuple[Modification | None, bool]:
    """The modification under ``reference`` or its DP/MP twin that ``by`` may see, and whether one is hidden."""
    return _Register(by).find(reference)


def plan_record(row: Row, *, by: User | None) -> tuple[RowPlan | None, list[RowError]]:
    """What importing ``row`` would do to the register as ``by`` may read it, or its errors."""
    return _plan_row(row, _Register(by))
