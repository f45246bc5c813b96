"""The ``panelbook`` console command: demo, serve, createuser and every Django command."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

SERVER_COMMANDS = {"demo", "serve"}
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]"]


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "panelbook.settings")
    if argv and argv[0] in SERVER_COMMANDS:
        _run_server_command(argv[0], argv[1:])
        return
    from django.core.management import execute_from_command_line

    execute_from_command_line(["panelbook", *argv])


def _server_arguments(command: str, argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog=f"panelbook {command}")
    parser.add_argument("--port", type=int, default=8000, help="port to serve on (default 8000)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument(
        "--data-dir",
        help="folder for the SQLite database and uploaded files (default: $PANELBOOK_DATA_DIR or ./var)",
    )
    parser.add_argument("--workers", type=int, default=2, help="server worker processes (default 2)")
    return parser.parse_args(argv)


def _run_server_command(command: str, argv: list[str]) -> None:
    options = _server_arguments(command, argv)
    if options.data_dir:
        os.environ["PANELBOOK_DATA_DIR"] = str(Path(options.data_dir).resolve())
    if command == "demo":
        os.environ.update(demo_environment(options.host, os.environ))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    # Whitenoise serves the collected copy (compressed, cached) when DEBUG is off.
    call_command("collectstatic", interactive=False, verbosity=0)
    if command == "demo":
        call_command("load_demo")
    _serve(options)


def demo_environment(host: str, environ: os._Environ | dict[str, str]) -> dict[str, str]:
    """Settings the demo runs with: production-like (DEBUG off) unless the environment says
    otherwise, reachable at the address it binds."""
    updates = {"DEBUG": environ.get("DEBUG") or "false"}
    if not environ.get("ALLOWED_HOSTS"):
        hosts = LOOPBACK_HOSTS + ([host] if host not in LOOPBACK_HOSTS and host not in {"0.0.0.0", "::"} else [])
        updates["ALLOWED_HOSTS"] = ",".join(hosts)
    return updates


# Gunicorn's default line logs the query string and the referrer, and a calendar feed's query is
# the user's key (?key=…): log the path only, and that without a saved search's feed key (core/access_log.py).
ACCESS_LOG_FORMAT = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss "%(a)s"'


def gunicorn_command(address: str, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "panelbook.wsgi:application",
        "--bind",
        address,
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--access-logformat",
        ACCESS_LOG_FORMAT,
        "--logger-class",
        "panelbook.core.access_log.AccessLogger",
        "--log-level",
        "warning",
    ]


def _serve(options: argparse.Namespace) -> None:
    from django.conf import settings

    address = f"{options.host}:{options.port}"
    sys.stdout.write(f"panelbook is serving http://{address}/ (data in {settings.DATA_DIR}); Ctrl+C stops it.\n")
    sys.stdout.flush()
    os.execvp(sys.executable, gunicorn_command(address, options.workers))


if __name__ == "__main__":
    main()
