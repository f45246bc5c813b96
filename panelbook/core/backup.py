"""Backup and restore: the whole database and every uploaded file in one zip archive.

The database goes in as a database-neutral dump (one JSON Lines file per table, values as the ORM
reads them), not as an engine snapshot, so a backup of the embedded SQLite database restores into
PostgreSQL and back. Rows keep their primary keys, so history rows, recipients and files keep
pointing at the same records. ``manifest.json`` names the panelbook version, the migrations the
database had, the engine, the row count of every table and the SHA-256 of every member.

Restoring checks the whole archive before touching anything, stages the files beside the media
folder, replaces every table in one transaction and moves the files into place only after it
commits: either everything is restored or nothing changes.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import hashlib
import io
import json
import os
import shutil
import stat
import tempfile
import uuid
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps as django_apps
from django.apps.registry import Apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, DatabaseError, IntegrityError, connection, connections, models, transaction
from django.db.migrations.exceptions import IrreversibleError
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.duration import duration_iso_string

FORMAT = "panelbook-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATABASE_FOLDER = "database/"
MEDIA_FOLDER = "media/"
BATCH_ROWS = 1000
CHUNK_BYTES = 1024 * 1024
# Rows that `panelbook migrate` writes into every database; they do not make it "in use".
SETUP_TABLES = {"contenttypes.contenttype", "auth.permission"}

# Called as progress(stage, done, total) while a long step runs.
Progress = Callable[[str, int, int], None]
# Called with each sentence worth telling the operator.
Say = Callable[[str], None]

Migrations = dict[str, list[str]]


class BackupError(Exception):
    """A backup or restore was refused or failed; the message says why and what to do."""


@dataclass
class TableCount:
    name: str
    rows: int
    is_record: bool  # a record type of its own, not a history or link table


@dataclass
class RestoreSummary:
    tables: dict[str, int]
    files: int
    replaced: list[TableCount] = field(default_factory=list)


def _ignore_progress(stage: str, done: int, total: int) -> None:
    pass


def _ignore_message(message: str) -> None:
    pass


# Writing a backup ---------------------------------------------------------------------------------


def default_backup_name(now: dt.datetime | None = None) -> str:
    stamp = timezone.localtime(now or timezone.now()).strftime("%Y%m%d-%H%M%S")
    return f"panelbook-backup-{stamp}.zip"


def write_backup(path: Path, *, progress: Progress = _ignore_progress, say: Say = _ignore_message) -> dict:
    """Write the database and every file under MEDIA_ROOT to ``path``; return the manifest.

    The archive is written beside ``path`` and renamed into place when complete, so a failed
    backup never leaves a file that looks like a backup.
    """
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} already exists; name another file so no backup is overwritten.")
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} does not exist; create it or name another file.")
    partial = path.with_name(path.name + ".partial")
    try:
        # Owner-only from the start: the archive holds password hashes, calendar keys and sessions.
        file = os.fdopen(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb")
        with file, zipfile.ZipFile(file, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            manifest = _manifest_header()
            with _consistent_snapshot():
                migrations = applied_migrations()
                manifest["migrations"] = migrations
                tables, referenced = _write_tables(archive, _models_at(migrations), progress)
            manifest["tables"] = tables
            manifest["files"] = _write_media(archive, progress, skip=partial.resolve())
            missing = sorted(referenced - {entry["path"] for entry in manifest["files"]})
            manifest["missing_files"] = missing
            archive.writestr(MANIFEST, json.dumps(manifest, indent=2, sort_keys=True))
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    if missing:
        say(
            f"Warning: {len(missing)} files named by the database are not in the media folder "
            f"{settings.MEDIA_ROOT} (first: {missing[0]}); they are listed in the manifest as missing_files."
        )
    return manifest


def _manifest_header() -> dict:
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "panelbook_version": panelbook_version(),
        "database_vendor": connection.vendor,
        "created_at": timezone.now().isoformat(),
    }


def panelbook_version() -> str:
    try:
        return version("panelbook")
    except PackageNotFoundError:  # running from a checkout that was never installed
        return "unknown"


@contextmanager
def _consistent_snapshot() -> Iterator[None]:
    """Read every table from one snapshot of the database while others carry on writing."""
    if connection.in_atomic_block:
        # Already inside a transaction (a test, or a caller's atomic block): read within it.
        yield
        return
    if connection.vendor == "postgresql":
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            yield
        return
    if connection.vendor == "sqlite":
        # A deferred transaction takes a WAL read snapshot without the write lock that the
        # configured BEGIN IMMEDIATE would take, so the site keeps working during a backup.
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")
        return
    with transaction.atomic():
        yield


def applied_migrations() -> Migrations:
    applied: Migrations = {}
    for app_label, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def _models_at(migrations: Migrations) -> list[type[models.Model]]:
    """Every table's model as the given migrations left it (the code may be newer than the data)."""
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    nodes = [(app, name) for app, names in migrations.items() for name in names if (app, name) in loader.graph.nodes]
    apps: Apps = loader.project_state(nodes=nodes, at_end=True).apps if nodes else Apps()
    return sorted(
        (
            model
            for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy and not model._meta.swapped
        ),
        key=lambda model: model._meta.label_lower,
    )


