"""`panelbook backup` and `panelbook restore`: a round trip keeps every row of every table, history
included, and every uploaded file byte for byte; every refusal leaves the database and the files
as they were. The rows are compared as the ORM reads them through the app registry, not through
the backup code's own dump.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

from panelbook.actions import services as actions
from panelbook.actions.models import Action, Verb
from panelbook.conftest import PDF_BYTES, pdf_upload
from panelbook.core.classification import Classification
from panelbook.core.models import ApiToken
from panelbook.governance import services as governance
from panelbook.governance.models import Attendance, Body, Meeting, PaperFile, Person
from panelbook.ingest import services as ingest
from panelbook.ingest.tests.making import Paper as IngestPaper

# Every byte value, so nothing on the way may treat a file as text.
BINARY = bytes(range(256)) * 64
BINARY_PDF = PDF_BYTES + BINARY


def every_row() -> dict[str, list[tuple]]:
    """Every row of every table, all columns, in primary-key order."""
    rows = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy and not meta.swapped:
            columns = [field.attname for field in meta.concrete_fields]
            rows[meta.label_lower] = list(model._base_manager.order_by("pk").values_list(*columns))
    return rows


def every_file() -> dict[str, bytes]:
    root = Path(settings.MEDIA_ROOT)
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*") if path.is_file()}


@pytest.fixture
def records(world, make_meeting):
    """Demo-like records of every app, with history, recipients, tokens and uploaded files."""
    users = world.users
    held = make_meeting(days_ahead=-30)
    later = make_meeting(days_ahead=10)
    secret = make_meeting(days_ahead=20, classification=Classification.RED, recipients=[users.recipient])
    governance.update_meeting(later, by=users.secretariat, location="Online")
    first = governance.add_agenda_item(held, by=users.secretariat, title="Minutes and Actions Outstanding")
    second = governance.add_agenda_item(
        held, by=users.secretariat, title="Panel finances", classification=Classification.AMBER
    )
    paper = governance.create_paper(
        by=users.secretariat, agenda_item=first, title="Actions", paper_date=world.today, upload=pdf_upload()
    )
    governance.add_paper_version(paper, pdf_upload("binary.pdf", BINARY_PDF), by=users.secretariat, note="Binary")
    governance.add_appendix(
        paper,
        by=users.recipient,
        label="Appendix A",
        title="Names",
        classification=Classification.RED,
        recipients=[users.recipient],
        upload=pdf_upload("appendix.pdf"),
    )
    governance.update_paper(paper, by=users.secretariat, title="Actions outstanding")
    governance.record_attendance(
        held, Person.objects.get(user=users.member), by=users.secretariat, status=Attendance.Status.PRESENT
    )
    governance.mark_meeting_held(held, by=users.secretariat)
    action = actions.raise_action(held, by=users.secretariat, text="Write to the DCC", owner="SECAS")
    actions.add_update(action, by=users.secretariat, text="Letter drafted", papers=[paper])
    actions.propose_to_close(action, by=users.secretariat, update="Letter sent")
    actions.record_decision(
        by=users.secretariat, verb=Verb.NOTED, text="the finances", meeting=held, agenda_item=second
    )
    minutes = actions.start_minutes(held, by=users.secretariat)
    actions.write_minute(minutes, first, by=users.secretariat, narrative="The Panel noted the actions.")
    ApiToken.issue(users.secretariat, "backup test")
    document = IngestPaper("legacy.txt", "SECP_99_0101 Legacy paper")
    ingest.ingest(document.processed({"reference": "SECP_99_0101", "title": "Legacy", "body": "PANEL"}), by=None)
    stray = Path(settings.MEDIA_ROOT) / "notes" / "raw.bin"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(BINARY)
    return {"paper": paper, "secret": secret}


@pytest.fixture
def archive(records, tmp_path) -> Path:
    path = tmp_path / "backup.zip"
    call_command("backup", str(path), stdout=_quiet(), stderr=_quiet())
    return path


def _quiet() -> io.StringIO:
    return io.StringIO()


def restore(path: Path, *arguments: str) -> str:
    out = _quiet()
    call_command("restore", str(path), *arguments, stdout=out, stderr=out)
    return out.getvalue()


def refusal(path: Path, *arguments: str) -> str:
    with pytest.raises(CommandError) as refused:
        restore(path, *arguments)
    return str(refused.value)


def rewritten(source: Path, target: Path, **replacements: bytes) -> Path:
    """A copy of the archive ``source`` with some members' bytes replaced (by member name)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            new.writestr(name, replacements.get(name, old.read(name)))
    return target


def manifest_of(path: Path) -> dict:
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("manifest.json"))


# The round trip


