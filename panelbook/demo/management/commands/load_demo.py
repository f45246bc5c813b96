"""panelbook load_demo: load the fictional demo dataset once, then list the demo sign-ins."""

import textwrap
import time

from django.core.management.base import BaseCommand, CommandError

from panelbook.demo import loader
from panelbook.demo.builders.governance import SIGN_INS
from panelbook.demo.conflict import DemoConflict, database_label


class Command(BaseCommand):
    help = (
        "Load the fictional demo dataset (bodies, people, two years of meetings and papers, then the "
        "actions, decisions and minutes) in one transaction. Does nothing if the demo is already loaded. "
        "Prints the demo sign-ins."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        try:
            counts = loader.load()
        except DemoConflict as error:
            raise CommandError(str(error)) from None
        if counts is None:
            self.stdout.write(f"Demo data already present in {database_label()}; reusing it.")
        else:
            seconds = time.monotonic() - started
            summary = ", ".join(f"{count} {name}" for name, count in counts.items())
            message = f"Loaded the demo into {database_label()} in {seconds:.1f} s:"
            self.stdout.write(self.style.SUCCESS(message))
            self.stdout.write(f"  {summary}.")
        self.stdout.write("")
        self.stdout.write(sign_in_table())


def sign_in_table() -> str:
    header = ("Role", "Username", "Password", "Can see")
    rows = [(s.role, s.username, s.password, s.sees) for s in SIGN_INS]
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
