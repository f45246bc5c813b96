"""Two secretaries at once: a stale edit is refused with what changed, a double click makes one record."""

import datetime as dt

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.utils import timezone

from panelbook.conftest import make_user, pdf_upload, signed_in
from panelbook.core.classification import Classification
from panelbook.core.concurrency import ALREADY_SENT, StaleRevision
from panelbook.core.models import ApiToken
from panelbook.core.services import save_with_history
from panelbook.core.tests.pages import conflict_rows, hidden, page_text
from panelbook.governance import services
from panelbook.governance.models import AgendaItem, Appendix, Meeting, Paper, PaperFile


@pytest.fixture
def second(world):
    """A second secretariat user, editing at the same time as ``secretariat_client``."""
    return signed_in(make_user("second_secretary", is_secretariat=True))


def meeting_edit_data(meeting: Meeting, revision: str, **overrides) -> dict:
    data = {
        "number": meeting.number,
        "kind": meeting.kind,
        "starts_at": timezone.localtime(meeting.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": timezone.localtime(meeting.ends_at).strftime("%Y-%m-%dT%H:%M"),
        "location": meeting.location,
        "classification": meeting.classification,
        "revision": revision,
    }
    return {**data, **overrides}


# Edit pages


def test_a_second_save_of_a_meeting_opened_at_once_is_refused_and_lists_the_changes(
    world, make_meeting, secretariat_client, second
):
    meeting = make_meeting(number=67)
    url = f"/meetings/{meeting.pk}/edit/"
    opened = hidden(secretariat_client.get(url), "revision")
    assert hidden(second.get(url), "revision") == opened

    first = secretariat_client.post(url, meeting_edit_data(meeting, opened, location="Room A"))
    refused = second.post(url, meeting_edit_data(meeting, opened, location="Room B"))

    assert first.status_code == 302 and refused.status_code == 200
    assert "Someone else saved this meeting after you started your change, so nothing was saved" in page_text(refused)
    original = "Conference Room 2, 8 Fenchurch Place, London"
    assert conflict_rows(refused) == [["Location", original, "Room A", "Room B"]]
    meeting.refresh_from_db()
    assert meeting.location == "Room A"


def test_sending_the_refused_meeting_form_again_applies_what_was_entered(
    world, make_meeting, secretariat_client, second
):
    meeting = make_meeting(number=67)
    url = f"/meetings/{meeting.pk}/edit/"
    opened = hidden(second.get(url), "revision")
    secretariat_client.post(url, meeting_edit_data(meeting, opened, location="Room A"))
    refused = second.post(url, meeting_edit_data(meeting, opened, location="Room B"))
    assert 'value="Room B"' in refused.content.decode()

    again = second.post(url, meeting_edit_data(meeting, hidden(refused, "revision"), location="Room B"))

    assert again.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.location, meeting.revision) == ("Room B", 3)


def test_a_second_save_of_an_agenda_item_is_refused_and_keeps_the_first(
    world, make_meeting, secretariat_client, second
):
    item = services.add_agenda_item(make_meeting(), by=world.users.secretariat, title="Security report")
    url = f"/items/{item.pk}/edit/"
    opened = hidden(second.get(url), "revision")
    data = {"number": 1, "position": 1, "purpose": "INFORMATION", "classification": "WHITE", "revision": opened}

    secretariat_client.post(url, {**data, "title": "Security report (revised)"})
    refused = second.post(url, {**data, "title": "Security update", "purpose": "DECISION"})

    assert refused.status_code == 200
    assert conflict_rows(refused) == [["Title", "Security report", "Security report (revised)", "Security update"]]
    item.refresh_from_db()
    assert (item.title, item.purpose) == ("Security report (revised)", "INFORMATION")