def test_the_fixture_covers_history_links_tokens_and_a_binary_file(records):
    rows = every_row()
    for label in (
        "governance.historicalpaper",
        "governance.historicalmeeting_recipients",
        "actions.historicalactionupdate_papers",
        "actions.actionupdate_papers",
        "core.apitoken",
        "ingest.proposal",
        "governance.paperfile",
    ):
        assert rows[label], f"{label} is empty"
    assert BINARY_PDF in every_file().values()


def test_a_round_trip_keeps_every_row_and_every_file_byte_for_byte(records, archive, world):
    rows, files = every_row(), every_file()
    governance.update_paper(records["paper"], by=world.users.secretariat, title="Changed after the backup")
    Body.objects.create(code="new", name="A new body", short_name="New", paper_prefix="NB", action_prefix="NB")
    media = Path(settings.MEDIA_ROOT)
    (media / "notes" / "raw.bin").write_bytes(b"overwritten")
    next(media.glob("papers/*/paper/v1/*")).unlink()
    (media / "after-the-backup.txt").write_text("not in the backup")

    restore(archive, "--force")

    assert every_row() == rows
    assert every_file() == files


def test_the_media_folder_keeps_its_permissions(archive):
    media = Path(settings.MEDIA_ROOT)
    media.chmod(0o750)

    restore(archive, "--force")

    assert media.stat().st_mode & 0o777 == 0o750


def test_the_manifest_counts_every_table_and_checksums_every_file(archive):
    manifest = manifest_of(archive)
    rows = every_row()
    assert manifest["format"] == "panelbook-backup"
    assert manifest["database_vendor"] in {"sqlite", "postgresql"}
    assert manifest["migrations"]["governance"][0] == "0001_initial"
    assert {label: entry["rows"] for label, entry in manifest["tables"].items()} == {
        label: len(table) for label, table in rows.items()
    }
    assert {entry["path"] for entry in manifest["files"]} == set(every_file())
    assert manifest["missing_files"] == []


def test_an_emptied_database_is_restored_without_force_and_new_records_get_fresh_ids(records, archive):
    rows = every_row()
    largest = max(pk for pk, *_ in rows["governance.body"])
    connection.check_constraints()  # PostgreSQL truncates no table with checks pending in the transaction
    call_command("flush", interactive=False, inhibit_post_migrate=True)

    restore(archive)

    assert every_row() == rows
    new = Body.objects.create(code="new", name="A new body", short_name="New", paper_prefix="NB", action_prefix="NB")
    assert new.pk > largest


# Refusals leave everything as it was


@pytest.fixture
def before(archive):
    return every_row(), every_file()


def test_a_database_in_use_is_not_replaced_without_force(archive, before):
    message = refusal(archive)

    assert "The database already holds" in message
    assert "7 users, 3 meetings" in message and "run again with --force" in message
    assert (every_row(), every_file()) == before


def test_a_file_that_is_not_a_backup_is_refused(tmp_path, before):
    text = tmp_path / "notes.txt"
    text.write_text("just some notes")
    other_zip = tmp_path / "photos.zip"
    with zipfile.ZipFile(other_zip, "w") as photos:
        photos.writestr("holiday.jpg", b"\xff\xd8\xff")

    assert "is not a panelbook backup: it is not a zip archive" in refusal(text, "--force")
    assert "is not a panelbook backup: it holds no manifest.json" in refusal(other_zip, "--force")
    assert (every_row(), every_file()) == before


def test_a_corrupt_archive_is_refused(archive, tmp_path, before):
    cut = tmp_path / "cut.zip"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])

    assert "is not a panelbook backup: it is not a zip archive (or it is cut short)" in refusal(cut, "--force")
    assert (every_row(), every_file()) == before


def test_a_tampered_file_is_refused_naming_it(archive, tmp_path, before):
    tampered = rewritten(archive, tmp_path / "tampered.zip", **{"media/notes/raw.bin": b"tampered"})

    message = refusal(tampered, "--force")

    assert "media/notes/raw.bin does not match its checksum" in message
    assert (every_row(), every_file()) == before


def test_a_tampered_table_is_refused_naming_it(archive, tmp_path, before):
    member = "database/governance.body.jsonl"
    with zipfile.ZipFile(archive) as original:
        rows = original.read(member).replace(b"SEC Panel", b"SEC Panel (edited)")
    tampered = rewritten(archive, tmp_path / "tampered.zip", **{member: rows})

    assert f"{member} does not match its checksum" in refusal(tampered, "--force")
    assert (every_row(), every_file()) == before


def test_a_backup_from_a_newer_schema_is_refused(archive, tmp_path, before):
    manifest = manifest_of(archive)
    manifest["migrations"]["governance"].append("0099_from_the_future")
    newer = rewritten(archive, tmp_path / "newer.zip", **{"manifest.json": json.dumps(manifest).encode()})

    message = refusal(newer, "--force")

    assert "comes from a newer panelbook" in message and "governance.0099_from_the_future" in message
    assert (every_row(), every_file()) == before