def _columns(model: type[models.Model]) -> list[models.Field]:
    return list(model._meta.concrete_fields)


def _write_tables(
    archive: zipfile.ZipFile, tables: list[type[models.Model]], progress: Progress
) -> tuple[dict, set[str]]:
    counts = {model._meta.label_lower: model._base_manager.count() for model in tables}
    total, done = sum(counts.values()), 0
    written: dict[str, dict] = {}
    referenced: set[str] = set()
    progress("Database", 0, total)
    for model in tables:
        label = model._meta.label_lower
        fields = _columns(model)
        file_fields = [i for i, f in enumerate(fields) if isinstance(f, models.FileField)]
        member = f"{DATABASE_FOLDER}{label}.jsonl"
        digest, rows = hashlib.sha256(), 0
        with archive.open(member, "w", force_zip64=True) as out:
            query = model._base_manager.order_by("pk").values_list(*(f.attname for f in fields))
            for values in query.iterator(chunk_size=BATCH_ROWS):
                line = (json.dumps([_encode(v) for v in values], ensure_ascii=False) + "\n").encode()
                digest.update(line)
                out.write(line)
                referenced.update(values[i] for i in file_fields if values[i])
                rows += 1
                done += 1
                if done % BATCH_ROWS == 0:
                    progress("Database", done, total)
        written[label] = {
            "table": model._meta.db_table,
            "columns": [f.column for f in fields],
            "rows": rows,
            "member": member,
            "sha256": digest.hexdigest(),
        }
    progress("Database", total, total)
    return written, referenced


def _encode(value: Any) -> Any:
    """A value as JSON; ``Field.to_python`` turns each of these back into the value."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_iso_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def _media_files(skip: Path) -> list[tuple[str, Path]]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    files = (path for path in root.rglob("*") if path.is_file() and not path.is_symlink() and path.resolve() != skip)
    return sorted((path.relative_to(root).as_posix(), path) for path in files)


def _write_media(archive: zipfile.ZipFile, progress: Progress, skip: Path) -> list[dict]:
    files = _media_files(skip)
    entries = []
    progress("Files", 0, len(files))
    for done, (name, path) in enumerate(files, start=1):
        digest, size = hashlib.sha256(), 0
        # PDFs and Office files are compressed already; deflating them again gains little.
        with path.open("rb") as source, archive.open(MEDIA_FOLDER + name, "w", force_zip64=True) as out:
            while chunk := source.read(CHUNK_BYTES):
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        entries.append({"path": name, "size": size, "sha256": digest.hexdigest()})
        progress("Files", done, len(files))
    return entries


# Reading and checking a backup --------------------------------------------------------------------


def read_manifest(path: Path) -> dict:
    """The manifest of a panelbook backup, refusing anything that is not one."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"There is no file {path}; name the backup to restore.")
    try:
        with zipfile.ZipFile(path) as archive:
            raw = archive.read(MANIFEST)
    except zipfile.BadZipFile:
        raise BackupError(f"{path} is not a panelbook backup: it is not a zip archive (or it is cut short).") from None
    except KeyError:
        raise BackupError(f"{path} is not a panelbook backup: it holds no {MANIFEST}.") from None
    except (zipfile.LargeZipFile, OSError, EOFError) as error:
        raise BackupError(f"{path} cannot be read as a panelbook backup: {error}.") from None
    try:
        manifest = json.loads(raw)
    except (UnicodeDecodeError, ValueError):
        raise BackupError(f"{path} is not a panelbook backup: its {MANIFEST} is not JSON.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a panelbook backup: its {MANIFEST} does not say format {FORMAT!r}.")
    if not isinstance(manifest.get("format_version"), int) or manifest["format_version"] > FORMAT_VERSION:
        raise BackupError(
            f"{path} was written by a newer panelbook ({manifest.get('panelbook_version', 'unknown')}) in a backup "
            f"format this one ({panelbook_version()}) cannot read; upgrade panelbook, then restore."
        )
    for key, kind in (("tables", dict), ("files", list), ("migrations", dict)):
        if not isinstance(manifest.get(key), kind):
            raise BackupError(f"{path} is damaged: its {MANIFEST} has no valid {key!r} list.")
    return manifest


