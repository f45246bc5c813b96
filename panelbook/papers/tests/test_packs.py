"""Meeting packs: each reader's pack holds what they may see, in agenda order, with bookmarks and
a contents page whose page numbers are right; withheld records are named by classification only."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import time

import docx
import pypdfium2
import pytest
import typst
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfReader

from panelbook.conftest import client_for
from panelbook.governance import services as governance
from panelbook.papers import pack_cache, pack_pdf
from panelbook.papers.packs import Placing, reader_pack

CANARIES = ("CANARY-AMBER-TITLE", "CANARY-AMBER-TEXT", "CANARY-RED-TITLE", "CANARY-RED-TEXT", "CANARY-ITEM-TITLE")


def pdf_upload(name: str, *pages: str) -> SimpleUploadedFile:
    """A small PDF made by typst, one page per text given."""
    source = '#set page(paper: "a5")\n' + "\n#pagebreak()\n".join(f"#{json.dumps(text)}" for text in pages)
    return SimpleUploadedFile(name, typst.compile(source.encode()), content_type="application/pdf")


def word_upload(name: str, text: str) -> SimpleUploadedFile:
    document = docx.Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/octet-stream")


@pytest.fixture
def no_converter(settings):
    settings.OFFICE_CONVERTER = "none"


@pytest.fixture
def meeting(world, no_converter):
    """Panel meeting 67, WHITE, with five items:

    1. a WHITE paper (one page); 2. a WHITE paper (two pages) with a RED appendix naming the
    ``recipient``; 3. an AMBER paper only; 4. a Word paper; 5. an AMBER (confidential) item."""
    starts = timezone.make_aware(dt.datetime(2026, 12, 3, 10, 0))
    meeting = governance.create_meeting(
        by=None, body=world.panel, number=67, starts_at=starts, ends_at=starts + dt.timedelta(hours=3)
    )
    items = [
        governance.add_agenda_item(meeting, by=None, title=title, purpose=purpose)
        for title, purpose in [
            ("Minutes and Actions Outstanding", "DECISION"),
            ("Security assurance update", "INFORMATION"),
            ("Draft budget", "DISCUSSION"),
            ("DCC update", "INFORMATION"),
        ]
    ]
    governance.add_agenda_item(meeting, by=None, title="Incident review CANARY-ITEM-TITLE", classification="AMBER")

    def paper(item, reference, title, upload, **fields):
        return governance.create_paper(
            by=None,
            agenda_item=item,
            reference=reference,
            title=title,
            paper_date=meeting.date,
            upload=upload,
            **fields,
        )

    paper(items[0], "SECP_67_01", "Minutes and Actions Outstanding", pdf_upload("minutes.pdf", "WHITE-MINUTES-TEXT"))
    assurance = paper(
        items[1],
        "SECP_67_02",
        "Assurance report",
        pdf_upload("assurance.pdf", "WHITE-ASSURANCE-ONE", "WHITE-ASSURANCE-TWO"),
    )
    governance.add_appendix(
        assurance,
        by=None,
        label="Appendix A",
        title="Non-compliances CANARY-RED-TITLE",
        classification="RED",
        recipients=[world.users.recipient],
        upload=pdf_upload("appendix.pdf", "CANARY-RED-TEXT"),
    )
    paper(
        items[2],
        "SECP_67_03",
        "Budget CANARY-AMBER-TITLE",
        pdf_upload("budget.pdf", "CANARY-AMBER-TEXT"),
        classification="AMBER",
    )
    paper(items[3], "SECP_67_04", "DCC update", word_upload("dcc.docx", "WORD-PAPER-TEXT"))
    return meeting


def pages_of(pdf: bytes) -> list[str]:
    document = pypdfium2.PdfDocument(pdf)
    return [" ".join(page.get_textpage().get_text_range().split()) for page in document]


def outline_of(pdf: bytes) -> list[tuple[int, str, int]]:
    """Each bookmark as (depth, title, page number from 1), in order."""
    reader = PdfReader(io.BytesIO(pdf))
    found = []

    def walk(entries, depth):
        for entry in entries:
            if isinstance(entry, list):
                walk(entry, depth + 1)
            else:
                found.append((depth, entry.title, reader.get_destination_page_number(entry) + 1))

    walk(reader.outline, 0)
    return found


def built(meeting, user) -> list[str]:
    return pages_of(pack_pdf.build(reader_pack(meeting, user)).pdf)


# What each reader's pack holds


def test_the_public_pack_holds_the_white_papers_and_no_canary(world, meeting):
    text = " ".join(built(meeting, world.users.public))
    assert "WHITE-MINUTES-TEXT" in text
    assert "WHITE-ASSURANCE-ONE" in text and "WHITE-ASSURANCE-TWO" in text
    assert [canary for canary in CANARIES if canary in text] == []


def test_the_public_pack_lists_the_withheld_records_with_their_classification(world, meeting):
    contents = built(meeting, world.users.public)[2]
    assert "Appendix A withheld: classified RED" in contents
    assert "Paper withheld: classified AMBER" in contents
    assert "Item 5 (a confidential item) withheld: classified AMBER" in contents


def test_the_contents_page_numbers_the_papers_by_their_page_in_the_pack(world, meeting):
    pages = built(meeting, world.users.public)
    assert len(pages) == 6  # cover, agenda, contents, then 1 + 2 pages of papers
    assert "Contents" in pages[2]
    assert "SECP_67_01 Minutes and Actions Outstanding (WHITE) 4" in pages[2]
    assert "SECP_67_02 Assurance report (WHITE) 5" in pages[2]
    assert "WHITE-MINUTES-TEXT" in pages[3]
    assert "WHITE-ASSURANCE-ONE" in pages[4]
    assert "WHITE-ASSURANCE-TWO" in pages[5]


def test_the_bookmarks_follow_the_agenda_one_per_item_and_per_paper(world, meeting):
    pdf = pack_pdf.build(reader_pack(meeting, world.users.public)).pdf
    assert outline_of(pdf) == [
        (0, "Agenda", 2),
        (0, "Contents", 3),
        (0, "1. Minutes and Actions Outstanding", 4),
        (1, "SECP_67_01 Minutes and Actions Outstanding", 4),
        (0, "2. Security assurance update", 5),
        (1, "SECP_67_02 Assurance report", 5),
        (0, "3. Draft budget", 3),  # its only paper is withheld: to the contents
        (0, "4. DCC update", 3),  # its Word paper could not be converted: to the contents
        (1, "SECP_67_04 DCC update", 3),
    ]


def test_the_agenda_page_lists_every_item_and_hides_the_confidential_title(world, meeting):
    agenda = built(meeting, world.users.public)[1]
    assert "1. Minutes and Actions Outstanding For Decision" in agenda
    assert "3. Draft budget For Discussion" in agenda
    assert "Item 5 (a confidential item) withheld: classified AMBER" in agenda


def test_a_named_red_recipient_gets_the_red_appendix_after_its_paper(world, meeting):
    pages = built(meeting, world.users.recipient)
    assert "CANARY-RED-TEXT" in pages[6]
    assert "Appendix A: Non-compliances CANARY-RED-TITLE (RED) 7" in pages[2]
    assert "This document has a Classification of Red" in pages[0]
    assert "CANARY-AMBER-TEXT" not in " ".join(pages)


def test_a_member_not_named_gets_the_amber_paper_but_never_the_red_appendix(world, meeting):
    pages = built(meeting, world.users.member)
    text = " ".join(pages)
    assert "CANARY-AMBER-TEXT" in text and "CANARY-ITEM-TITLE" in text
    assert "CANARY-RED-TEXT" not in text and "CANARY-RED-TITLE" not in text
    assert "Appendix A withheld: classified RED" in pages[2]
    assert "This document has a Classification of Amber" in pages[0]


def test_a_member_of_another_body_gets_what_the_public_gets_and_green(world, meeting):
    text = " ".join(built(meeting, world.users.other_member))
    assert [canary for canary in CANARIES if canary in text] == []
    assert "WHITE-MINUTES-TEXT" in text


def test_the_public_pack_is_the_same_whoever_asks_for_it(world, meeting):
    for_member = reader_pack(meeting, world.users.member, public=True)
    assert for_member == reader_pack(meeting, world.users.public)
    assert for_member.key == reader_pack(meeting, world.users.public).key


def test_a_word_paper_without_a_converter_is_listed_with_a_link(world, meeting):
    pack = reader_pack(meeting, world.users.public)
    word = pack.linked[0]
    assert (word.name, word.placing) == ("dcc.docx", Placing.LINK)
    contents = built(meeting, world.users.public)[2]
    assert "dcc.docx is not in this pack: a Word document cannot be converted to PDF here." in contents
    assert f"http://127.0.0.1:8000/files/{word.file_id}/" in contents


@pytest.mark.skipif(not (shutil.which("soffice") or shutil.which("libreoffice")), reason="LibreOffice is not installed")
def test_a_word_paper_is_converted_when_libreoffice_is_there(world, meeting, settings):
    settings.OFFICE_CONVERTER = ""
    pages = built(meeting, world.users.public)
    assert len(pages) == 7
    assert "WORD-PAPER-TEXT" in pages[6]
    assert "SECP_67_04 DCC update (WHITE) 7" in pages[2]


def test_a_pdf_that_cannot_be_read_is_listed_with_why(world, meeting):
    paper = meeting.papers.get(reference="SECP_67_01")
    broken = SimpleUploadedFile("broken.pdf", b"%PDF-1.4\nnot really a PDF\n%%EOF\n", content_type="application/pdf")
    governance.add_paper_version(paper, broken, by=None)
    result = pack_pdf.build(reader_pack(meeting, world.users.public))
    contents = pages_of(result.pdf)[2]
    assert "broken.pdf is not in this pack: it could not be read as a PDF." in contents
    assert list(result.left_out.values()) == ["it could not be read as a PDF"]


def test_a_withdrawn_item_and_a_withdrawn_paper_are_left_out(world, meeting):
    governance.withdraw_agenda_item(meeting.agenda_items.get(number=3), by=None, reason="Deferred to January.")
    governance.withdraw_paper(meeting.papers.get(reference="SECP_67_01"), by=None, reason="Replaced.")
    text = " ".join(built(meeting, world.users.member))
    assert "Draft budget" not in text and "CANARY-AMBER-TEXT" not in text
    assert "WHITE-MINUTES-TEXT" not in text
    assert "No paper for this item." in text


def test_a_paper_tied_to_no_item_comes_after_the_agenda(world, meeting):
    governance.create_paper(
        by=None,
        meeting=meeting,
        reference="SECP_67_X",
        title="Late paper",
        paper_date=meeting.date,
        upload=pdf_upload("late.pdf", "LATE-PAPER-TEXT"),
    )
    pdf = pack_pdf.build(reader_pack(meeting, world.users.public)).pdf
    assert outline_of(pdf)[-2:] == [(0, "Papers not tied to an agenda item", 7), (1, "SECP_67_X Late paper", 7)]
    assert "LATE-PAPER-TEXT" in pages_of(pdf)[6]


# The key: the same view shares one file, a change makes a new one


def test_readers_who_see_the_same_share_a_key_and_others_do_not(world, meeting):
    keys = {role: reader_pack(meeting, getattr(world.users, role)).key for role in ("party", "other_member", "member")}
    assert keys["party"] == keys["other_member"]
    assert keys["member"] != keys["party"]


def test_a_new_file_version_or_a_new_title_changes_the_key(world, meeting):
    before = reader_pack(meeting, world.users.public).key
    paper = meeting.papers.get(reference="SECP_67_01")
    governance.add_paper_version(paper, pdf_upload("minutes-v2.pdf", "WHITE-MINUTES-V2"), by=None)
    after_version = reader_pack(meeting, world.users.public).key
    governance.update_paper(paper, by=None, title="Minutes (corrected)")
    assert len({before, after_version, reader_pack(meeting, world.users.public).key}) == 3


def test_a_change_the_reader_cannot_see_does_not_change_their_key(world, meeting):
    before = reader_pack(meeting, world.users.public).key
    budget = meeting.papers.get(reference="SECP_67_03")
    governance.add_paper_version(budget, pdf_upload("budget-v2.pdf", "CANARY-AMBER-V2"), by=None)
    assert reader_pack(meeting, world.users.public).key == before
    assert reader_pack(meeting, world.users.member).key != reader_pack(meeting, world.users.public).key


# The pages: build on request, progress, download


def wait_for_pack(client, meeting, query: str = "") -> dict:
    """Poll the status address, as the page's script does, until the build has stopped."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        status = client.get(f"/meetings/{meeting.pk}/pack/status.json{query}").json()
        if status["state"] != "building":
            return status
        time.sleep(0.1)
    raise AssertionError("The pack was still building after a minute.")


