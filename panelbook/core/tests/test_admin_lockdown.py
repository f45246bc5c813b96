"""The admin is a tool for accounts and reference data: it never shows or hands over a credential
of another user, and no admin URL answers differently for a hidden record and a missing one."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core import mail

from panelbook.conftest import page_bytes, signed_in
from panelbook.core.classification import Classification, Classified
from panelbook.core.models import ApiToken, User
from panelbook.governance.models import Meeting


@pytest.fixture
def admin_client(world):
    return signed_in(world.users.admin)


# Finding 4: calendar keys are credentials.


def test_the_user_pages_never_show_a_calendar_key(world, admin_client):
    secretariat = world.users.secretariat
    pages = [
        f"/admin/core/user/{secretariat.pk}/change/",
        "/admin/core/user/",
        f"/admin/core/user/{secretariat.pk}/history/",
        f"/admin/core/user/?q={secretariat.username}",
    ]
    for page in pages:
        response = admin_client.get(page)
        assert response.status_code == 200, page
        assert secretariat.calendar_key not in response.content.decode(), page


def test_the_user_list_cannot_be_filtered_by_a_calendar_key(world, admin_client):
    """A filter would spell a key out: ?calendar_key__startswith=a, then ab, …"""
    key = world.users.secretariat.calendar_key
    right = admin_client.get(f"/admin/core/user/?calendar_key__startswith={key[:3]}")
    wrong = admin_client.get("/admin/core/user/?calendar_key__startswith=not-a-key")
    assert right.status_code == wrong.status_code == 400


def test_a_search_does_not_match_calendar_keys(world, admin_client):
    response = admin_client.get(f"/admin/core/user/?q={world.users.secretariat.calendar_key}")
    assert "0 users" in response.content.decode() or "0 results" in response.content.decode()


def test_a_user_resets_their_own_calendar_key_after_confirming(world):
    user = world.users.member
    old_key = user.calendar_key
    client = signed_in(user)
    assert 'href="/account/calendar-key/"' in client.get("/account/").content.decode()

    confirm = client.get("/account/calendar-key/")
    user.refresh_from_db()
    assert confirm.status_code == 200 and user.calendar_key == old_key
    assert 'method="post"' in confirm.content.decode()

    response = client.post("/account/calendar-key/")
    user.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == "/account/"
    assert user.calendar_key != old_key
    assert user.calendar_key in client.get("/account/").content.decode()


# Finding 5: tokens are issued and revoked, never re-pointed; passwords only by a reset link.


def test_a_token_cannot_be_pointed_at_another_user(world, admin_client):
    token, raw = ApiToken.issue(world.users.admin, "admin's laptop")
    admin_client.post(f"/admin/core/apitoken/{token.pk}/change/", {"user": world.users.member.pk, "name": "x"})
    token.refresh_from_db()
    assert token.user == world.users.admin and token.name == "admin's laptop"
    assert ApiToken.user_for(raw) == world.users.admin


def test_the_admin_issues_a_token_only_to_themselves_and_shows_it_once(world, admin_client):
    """Holding a member's token is reading the member's RED papers: nobody issues one for another."""
    response = admin_client.post("/admin/core/apitoken/add/", {"user": world.users.recipient.pk, "name": "CI"})
    assert response.status_code == 200
    raw = re.search(r"pb_[A-Za-z0-9_-]{20,}", response.content.decode()).group(0)
    assert ApiToken.user_for(raw) == world.users.admin
    assert not ApiToken.objects.filter(user=world.users.recipient).exists()
    token = ApiToken.objects.get(name="CI")
    assert raw not in admin_client.get(f"/admin/core/apitoken/{token.pk}/change/").content.decode()
    assert token.key_hash not in admin_client.get(f"/admin/core/apitoken/{token.pk}/change/").content.decode()


def test_the_admin_revokes_tokens(world, admin_client):
    token, raw = ApiToken.issue(world.users.member, "old phone")
    response = admin_client.post("/admin/core/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    assert response.status_code == 302
    assert ApiToken.user_for(raw) is None


def test_the_admin_cannot_set_another_users_password(world, admin_client):
    member = world.users.member
    response = admin_client.post(
        f"/admin/core/user/{member.pk}/password/",
        {"password1": "admin-chose-this-9!", "password2": "admin-chose-this-9!", "usable_password": "true"},
    )
    member.refresh_from_db()
    assert response.status_code == 404
    assert not member.check_password("admin-chose-this-9!")
    assert member.check_password("correct horse battery")


def test_the_admin_sends_a_reset_link_that_lets_the_owner_set_a_password(world, admin_client):
    member = world.users.member
    member.email = "member@example.org"
    member.save()
    response = admin_client.post(
        "/admin/core/user/", {"action": "send_password_reset_link", "_selected_action": [member.pk]}
    )
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["member@example.org"]]
    link = re.search(r"https?://[^/\s]+(/password-reset/\S+/)", mail.outbox[0].body).group(1)

    owner = signed_in(world.users.public)
    form_page = owner.get(link, follow=True)
    assert form_page.status_code == 200 and "Set a new password" in form_page.content.decode()
    new_password = "a fresh long passphrase 42"
    done = owner.post(form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password})
    member.refresh_from_db()
    assert done.status_code == 302 and member.check_password(new_password)


def test_a_new_account_gets_a_reset_link_not_a_password_chosen_by_the_admin(world, admin_client):
    response = admin_client.post("/admin/core/user/add/", {"username": "newcomer", "email": "new@example.org"})
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["new@example.org"]]
    assert 'name="password1"' not in admin_client.get("/admin/core/user/add/").content.decode()
    assert not User.objects.get(username="newcomer").check_password("")


def test_the_admin_cannot_change_the_address_a_reset_link_goes_to(world, admin_client):
    """Otherwise: set a RED recipient's address to one's own, send the link, own the account."""
    recipient = world.users.recipient
    recipient.email = "recipient@example.org"
    recipient.save()
    page = admin_client.get(f"/admin/core/user/{recipient.pk}/change/").content.decode()
    assert "recipient@example.org" in page and 'name="email"' not in page


def test_an_administrator_cannot_change_their_own_role(world, admin_client):
    own = admin_client.get(f"/admin/core/user/{world.users.admin.pk}/change/").content.decode()
    other = admin_client.get(f"/admin/core/user/{world.users.party.pk}/change/").content.decode()
    assert 'name="is_secretariat"' in other
    assert 'name="is_secretariat"' not in own and 'name="is_superuser"' not in own


# Finding 8: no admin URL tells a hidden record from a missing one.


def test_view_on_site_answers_alike_for_a_hidden_and_a_missing_record(world, admin_client, make_meeting):
    hidden = make_meeting(classification=Classification.RED, recipients=[world.users.recipient])
    content_type = ContentType.objects.get_for_model(Meeting)
    for pattern in [
        "/admin/r/{ct}/{pk}/",
        "/admin/governance/meeting/{pk}/change/",
        "/admin/governance/meeting/{pk}/history/",
    ]:
        hidden_path = pattern.format(ct=content_type.pk, pk=hidden.pk)
        missing_path = pattern.format(ct=content_type.pk, pk=hidden.pk + 1000)
        hidden_answer, missing_answer = admin_client.get(hidden_path), admin_client.get(missing_path)
        assert hidden_answer.status_code == missing_answer.status_code == 404, pattern
        assert page_bytes(hidden_answer, hidden_path) == page_bytes(missing_answer, missing_path), pattern


def test_the_admin_manages_no_classified_record_nor_links_to_one():
    """Change, history and list pages exist only for registered models: none is classified, and
    none has a field whose choices or values would list classified records."""
    for model in admin.site._registry:
        assert not issubclass(model, Classified), model
        for field in model._meta.get_fields():
            related = getattr(field, "related_model", None)
            if related is not None and field.concrete:
                assert not issubclass(related, Classified), f"{model.__name__}.{field.name}"


def test_a_user_makes_and_revokes_their_own_tokens_on_the_account_page(world):
    client = signed_in(world.users.secretariat)
    assert client.post("/account/tokens/new/", {"name": ""}).status_code == 200
    assert not ApiToken.objects.exists()
    issued = client.post("/account/tokens/new/", {"name": "minutes script"})
    raw = re.search(r"pb_[A-Za-z0-9_-]{20,}", issued.content.decode()).group(0)
    assert "no-store" in issued["Cache-Control"]
    assert ApiToken.user_for(raw) == world.users.secretariat
    token = ApiToken.objects.get()
    assert raw not in client.get("/account/").content.decode()
    assert signed_in(world.users.member).post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    assert ApiToken.user_for(raw) == world.users.secretariat
    assert client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 302
    assert ApiToken.user_for(raw) is None
