"""Who the API takes the caller to be: token, session or nobody; and who may write."""

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, RequestFactory
from django.utils import timezone
from ninja.errors import AuthenticationError

from panelbook.core.auth import api_user
from panelbook.core.models import ApiToken
from panelbook.governance.models import Meeting

MEETING = {
    "body": "panel",
    "starts_at": "2030-03-14T10:00:00+00:00",
    "ends_at": "2030-03-14T13:00:00+00:00",
}


def bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


def token_for(user) -> dict[str, str]:
    return bearer(ApiToken.issue(user, "test")[1])


def test_it_takes_the_caller_from_the_token(world):
    request = RequestFactory().get("/api/meetings", headers=token_for(world.users.member))
    assert api_user(request) == world.users.member


def test_it_prefers_the_token_to_the_session(world):
    request = RequestFactory().get("/api/meetings", headers=token_for(world.users.member))
    request.user = world.users.party
    assert api_user(request) == world.users.member


def test_it_falls_back_to_the_session_user(world):
    request = RequestFactory().get("/api/meetings")
    request.user = world.users.party
    assert api_user(request) == world.users.party


def test_it_reads_as_anonymous_without_credentials(world):
    request = RequestFactory().get("/api/meetings")
    request.user = world.users.public
    assert not api_user(request).is_authenticated


@pytest.mark.parametrize("header", ["Bearer pb_not-a-token", "Bearer ", "Basic cGFydHk6cGFzcw=="])
def test_it_refuses_a_header_that_is_not_a_usable_token(world, header):
    request = RequestFactory().get("/api/meetings", headers={"Authorization": header})
    with pytest.raises(AuthenticationError):
        api_user(request)


def test_it_answers_401_for_a_revoked_token_on_reads(world, client):
    token, raw = ApiToken.issue(world.users.member, "old laptop")
    token.revoked_at = timezone.now()
    token.save()
    assert client.get("/api/meetings", headers=bearer(raw)).status_code == 401


def test_it_answers_401_for_a_token_of_an_inactive_user(world, client):
    headers = token_for(world.users.secretariat)
    world.users.secretariat.is_active = False
    world.users.secretariat.save()
    assert client.get("/api/meetings", headers=headers).status_code == 401


def test_it_records_when_a_token_was_last_used(world, client):
    token, raw = ApiToken.issue(world.users.member, "laptop")
    client.get("/api/meetings", headers=bearer(raw))
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_it_refuses_writes_from_a_signed_in_secretariat_session(world, client):
    client.force_login(world.users.secretariat)
    response = client.post("/api/meetings", MEETING, content_type="application/json")
    assert response.status_code == 401
    assert not Meeting.objects.exists()


def test_it_needs_no_csrf_token_for_a_write_with_a_bearer_token(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/api/meetings",
        MEETING,
        content_type="application/json",
        headers=token_for(world.users.secretariat),
    )
    assert response.status_code == 201


def test_it_accepts_writes_with_an_administrator_token(world, client):
    response = client.post(
        "/api/meetings",
        MEETING,
        content_type="application/json",
        headers=token_for(world.users.admin),
    )
    assert response.status_code == 201


def test_createtoken_prints_a_token_that_works(world, client, capsys):
    call_command("createtoken", "secretariat", "--name", "importer")
    raw = capsys.readouterr().out.strip()
    assert ApiToken.objects.get().name == "importer"
    assert client.get("/api/meetings", headers=bearer(raw)).status_code == 200


def test_createtoken_refuses_an_unknown_user(world):
    with pytest.raises(CommandError, match="no user called 'nobody'"):
        call_command("createtoken", "nobody")