def check_schema(manifest: dict) -> None:
    """Refuse a backup whose database has migrations this code does not know."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    unknown = [
        f"{app}.{name}"
        for app, names in sorted(manifest["migrations"].items())
        for name in names
        if (app, name) not in loader.graph.nodes
    ]
    if unknown:
        raise BackupError(
            f"This backup comes from a newer panelbook ({manifest.get('panelbook_version', 'unknown')}) than this one "
            f"({panelbook_version()}): its database has migration {unknown[0]}"
            + (f" and {len(unknown) - 1} more" if len(unknown) > 1 else "")
            + " that this code does not know. Upgrade panelbook, then restore."
        )


def _member_name_is_safe(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return bool(parts) and not PurePosixPath(name).is_absolute() and ".." not in parts and "\\" not in name


def verify_archive(path: Path, manifest: dict, staging: Path | None, progress: Progress = _ignore_progress) -> None:
    """Check every member's SHA-256 against the manifest; copy the media files into ``staging``."""
    expected = {entry["member"]: entry["sha256"] for entry in manifest["tables"].values()}
    for entry in manifest["files"]:
        if not _member_name_is_safe(entry.get("path", "")):
            raise BackupError(f"{path} is damaged or unsafe: it names the file {entry.get('path')!r} outside media.")
        expected[MEDIA_FOLDER + entry["path"]] = entry["sha256"]
    try:
        with zipfile.ZipFile(path) as archive:
            present = set(archive.namelist())
            missing = sorted(set(expected) - present)
            if missing:
                raise BackupError(
                    f"{path} is damaged: the manifest lists {missing[0]} but the archive does not hold it."
                )
            extra = sorted(present - set(expected) - {MANIFEST})
            if extra:
                raise BackupError(f"{path} is damaged: it holds {extra[0]}, which its manifest does not list.")
            for done, (member, sha256) in enumerate(sorted(expected.items()), start=1):
                target = None
                if staging is not None and member.startswith(MEDIA_FOLDER):
                    target = staging / member.removeprefix(MEDIA_FOLDER)
                _check_member(path, archive, member, sha256, target)
                progress("Checking", done, len(expected))
    except zipfile.BadZipFile as error:
        raise BackupError(f"{path} is damaged: {error}.") from None


def _check_member(path: Path, archive: zipfile.ZipFile, member: str, sha256: str, target: Path | None) -> None:
    digest = hashlib.sha256()
    out = None
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        out = target.open("wb")
    try:
        with archive.open(member) as source:
            while chunk := source.read(CHUNK_BYTES):
                digest.update(chunk)
                if out is not None:
                    out.write(chunk)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as error:
        raise BackupError(f"{path} is damaged: {member} cannot be read ({error}).") from None
    finally:
        if out is not None:
            out.close()
    if digest.hexdigest() != sha256:
        raise BackupError(f"{path} is damaged: {member} does not match its checksum in the manifest.")


def check_backup(path: Path, *, progress: Progress = _ignore_progress) -> dict:
    """Verify a backup without restoring it: the manifest, the schema and every checksum."""
    manifest = read_manifest(path)
    check_schema(manifest)
    verify_archive(Path(path), manifest, None, progress)
    return manifest


# Restoring ----------------------------------------------------------------------------------------