def test_a_second_save_of_a_paper_is_refused_and_keeps_the_first(world, make_meeting, secretariat_client, second):
    item = services.add_agenda_item(make_meeting(), by=world.users.secretariat, title="Security report")
    paper = services.create_paper(
        by=world.users.secretariat, agenda_item=item, title="Report", author="SECAS Team", paper_date=world.today
    )
    url = f"/papers/{paper.pk}/edit/"
    opened = hidden(second.get(url), "revision")
    data = {
        "reference": paper.reference,
        "title": "Report",
        "purpose": paper.purpose,
        "author": "SECAS Team",
        "paper_date": world.today.isoformat(),
        "classification": "WHITE",
        "revision": opened,
    }

    secretariat_client.post(url, {**data, "author": "DCC"})
    refused = second.post(url, {**data, "title": "Security Report 2026"})

    assert refused.status_code == 200
    assert conflict_rows(refused) == [["Author", "SECAS Team", "DCC", "SECAS Team"]]
    paper.refresh_from_db()
    assert (paper.title, paper.author) == ("Report", "DCC")


def test_an_edit_form_without_a_revision_is_applied_as_before(world, make_meeting, secretariat_client):
    meeting = make_meeting(number=67)
    data = meeting_edit_data(meeting, "", location="Room 9")
    del data["revision"]
    assert secretariat_client.post(f"/meetings/{meeting.pk}/edit/", data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.location == "Room 9"


def test_every_save_counts_a_revision_even_from_an_out_of_date_object(world, make_meeting):
    meeting = make_meeting()
    stale_copy = Meeting.objects.get(pk=meeting.pk)
    services.update_meeting(meeting, by=world.users.secretariat, location="Room A")
    save_with_history(stale_copy, by=world.users.secretariat, reason="Saved from an old copy")
    meeting.refresh_from_db()
    assert meeting.revision == 3
    assert sorted(meeting.history.values_list("revision", flat=True)) == [1, 2, 3]


def test_the_verb_refuses_a_stale_revision_whoever_calls_it(world, make_meeting):
    item = services.add_agenda_item(make_meeting(), by=world.users.secretariat, title="Open item")
    services.update_agenda_item(item, by=world.users.secretariat, title="Renamed")
    with pytest.raises(StaleRevision) as refused:
        services.update_agenda_item(item, by=world.users.secretariat, if_revision=1, title="Mine")
    assert [(c.field.name, c.was, c.now) for c in refused.value.changes()] == [("title", "Open item", "Renamed")]
    assert AgendaItem.objects.get(pk=item.pk).title == "Renamed"


# The API: ETag out, If-Match in, 412 when stale


def bearer(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {ApiToken.issue(user, 'test')[1]}"}


def patch(client, url: str, data: dict, auth: dict, if_match: str | None = None):
    extra = {"If-Match": if_match} if if_match is not None else {}
    return client.patch(url, data, content_type="application/json", headers={**auth, **extra})


def test_an_api_edit_answers_with_its_revision_as_etag_and_in_the_body(world, client, make_meeting):
    meeting = make_meeting()
    response = patch(client, f"/api/meetings/{meeting.pk}", {"location": "Room A"}, bearer(world.users.secretariat))
    assert response.status_code == 200
    assert (response["ETag"], response.json()["revision"]) == ('"2"', 2)
    assert client.get(f"/api/meetings/{meeting.pk}").json()["revision"] == 2


def test_a_stale_if_match_is_refused_with_412_and_what_changed(world, client, make_meeting):
    meeting = make_meeting()
    url = f"/api/meetings/{meeting.pk}"
    auth = bearer(world.users.secretariat)
    etag = f'"{client.get(url).json()["revision"]}"'

    first = patch(client, url, {"location": "Room A"}, auth, if_match=etag)
    refused = patch(client, url, {"location": "Room B"}, auth, if_match=etag)

    assert first.status_code == 200 and refused.status_code == 412
    body = refused.json()
    assert body["revision"] == 2
    assert body["changes"] == [
        {"field": "location", "was": "Conference Room 2, 8 Fenchurch Place, London", "now": "Room A"}
    ]
    assert body["detail"][0]["loc"] == ["header", "If-Match"]
    assert 'send If-Match: "2"' in body["detail"][0]["msg"]
    meeting.refresh_from_db()
    assert meeting.location == "Room A"
    assert patch(client, url, {"location": "Room B"}, auth, if_match=first["ETag"]).status_code == 200


@pytest.mark.parametrize(("if_match", "status"), [("*", 200), ('"9", "1"', 200), ('W/"1"', 412), ("one", 412)])
def test_if_match_takes_a_list_of_strong_tags_or_a_star(world, client, make_meeting, if_match, status):
    meeting = make_meeting()
    response = patch(
        client, f"/api/meetings/{meeting.pk}", {"location": "Room A"}, bearer(world.users.secretariat), if_match
    )
    assert response.status_code == status


def test_a_stale_agenda_item_edit_is_refused_with_412(world, client, make_meeting):
    item = services.add_agenda_item(make_meeting(), by=world.users.secretariat, title="Security report")
    services.update_agenda_item(item, by=world.users.secretariat, title="Security report (revised)")
    auth = bearer(world.users.secretariat)
    refused = patch(client, f"/api/agenda-items/{item.pk}", {"title": "Mine"}, auth, if_match='"1"')
    assert refused.status_code == 412
    assert refused.json()["changes"] == [
        {"field": "title", "was": "Security report", "now": "Security report (revised)"}
    ]
    assert AgendaItem.objects.get(pk=item.pk).title == "Security report (revised)"


def test_the_openapi_document_describes_if_match_the_etag_and_the_412(world, client):
    document = client.get("/api/openapi.json").json()
    for path, method in [
        ("/api/meetings/{meeting_id}", "patch"),
        ("/api/agenda-items/{item_id}", "patch"),
        ("/api/actions/{action_id}", "patch"),
        ("/api/minutes/{minutes_id}/items/{agenda_item_id}", "put"),
    ]:
        operation = document["paths"][path][method]
        assert "If-Match" in [p["name"] for p in operation["parameters"] if p["in"] == "header"]
        assert "412" in operation["responses"]
        assert "ETag" in operation["responses"]["200"]["headers"]
        assert "application/json" in operation["responses"]["200"]["content"]


# One record per create form, however often it is sent


def test_a_meeting_form_sent_twice_creates_one_meeting(world, secretariat_client):
    token = hidden(secretariat_client.get("/meetings/new/"), "form_token")
    starts = timezone.localtime() + dt.timedelta(days=30)
    data = {
        "body": world.panel.pk,
        "kind": "ORDINARY",
        "starts_at": starts.strftime("%Y-%m-%dT10:00"),
        "ends_at": starts.strftime("%Y-%m-%dT13:00"),
        "classification": "WHITE",
        "form_token": token,
    }
    first = secretariat_client.post("/meetings/new/", data)
    again = secretariat_client.post("/meetings/new/", data, follow=True)

    assert Meeting.objects.count() == 1
    assert again.redirect_chain[0][0] == first["Location"] == Meeting.objects.get().get_absolute_url()
    assert ALREADY_SENT in page_text(again)


def test_a_create_form_sent_again_from_another_session_creates_nothing(world, make_meeting, secretariat_client):
    """The token is held in the database, so it holds across the server's worker processes."""
    meeting = make_meeting()
    url = f"/meetings/{meeting.pk}/items/new/"
    token = hidden(secretariat_client.get(url), "form_token")
    data = {"title": "Security report", "purpose": "INFORMATION", "classification": "WHITE", "form_token": token}
    secretariat_client.post(url, data)
    signed_in(world.users.secretariat).post(url, data)
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["Security report"]


def test_a_token_sent_by_someone_else_creates_nothing(world, make_meeting, secretariat_client, second):
    meeting = make_meeting()
    url = f"/meetings/{meeting.pk}/items/new/"
    token = hidden(secretariat_client.get(url), "form_token")
    data = {"title": "Security report", "purpose": "INFORMATION", "classification": "WHITE", "form_token": token}
    secretariat_client.post(url, data)
    refused = second.post(url, {**data, "title": "Another"})
    assert refused.status_code == 200
    assert "This form has already been sent. Open the page again" in page_text(refused)
    assert meeting.agenda_items.count() == 1


def test_a_refused_sending_leaves_the_token_free_for_the_corrected_one(world, make_meeting, secretariat_client):
    meeting = make_meeting()
    services.add_agenda_item(meeting, by=world.users.secretariat, title="Taken")
    url = f"/meetings/{meeting.pk}/items/new/"
    token = hidden(secretariat_client.get(url), "form_token")
    data = {"title": "Security report", "purpose": "INFORMATION", "classification": "WHITE", "form_token": token}

    refused = secretariat_client.post(url, {**data, "number": 1})
    corrected = secretariat_client.post(url, {**data, "number": 2})

    assert "Item 1 is already on this agenda." in page_text(refused)
    assert corrected.status_code == 302
    assert sorted(meeting.agenda_items.values_list("number", flat=True)) == [1, 2]


def test_a_paper_form_sent_twice_creates_one_paper(world, make_meeting, secretariat_client):
    item = services.add_agenda_item(make_meeting(), by=world.users.secretariat, title="Security report")
    token = hidden(secretariat_client.get("/papers/new/"), "form_token")
    data = {
        "agenda_item": item.pk,
        "title": "Report",
        "purpose": "INFORMATION",
        "author": "SECAS Team",
        "paper_date": world.today.isoformat(),
        "classification": "WHITE",
        "form_token": token,
    }
    first = secretariat_client.post("/papers/new/", data)
    again = secretariat_client.post("/papers/new/", data)
    assert Paper.objects.count() == 1
    assert again["Location"] == first["Location"] == Paper.objects.get().get_absolute_url()


def test_an_appendix_and_a_new_version_sent_twice_are_stored_once(world, make_meeting, secretariat_client):
    item = services.add_agenda_item(make_meeting(), by=world.users.secretariat, title="Security report")
    paper = services.create_paper(by=world.users.secretariat, agenda_item=item, title="Report", paper_date=world.today)
    appendix_url = f"/papers/{paper.pk}/appendices/new/"
    appendix = {"label": "Appendix A", "title": "Figures", "classification": "WHITE"}
    appendix["form_token"] = hidden(secretariat_client.get(appendix_url), "form_token")
    upload_url = f"/papers/{paper.pk}/upload/"
    token = hidden(secretariat_client.get(upload_url), "form_token")

    for _ in range(2):
        secretariat_client.post(appendix_url, appendix)
        secretariat_client.post(upload_url, {"file": pdf_upload(), "form_token": token})

    assert Appendix.objects.filter(paper=paper).count() == 1
    assert PaperFile.objects.filter(paper=paper).count() == 1


def test_the_submit_buttons_are_disabled_by_a_script_file_not_inline(world, secretariat_client):
    page = secretariat_client.get("/meetings/new/").content.decode()
    assert f'<script src="{static("core/submit-once.js")}" defer></script>' in page
    assert "<script>" not in page
    assert finders.find("core/submit-once.js")


def test_a_form_token_of_a_record_no_longer_visible_answers_without_naming_it(world, make_meeting, secretariat_client):
    meeting = make_meeting()
    url = f"/meetings/{meeting.pk}/items/new/"
    token = hidden(secretariat_client.get(url), "form_token")
    data = {"title": "Board item", "purpose": "INFORMATION", "classification": "WHITE", "form_token": token}
    secretariat_client.post(url, data, follow=True)
    item = meeting.agenda_items.get()
    services.update_agenda_item(item, by=None, classification=Classification.RED, recipients=[world.users.recipient])

    again = secretariat_client.post(url, data)

    assert again.status_code == 200
    assert "This form has already been sent. Open the page again" in page_text(again)
    assert meeting.agenda_items.count() == 1
