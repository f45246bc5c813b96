"""Shared test fixtures: named users for every role and a small governance world.

Each test builds what it needs from these; there is no shared fixture database.
"""

from __future__ import annotations

import datetime as dt
import re
from importlib import import_module
from types import SimpleNamespace
from urllib.parse import quote

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

from panelbook.core.classification import Classification
from panelbook.core.models import User
from panelbook.governance import services
from panelbook.governance.models import Body, Membership, Organisation, Person

# The classification levels each named user of ``world`` may see on a Panel record.
ENTITLED_LEVELS = {
    "public": {"WHITE"},
    "party": {"WHITE", "GREEN"},
    "member": {"WHITE", "GREEN", "AMBER"},
    "other_member": {"WHITE", "GREEN"},
    "former_member": {"WHITE", "GREEN"},
    "secretariat": {"WHITE", "GREEN", "AMBER"},
    "admin": {"WHITE", "GREEN", "AMBER"},
    "recipient": {"WHITE", "GREEN", "RED"},
}
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(username: str, **flags) -> User:
    return User.objects.create_user(username=username, password="correct horse battery", **flags)


def pdf_upload(name: str = "paper.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def world(db):
    """Two bodies, one organisation, and a user for each role.

    - ``public``: anonymous; ``party``: signed-in SEC Party user with no seat;
    - ``member``: current Panel member; ``other_member``: TABASC member only;
    - ``former_member``: Panel member whose term has ended;
    - ``secretariat``; ``admin``; ``recipient``: a party user named on RED records.
    """
    today = timezone.localdate()
    panel = Body.objects.create(
        code="panel",
        name="SEC Panel",
        short_name="Panel",
        kind=Body.Kind.PANEL,
        paper_prefix="SECP",
        action_prefix="SECP",
    )
    tabasc = Body.objects.create(
        code="tabasc", name="TABASC", short_name="TABASC", paper_prefix="TABASC", action_prefix="TABASC"
    )
    supplier = Organisation.objects.create(name="Northwind Energy Ltd", party_category="LARGE_SUPPLIER")
    users = SimpleNamespace(
        public=AnonymousUser(),
        party=make_user("party"),
        member=make_user("member"),
        other_member=make_user("other_member"),
        former_member=make_user("former_member"),
        secretariat=make_user("secretariat", is_secretariat=True),
        admin=make_user("admin", is_superuser=True, is_staff=True),
        recipient=make_user("recipient"),
    )
    for name, body, start, end in [
        ("member", panel, today - dt.timedelta(days=400), None),
        ("other_member", tabasc, today - dt.timedelta(days=30), None),
        ("former_member", panel, today - dt.timedelta(days=900), today - dt.timedelta(days=1)),
    ]:
        person = Person.objects.create(name=name.title(), organisation=supplier, user=getattr(users, name))
        Membership.objects.create(body=body, person=person, start_date=start, end_date=end)
    return SimpleNamespace(panel=panel, tabasc=tabasc, supplier=supplier, users=users, today=today)


def signed_in(user) -> Client:
    """A test client signed in as ``user``; the anonymous public gets a client that is not."""
    client = Client()
    if user.is_authenticated:
        client.force_login(user)
    return client


def client_for(world, role: str) -> Client:
    """A test client for one of the ``world`` fixture's roles (public, party, member …)."""
    return signed_in(getattr(world.users, role))


@pytest.fixture
def secretariat_client(world):
    return signed_in(world.users.secretariat)


@pytest.fixture
def make_meeting(world):
    def _make(
        body=None,
        number=None,
        days_ahead=10,
        classification=Classification.WHITE,
        recipients=None,
        by="secretariat",
        **extra,
    ):
        starts = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0) + dt.timedelta(days=days_ahead)
        return services.create_meeting(
            by=getattr(world.users, by) if by else None,
            body=body or world.panel,
            number=number,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=3),
            location="Conference Room 2, 8 Fenchurch Place, London",
            classification=classification,
            recipients=recipients,
            **extra,
        )

    return _make


def page_bytes(response, path: str = "") -> bytes:
    """A page's body with what differs on every render (the masked CSRF token) and the page's
    own address taken out, to compare the answers for two addresses byte for byte."""
    body = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"CSRF", response.content)
    if path:
        body = body.replace(quote(path, safe="").encode(), b"PATH").replace(path.encode(), b"PATH")
    return body


def pytest_report_header(config):
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE']} ({settings.DATABASES['default']['NAME']})"


def app_canaries():
    """Each later app's part of the canary worlds (the history matrix's, the form choices'):
    ``add(world, level, named)`` in its ``tests/canaries.py``, making one record of each of its
    kinds at ``level``, found through the app registry."""
    for config in apps.get_app_configs():
        if config.name.startswith("panelbook.") and module_has_submodule(config.module, "tests"):
            tests = import_module(f"{config.name}.tests")
            if module_has_submodule(tests, "canaries"):
                yield import_module(f"{config.name}.tests.canaries").add
