"""Fixtures of the browser journeys: one Chromium for each run of journeys, one fresh context per visit.

The journeys read the site through pytest-django's ``live_server`` (its own thread, so each test is
transactional: the tables are emptied after it). Each test makes only the records it needs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import sync_playwright

from panelbook.journeys import harness

ALLOW_ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


@pytest.fixture(scope="package")
def browser() -> Iterator:
    """One Chromium for the journeys a worker runs in a row, closed before it runs other tests.

    Playwright's synchronous API keeps an event loop running in the test's thread, which Django's
    ORM takes for async code and refuses; the journeys' own ORM calls are synchronous, between
    browser steps. So Django is told to allow them while the browser is open, and only then: the
    package scope closes it (and restores the environment) before the worker goes on to the rest.
    """
    reason = harness.unavailable()
    if reason:
        pytest.skip(f"Browser journeys skipped: {reason}.")
    before = os.environ.get(ALLOW_ASYNC_UNSAFE)
    os.environ[ALLOW_ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=harness.CHROMIUM, args=harness.CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if before is None:
            del os.environ[ALLOW_ASYNC_UNSAFE]
        else:
            os.environ[ALLOW_ASYNC_UNSAFE] = before


FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:
        item.stash[FAILED] = True
    return report


@pytest.fixture
def visit(request, browser, live_server) -> Iterator[Callable[..., harness.Journey]]:
    """``visit(user=None, width=1280, keyboard=False)``: a new browser window, signed in as ``user``.

    When the test fails, each window's last page is saved as ``FAILED-<test>.png`` with the
    screenshots, and its address is printed.
    """
    contexts = []

    def _visit(user=None, *, width: int = harness.DESKTOP, keyboard: bool = False) -> harness.Journey:
        context = browser.new_context(
            viewport={"width": width, "height": 900},
            locale="en-GB",
            timezone_id="Europe/London",
            accept_downloads=True,
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        if user is not None:
            cookie = {"name": settings.SESSION_COOKIE_NAME, "value": _session(user), "url": live_server.url}
            context.add_cookies([cookie])
        reader = user.username if user is not None else "public"
        return harness.Journey(context.new_page(), live_server.url, reader=reader, keyboard=keyboard)

    yield _visit
    for context in contexts:
        if request.node.stash.get(FAILED, False):
            for page in context.pages:
                print(f"The journey stopped at {page.url}")  # noqa: T201
                folder = harness.screenshots_dir()
                folder.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=folder / f"FAILED-{request.node.name}.png", full_page=True)
        context.close()


def _session(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


# How each journey is also walked: by keyboard alone at phone width, and at the narrowest phone.
WAYS = [
    pytest.param({"width": harness.DESKTOP}, id="desktop"),
    pytest.param({"width": harness.PHONE, "keyboard": True}, id="keyboard-390px"),
    pytest.param({"width": harness.NARROW_PHONE}, id="phone-320px"),
]


@pytest.fixture(params=WAYS)
def way(request) -> dict:
    return request.param
