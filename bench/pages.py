"""Benchmark: panelbook's pages over a synthetic archive, beside a bare Django page, with wrk.

    .venv/bin/python -m bench.pages --scale 10 [--duration 10] [--connections 16 64] [--only /papers/]
    .venv/bin/python -m bench.pages --scale 10 --against dbd228d --only /papers/ "a Panel meeting"

Builds (or reuses) the archive at ``--scale`` (``bench.archive``) and the bare baseline (plain
Django rendering 50 rows from one indexed query of a 100,000-row table, ``bench.bare``), serves
each with gunicorn (2 workers, the same options, DEBUG off), and drives every page with ``wrk``
on loopback at each connection count, as the public and as a signed-in Panel member, the bare page
measured before and after the pages at each count. It prints, for each page, requests a second,
their ratio to the bare page's (the mean of its two runs) and the p50 and p99 latency. Between
runs it waits for the server to work off what the last run left queued. The calendar feed is
driven with two connections whatever the count (a subscriber's program polls it now and then).

``--against REV`` also serves the code of git revision REV (exported to a temporary folder) over
the same database, and measures each page on both, one after the other, to say what a change
bought: the rows for REV are named "(REV)".

The database is panelbook's configured one: ``DATABASE_URL`` for PostgreSQL (the bare table then
goes in a database of the same name with ``_bare`` added, made if missing), else SQLite in the
archive's folder. ``wrk`` is installed with apt when missing (as root).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench import archive
from bench.timing import say

PANELBOOK_PORT, BARE_PORT, AGAINST_PORT = 8731, 8732, 8733
BARE_URL = "/rows/"
ROLES = ("public", "member")
# A feed is fetched by a subscriber's calendar program now and then, not by a crowd: two
# connections, one for each worker, whatever --connections says.
FEEDS = {"/calendar.ics": 2}
LISTS = ("/meetings/", "/papers/", "/actions/", "/decisions/")
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass(frozen=True)
class Result:
    rate: float
    p50: float
    p99: float
    errors: int


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page, role and count")
    parser.add_argument("--connections", type=int, nargs="+", default=[16, 64])
    parser.add_argument("--only", nargs="+", help="measure only these page names or paths")
    parser.add_argument("--against", metavar="REV", help="measure the code of this git revision beside")
    args = parser.parse_args(argv)

    ensure_wrk()
    folder = archive.setup(args.scale, args.data_dir)
    archive.build(args.scale)
    pages, cookie = targets()
    if args.only:
        pages = {name: path for name, path in pages.items() if name in args.only or path in args.only}
    bare_url = fill_bare(folder)
    say(f"{archive.database_name()}, {args.scale}×; bare table in {bare_url}")
    servers = {"": PANELBOOK_PORT} | ({f" ({args.against})": AGAINST_PORT} if args.against else {})
    env = os.environ | {"DEBUG": "false"}
    bare_env = os.environ | {"BARE_DATABASE_URL": bare_url, "DJANGO_SETTINGS_MODULE": "bench.bare.settings"}
    with contextlib.ExitStack() as stack:
        stack.enter_context(serving(panelbook_command(PANELBOOK_PORT), env, PANELBOOK_PORT))
        if args.against:
            code = stack.enter_context(exported(args.against))
            stack.enter_context(
                serving(panelbook_command(AGAINST_PORT), env | {"PYTHONPATH": code}, AGAINST_PORT, code)
            )
        stack.enter_context(serving(bare_command(), bare_env, BARE_PORT))
        for port in servers.values():
            check(pages, cookie, port)
        report(measure(pages, cookie, args.connections, args.duration, servers), args.connections)


# What is measured


def targets() -> tuple[dict[str, str], str]:
    """The pages (name → path) and the session cookie of the demo's Panel member."""
    from django.db.models import Count
    from django.test import Client

    from panelbook.core.models import User
    from panelbook.governance.models import Meeting, Paper

    panel_meetings = Meeting.objects.filter(body__code="panel").exclude(location__startswith=archive.COPY_MARK)
    meeting = panel_meetings.annotate(item_count=Count("agenda_items")).order_by("-item_count", "-starts_at").first()
    paper = Paper.objects.filter(meeting=meeting).annotate(versions=Count("files")).order_by("-versions").first()
    if meeting is None or paper is None:
        raise SystemExit("The archive has no Panel meeting with papers; is it the demo's?")
    client = Client()
    client.force_login(User.objects.get(username="panel"))
    pages = {
        "/meetings/": "/meetings/",
        "/papers/": "/papers/",
        "/actions/": "/actions/",
        "/decisions/": "/decisions/",
        "a Panel meeting": meeting.get_absolute_url(),
        "a paper": paper.get_absolute_url(),
        "/api/meetings": "/api/meetings",
        "/api/papers": "/api/papers",
        "/calendar.ics": "/calendar.ics",
        "actions outstanding (generated)": f"/meetings/{meeting.pk}/actions-outstanding/",
    }
    return pages, client.cookies["sessionid"].value


