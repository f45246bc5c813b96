"""A synthetic archive for the page benchmarks: the demo, and earlier years made in its shape.

    .venv/bin/python -m bench.archive generate --scale 10 [--data-dir DIR]

1× is the demo (``panelbook load_demo``: every record through its verb). Each further multiple
is a copy of the demo's meetings and everything hanging from them — agenda items, papers, their
appendices and files, actions and their updates, decisions, minutes and their entries,
attendance, named recipients — set one demo-span earlier, so 10× holds ten times the demo's
records. The copies are written with ``bulk_create``, one transaction per copy, with the
meetings' history rows (the calendar feeds read them); their titles and texts are generated
phrases, their old actions closed and their meetings held, as an archive's are. Files are not
copied: a copied file row names its template's stored file.

The database is the one panelbook is configured with: ``DATABASE_URL`` (PostgreSQL), else SQLite
in ``--data-dir`` (default ``var/bench-archive-<scale>x``). A database already holding the
archive at that scale is reused; one holding anything else is refused.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from bench.timing import say

WORDS = {
    "subject": [
        "the data retention rules",
        "the release calendar",
        "the security assessment cycle",
        "the meter reading exceptions",
        "the budget for the coming year",
        "the test environment outage",
        "the supplier onboarding backlog",
        "the incident review process",
        "the network operator interface",
        "the consumer complaints trend",
        "the firmware upgrade plan",
        "the quarterly risk review",
        "the service desk response times",
        "the document library move",
        "the annual work programme",
        "the communications hub returns",
    ],
    "verb": ["review", "update", "report on", "consult on", "agree", "publish", "draft", "check"],
    "owner": ["SECAS", "DCC", "the Chair", "the working group", "Ofgem", "the Panel"],
    "kind": ["Update on", "Report on", "Proposal for", "Review of", "Options for", "Decision on"],
}
MIN_SPAN = dt.timedelta(days=365)


class Phrases:
    """Titles and sentences put together from the word lists above (seeded: the same every run)."""

    def __init__(self, seed: int) -> None:
        self.pick = random.Random(seed).choice

    def title(self) -> str:
        return f"{self.pick(WORDS['kind'])} {self.pick(WORDS['subject'])}"

    def action(self) -> str:
        return f"{self.pick(WORDS['owner'])} to {self.pick(WORDS['verb'])} {self.pick(WORDS['subject'])}."

    def decision(self) -> str:
        return f"the proposal to {self.pick(WORDS['verb'])} {self.pick(WORDS['subject'])}"

    def update(self) -> str:
        return f"Work on {self.pick(WORDS['subject'])} is under way; {self.pick(WORDS['owner'])} will report back."


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    generate = commands.add_parser("generate", help="build (or reuse) the archive at a scale")
    generate.add_argument("--scale", type=int, default=1, help="multiple of the demo (1 is the demo)")
    generate.add_argument("--data-dir", type=Path, help="folder for SQLite and the media files")
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale is a whole multiple of the demo: 1 or more.")
    data_dir = setup(args.scale, args.data_dir)
    say(f"archive at {args.scale}× in {data_dir} ({database_name()})")
    build(args.scale)


def default_data_dir(scale: int) -> Path:
    return Path("var") / f"bench-archive-{scale}x"


def setup(scale: int, data_dir: Path | None) -> Path:
    """Point panelbook at the archive's folder and start Django."""
    folder = (data_dir or default_data_dir(scale)).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["PANELBOOK_DATA_DIR"] = str(folder)
    os.environ.pop("PANELBOOK_MEDIA_ROOT", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "panelbook.settings")
    import django

    django.setup()
    return folder


def database_name() -> str:
    from django.db import connection

    return f"{connection.vendor} {connection.settings_dict['NAME']}"


def build(scale: int) -> None:
    from django.core.management import call_command

    from panelbook.demo import loader
    from panelbook.governance.models import Meeting

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    if not loader.present():
        if Meeting.objects.exists():
            raise SystemExit("This database holds records that are not the demo's; give an empty one.")
        say("loading the demo (1×) through the verbs …")
        loader.load()
    have = scale_of_archive()
    if have == scale:
        say(f"the archive is already at {scale}×: {totals()}")
        return
    if have != 1:
        raise SystemExit(f"This database holds the archive at {have}×; give an empty one for {scale}×.")
    demo = Demo()
    say(f"demo: {len(demo.meetings)} meetings; making {scale - 1} earlier copies")
    for copy in range(1, scale):
        made = time.perf_counter()
        counts = copy_demo(demo, copy)
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        say(f"copy {copy + 1}/{scale} ({time.perf_counter() - made:.1f} s): {summary}")
    if connection_vendor() == "postgresql":
        analyse()
    say(f"done in {time.perf_counter() - started:.1f} s: {totals()}")


COPY_MARK = "Archive: "


