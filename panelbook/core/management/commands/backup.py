"""Back up the database and uploaded files: panelbook backup [FILE]."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from panelbook.core import backup
from panelbook.core.management.progress import progress_bar


class Command(BaseCommand):
    help = (
        "Write the whole database (every table, history included) and every file under PANELBOOK_MEDIA_ROOT "
        "to one zip archive with a manifest of counts and checksums. Works on SQLite and PostgreSQL while "
        "the site runs; the archive restores into either."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="where to write the archive (default: panelbook-backup-<time>.zip)")

    def handle(self, *args, file, **options):
        path = Path(file or backup.default_backup_name())
        try:
            with progress_bar() as progress:
                manifest = backup.write_backup(path, progress=progress, say=self.stderr.write)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(entry["rows"] for entry in manifest["tables"].values())
        self.stdout.write(
            f"Backed up {rows} rows in {len(manifest['tables'])} tables and {len(manifest['files'])} files "
            f"from {manifest['database_vendor']} to {path}."
        )
