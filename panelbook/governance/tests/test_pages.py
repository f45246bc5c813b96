"""The pages people read, and the secretariat's forms."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from panelbook.conftest import pdf_upload
from panelbook.governance import services
from panelbook.governance.models import AgendaItem, Meeting, Membership, Paper, PaperFile, Person


@pytest.fixture
def party(world):
    client = Client()
    client.force_login(world.users.party)
    return client


def meeting_form(world, **overrides):
    starts = timezone.localtime() + dt.timedelta(days=30)
    data = {
        "body": world.panel.pk,
        "number": "",
        "kind": "ORDINARY",
        "starts_at": starts.strftime("%Y-%m-%dT10:00"),
        "ends_at": starts.strftime("%Y-%m-%dT13:00"),
        "location": "Room 4",
        "classification": "WHITE",
    }
    data.update(overrides)
    return data


def test_home_lists_upcoming_meetings_and_links_the_calendar(world, make_meeting):
    make_meeting(number=67)
    body = Client().get("/").content.decode()
    assert "SEC Panel meeting 67" in body
    assert 'href="/calendar.ics"' in body


def test_body_page_shows_current_members_and_calendar_link(world):
    body = Client().get("/bodies/panel/").content.decode()
    assert "<td>Member</td><td>Northwind Energy Ltd</td>" in body
    assert "Former_Member" not in body and "Other_Member" not in body
    assert "/bodies/panel/calendar.ics" in body


def test_unknown_body_is_404(world):
    assert Client().get("/bodies/nope/").status_code == 404


def test_meeting_page_shows_dates_in_uk_format(world, make_meeting):
    meeting = make_meeting()
    body = Client().get(meeting.get_absolute_url()).content.decode()
    assert timezone.localtime(meeting.starts_at).strftime("%-d %B %Y") in body


def test_secretariat_creates_a_meeting_with_the_next_number(world, make_meeting, secretariat_client):
    make_meeting(number=66)
    response = secretariat_client.post("/meetings/new/", meeting_form(world))
    meeting = Meeting.objects.get(number=67)
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert meeting.history.first().history_user == world.users.secretariat


def test_meeting_form_names_the_field_that_is_wrong(world, secretariat_client):
    data = meeting_form(world)
    data["ends_at"] = data["starts_at"].replace("T10:00", "T09:00")
    response = secretariat_client.post("/meetings/new/", data)
    assert response.status_code == 200
    assert "Ends: The meeting must end after it starts." in response.content.decode()
    assert not Meeting.objects.exists()


def test_duplicate_meeting_number_is_refused(world, make_meeting, secretariat_client):
    make_meeting(number=5)
    response = secretariat_client.post("/meetings/new/", meeting_form(world, number=5))
    assert "Panel already has a meeting 5." in response.content.decode()
    assert Meeting.objects.count() == 1


def test_party_user_cannot_open_secretariat_forms(world, make_meeting, party):
    meeting = make_meeting()
    assert party.get("/meetings/new/").status_code == 403
    assert party.post(f"/meetings/{meeting.pk}/items/new/", {"title": "x", "purpose": "DECISION"}).status_code == 403
    assert not AgendaItem.objects.exists()


def test_anonymous_user_is_sent_to_sign_in(world):
    response = Client().get("/papers/new/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_secretariat_adds_an_agenda_item_and_paper_with_generated_reference(world, make_meeting, secretariat_client):
    meeting = make_meeting(number=67)
    meeting.starts_at = meeting.starts_at.replace(month=4, day=12, year=meeting.starts_at.year + 1)
    meeting.ends_at = meeting.starts_at + dt.timedelta(hours=2)
    meeting.save()
    secretariat_client.post(
        f"/meetings/{meeting.pk}/items/new/",
        {"number": 19, "title": "Operations Report", "purpose": "INFORMATION", "classification": "WHITE"},
    )
    item = AgendaItem.objects.get(meeting=meeting, number=19)
    response = secretariat_client.post(
        "/papers/new/",
        {
            "agenda_item": item.pk,
            "title": "March Operations Report",
            "purpose": "INFORMATION",
            "author": "SECAS Team",
            "paper_date": "2026-04-05",
            "classification": "WHITE",
            "file": pdf_upload("ops.pdf"),
        },
    )
    paper = Paper.objects.get()
    assert response.status_code == 302
    assert paper.reference == "SECP_67_1204_19"
    assert paper.files.get().original_name == "ops.pdf"


def test_new_paper_link_preselects_its_agenda_item(world, make_meeting, secretariat_client):
    item = services.add_agenda_item(make_meeting(number=68), by=None, title="Smart Metering Report")
    response = secretariat_client.get(f"/papers/new/?item={item.pk}")
    assert f'<option value="{item.pk}" selected>' in response.content.decode()


@pytest.mark.parametrize("item", ["abc", "-1", str(2**63), "1.5"])
def test_new_paper_ignores_an_item_that_is_not_an_id(world, secretariat_client, item):
    response = secretariat_client.get(f"/papers/new/?item={item}")
    assert response.status_code == 200
    assert not re.search(r'<option value="\d+" selected>', response.content.decode())


def test_upload_of_wrong_type_is_refused_and_nothing_is_stored(world, make_meeting, secretariat_client):
    meeting = make_meeting()
    item = services.add_agenda_item(meeting, by=world.users.secretariat, title="Item")
    paper = services.create_paper(by=world.users.secretariat, agenda_item=item, title="P", paper_date=world.today)
    response = secretariat_client.post(
        f"/papers/{paper.pk}/upload/", {"file": pdf_upload("payload.exe", b"MZ\x90\x00binary")}
    )
    body = response.content.decode()
    assert "payload.exe: files of this type are not accepted" in body
    assert not PaperFile.objects.exists()


def test_late_paper_replaces_the_current_version_and_keeps_the_first(world, make_meeting, secretariat_client):
    meeting = make_meeting()
    item = services.add_agenda_item(meeting, by=world.users.secretariat, title="Item")
    paper = services.create_paper(
        by=world.users.secretariat, agenda_item=item, title="P", paper_date=world.today, upload=pdf_upload("v1.pdf")
    )
    secretariat_client.post(f"/papers/{paper.pk}/upload/", {"file": pdf_upload("v2.pdf"), "note": "Late paper"})
    assert list(paper.files.values_list("version", "original_name")) == [(2, "v2.pdf"), (1, "v1.pdf")]
    body = Client().get(paper.get_absolute_url()).content.decode()
    assert body.index("v2.pdf") < body.index("v1.pdf")
    assert "Late paper" in body


def test_download_gives_the_file_as_an_attachment(world, make_meeting):
    meeting = make_meeting()
    item = services.add_agenda_item(meeting, by=world.users.secretariat, title="Item")
    paper = services.create_paper(
        by=world.users.secretariat, agenda_item=item, title="P", paper_date=world.today, upload=pdf_upload("x.pdf")
    )
    response = Client().get(paper.files.get().get_absolute_url())
    assert response["Content-Disposition"] == 'attachment; filename="x.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_cancelling_needs_a_reason_and_keeps_the_meeting(world, make_meeting, secretariat_client):
    meeting = make_meeting()
    secretariat_client.post(f"/meetings/{meeting.pk}/status/cancel/", {"reason": ""})
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED
    secretariat_client.post(f"/meetings/{meeting.pk}/status/cancel/", {"reason": "Not quorate"})
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED and meeting.cancellation_reason == "Not quorate"


def test_attendance_records_apologies_with_the_seat(world, make_meeting, secretariat_client):
    meeting = make_meeting()
    member = world.users.member.person
    member.memberships.update(represents="LARGE_SUPPLIER")
    secretariat_client.post(f"/meetings/{meeting.pk}/attendance/", {"person": member.pk, "status": "APOLOGIES"})
    body = Client().get(meeting.get_absolute_url()).content.decode()
    assert "Large Supplier Parties" in body and "Member" in body


def test_history_page_shows_who_changed_what(world, make_meeting, secretariat_client):
    meeting = make_meeting()
    secretariat_client.post(
        f"/meetings/{meeting.pk}/edit/", meeting_form(world, number=meeting.number, location="Room 9")
    )
    body = Client().get(f"/history/meeting/{meeting.pk}/").content.decode()
    assert "secretariat" in body
    assert "Room 9" in body


def test_history_of_unknown_kind_is_404(world):
    assert Client().get("/history/nothing/1/").status_code == 404


def test_body_page_lists_the_chair_first(world):
    chair = Person.objects.create(name="Zara Chair")
    Membership.objects.create(body=world.panel, person=chair, role="CHAIR", start_date=world.today)
    body = Client().get("/bodies/panel/").content.decode()
    assert body.index("Zara Chair") < body.index("<td>Member</td>")