def scale_of_archive() -> int:
    """How many times the demo's meetings the database holds (the copies' places are marked)."""
    from panelbook.governance.models import Meeting

    copies = Meeting.objects.filter(location__startswith=COPY_MARK).count()
    demo = Meeting.objects.count() - copies
    return 1 + copies // demo if demo else 0


class Demo:
    """The demo's rows: its meetings, and each table's highest id before any copy is made."""

    def __init__(self) -> None:
        from django.db.models import Max

        from panelbook.actions.models import Decision
        from panelbook.governance.models import Meeting, Paper

        self.meetings = list(Meeting.objects.order_by("pk"))
        self.last = {model: model.objects.aggregate(last=Max("pk"))["last"] or 0 for model in (Paper, Decision)}


def copy_demo(demo: Demo, copy: int) -> dict[str, int]:
    """The ``copy``-th copy of the demo's meetings and what hangs from them, in one transaction."""
    from django.db import transaction

    with transaction.atomic():
        return Copier(demo, copy).run()


class Copier:
    """Copies rows of the demo, table by table, keeping the new id of each copied row so that the
    rows copied later point at the copies of their parents."""

    def __init__(self, demo: Demo, copy: int) -> None:
        self.copy = copy
        self.demo = demo
        self.phrases = Phrases(seed=copy)
        first, last = min(m.starts_at for m in demo.meetings), max(m.starts_at for m in demo.meetings)
        self.shift = max(last - first, MIN_SPAN) * copy
        self.demo_ids = [m.pk for m in demo.meetings]
        # Copy k of meeting n is numbered n + k × the body's highest demo number.
        self.step: dict[int, int] = {}
        for meeting in demo.meetings:
            self.step[meeting.body_id] = max(self.step.get(meeting.body_id, 0), meeting.number)
        self.new: dict[type, dict[int, int]] = {}
        self.counts: dict[str, int] = {}

    def run(self) -> dict[str, int]:
        from panelbook.actions.models import Action, ActionUpdate, Decision, MinuteEntry, Minutes
        from panelbook.governance.models import AgendaItem, Appendix, Attendance, Meeting, Paper, PaperFile

        meetings = self.rows(Meeting, Meeting.objects.filter(pk__in=self.demo_ids), self.meeting)
        Meeting.history.bulk_history_create(meetings, default_change_reason="Meeting created", batch_size=500)
        self.rows(AgendaItem, AgendaItem.objects.filter(meeting__in=self.demo_ids), self.agenda_item)
        self.rows(Paper, Paper.objects.filter(pk__lte=self.demo.last[Paper]), self.paper)
        self.rows(Appendix, Appendix.objects.filter(paper__in=self.new[Paper]), self.parented({"paper": Paper}))
        self.rows(PaperFile, PaperFile.objects.filter(paper__in=self.new[Paper]), self.paper_file)
        actions = Action.objects.filter(meeting__in=self.demo_ids).select_related("meeting")
        self.rows(Action, actions, self.action)
        self.rows(ActionUpdate, ActionUpdate.objects.filter(action__in=self.new[Action]), self.action_update)
        self.rows(Decision, Decision.objects.filter(pk__lte=self.demo.last[Decision]), self.decision)
        self.rows(Minutes, Minutes.objects.filter(meeting__in=self.demo_ids), self.minutes)
        entries = MinuteEntry.objects.filter(minutes__in=self.new[Minutes])
        self.rows(MinuteEntry, entries, self.parented({"minutes": Minutes, "agenda_item": AgendaItem}))
        attendance = Attendance.objects.filter(meeting__in=self.demo_ids)
        self.rows(Attendance, attendance, self.parented({"meeting": Meeting}))
        for model in (Meeting, AgendaItem, Paper, Appendix, Action, Decision, Minutes):
            self.recipients(model)
        return self.counts

    # Copying a table

    def rows(self, model: Any, templates: Iterable, change: Callable[[Any, Any], bool]) -> list:
        """Copy each template row that ``change`` (given the template and its copy) keeps."""
        kept, copies = [], []
        for template in templates:
            row = model(**{f.attname: getattr(template, f.attname) for f in model._meta.concrete_fields})
            row.pk = None
            if change(template, row):
                kept.append(template.pk)
                copies.append(row)
        made = model.objects.bulk_create(copies, batch_size=500)
        self.new[model] = {old: row.pk for old, row in zip(kept, made, strict=True)}
        self.counts[model._meta.verbose_name_plural] = len(made)
        return made

    def recipients(self, model: Any) -> None:
        through = model.recipients.through
        own = f"{model._meta.model_name}_id"
        ids = self.new[model]
        named = through.objects.filter(**{f"{own}__in": ids}).values_list(own, "user_id")
        through.objects.bulk_create([through(**{own: ids[old], "user_id": user}) for old, user in named])

    def parented(self, parents: dict[str, type]) -> Callable[[Any, Any], bool]:
        """Point the copy at its copied parents; keep it only if each given parent was copied."""

        def change(template: Any, row: Any) -> bool:
            for name, parent in parents.items():
                old = getattr(template, f"{name}_id")
                if old is not None:
                    if old not in self.new[parent]:
                        return False
                    setattr(row, f"{name}_id", self.new[parent][old])
            return True

        return change

    def copied(self, model: type, old: int | None) -> int | None:
        return None if old is None else self.new[model].get(old)

    def day(self, value: dt.date | None) -> dt.date | None:
        return None if value is None else value - dt.timedelta(days=self.shift.days)

    # What each table changes

    def meeting(self, template: Any, row: Any) -> bool:
        row.number = template.number + self.step[template.body_id] * self.copy
        row.starts_at, row.ends_at = template.starts_at - self.shift, template.ends_at - self.shift
        row.location = f"{COPY_MARK}{template.location}"[:200]
        row._history_date = row.starts_at - dt.timedelta(days=30)
        if row.status == row.Status.PLANNED:
            row.status = row.Status.HELD
        return True

    def agenda_item(self, template: Any, row: Any) -> bool:
        from panelbook.governance.models import Meeting

        row.meeting_id = self.new[Meeting][template.meeting_id]
        row.title = self.phrases.title()
        return True

    def paper(self, template: Any, row: Any) -> bool:
        from panelbook.governance.models import AgendaItem, Meeting

        if template.meeting_id is not None and template.meeting_id not in self.new[Meeting]:
            return False
        row.meeting_id = self.copied(Meeting, template.meeting_id)
        row.agenda_item_id = self.copied(AgendaItem, template.agenda_item_id)
        row.reference = f"{template.reference}-{self.copy}"
        row.title = self.phrases.title()
        row.paper_date = self.day(template.paper_date)
        row.published_at = template.published_at - self.shift
        return True

    def paper_file(self, template: Any, row: Any) -> bool:
        from panelbook.governance.models import Appendix, Paper

        row.paper_id = self.new[Paper][template.paper_id]
        if template.appendix_id is not None:
            row.appendix_id = self.copied(Appendix, template.appendix_id)
        row.uploaded_at = template.uploaded_at - self.shift
        return template.appendix_id is None or row.appendix_id is not None

    def action(self, template: Any, row: Any) -> bool:
        from panelbook.governance.models import AgendaItem, Meeting

        row.meeting_id = self.new[Meeting][template.meeting_id]
        row.agenda_item_id = self.copied(AgendaItem, template.agenda_item_id)
        row.target_meeting_id = self.copied(Meeting, template.target_meeting_id)
        row.reference = f"{template.reference}-{self.copy}"
        row.text = self.phrases.action()
        row.due_date, row.proposed_on = self.day(template.due_date), self.day(template.proposed_on)
        if row.status != row.Status.CLOSED:
            row.status = row.Status.CLOSED
            row.closed_at_meeting_id = row.target_meeting_id
            row.closed_on = self.day(timezone_date(template.meeting.starts_at) + dt.timedelta(days=90))
        else:
            row.closed_at_meeting_id = self.copied(Meeting, template.closed_at_meeting_id)
            row.closed_on = self.day(template.closed_on)
        return True

    def action_update(self, template: Any, row: Any) -> bool:
        from panelbook.actions.models import Action

        row.action_id = self.new[Action][template.action_id]
        row.on, row.recorded_at = self.day(template.on), template.recorded_at - self.shift
        row.text = self.phrases.update()
        return True

    def decision(self, template: Any, row: Any) -> bool:
        from panelbook.governance.models import AgendaItem, Meeting

        if template.meeting_id is not None and template.meeting_id not in self.new[Meeting]:
            return False
        row.meeting_id = self.copied(Meeting, template.meeting_id)
        row.agenda_item_id = self.copied(AgendaItem, template.agenda_item_id)
        row.decided_on = self.day(template.decided_on)
        row.text = self.phrases.decision()
        return True

    def minutes(self, template: Any, row: Any) -> bool:
        from panelbook.actions.models import Decision
        from panelbook.governance.models import Meeting

        row.meeting_id = self.new[Meeting][template.meeting_id]
        row.approval_id = self.copied(Decision, template.approval_id)
        return True


def timezone_date(moment: dt.datetime) -> dt.date:
    from django.utils import timezone

    return timezone.localtime(moment).date()


def connection_vendor() -> str:
    from django.db import connection

    return connection.vendor


def analyse() -> None:
    """Give PostgreSQL's planner the statistics its autovacuum would have gathered by now (SQLite
    gathers none by itself, so its archive is left as a live one would be)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def totals() -> str:
    from panelbook.actions.models import Action, Decision
    from panelbook.governance.models import AgendaItem, Meeting, Paper, PaperFile

    models = (Meeting, AgendaItem, Paper, PaperFile, Action, Decision)
    return ", ".join(f"{m.objects.count()} {m._meta.verbose_name_plural}" for m in models)


if __name__ == "__main__":
    main()