def download(client, meeting, query: str = "") -> bytes:
    response = client.get(f"/meetings/{meeting.pk}/pack.pdf{query}")
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


def test_the_page_says_what_the_pack_holds_and_offers_to_build_it(world, meeting):
    page = client_for(world, "public").get(f"/meetings/{meeting.pk}/pack/").content.decode()
    assert "Build the pack" in page
    assert "In the pack: minutes.pdf, version 1." in page
    assert "Appendix A withheld: classified RED" in page
    assert "Not in the pack: a Word document cannot be converted to PDF here." in page
    assert [canary for canary in CANARIES if canary in page] == []


def test_building_shows_progress_then_offers_the_download(world, meeting):
    client = client_for(world, "public")
    response = client.post(f"/meetings/{meeting.pk}/pack/build/")
    assert response.status_code == 302 and response["Location"] == f"/meetings/{meeting.pk}/pack/"
    status = wait_for_pack(client, meeting)
    assert (status["state"], status["percent"], status["download"]) == (
        "ready",
        100,
        f"/meetings/{meeting.pk}/pack.pdf",
    )
    assert "Download the pack (PDF)" in client.get(f"/meetings/{meeting.pk}/pack/").content.decode()
    assert "WHITE-MINUTES-TEXT" in " ".join(pages_of(download(client, meeting)))


