"""Each paper holds only what its reader may see, in every format, and hidden records answer 404."""

import pytest

from panelbook.actions import services
from panelbook.conftest import client_for
from panelbook.papers.tests.conftest import docx_text, pdf_pages, raise_action


@pytest.fixture
def canaries(world, panel_meetings):
    """An AMBER and a RED action raised at meeting 47, so in meeting 48's actions outstanding."""
    raise_action(panel_meetings[0], "SECAS to publish the Delegations Register.")
    raise_action(panel_meetings[0], "SECAS to brief members. CANARY-AMBER", classification="AMBER")
    raise_action(
        panel_meetings[0],
        "SECAS to share the findings. CANARY-RED",
        classification="RED",
        recipients=[world.users.recipient],
    )
    return panel_meetings[1]


def paper_texts(client, meeting) -> dict[str, str]:
    base = f"/meetings/{meeting.pk}/actions-outstanding"
    return {
        "html": client.get(f"{base}/").content.decode(),
        "docx": docx_text(client.get(f"{base}.docx").content),
        "pdf": " ".join(pdf_pages(client.get(f"{base}.pdf").content)),
    }


@pytest.mark.parametrize(
    "role, amber, red",
    [("public", False, False), ("party", False, False), ("member", True, False), ("recipient", False, True)],
)
def test_canaries_appear_only_for_readers_entitled_to_them(world, canaries, role, amber, red):
    for fmt, text in paper_texts(client_for(world, role), canaries).items():
        assert "Delegations Register" in text, fmt
        assert ("CANARY-AMBER" in text, "CANARY-RED" in text) == (amber, red), fmt


def test_banner_is_amber_when_an_amber_row_is_included(world, canaries):
    texts = paper_texts(client_for(world, "member"), canaries)
    assert "This document has a Classification of Amber" in texts["docx"]
    assert "This document has a Classification of Amber" in texts["pdf"]
    assert "This document has a Classification of Amber" in texts["html"]


def test_banner_is_white_for_a_reader_who_sees_only_white_rows(world, canaries):
    texts = paper_texts(client_for(world, "public"), canaries)
    assert all("This document has a Classification of White" in text for text in texts.values())


def test_banner_is_red_for_a_named_recipient(world, canaries):
    texts = paper_texts(client_for(world, "recipient"), canaries)
    assert "This document has a Classification of Red" in texts["pdf"]


@pytest.mark.parametrize("suffix", ["/", ".docx", ".pdf"])
def test_hidden_meeting_answers_404(world, make_meeting, suffix):
    meeting = make_meeting(classification="AMBER")
    assert client_for(world, "party").get(f"/meetings/{meeting.pk}/actions-outstanding{suffix}").status_code == 404
    assert client_for(world, "member").get(f"/meetings/{meeting.pk}/actions-outstanding{suffix}").status_code == 200


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_hidden_minutes_answer_404(world, panel_meetings, fmt):
    minutes = services.start_minutes(panel_meetings[0], by=None, confidential=True)
    assert client_for(world, "party").get(f"/minutes/{minutes.pk}/paper.{fmt}").status_code == 404
    assert client_for(world, "member").get(f"/minutes/{minutes.pk}/paper.{fmt}").status_code == 200


def test_minutes_leave_out_an_amber_action_for_the_public(world, panel_meetings):
    item = panel_meetings[0].agenda_items.get(number=2)
    minutes = services.start_minutes(panel_meetings[0], by=None)
    raise_action(panel_meetings[0], "SECAS to brief members. CANARY-AMBER", classification="AMBER", agenda_item=item)
    public = client_for(world, "public").get(f"/minutes/{minutes.pk}/paper.pdf").content
    member = client_for(world, "member").get(f"/minutes/{minutes.pk}/paper.docx").content
    assert "CANARY-AMBER" not in " ".join(pdf_pages(public))
    assert "ACTION SECP47/01: SECAS to brief members. CANARY-AMBER" in docx_text(member)


def test_download_is_a_private_attachment_named_after_the_reference(world, meeting_49):
    response = client_for(world, "public").get(f"/meetings/{meeting_49.pk}/actions-outstanding.docx")
    assert response["Content-Disposition"] == (
        'attachment; filename="SECP_49_1010_01 Minutes and Actions Outstanding.docx"'
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert set(response["Cache-Control"].split(", ")) >= {"private", "no-store"}


def test_minutes_download_is_named_after_the_minutes_reference(world, panel_meetings):
    minutes = services.start_minutes(panel_meetings[0], by=None)
    response = client_for(world, "public").get(f"/minutes/{minutes.pk}/paper.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="SECP_47_1008_MINUTES Minutes.pdf"'


def test_page_offers_the_word_and_pdf_downloads(world, meeting_49):
    response = client_for(world, "public").get(f"/meetings/{meeting_49.pk}/actions-outstanding/")
    assert f'href="/meetings/{meeting_49.pk}/actions-outstanding.docx"' in response.content.decode()
    assert f'href="/meetings/{meeting_49.pk}/actions-outstanding.pdf"' in response.content.decode()
    assert "private" in response["Cache-Control"]


def test_minutes_banner_rises_to_the_level_of_an_amber_action_they_show(world, panel_meetings):
    item = panel_meetings[0].agenda_items.get(number=2)
    minutes = services.start_minutes(panel_meetings[0], by=None)
    raise_action(panel_meetings[0], "SECAS to brief members.", classification="AMBER", agenda_item=item)
    member = client_for(world, "member").get(f"/minutes/{minutes.pk}/paper.pdf").content
    assert "This document has a Classification of Amber" in pdf_pages(member)[0]