def headers(role: str, cookie: str) -> list[str]:
    return ["-H", f"Cookie: sessionid={cookie}"] if role == "member" else []


def check(pages: dict[str, str], cookie: str, port: int) -> None:
    """Every page answers 200 to both roles, and the member's is signed in."""
    for path in pages.values():
        for role in ROLES:
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
            if role == "member":
                request.add_header("Cookie", f"sessionid={cookie}")
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (loopback)
                body = response.read()
            if path in LISTS and role == "member" and b"Sign out" not in body:
                raise SystemExit(f"{path} does not show the member signed in; the session cookie is not taken.")


def measure(pages: dict[str, str], cookie: str, connections: list[int], duration: int, servers: dict) -> dict:
    """Each page as each role on each server (named by suffix), the bare page before and after."""
    results: dict = {}
    for count in connections:
        bare = [wrk(BARE_PORT, BARE_URL, count, duration, [])]
        say(f"bare {count}: {bare[0]}")
        for name, path in pages.items():
            for role in ROLES:
                for suffix, port in servers.items():
                    found = wrk(port, path, FEEDS.get(path, count), duration, headers(role, cookie))
                    results[name + suffix, role, count] = found
                    say(f"{name}{suffix} {role} {count}: {found}")
                    settle(port)
        bare.append(wrk(BARE_PORT, BARE_URL, count, duration, []))
        say(f"bare {count}: {bare[1]}")
        results["bare", "public", count] = Result(
            rate=sum(b.rate for b in bare) / 2,
            p50=sum(b.p50 for b in bare) / 2,
            p99=sum(b.p99 for b in bare) / 2,
            errors=sum(b.errors for b in bare),
        )
    return results


def report(results: dict, connections: list[int]) -> None:
    """The table: requests a second, ratio to the bare page, p50/p99 in ms, per connection count."""
    head = "".join(f" | {c} conn: req/s | ratio | p50 | p99" for c in connections)
    say(f"\n| page | role{head} |")
    say("|---|---" + "|---:|---:|---:|---:" * len(connections) + "|")
    rows = sorted({(name, role) for name, role, _ in results}, key=lambda row: (row[0] != "bare", row))
    for name, role in rows:
        cells = []
        for count in connections:
            found, bare = results[name, role, count], results["bare", "public", count]
            errors = f" ({found.errors} errors)" if found.errors else ""
            cells.append(f"{found.rate:.0f}{errors} | {found.rate / bare.rate:.2f} | {found.p50:.0f} | {found.p99:.0f}")
        say(f"| {name} | {role} | " + " | ".join(cells) + " |")
    say(json.dumps({f"{n}|{r}|{c}": vars(v) for (n, r, c), v in results.items()}))


# wrk


def ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise SystemExit("The benchmark drives the pages with wrk: install it (Debian: apt-get install wrk).")
    say("installing wrk with apt …")
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True, stdout=subprocess.DEVNULL)