def test_a_build_in_progress_is_shown_with_its_step(world, meeting):
    pack = reader_pack(meeting, world.users.public)
    pack_cache.status_path(pack).parent.mkdir(parents=True)
    status = pack_cache.Status(pack_cache.State.BUILDING, 1, 4, "Reading assurance.pdf")
    pack_cache.status_path(pack).write_text(json.dumps({**status.__dict__, "state": "building"}))
    page = client_for(world, "public").get(f"/meetings/{meeting.pk}/pack/").content.decode()
    assert 'value="25"' in page and "Building the pack: step 2 of 4: Reading assurance.pdf." in page
    assert "papers/pack-progress" in page and "Build the pack</button>" not in page


def test_a_build_whose_status_stopped_moving_can_be_asked_for_again(world, meeting):
    pack = reader_pack(meeting, world.users.public)
    pack_cache.status_path(pack).parent.mkdir(parents=True)
    pack_cache.status_path(pack).write_text(json.dumps({"state": "building", "done": 1, "total": 4, "step": "Reading"}))
    long_ago = time.time() - pack_cache.STALE_SECONDS - 1
    os.utime(pack_cache.status_path(pack), (long_ago, long_ago))
    client = client_for(world, "public")
    assert client.get(f"/meetings/{meeting.pk}/pack/status.json").json()["state"] == "none"
    client.post(f"/meetings/{meeting.pk}/pack/build/")
    assert wait_for_pack(client, meeting)["state"] == "ready"


