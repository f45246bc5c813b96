"""Every search test runs on every engine the database can hold: Tantivy always, and the engine
inside PostgreSQL when the tests run on PostgreSQL (``.ci/run``'s second pass)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection


def engines_here() -> list[str]:
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return ["tantivy", "postgres"]
    return ["tantivy"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "search_engine" in metafunc.fixturenames:
        metafunc.parametrize("search_engine", engines_here(), indirect=True)


@pytest.fixture(autouse=True)
def search_engine(request, settings, django_db_setup, django_db_blocker):
    """The engine this test runs on; the PostgreSQL table starts empty (a transactional test's
    flush knows only the models' tables)."""
    settings.SEARCH_ENGINE = request.param
    if request.param == "postgres":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_entry")
    return request.param
