"""The governance API: what each role reads, and what the secretariat's token may write."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from panelbook.conftest import ENTITLED_LEVELS, pdf_upload
from panelbook.core.models import ApiToken
from panelbook.governance import services
from panelbook.governance.models import AgendaItem, Appendix, Attendance, Meeting, Paper, PaperFile

NEW_MEETING = {
    "body": "panel",
    "starts_at": "2030-03-14T10:00:00+00:00",
    "ends_at": "2030-03-14T13:00:00+00:00",
    "location": "8 Fenchurch Place",
}


def headers(world, role: str) -> dict[str, str]:
    if role == "public":
        return {}
    return {"Authorization": f"Bearer {ApiToken.issue(getattr(world.users, role), 'test')[1]}"}


def send(client, method: str, url: str, data: dict, auth: dict[str, str]):
    """A JSON request with the given credentials."""
    return getattr(client, method)(url, data, content_type="application/json", headers=auth)


def fields_named(response) -> list[str]:
    return [problem["loc"][-1] for problem in response.json()["detail"]]


def stored_files(settings) -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


@pytest.fixture
def meetings(world, make_meeting):
    """One Panel meeting at each level, numbered 1-4 in level order; RED names the recipient."""
    return {
        level: make_meeting(
            number=n,
            classification=level,
            by=None,
            recipients=[world.users.recipient] if level == "RED" else None,
        )
        for n, level in enumerate(["WHITE", "GREEN", "AMBER", "RED"], start=1)
    }


@pytest.fixture
def paper(world, make_meeting):
    meeting = make_meeting()
    item = services.add_agenda_item(meeting, by=world.users.secretariat, title="Security report")
    return services.create_paper(
        by=world.users.secretariat,
        agenda_item=item,
        title="Report",
        paper_date=world.today,
        upload=pdf_upload(),
    )


@pytest.fixture
def secretariat(world):
    return headers(world, "secretariat")


# Reading


@pytest.mark.parametrize("role", ENTITLED_LEVELS)
def test_each_role_lists_exactly_the_meetings_it_may_see(world, client, meetings, role):
    response = client.get("/api/meetings", headers=headers(world, role))
    assert {m["classification"] for m in response.json()["items"]} == ENTITLED_LEVELS[role]


@pytest.mark.parametrize("role", ENTITLED_LEVELS)
def test_each_role_gets_404_for_each_meeting_it_may_not_see(world, client, meetings, role):
    auth = headers(world, role)
    answers = {
        level: client.get(f"/api/meetings/{meeting.pk}", headers=auth).status_code
        for level, meeting in meetings.items()
    }
    assert answers == {level: 200 if level in ENTITLED_LEVELS[role] else 404 for level in meetings}


def test_it_hides_amber_meeting_from_party_user_exactly_like_a_missing_one(world, client, meetings):
    auth = headers(world, "party")
    hidden = client.get(f"/api/meetings/{meetings['AMBER'].pk}", headers=auth)
    missing = client.get("/api/meetings/999999", headers=auth)
    assert (hidden.status_code, hidden.json()) == (missing.status_code, missing.json())


def test_it_shows_amber_meeting_to_a_member_signed_in_by_session(world, client, meetings):
    client.force_login(world.users.member)
    assert client.get(f"/api/meetings/{meetings['AMBER'].pk}").status_code == 200


def test_it_leaves_confidential_items_and_papers_out_of_a_public_meeting(world, client, make_meeting):
    meeting = make_meeting()
    services.add_agenda_item(meeting, by=None, title="Minutes")
    secret = services.add_agenda_item(meeting, by=None, title="Incident", classification="AMBER")
    services.create_paper(by=None, agenda_item=secret, title="Incident report", paper_date=world.today)
    for role, titles in [("party", ["Minutes"]), ("member", ["Minutes", "Incident"])]:
        body = client.get(f"/api/meetings/{meeting.pk}", headers=headers(world, role)).json()
        assert [i["title"] for i in body["agenda_items"]] == titles
        assert len(body["papers"]) == len(titles) - 1


def test_it_shows_a_white_paper_but_hides_its_red_appendix_from_non_recipients(world, client, paper):
    appendix = services.add_appendix(
        paper,
        by=None,
        label="Appendix A",
        title="Non-compliances",
        classification="RED",
        recipients=[world.users.recipient],
        upload=pdf_upload("a.pdf"),
    )
    hidden_file = appendix.files.get()
    for role in ("public", "party", "member", "secretariat"):
        response = client.get(f"/api/papers/{paper.pk}", headers=headers(world, role))
        assert response.json()["appendices"] == [], role
        assert "Non-compliances" not in response.content.decode()
        assert f"/files/{hidden_file.pk}/" not in response.content.decode()
    body = client.get(f"/api/papers/{paper.pk}", headers=headers(world, "recipient")).json()
    assert body["appendices"][0]["files"][0]["id"] == hidden_file.pk


def test_it_answers_404_for_a_paper_of_a_hidden_meeting(world, client, make_meeting):
    meeting = make_meeting(classification="AMBER")
    item = services.add_agenda_item(meeting, by=None, title="Item")
    hidden = services.create_paper(by=None, agenda_item=item, title="Paper", paper_date=world.today)
    assert client.get(f"/api/papers/{hidden.pk}", headers=headers(world, "party")).status_code == 404
    assert client.get("/api/papers", headers=headers(world, "party")).json()["count"] == 0


def test_it_gives_each_file_version_with_an_absolute_download_url(world, client, paper, secretariat):
    second = services.add_paper_version(paper, pdf_upload("late.pdf"), by=None, note="Late paper")
    body = client.get(f"/api/papers/{paper.pk}").json()
    assert [f["version"] for f in body["files"]] == [2, 1]
    assert body["current_file"]["id"] == second.pk
    assert body["current_file"]["sha256"] == second.sha256
    assert body["current_file"]["download_url"] == f"http://testserver/files/{second.pk}/"


def test_it_filters_meetings_by_body_status_and_dates(world, client, make_meeting):
    make_meeting(days_ahead=5)
    later = make_meeting(days_ahead=40)
    make_meeting(body=world.tabasc, days_ahead=40)
    services.cancel_meeting(make_meeting(days_ahead=60), by=None, reason="No business")
    since = (world.today + dt.timedelta(days=20)).isoformat()
    response = client.get(f"/api/meetings?body=panel&status=PLANNED&date_from={since}")
    assert [m["id"] for m in response.json()["items"]] == [later.pk]


def test_it_paginates_meetings(world, client, make_meeting):
    for days in (1, 2, 3):
        make_meeting(days_ahead=days)
    body = client.get("/api/meetings?limit=2&offset=2").json()
    assert (body["count"], len(body["items"])) == (3, 1)


def test_it_finds_papers_by_text_in_reference_or_title(world, client, paper):
    assert client.get("/api/papers?q=repo").json()["count"] == 1
    assert client.get(f"/api/papers?q={paper.reference[:6]}").json()["count"] == 1
    assert client.get("/api/papers?q=budget").json()["count"] == 0


def test_it_says_when_a_paper_was_published_and_a_paper_of_the_past_on_its_date(world, client, make_meeting):
    item = services.add_agenda_item(make_meeting(days_ahead=-60), by=None, title="Budget")
    day = world.today - dt.timedelta(days=60)
    services.create_paper(
        by=None, agenda_item=item, title="Budget", paper_date=day, published_at=services.published_on(day)
    )
    [listed] = client.get("/api/papers").json()["items"]
    assert dt.datetime.fromisoformat(listed["published_at"]).date() == day


def test_it_filters_papers_by_meeting_and_classification(world, client, paper):
    assert client.get(f"/api/papers?meeting={paper.meeting_id}").json()["count"] == 1
    assert client.get(f"/api/papers?meeting={paper.meeting_id + 1}").json()["count"] == 0
    assert client.get("/api/papers?classification=GREEN", headers=headers(world, "party")).json()["count"] == 0


def test_it_lists_current_members_without_email_addresses(world, client):
    world.users.member.person.email = "member@northwind.example"
    world.users.member.person.save()
    response = client.get("/api/bodies/panel")
    members = response.json()["memberships"]
    assert [(m["person"], m["organisation"]) for m in members] == [("Member", "Northwind Energy Ltd")]
    assert "northwind.example" not in response.content.decode()


def test_it_lists_bodies_and_organisations(world, client):
    assert [b["code"] for b in client.get("/api/bodies").json()] == ["panel", "tabasc"]
    assert [o["name"] for o in client.get("/api/organisations").json()] == ["Northwind Energy Ltd"]
    assert client.get("/api/bodies/nope").status_code == 404


def test_it_serves_the_openapi_document_and_docs(world, client):
    document = client.get("/api/openapi.json").json()
    assert "/api/papers/{paper_id}/files" in document["paths"]
    assert document["components"]["securitySchemes"]["BearerToken"]["scheme"] == "bearer"
    assert client.get("/api/docs").status_code == 200


def test_the_openapi_document_names_each_key_once(world, client):
    # Swagger UI refuses a document with a key twice in one object (its parser is strict YAML);
    # Python's json keeps the last one silently, so read the pairs.
    repeated = []

    def pairs(items):
        keys = [key for key, _ in items]
        repeated.extend(key for key in set(keys) if keys.count(key) > 1)
        return dict(items)

    json.loads(client.get("/api/openapi.json").content, object_pairs_hook=pairs)
    assert repeated == []


# Who may write


def test_it_answers_401_to_a_write_without_a_token(world, client):
    response = client.post("/api/meetings", NEW_MEETING, content_type="application/json")
    assert response.status_code == 401
    assert not Meeting.objects.exists()


def test_it_answers_401_to_a_write_with_a_bad_token(world, client):
    response = send(client, "post", "/api/meetings", NEW_MEETING, {"Authorization": "Bearer pb_wrong"})
    assert response.status_code == 401
    assert not Meeting.objects.exists()


def test_it_answers_403_to_a_write_with_a_party_users_token(world, client):
    response = send(client, "post", "/api/meetings", NEW_MEETING, headers(world, "party"))
    assert response.status_code == 403
    assert not Meeting.objects.exists()


def test_it_answers_404_to_the_secretariat_for_a_red_meeting_they_are_not_named_on(
    world, client, meetings, secretariat
):
    response = client.post(f"/api/meetings/{meetings['RED'].pk}/held", headers=secretariat)
    assert response.status_code == 404
    assert Meeting.objects.get(pk=meetings["RED"].pk).status == "PLANNED"


# Meetings


def test_it_schedules_a_meeting_and_records_who_did_it(world, client, secretariat):
    response = send(client, "post", "/api/meetings", NEW_MEETING, secretariat)
    assert response.status_code == 201
    meeting = Meeting.objects.get(pk=response.json()["id"])
    assert (meeting.number, meeting.location) == (1, "8 Fenchurch Place")
    assert meeting.history.get().history_user == world.users.secretariat


def test_it_names_the_recipients_of_a_red_meeting_by_username(world, client, secretariat):
    payload = {**NEW_MEETING, "classification": "RED", "recipients": ["recipient"]}
    response = send(client, "post", "/api/meetings", payload, secretariat)
    meeting = Meeting.objects.get(pk=response.json()["id"])
    assert set(meeting.recipients.values_list("username", flat=True)) == {
        "recipient",
        "secretariat",
    }


def test_it_refuses_an_unknown_recipient(world, client, secretariat):
    payload = {**NEW_MEETING, "classification": "RED", "recipients": ["nobody"]}
    response = send(client, "post", "/api/meetings", payload, secretariat)
    assert (response.status_code, fields_named(response)) == (400, ["recipients"])
    assert not Meeting.objects.exists()


def test_it_refuses_a_meeting_that_ends_before_it_starts(world, client, secretariat):
    payload = {**NEW_MEETING, "ends_at": "2030-03-14T09:00:00+00:00"}
    response = send(client, "post", "/api/meetings", payload, secretariat)
    assert response.status_code == 400
    assert response.json()["detail"] == [{"loc": ["body", "ends_at"], "msg": "The meeting must end after it starts."}]
    assert not Meeting.objects.exists()


def test_it_refuses_an_unknown_body(world, client, secretariat):
    payload = {**NEW_MEETING, "body": "nope"}
    response = send(client, "post", "/api/meetings", payload, secretariat)
    assert (response.status_code, fields_named(response)) == (400, ["body"])


def test_it_refuses_a_meeting_number_the_body_already_used(world, client, make_meeting, secretariat):
    make_meeting(number=7)
    payload = {**NEW_MEETING, "number": 7}
    response = send(client, "post", "/api/meetings", payload, secretariat)
    assert (response.status_code, fields_named(response)) == (400, ["number"])
    assert Meeting.objects.count() == 1


def test_it_refuses_a_time_without_an_offset_with_the_documented_400(world, client, secretariat):
    payload = {**NEW_MEETING, "starts_at": "2030-03-14T10:00:00"}
    response = send(client, "post", "/api/meetings", payload, secretariat)
    assert (response.status_code, fields_named(response)) == (400, ["starts_at"])


def test_it_changes_only_the_fields_sent(world, client, make_meeting, secretariat):
    meeting = make_meeting(by=None)
    response = send(client, "patch", f"/api/meetings/{meeting.pk}", {"location": "Online"}, secretariat)
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert (meeting.location, meeting.classification) == ("Online", "WHITE")
    assert meeting.history.first().history_user == world.users.secretariat


def test_it_refuses_a_change_that_makes_the_meeting_end_before_it_starts(world, client, make_meeting, secretariat):
    meeting = make_meeting()
    ends = (meeting.starts_at - dt.timedelta(hours=1)).isoformat()
    response = send(client, "patch", f"/api/meetings/{meeting.pk}", {"ends_at": ends}, secretariat)
    assert (response.status_code, fields_named(response)) == (400, ["ends_at"])
    assert Meeting.objects.get(pk=meeting.pk).ends_at == meeting.ends_at


def test_it_cancels_a_meeting_with_a_reason(world, client, make_meeting, secretariat):
    meeting = make_meeting()
    response = send(client, "post", f"/api/meetings/{meeting.pk}/cancel", {"reason": "No business"}, secretariat)
    assert response.json()["status"] == "CANCELLED"
    assert meeting.history.first().history_change_reason == "Meeting cancelled"


def test_it_refuses_to_cancel_without_a_reason(world, client, make_meeting, secretariat):
    meeting = make_meeting()
    response = send(client, "post", f"/api/meetings/{meeting.pk}/cancel", {"reason": " "}, secretariat)
    assert (response.status_code, fields_named(response)) == (400, ["reason"])
    assert Meeting.objects.get(pk=meeting.pk).status == "PLANNED"


def test_it_marks_a_meeting_held(world, client, make_meeting, secretariat):
    meeting = make_meeting(days_ahead=-1)
    response = client.post(f"/api/meetings/{meeting.pk}/held", headers=secretariat)
    assert response.status_code == 200
    assert Meeting.objects.get(pk=meeting.pk).status == "HELD"


def test_it_refuses_to_mark_a_future_meeting_held(world, client, make_meeting, secretariat):
    meeting = make_meeting(days_ahead=30)
    response = client.post(f"/api/meetings/{meeting.pk}/held", headers=secretariat)
    assert response.status_code == 400 and "once it has begun" in response.json()["detail"][0]["msg"]
    assert Meeting.objects.get(pk=meeting.pk).status == "PLANNED"


def test_it_records_attendance_once_per_person(world, client, make_meeting, secretariat):
    meeting = make_meeting()
    person = world.users.member.person
    url = f"/api/meetings/{meeting.pk}/attendance/{person.pk}"
    send(client, "put", url, {"status": "PRESENT"}, secretariat)
    response = send(client, "put", url, {"status": "APOLOGIES"}, secretariat)
    assert response.json()["person"] == "Member"
    assert list(Attendance.objects.values_list("status", flat=True)) == ["APOLOGIES"]


# Agenda


def test_it_adds_an_agenda_item(world, client, make_meeting, secretariat):
    meeting = make_meeting()
    response = send(
        client,
        "post",
        f"/api/meetings/{meeting.pk}/agenda-items",
        {"title": "Minutes", "purpose": "DECISION"},
        secretariat,
    )
    assert response.status_code == 201
    item = AgendaItem.objects.get()
    assert (item.number, item.title) == (1, "Minutes")
    assert item.history.get().history_user == world.users.secretariat


def test_it_refuses_a_duplicate_agenda_item_number(world, client, make_meeting, secretariat):
    meeting = make_meeting()
    services.add_agenda_item(meeting, by=None, title="Minutes")
    response = send(
        client,
        "post",
        f"/api/meetings/{meeting.pk}/agenda-items",
        {"title": "Actions", "number": 1},
        secretariat,
    )
    assert (response.status_code, fields_named(response)) == (400, ["number"])
    assert AgendaItem.objects.count() == 1


def test_it_changes_an_agenda_item(world, client, make_meeting, secretariat):
    item = services.add_agenda_item(make_meeting(), by=None, title="Minutes")
    response = send(
        client,
        "patch",
        f"/api/agenda-items/{item.pk}",
        {"title": "Minutes and actions"},
        secretariat,
    )
    assert response.json()["title"] == "Minutes and actions"
    assert item.history.first().history_user == world.users.secretariat


# Papers


def test_it_creates_a_paper_with_its_reference_from_the_agenda_item(world, client, make_meeting, secretariat):
    item = services.add_agenda_item(make_meeting(), by=None, title="Budget")
    payload = {"agenda_item": item.pk, "title": "Budget", "paper_date": world.today.isoformat()}
    response = send(client, "post", "/api/papers", payload, secretariat)
    assert response.status_code == 201
    paper = Paper.objects.get()
    assert (response.json()["reference"], paper.body) == (Paper.reference_for(item), world.panel)
    assert paper.history.get().history_user == world.users.secretariat


def test_it_uploads_a_late_paper_as_a_new_version_and_keeps_the_first(world, client, paper, secretariat):
    response = client.post(
        f"/api/papers/{paper.pk}/files",
        {"file": pdf_upload("late.pdf"), "note": "Late paper"},
        headers=secretariat,
    )
    assert response.status_code == 201
    assert list(paper.files.values_list("version", "note")) == [(2, "Late paper"), (1, "")]
    assert paper.files.get(version=2).history.get().history_user == world.users.secretariat


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("empty.pdf", b""),
        SimpleUploadedFile("setup.exe", b"MZ\x90\x00"),
        SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"x" * 2048),
    ],
    ids=["empty", "exe", "too-big"],
)
def test_it_refuses_a_bad_upload_naming_the_file_and_stores_nothing(
    world, client, make_meeting, secretariat, settings, upload
):
    meeting = make_meeting()
    item = services.add_agenda_item(meeting, by=None, title="Report")
    paper = services.create_paper(by=None, agenda_item=item, title="Report", paper_date=world.today)
    settings.MAX_UPLOAD_BYTES = 1024
    response = client.post(f"/api/papers/{paper.pk}/files", {"file": upload}, headers=secretariat)
    assert (response.status_code, fields_named(response)) == (400, ["file"])
    assert not PaperFile.objects.exists()
    assert stored_files(settings) == []


def test_it_adds_a_red_appendix_with_its_file_for_named_recipients(world, client, paper, secretariat):
    data = {
        "label": "Appendix A",
        "title": "Non-compliances",
        "classification": "RED",
        "recipients": ["recipient"],
        "file": pdf_upload("a.pdf"),
    }
    response = client.post(f"/api/papers/{paper.pk}/appendices", data, headers=secretariat)
    assert response.status_code == 201
    appendix = Appendix.objects.get()
    assert set(appendix.recipients.values_list("username", flat=True)) == {
        "recipient",
        "secretariat",
    }
    assert appendix.files.get().version == 1


def test_it_stores_no_appendix_when_its_file_is_refused(world, client, paper, secretariat, settings):
    before = stored_files(settings)
    data = {"label": "Appendix A", "title": "Tool", "file": SimpleUploadedFile("tool.exe", b"MZ")}
    response = client.post(f"/api/papers/{paper.pk}/appendices", data, headers=secretariat)
    assert (response.status_code, fields_named(response)) == (400, ["file"])
    assert not Appendix.objects.exists()
    assert stored_files(settings) == before