def test_the_cache_gives_the_same_file_twice_and_a_new_version_makes_a_new_pack(world, meeting):
    client = client_for(world, "party")
    client.post(f"/meetings/{meeting.pk}/pack/build/")
    wait_for_pack(client, meeting)
    first = download(client, meeting)
    client.post(f"/meetings/{meeting.pk}/pack/build/")  # already built: nothing is built again
    assert wait_for_pack(client, meeting)["state"] == "ready"
    assert download(client, meeting) == first
    assert download(client_for(world, "other_member"), meeting) == first  # the same view, the same file

    paper = meeting.papers.get(reference="SECP_67_01")
    governance.add_paper_version(paper, pdf_upload("minutes-v2.pdf", "WHITE-MINUTES-V2"), by=None)
    assert client.get(f"/meetings/{meeting.pk}/pack/status.json").json()["state"] == "none"
    client.post(f"/meetings/{meeting.pk}/pack/build/")
    wait_for_pack(client, meeting)
    text = " ".join(pages_of(download(client, meeting)))
    assert "WHITE-MINUTES-V2" in text and "WHITE-MINUTES-TEXT" not in text


def test_downloading_a_pack_not_built_leads_to_its_page(world, meeting):
    response = client_for(world, "member").get(f"/meetings/{meeting.pk}/pack.pdf")
    assert response.status_code == 302 and response["Location"] == f"/meetings/{meeting.pk}/pack/"


