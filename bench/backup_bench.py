"""Benchmark: `panelbook backup` and `restore` of the demo against SQLite's own snapshot.

    .venv/bin/python -m bench.backup_bench [--data-dir /tmp/panelbook-bench-backup] [--repeat 3]

Loads the demo once into an SQLite database in ``--data-dir`` (reused on later runs), then times
in the same run:

- snapshot: SQLite's online backup API copying the database file, plus zipping the media folder
  (the engine-specific backup panelbook does not use, as the floor);
- backup: `panelbook backup` (the database-neutral dump of every table, and the files);
- restore: `panelbook restore --force` of that archive over the same database.

Each phase runs ``--repeat`` times and the fastest run counts. Figures go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path

from bench.timing import fastest, say


def snapshot(database: Path, media: Path, out: Path) -> None:
    copy = out / "snapshot.sqlite3"
    copy.unlink(missing_ok=True)
    with sqlite3.connect(database) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    with zipfile.ZipFile(out / "snapshot.zip", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.write(copy, "panelbook.sqlite3")
        for path in sorted(media.rglob("*")):
            if path.is_file():
                archive.write(path, "media/" + path.relative_to(media).as_posix())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "panelbook-bench-backup")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    os.environ["PANELBOOK_DATA_DIR"] = str(args.data_dir.resolve())
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("PANELBOOK_MEDIA_ROOT", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "panelbook.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from panelbook.core import backup

    call_command("migrate", interactive=False, verbosity=0)
    sys.stderr.write(f"Loading or reusing the demo in {args.data_dir} ...\n")
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    database = Path(settings.DATABASES["default"]["NAME"])
    media = Path(settings.MEDIA_ROOT)
    out = Path(tempfile.mkdtemp(prefix="panelbook-bench-backup-out-"))
    archive = out / "backup.zip"

    def write() -> None:
        archive.unlink(missing_ok=True)
        backup.write_backup(archive)

    snapshot_s = fastest(lambda: snapshot(database, media, out), args.repeat)
    backup_s = fastest(write, args.repeat)
    restore_s = fastest(lambda: backup.restore_backup(archive, force=True), args.repeat)

    manifest = backup.read_manifest(archive)
    rows = sum(entry["rows"] for entry in manifest["tables"].values())
    megabytes = archive.stat().st_size / 1_000_000
    counts = f"rows: {rows}   tables: {len(manifest['tables'])}   files: {len(manifest['files'])}"
    say(f"{counts}   archive: {megabytes:.1f} MB")
    say(f"{'phase':<10}{'seconds':>10}{'ratio':>8}")
    for name, seconds in (("snapshot", snapshot_s), ("backup", backup_s), ("restore", restore_s)):
        say(f"{name:<10}{seconds:>10.2f}{seconds / snapshot_s:>8.2f}")


if __name__ == "__main__":
    main()
