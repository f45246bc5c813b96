"""Papers uploaded from the browser into the review queue: several at once, each read as
``panelbook ingest`` reads it, a refused one named with why; only the secretariat may upload."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from panelbook.conftest import client_for
from panelbook.ingest.models import IngestedFile

PAPER = """This document has a Classification of White

Paper Reference: SECP_150_0612_04

Action: For Information

Release Readiness Update

1. Purpose

This paper tells the Panel how ready the spring release is, and what is left to test.

Morgan Ellis
SECAS
4 December 2026
"""


def text_file(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/plain")


def test_several_files_are_read_into_the_queue_at_once(world):
    client = client_for(world, "secretariat")
    files = [text_file("readiness.txt", PAPER), text_file("readiness-copy.txt", PAPER.replace("spring", "autumn"))]
    response = client.post("/ingest/upload/", {"papers": files}, follow=True)
    assert response.redirect_chain[-1][0] == "/ingest/"
    assert sorted(IngestedFile.objects.values_list("name", flat=True)) == ["readiness-copy.txt", "readiness.txt"]
    page = response.content.decode()
    assert "readiness.txt: proposed 1 meeting, 1 paper" in page


def test_a_file_that_cannot_be_read_is_named_with_why_and_the_others_go_on(world):
    client = client_for(world, "secretariat")
    files = [text_file("blank.txt", "   \n"), text_file("readiness.txt", PAPER)]
    page = client.post("/ingest/upload/", {"papers": files}, follow=True).content.decode()
    assert "blank.txt was not read: the file holds only blank space (4 bytes of spaces and line ends)." in page
    assert list(IngestedFile.objects.values_list("name", flat=True)) == ["readiness.txt"]


def test_sending_no_file_asks_for_one(world):
    page = client_for(world, "secretariat").post("/ingest/upload/", {}).content.decode()
    assert "<title>Error: Upload papers" in page and "Papers to read: This field is required." in page


def test_only_the_secretariat_may_upload(world):
    for role in ("public", "party", "member"):
        response = client_for(world, role).post("/ingest/upload/", {"papers": [text_file("x.txt", PAPER)]})
        assert response.status_code in (302, 403, 404), role
    assert not IngestedFile.objects.exists()


def test_files_sent_with_a_progress_bar_are_answered_with_the_page_to_open_and_its_messages(world):
    client = client_for(world, "secretariat")
    page = client.get("/ingest/upload/").content.decode()
    assert "data-progress" in page and "<progress" in page and "core/upload-progress.js" in page
    sent = client.post(
        "/ingest/upload/", {"papers": [text_file("readiness.txt", PAPER)]}, headers={"X-Upload-Progress": "1"}
    )
    assert sent.status_code == 200 and sent.json() == {"location": "/ingest/"}
    assert "readiness.txt: proposed 1 meeting, 1 paper" in client.get("/ingest/").content.decode()