def test_a_member_can_build_the_public_pack(world, meeting):
    client = client_for(world, "member")
    assert "CANARY-AMBER-TITLE" in client.get(f"/meetings/{meeting.pk}/pack/").content.decode()
    page = client.get(f"/meetings/{meeting.pk}/pack/?reader=public").content.decode()
    assert "Public meeting pack" in page and "CANARY-AMBER-TITLE" not in page
    client.post(f"/meetings/{meeting.pk}/pack/build/?reader=public")
    assert (
        wait_for_pack(client, meeting, "?reader=public")["download"] == f"/meetings/{meeting.pk}/pack.pdf?reader=public"
    )
    public = download(client, meeting, "?reader=public")
    text = " ".join(pages_of(public))
    assert "Public meeting pack" in text and [canary for canary in CANARIES if canary in text] == []
    assert download(client_for(world, "public"), meeting) == public


def test_an_unknown_reader_is_refused(world, meeting):
    response = client_for(world, "member").get(f"/meetings/{meeting.pk}/pack/?reader=everyone")
    assert response.status_code == 404


def test_the_download_is_a_private_pdf_named_after_the_meeting(world, meeting):
    client = client_for(world, "member")
    client.post(f"/meetings/{meeting.pk}/pack/build/")
    wait_for_pack(client, meeting)
    response = client.get(f"/meetings/{meeting.pk}/pack.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="SEC Panel meeting 67 pack.pdf"'
    assert set(response["Cache-Control"].split(", ")) >= {"private", "no-store"}


def test_building_needs_a_post(world, meeting):
    assert client_for(world, "public").get(f"/meetings/{meeting.pk}/pack/build/").status_code == 405


def test_the_meeting_page_links_to_the_pack(world, meeting):
    page = client_for(world, "party").get(f"/meetings/{meeting.pk}/").content.decode()
    assert f'href="/meetings/{meeting.pk}/pack/"' in page
    assert f'href="/meetings/{meeting.pk}/pack/?reader=public"' in page


# The gate: a hidden meeting's pack answers as if missing


@pytest.mark.parametrize("path", ["pack/", "pack/status.json", "pack.pdf"])
def test_a_hidden_meetings_pack_answers_404(world, make_meeting, path):
    hidden = make_meeting(classification="AMBER", by=None)
    assert client_for(world, "party").get(f"/meetings/{hidden.pk}/{path}").status_code == 404
    assert client_for(world, "other_member").post(f"/meetings/{hidden.pk}/pack/build/").status_code == 404
    assert client_for(world, "member").get(f"/meetings/{hidden.pk}/pack/").status_code == 200


@pytest.mark.parametrize(
    "role, amber, red",
    [
        ("public", False, False),
        ("party", False, False),
        ("other_member", False, False),
        ("member", True, False),
        ("recipient", False, True),
    ],
)
def test_canaries_appear_in_the_pack_only_for_readers_entitled_to_them(world, meeting, role, amber, red):
    client = client_for(world, role)
    page = client.get(f"/meetings/{meeting.pk}/pack/").content.decode()
    client.post(f"/meetings/{meeting.pk}/pack/build/")
    wait_for_pack(client, meeting)
    pdf = " ".join(pages_of(download(client, meeting)))
    for where, text in {"page": page, "pdf": pdf}.items():
        assert ("CANARY-AMBER-TITLE" in text, "CANARY-ITEM-TITLE" in text) == (amber, amber), (where, role)
        assert ("CANARY-RED-TITLE" in text) == red, (where, role)
    assert ("CANARY-AMBER-TEXT" in pdf, "CANARY-RED-TEXT" in pdf) == (amber, red)