def restore_backup(
    path: Path,
    *,
    force: bool = False,
    progress: Progress = _ignore_progress,
    say: Say = _ignore_message,
) -> RestoreSummary:
    """Replace the database and the media folder with the backup at ``path``: all or nothing.

    Every refusal comes before anything is changed: not a backup, from a newer schema, a
    database in use without ``force``, a member that fails its checksum.
    """
    path = Path(path)
    manifest = read_manifest(path)
    check_schema(manifest)
    media = Path(settings.MEDIA_ROOT)
    replaced = _in_use(_models_at(applied_migrations()))
    if replaced and not force:
        raise BackupError(
            f"The database already holds {_describe(replaced)}. Restoring replaces all of it and every file "
            f"under {media}; take a backup of it first (panelbook backup), then run again with --force."
        )
    needs_migrating = _check_target_schema(manifest, holds_records=bool(replaced))
    media.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{media.name}-restore-", dir=media.parent))
    try:
        verify_archive(path, manifest, staging, progress)
        upgrade_after = _migrate_to_backup(manifest) if needs_migrating else False
        if replaced:
            say(f"Replacing {_describe(replaced)} and the files under {media}.")
        _load_tables(path, manifest, _models_at(manifest["migrations"]), progress)
        _swap_media(staging, media)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    ContentType.objects.clear_cache()
    if upgrade_after:
        say("Upgrading the restored database to this panelbook's schema.")
        call_command("migrate", interactive=False, verbosity=0)
    counts = {label: entry["rows"] for label, entry in manifest["tables"].items()}
    return RestoreSummary(tables=counts, files=len(manifest["files"]), replaced=replaced)


def _wanted(manifest: dict) -> set[tuple[str, str]]:
    return {(app, name) for app, names in manifest["migrations"].items() for name in names}


def _check_target_schema(manifest: dict, *, holds_records: bool) -> bool:
    """Whether the database must be migrated to the backup's state first.

    A database that holds no records (new, or only migrated) is migrated to the backup's state,
    loaded, then upgraded. One that holds records must already be at the backup's state: migrating
    it would change it outside the restore's transaction, so a failure could not leave it as it was.
    """
    have = set(MigrationRecorder(connection).applied_migrations())
    wanted = _wanted(manifest)
    if have == wanted:
        return False
    if not holds_records:
        return True
    app, name = sorted(have ^ wanted)[0]
    where = "the database has" if (app, name) in have else "the backup has"
    raise BackupError(
        f"The database and the backup are at different migrations ({where} {app}.{name} and the other does "
        f"not), and the database holds records. Restore into an empty database instead ({_how_to_start_empty()}): "
        "panelbook migrates it to the backup's schema, loads the backup and then upgrades it."
    )


def _how_to_start_empty() -> str:
    if connection.vendor == "sqlite":
        return f"move {connection.settings_dict['NAME']} away"
    return "create a new database and name it in DATABASE_URL"


def _migrate_to_backup(manifest: dict) -> bool:
    """Migrate a database without records to exactly the backup's state; return whether code is newer.

    Loading the rows into the schema they were read from, then upgrading, lets a backup from an
    older panelbook restore into this one. Apps the backup does not have are unmigrated (their
    empty tables dropped) and come back with the upgrade.
    """
    wanted = _wanted(manifest)
    executor = MigrationExecutor(connection)
    applied_apps = {app for app, _ in executor.recorder.applied_migrations()}
    targets = _leaves(executor.loader, wanted) + [
        (app, None) for app in sorted(applied_apps - {app for app, _ in wanted})
    ]
    try:
        executor.migrate(targets)
    except (IrreversibleError, DatabaseError) as error:
        raise BackupError(
            f"The database could not be brought to the backup's migrations: {error}. Restore into a new, empty "
            "database instead."
        ) from error
    return any(node not in wanted for node in MigrationLoader(None).graph.leaf_nodes())


def _leaves(loader: MigrationLoader, nodes: set[tuple[str, str]]) -> list[tuple[str, str]]:
    return sorted(
        node
        for node in nodes
        if not any(child.key in nodes and child.key[0] == node[0] for child in loader.graph.node_map[node].children)
    )


def _in_use(tables: list[type[models.Model]]) -> list[TableCount]:
    existing = set(connection.introspection.table_names())
    counts = []
    for model in tables:
        meta = model._meta
        # An app's reference data that its migrations seed (``seeded_by_migrations = True``) is in
        # every new database, so it does not make a database "in use".
        seeded = getattr(_installed(meta.label), "seeded_by_migrations", False)
        if meta.label_lower in SETUP_TABLES or seeded or meta.db_table not in existing:
            continue
        if rows := model._base_manager.count():
            is_record = not meta.auto_created and not (meta.model_name or "").startswith("historical")
            counts.append(TableCount(str(meta.verbose_name_plural), rows, is_record))
    return counts


def _installed(label: str) -> type[models.Model] | None:
    """The installed model of ``label`` (the tables are read as the migrations left them, whose
    models carry no class attributes)."""
    try:
        return django_apps.get_model(label)
    except LookupError:
        return None


