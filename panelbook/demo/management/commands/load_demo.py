"""panelbook load_demo: load the fictional demo dataset once, then list the demo sign-ins."""

import shutil
import textwrap
import time
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from panelbook.actions import demo as actions_demo
from panelbook.governance import demo
from panelbook.governance.models import Paper


class Command(BaseCommand):
    help = (
        "Load the fictional demo dataset (bodies, people, two years of meetings and papers, then the "
        "actions, decisions and minutes) in one transaction. Does nothing if the demo is already loaded. "
        "Prints the demo sign-ins."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        try:
            counts = self.load()
        except demo.DemoConflict as error:
            raise CommandError(str(error)) from None
        if counts is None:
            self.stdout.write(f"Demo data already present in {demo.database_label()}; reusing it.")
        else:
            seconds = time.monotonic() - started
            summary = ", ".join(f"{count} {name}" for name, count in counts.items())
            where = demo.database_label()
            message = f"Loaded the demo into {where} in {seconds:.1f} s:"
            self.stdout.write(self.style.SUCCESS(message))
            self.stdout.write(f"  {summary}.")
        self.stdout.write("")
        self.stdout.write(self.sign_in_table())

    def load(self) -> dict[str, int] | None:
        """The governance demo, then its actions, decisions and minutes: all or nothing.

        ``demo.load`` removes the paper files it wrote when it fails itself; when the actions
        fail after it, the transaction rolls its rows back here and the files are removed too.
        """
        papers: list[int] = []
        try:
            with transaction.atomic():
                counts = demo.load()
                if counts is None:
                    return None
                papers = list(Paper.objects.values_list("pk", flat=True))
                return counts | actions_demo.load()
        except BaseException:
            for pk in papers:
                remove_folder(f"papers/{pk}")
            raise

    def sign_in_table(self) -> str:
        header = ("Role", "Username", "Password", "Can see")
        rows = [(s.role, s.username, s.password, s.sees) for s in demo.SIGN_INS]
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
        indent = sum(widths) + 3 * 2
        lines = ["Demo sign-ins (fictional data; passwords as loaded):", ""]
        titles = "  ".join(h.ljust(w) for h, w in zip(header[:3], widths, strict=True))
        lines.append(f"{titles}  {header[3]}")
        lines.append("  ".join("-" * w for w in widths) + "  " + "-" * 60)
        for row in rows:
            sees = textwrap.wrap(row[3], 60, break_on_hyphens=False)
            first = "  ".join(c.ljust(w) for c, w in zip(row[:3], widths, strict=True))
            lines.append(f"{first}  {sees[0]}")
            lines.extend(" " * indent + part for part in sees[1:])
        lines.append("")
        lines.append("RED records are shown only to their named recipients, whatever the role.")
        return "\n".join(lines)


def remove_folder(name: str) -> None:
    try:
        path = Path(default_storage.path(name))
    except NotImplementedError:  # not on the local file system; leave it
        return
    shutil.rmtree(path, ignore_errors=True)
