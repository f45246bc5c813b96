"""What a reviewer expects of a site on the internet: throttled sign-in, a Content-Security-Policy
with the other security headers, and API docs that load nothing from another origin."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

from panelbook.conftest import client_for

WRONG = {"username": "party", "password": "not the password"}
RIGHT = {"username": "party", "password": "correct horse battery"}


def test_sign_in_is_refused_after_too_many_failures_even_with_the_right_password(world, client):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post("/login/", WRONG).status_code == 200
    assert client.post("/login/", WRONG).status_code == 429
    response = client.post("/login/", RIGHT)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed sign-ins" in page and f"after {settings.AXES_FAILURE_LIMIT} wrong passwords" in page
    assert "_auth_user_id" not in client.session


def test_a_success_before_the_limit_clears_the_count(world, client):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post("/login/", WRONG)
    assert client.post("/login/", RIGHT).status_code == 302
    client.post("/logout/")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post("/login/", WRONG)
    assert client.post("/login/", RIGHT).status_code == 302


def test_pages_carry_a_content_security_policy_and_the_security_headers(world, make_meeting):
    meeting = make_meeting()
    for role in ["public", "secretariat"]:
        client = client_for(world, role)
        for page in ["/", "/meetings/", meeting.get_absolute_url(), "/login/", "/api/docs"]:
            response = client.get(page)
            assert response.status_code == 200, page
            policy = response["Content-Security-Policy"]
            for directive in ["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'"]:
                assert directive in policy, (page, directive)
            assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
            assert "frame-ancestors 'none'" in policy
            assert response["X-Content-Type-Options"] == "nosniff"
            assert response["X-Frame-Options"] == "DENY"
            assert response["Referrer-Policy"] == "same-origin"
            assert response["Cross-Origin-Opener-Policy"] == "same-origin"


INLINE_CODE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I), "an inline script"),
    (re.compile(r"<style\b", re.I), "a style element"),
    (re.compile(r"\sstyle=", re.I), "a style attribute"),
    (re.compile(r"\son[a-z]+=", re.I), "an event-handler attribute"),
    (re.compile(r"\shx-on", re.I), "an htmx inline handler"),
]


def test_no_template_needs_inline_code_that_the_policy_would_block():
    templates = [
        path
        for path in Path(settings.BASE_DIR).rglob("*.html")
        if "templates" in path.parts and "admin" not in path.relative_to(settings.BASE_DIR).parts[-3:-1]
    ]
    assert len(templates) > 20
    for template in templates:
        text = template.read_text()
        for pattern, what in INLINE_CODE:
            assert not pattern.search(text), f"{template} has {what}"


def test_the_api_docs_load_only_same_origin_assets_that_are_served(client):
    response = client.get("/api/docs")
    page = response.content.decode()
    references = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert any("swagger-ui-bundle" in reference for reference in references)
    for reference in references:
        assert reference.startswith("/") and not reference.startswith("//"), reference
        assert client.get(reference).status_code == 200, reference