def _describe(counts: list[TableCount], shown: int = 6) -> str:
    """The largest record tables by name, then the total, e.g. "45 users, … (9510 rows in 44 tables)"."""
    records = sorted((c for c in counts if c.is_record), key=lambda c: (-c.rows, c.name))
    named = ", ".join(f"{c.rows} {c.name}" for c in records[:shown])
    if len(records) > shown:
        named += f" and {len(records) - shown} more kinds of record"
    total = sum(c.rows for c in counts)
    return f"{named or 'rows'} ({total} rows in {len(counts)} tables, history included)"


def _load_tables(path: Path, manifest: dict, tables: list[type[models.Model]], progress: Progress) -> None:
    by_label = {model._meta.label_lower: model for model in tables}
    unknown = sorted(set(manifest["tables"]) - set(by_label))
    if unknown:
        raise BackupError(f"{path} holds the table {unknown[0]}, which its own migrations do not create.")
    total = sum(entry["rows"] for entry in manifest["tables"].values())
    done = 0
    progress("Restoring", 0, total)
    label = ""
    try:
        with transaction.atomic(), zipfile.ZipFile(path) as archive:
            _empty(tables)
            for label, entry in sorted(manifest["tables"].items()):
                for rows in _insert(archive, entry, by_label[label]):
                    done += rows
                    progress("Restoring", done, total)
                label = ""
            connection.check_constraints(table_names=[model._meta.db_table for model in tables])
            _reset_sequences(tables)
    except (DatabaseError, IntegrityError, ValueError, TypeError) as error:
        where = f" while restoring {label}" if label else ""
        raise BackupError(
            f"The backup could not be restored{where}: {error}. Nothing was changed: the database and its files are "
            "as they were."
        ) from error
    progress("Restoring", total, total)


def _empty(tables: list[type[models.Model]]) -> None:
    existing = set(connection.introspection.table_names())
    names = [model._meta.db_table for model in tables if model._meta.db_table in existing]
    # Foreign keys are deferred to the commit on both engines, so the order does not matter.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # TRUNCATE refuses a table with checks still pending from earlier in the same transaction
            # (when a caller's atomic block wrote to it); checking them now clears them.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for statement in connection.ops.sql_flush(no_style(), names, allow_cascade=False):
            cursor.execute(statement)


def _insert(archive: zipfile.ZipFile, entry: dict, model: type[models.Model]) -> Iterator[int]:
    """Insert one table's rows with plain SQL: ``save()`` would fire history and timestamps."""
    by_column = {f.column: f for f in _columns(model)}
    missing = [column for column in entry["columns"] if column not in by_column]
    if missing:
        raise ValueError(f"the column {missing[0]} is not in the table {model._meta.db_table}")
    fields = [by_column[column] for column in entry["columns"]]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    db = connections[DEFAULT_DB_ALIAS]  # the connection itself: the proxy's lookups cost a tenth of the load
    with archive.open(entry["member"]) as raw, db.cursor() as cursor:
        batch: list[list[Any]] = []
        for line in io.TextIOWrapper(raw, encoding="utf-8", newline="\n"):
            values = json.loads(line)
            batch.append([f.get_db_prep_save(f.to_python(v), db) for f, v in zip(fields, values, strict=True)])
            if len(batch) == BATCH_ROWS:
                cursor.executemany(sql, batch)
                yield len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            yield len(batch)


def _reset_sequences(tables: list[type[models.Model]]) -> None:
    """Move PostgreSQL's id sequences past the restored ids (SQLite follows the largest id itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), tables)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _swap_media(staging: Path, media: Path) -> None:
    """Put the staged files in place of the media folder, after the database has committed.

    Renaming folders on one file system is quick and cannot stop half way; a media folder that is
    a mount point cannot be renamed, so its contents are replaced instead.
    """
    previous = media.with_name(f".{media.name}-before-restore-{os.getpid()}")
    # mkdtemp made the staging folder owner-only; the server may read the media folder as a group.
    staging.chmod(stat.S_IMODE(media.stat().st_mode) if media.exists() else 0o777 & ~_umask())
    try:
        if media.exists():
            media.rename(previous)
        staging.rename(media)
    except OSError:
        if previous.exists() and not media.exists():
            previous.rename(media)
        for child in list(media.iterdir()):
            shutil.rmtree(child) if child.is_dir() else child.unlink()
        for child in staging.iterdir():
            shutil.move(child, media / child.name)
    shutil.rmtree(previous, ignore_errors=True)
