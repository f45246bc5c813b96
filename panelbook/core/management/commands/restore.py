"""Restore a backup made by panelbook backup: panelbook restore FILE [--force] [--check]."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from panelbook.core import backup
from panelbook.core.management.progress import progress_bar


class Command(BaseCommand):
    help = (
        "Replace the database and every file under PANELBOOK_MEDIA_ROOT with a backup, all or nothing. "
        "Refuses a database that holds records unless --force is given; --check only verifies the archive."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive written by panelbook backup")
        parser.add_argument("--force", action="store_true", help="replace a database that already holds records")
        parser.add_argument("--check", action="store_true", help="verify the archive's checksums and change nothing")

    def handle(self, *args, file, force, check, **options):
        path = Path(file)
        try:
            with progress_bar() as progress:
                if check:
                    manifest = backup.check_backup(path, progress=progress)
                    self.stdout.write(f"{path} is a sound backup: {self.describe(manifest)}.")
                    return
                summary = backup.restore_backup(path, force=force, progress=progress, say=self.stderr.write)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(summary.tables.values())
        self.stdout.write(
            f"Restored {rows} rows in {len(summary.tables)} tables and {summary.files} files from {path}."
        )

    def describe(self, manifest: dict) -> str:
        rows = sum(entry["rows"] for entry in manifest["tables"].values())
        return (
            f"{rows} rows in {len(manifest['tables'])} tables and {len(manifest['files'])} files, written by "
            f"panelbook {manifest.get('panelbook_version')} from {manifest.get('database_vendor')} at "
            f"{manifest.get('created_at')}"
        )
