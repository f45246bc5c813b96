"""The extract and ingest commands, run on plain text files written here."""

from __future__ import annotations

import datetime as dt
import json
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from panelbook.actions.models import Action
from panelbook.governance.models import Meeting
from panelbook.ingest import batch
from panelbook.ingest.models import IngestedFile, Proposal
from panelbook.ingest.tests.making import Paper

NOTES = "SEC Panel notes\n\nThe secretariat met the chair and talked about the calendar.\n"


def run(command: str, *args: str) -> tuple[int | str | None, str, str]:
    """Run a command; its exit status, standard output and standard error."""
    out, err = StringIO(), StringIO()
    try:
        call_command(command, *args, stdout=out, stderr=err)
    except SystemExit as exit:
        return exit.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.fixture
def folder(tmp_path):
    """good.txt, sub/more.txt, an empty file, and hidden files and folders that must be skipped."""
    root = tmp_path / "papers"
    (root / "sub").mkdir(parents=True)
    (root / ".drafts").mkdir()
    (root / "good.txt").write_text(NOTES, encoding="utf-8")
    (root / "sub" / "more.txt").write_text("TABASC notes\n\nThe budget was discussed.\n", encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / ".hidden.txt").write_text("not for ingest", encoding="utf-8")
    (root / ".drafts" / "draft.txt").write_text("not for ingest", encoding="utf-8")
    return root


def summary_count(output: str, label: str) -> int:
    match = re.search(rf"{re.escape(label)}\s*│\s*(\d+)\s*│", output)
    assert match, f"no {label!r} row in:\n{output}"
    return int(match[1])


# extract


def test_extract_prints_the_extraction_as_json_without_touching_the_database(db, tmp_path, django_assert_num_queries):
    paper = tmp_path / "notes.txt"
    paper.write_text(NOTES, encoding="utf-8")

    with django_assert_num_queries(0):
        status, out, err = run("extract", str(paper))

    printed = json.loads(out)
    assert status == 0 and err == ""
    assert printed["file"] == str(paper)
    assert set(printed) >= {"document", "sections", "actions", "decisions", "meetings", "warnings"}
    assert not IngestedFile.objects.exists()


def test_extract_as_text_prints_the_document_then_a_count_of_each_record_type(tmp_path):
    paper = tmp_path / "notes.txt"
    paper.write_text(NOTES, encoding="utf-8")

    status, out, _ = run("extract", str(paper), "--format", "text")

    lines = out.splitlines()
    assert status == 0 and lines[:2] == [str(paper), "Document"]
    for heading in ("Sections", "Actions", "Decisions", "Modifications", "Measures", "Incidents", "Meetings"):
        assert any(re.fullmatch(rf"{heading}: \d+", line) for line in lines), heading


def test_extract_of_a_bad_file_says_which_file_on_one_line_and_exits_1(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")

    status, out, err = run("extract", str(empty))

    assert status == 1 and out == ""
    assert err.startswith(f"{empty}: ") and err.count("\n") == 1


# ingest


def test_ingest_of_a_folder_reports_the_bad_file_stores_the_rest_and_exits_1(world, folder):
    status, out, err = run("ingest", str(folder))

    assert status == 1
    failures = [line for line in err.splitlines() if line.startswith(str(folder))]
    assert len(failures) == 1 and failures[0].startswith(f"{folder / 'empty.txt'}: ")
    assert sorted(IngestedFile.objects.values_list("name", flat=True)) == [
        str(folder / "good.txt"),
        str(folder / "sub" / "more.txt"),
    ]
    assert (summary_count(out, "Files read"), summary_count(out, "Failed")) == (2, 1)
    assert summary_count(out, "Proposed: paper") == 2
    assert "No --user given: RED files are visible to no one until their recipients are named" in out


def test_ingest_again_finds_the_files_unchanged(world, folder):
    (folder / "empty.txt").unlink()
    assert run("ingest", str(folder))[0] == 0
    proposals = Proposal.objects.count()

    status, out, _ = run("ingest", str(folder))

    assert status == 0 and summary_count(out, "Unchanged (already ingested)") == 2
    assert Proposal.objects.count() == proposals and IngestedFile.objects.count() == 2


def test_ingest_with_commit_accepts_every_new_record_that_has_no_warnings(world, folder):
    (folder / "empty.txt").unlink()

    status, out, _ = run("ingest", str(folder), "--commit", "--user", "secretariat")

    assert status == 0
    waiting = Proposal.objects.exclude(status="ACCEPTED")
    assert all(p.warnings or p.change == "UPDATE" for p in waiting)
    assert summary_count(out, "Accepted directly") == Proposal.objects.filter(status="ACCEPTED").count()
    assert "No --user given" not in out


def test_ingest_acts_as_the_named_user(world, folder):
    (folder / "empty.txt").unlink()
    run("ingest", str(folder), "--user", "secretariat")
    assert set(IngestedFile.objects.values_list("ingested_by__username", flat=True)) == {"secretariat"}


def test_ingest_refuses_an_unknown_or_non_secretariat_user(world, folder):
    with pytest.raises(CommandError, match="There is no active user called 'nobody'"):
        call_command("ingest", str(folder), "--user", "nobody", stdout=StringIO(), stderr=StringIO())
    with pytest.raises(CommandError, match="party is not a secretariat user"):
        call_command("ingest", str(folder), "--user", "party", stdout=StringIO(), stderr=StringIO())
    assert not IngestedFile.objects.exists()


def test_a_batch_with_commit_raises_the_meeting_then_its_action(world, tmp_path):
    """The pipeline is given as a parameter, so the extraction is the one written here."""
    (tmp_path / "minutes.txt").write_text("minutes", encoding="utf-8")
    paper = Paper(str(tmp_path / "minutes.txt"), "Panel meeting 47", "ACTION SECP47/01: SECAS to publish.")
    processed = paper.processed(
        {"body": "PANEL", "meeting": 47, "kind": "minutes", "date": "2017-08-10"},
        meetings=[{"body": "PANEL", "number": 47, "date": "2017-08-10", "source": paper.source("Panel meeting 47")}],
        actions=[{"reference": "SECP47/01", "text": "SECAS to publish.", "update": None, "status": "OPEN",
                  "owner": "SECAS", "source": paper.source("SECAS to publish.")}],
    )  # fmt: skip

    report = batch.run([tmp_path], by=world.users.secretariat, commit=True, process=lambda path: processed)

    assert (report.read, report.accepted, report.failed) == (1, 3, [])
    assert report.proposed == {"meeting": 1, "paper": 1, "action": 1}
    assert Meeting.objects.get(number=47).date == dt.date(2017, 8, 10)
    assert Action.objects.get().reference == "SECP47/01"


def test_a_file_whose_processing_fails_stores_nothing_and_the_batch_goes_on(world, tmp_path):
    (tmp_path / "a.txt").write_text("a", encoding="utf-8")
    (tmp_path / "b.txt").write_text("b", encoding="utf-8")

    def process(path):
        if path.name == "a.txt":
            raise ValueError("the extractor tripped")
        return batch.process_path(path)

    report = batch.run([tmp_path], by=None, process=process)

    assert report.failed == [(str(tmp_path / "a.txt"), "could not be ingested (ValueError: the extractor tripped)")]
    assert list(IngestedFile.objects.values_list("name", flat=True)) == [str(tmp_path / "b.txt")]