def wrk(port: int, path: str, connections: int, duration: int, extra: list[str]) -> Result:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s", *extra]
    output = subprocess.run([*command, f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True)
    return parse_wrk(output.stdout)


def settle(port: int) -> None:
    """Wait until the server has worked off what wrk left queued (requests it accepted before wrk
    stopped), so that the next page is not measured behind the last one's backlog."""
    for _ in range(600):
        started = time.perf_counter()
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/settled", timeout=120)  # noqa: S310 (loopback)
        except urllib.error.HTTPError:
            pass
        if time.perf_counter() - started < 0.25:
            return
    raise SystemExit(f"The server on port {port} stayed busy for ten minutes after a run.")


def parse_wrk(text: str) -> Result:
    """Requests a second, p50 and p99 (ms) and the count of errors and non-2xx answers in wrk's report."""
    rate = re.search(r"Requests/sec:\s+([\d.]+)", text)
    latency = {p: re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M) for p in ("50", "99")}
    if not rate or not all(latency.values()):
        raise RuntimeError(f"wrk's report was not understood:\n{text}")
    ms = {p: float(m.group(1)) * UNITS[m.group(2)] for p, m in latency.items() if m}
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", text))
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", text))
    return Result(rate=float(rate.group(1)), p50=ms["50"], p99=ms["99"], errors=errors)


# Servers


def gunicorn(application: str, port: int) -> list[str]:
    return [sys.executable, "-m", "gunicorn", application, "--bind", f"127.0.0.1:{port}", "--workers", "2"]


def panelbook_command(port: int) -> list[str]:
    return [*gunicorn("panelbook.wsgi:application", port), "--log-level", "warning"]


def bare_command() -> list[str]:
    return [*gunicorn("bench.bare.wsgi:application", BARE_PORT), "--log-level", "warning"]


@contextlib.contextmanager
def exported(revision: str) -> Iterator[str]:
    """The code of a git revision, in a temporary folder (gone afterwards)."""
    with tempfile.TemporaryDirectory(prefix="panelbook-bench-code-") as folder:
        tree = subprocess.run(["git", "archive", revision], capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=tree, check=True)
        yield folder


@contextlib.contextmanager
def serving(command: list[str], env: dict[str, str], port: int, cwd: str | None = None) -> Iterator[None]:
    server = subprocess.Popen(command, env=env, cwd=cwd, start_new_session=True)
    try:
        wait_for(port, server)
        yield
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def wait_for(port: int, server: subprocess.Popen) -> None:
    for _ in range(300):
        if server.poll() is not None:
            raise SystemExit(f"The server on port {port} stopped at once: {' '.join(server.args)}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)  # noqa: S310 (loopback)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"The server on port {port} did not answer in a minute.")


# The bare table


def fill_bare(folder: Path) -> str:
    """The bare baseline's database URL, its table made and filled (once)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        url = bare_postgres_url()
    else:
        url = f"sqlite:///{folder / 'bare.sqlite3'}"
    subprocess.run(
        [sys.executable, "-m", "bench.bare.fill"],
        env=os.environ | {"BARE_DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "bench.bare.settings"},
        check=True,
    )
    return url


def bare_postgres_url() -> str:
    """Panelbook's PostgreSQL URL with ``_bare`` after the database name; the database made if missing."""
    import psycopg
    from django.db import connection

    settings = connection.settings_dict
    name = f"{settings['NAME']}_bare"
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        missing = cursor.fetchone() is None
    if missing:
        with psycopg.connect(dbname="postgres", **_pg_login(settings), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}"))


def _pg_login(settings: dict) -> dict:
    login = {"host": settings["HOST"], "port": settings["PORT"], "user": settings["USER"]}
    if settings.get("PASSWORD"):
        login["password"] = settings["PASSWORD"]
    return {key: value for key, value in login.items() if value}


if __name__ == "__main__":
    main()
