"""Production-like answers (the suite runs with DEBUG off): panelbook's own error pages inside the
site's layout, a sign-in offer on every 404 to the public, and static files through whitenoise."""

from __future__ import annotations

from django.test import Client, RequestFactory
from django.views.defaults import bad_request, server_error

from panelbook.cli import demo_environment
from panelbook.conftest import client_for, page_bytes
from panelbook.core.classification import Classification

SIGN_IN_OFFER = "If you have an account, <a href="


def answers_for_hidden_and_missing(world, make_meeting, role: str):
    hidden = make_meeting(classification=Classification.RED, recipients=[world.users.recipient])
    client = client_for(world, role)
    hidden_path, missing_path = (
        hidden.get_absolute_url(),
        hidden.get_absolute_url().replace(f"/{hidden.pk}", f"/{hidden.pk + 1000}"),
    )
    assert hidden_path != missing_path
    return (hidden_path, client.get(hidden_path)), (missing_path, client.get(missing_path))


def test_the_public_gets_the_same_404_with_a_sign_in_offer_for_hidden_and_missing(world, make_meeting):
    (hidden_path, hidden), (missing_path, missing) = answers_for_hidden_and_missing(world, make_meeting, "public")
    assert hidden.status_code == missing.status_code == 404
    assert page_bytes(hidden, hidden_path) == page_bytes(missing, missing_path)
    page = hidden.content.decode()
    assert SIGN_IN_OFFER in page and f'href="/login/?next={hidden_path}"' in page
    assert 'class="site-header"' in page and "Page not found" in page


def test_a_signed_in_user_gets_the_same_404_without_the_offer(world, make_meeting):
    (hidden_path, hidden), (missing_path, missing) = answers_for_hidden_and_missing(world, make_meeting, "member")
    assert hidden.status_code == missing.status_code == 404
    assert page_bytes(hidden, hidden_path) == page_bytes(missing, missing_path)
    assert SIGN_IN_OFFER not in hidden.content.decode()


def test_the_sign_in_link_of_a_404_brings_the_user_back(world, make_meeting):
    meeting = make_meeting(classification=Classification.GREEN)
    client = client_for(world, "public")
    assert client.get(meeting.get_absolute_url()).status_code == 404
    response = client.post(
        f"/login/?next={meeting.get_absolute_url()}",
        {"username": "party", "password": "correct horse battery", "next": meeting.get_absolute_url()},
    )
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert client.get(meeting.get_absolute_url()).status_code == 200


def test_a_refusal_is_panelbooks_403_page(world):
    response = client_for(world, "party").get("/meetings/new/")
    assert response.status_code == 403
    assert "Not allowed" in response.content.decode() and 'class="site-header"' in response.content.decode()


def test_a_form_without_its_csrf_token_gets_a_page_that_says_what_to_do(world):
    response = Client(enforce_csrf_checks=True).post("/login/", {"username": "party", "password": "x"})
    assert response.status_code == 403
    assert "reload the page and send the form again" in response.content.decode()
    assert 'class="site-header"' in response.content.decode()


def test_the_500_and_400_pages_need_no_request_context(db):
    request = RequestFactory().get("/")
    for view, status, words in [(server_error, 500, "Something went wrong"), (bad_request, 400, "Bad request")]:
        response = view(request) if view is server_error else view(request, exception=None)
        page = response.content.decode()
        assert response.status_code == status and words in page
        assert 'class="site-header"' in page and "panelbook" in page


def test_static_files_are_served_with_debug_off(client, settings):
    assert settings.DEBUG is False
    for asset in ["/static/core/site.css", "/static/ninja/swagger-ui-bundle.js", "/static/admin/css/base.css"]:
        assert client.get(asset).status_code == 200, asset


def test_the_demo_runs_with_debug_off_and_answers_on_its_address():
    assert demo_environment("127.0.0.1", {}) == {"DEBUG": "false", "ALLOWED_HOSTS": "127.0.0.1,localhost,[::1]"}
    assert demo_environment("192.0.2.7", {})["ALLOWED_HOSTS"].endswith(",192.0.2.7")
    assert demo_environment("127.0.0.1", {"DEBUG": "true", "ALLOWED_HOSTS": "x"}) == {"DEBUG": "true"}