def test_a_file_outside_the_media_folder_is_refused(archive, tmp_path, before):
    manifest = manifest_of(archive)
    manifest["files"].append({"path": "../escape.txt", "size": 1, "sha256": "0" * 64})
    unsafe = rewritten(archive, tmp_path / "unsafe.zip", **{"manifest.json": json.dumps(manifest).encode()})

    assert "'../escape.txt' outside media" in refusal(unsafe, "--force")
    assert not (tmp_path / "escape.txt").exists()
    assert (every_row(), every_file()) == before


def test_check_verifies_an_archive_and_changes_nothing(archive, before):
    assert "is a sound backup" in restore(archive, "--check")
    assert (every_row(), every_file()) == before


def test_a_refused_restore_exits_with_status_1(archive, capsys):
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["panelbook", "restore", str(archive)]).execute()

    assert exited.value.code == 1
    assert "run again with --force" in capsys.readouterr().err


def test_the_archive_is_readable_by_its_owner_only(archive):
    assert archive.stat().st_mode & 0o077 == 0


def test_backup_does_not_overwrite_an_existing_file(archive):
    with pytest.raises(CommandError, match="already exists; name another file"):
        call_command("backup", str(archive), stdout=_quiet(), stderr=_quiet())


def test_backup_warns_of_files_the_database_names_but_the_folder_lacks(records, tmp_path):
    next(Path(settings.MEDIA_ROOT).glob("papers/*/paper/v1/*")).unlink()
    err = _quiet()

    call_command("backup", str(tmp_path / "b.zip"), stdout=_quiet(), stderr=err)

    assert "1 files named by the database are not in the media folder" in err.getvalue()
    assert len(manifest_of(tmp_path / "b.zip")["missing_files"]) == 1


# A restore that fails part way, with real commits (no test transaction around it)


@pytest.mark.django_db(transaction=True)
def test_a_restore_that_fails_in_the_database_changes_nothing(records, archive, tmp_path):
    """The archive's checksums hold, but one file row points at a paper that is not there: the
    deferred foreign key fails after every table was emptied and loaded."""
    rows, files = every_row(), every_file()
    member = "database/governance.paperfile.jsonl"
    manifest = manifest_of(archive)
    with zipfile.ZipFile(archive) as original:
        lines = original.read(member).decode().splitlines()
    broken = json.loads(lines[0])
    broken[manifest["tables"]["governance.paperfile"]["columns"].index("paper_id")] = 987654
    data = ("\n".join([json.dumps(broken), *lines[1:]]) + "\n").encode()
    manifest["tables"]["governance.paperfile"]["sha256"] = hashlib.sha256(data).hexdigest()
    dangling = rewritten(
        archive, tmp_path / "dangling.zip", **{member: data, "manifest.json": json.dumps(manifest).encode()}
    )

    message = refusal(dangling, "--force")

    assert "could not be restored" in message and "Nothing was changed" in message
    assert every_row() == rows
    assert every_file() == files
    assert not list(Path(settings.MEDIA_ROOT).parent.glob(".media-restore-*"))


def test_a_database_at_other_migrations_is_refused(archive, before):
    MigrationRecorder(connection).record_applied("governance", "0099_applied_here_only")

    message = refusal(archive, "--force")

    assert "different migrations (the database has governance.0099_applied_here_only" in message
    assert "and the database holds records. Restore into an empty database instead" in message
    MigrationRecorder(connection).record_unapplied("governance", "0099_applied_here_only")
    assert (every_row(), every_file()) == before


# A backup from an earlier panelbook

# Written by panelbook 0.1.0 before records carried a revision (core, governance and actions
# 0002): a secretariat user with a token, a Panel meeting moved online, an agenda item, a paper
# whose PDF ends in every byte value, and an action with an update citing the paper.
EARLIER_BACKUP = Path(__file__).parent / "data" / "backup-0.1.0-before-revisions.zip"


@pytest.fixture
def schema_restored_afterwards():
    """Bring the test database back to this code's schema even if the restore fails half way."""
    yield
    call_command("migrate", interactive=False, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_a_backup_from_an_earlier_schema_restores_into_a_migrated_database(schema_restored_afterwards):
    restore(EARLIER_BACKUP)

    meeting = Meeting.objects.get()
    assert (meeting.location, meeting.history.count(), meeting.revision) == ("Online", 2, 1)
    paper_file = PaperFile.objects.get()
    assert paper_file.file.read() == PDF_BYTES + bytes(range(256))
    assert Action.objects.get().updates.get().papers.get() == paper_file.paper
    assert ApiToken.objects.get().user.username == "secretariat"
    assert ("governance", "0002_record_revisions") in MigrationRecorder(connection).applied_migrations()
