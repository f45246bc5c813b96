"""Every filter and ordering a list page uses has an index: SQLite's plan for each query the pages
run walks an index in the order shown, or looks rows up by one, rather than reading a whole big
table or sorting all of it.

The plans are SQLite's (``EXPLAIN QUERY PLAN``), read without ``ANALYZE`` statistics, so they do
not depend on how many rows the test made. Left out: counting the rows a person may see (the
API's ``count``), which has to visit each, and the small reference tables. A list ordered by a
column of another table (actions and minutes by their meeting's date, the decisions API by agenda
item) is sorted whatever its indexes, so only its reading is checked, and the lists of all actions
and all minutes in meeting order (``UNNARROWED``) read every row.
"""

from __future__ import annotations

import re

import pytest
from django.db import connection

from panelbook.conftest import client_for
from panelbook.core.tests.rows import add_meetings
from panelbook.core.tests.test_page_queries import LISTS, ROLES, queries_for

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plans")

# Tables that stay small whatever the archive's age: bodies, organisations, people, seats, users,
# and the consultations the Panel is asked to answer (a dozen a year) with their observations.
SMALL = {
    "governance_body",
    "governance_organisation",
    "governance_person",
    "governance_membership",
    "core_user",
    "django_session",
    "consultations_consultation",
    "consultations_consultation_bodies_asked",
    "consultations_observation",
}
# Each list's filters (the papers' level filter reads in date order, see the report in docs/performance.md).
FILTERED = [
    "/meetings/?body=panel",
    "/meetings/?status=HELD",
    "/meetings/?date_from=2020-01-01&date_to=2030-12-31",
    "/papers/?body=panel",
    "/actions/?body=panel",
    "/actions/?status=OPEN",
    "/actions/?overdue=1",
    "/decisions/?body=panel",
    "/decisions/?verb=NOTED",
    "/decisions/?date_from=2020-01-01&date_to=2030-12-31",
]
UNNARROWED = {"/actions/?status=all", "/api/actions", "/api/minutes"}
SCAN = re.compile(r"^SCAN (\S+)(?: USING (?:COVERING )?INDEX \S+)?")
WHOLE_SORT = "USE TEMP B-TREE FOR ORDER BY"


def plan_of(sql: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return [row[3] for row in cursor.fetchall()]


def table_of(alias: str, sql: str) -> str:
    """The table an alias in a plan line names (``T6`` is ``"governance_meeting" T6``)."""
    found = re.search(rf'"(\w+)" {re.escape(alias)}\b', sql)
    return found.group(1) if found else alias


def problems(sql: str) -> list[str]:
    """The lines of the plan of ``sql`` that read a whole big table, or sort all the rows it
    read from one (a walk of an index in order, or a look-up by one, is fine)."""
    plan = plan_of(sql)
    big = [line for line in plan if (scan := SCAN.match(line)) and table_of(scan.group(1), sql) not in SMALL]
    found = [line for line in big if " USING " not in line]
    # Rows found by body are many (twenty years of a body's meetings); a meeting's own are few.
    many = [*big, *(line for line in plan if "MULTI-INDEX OR" in line or "(body_id=?)" in line)]
    if WHOLE_SORT in plan and many and not is_ordered_by_another_table(sql):
        found.append(f"{WHOLE_SORT} after {many[0]}")
    return found


def is_ordered_by_another_table(sql: str) -> bool:
    listed = re.search(r' FROM "(\w+)"', sql)
    order = sql.rpartition(" ORDER BY ")[2] if " ORDER BY " in sql else ""
    return bool(listed and re.search(rf'"(?!{listed.group(1)}")\w+"\."\w+"', order))


def unindexed(client, urls: list[str]) -> dict[str, list[str]]:
    """For each address, the plan lines of its queries that read or sort a whole big table."""
    found: dict[str, list[str]] = {}
    for url in urls:
        for sql in queries_for(client, url):
            if not sql.startswith('SELECT COUNT(*) AS "__count"'):
                found.setdefault(url, []).extend(f"{line}  in  {sql[:160]}…" for line in problems(sql))
    return {url: lines for url, lines in found.items() if lines}


@pytest.mark.parametrize("role", ROLES)
def test_list_pages_read_big_tables_through_indexes(world, role):
    client = client_for(world, role)
    meeting = add_meetings(world, 1)[0]
    urls = [url for url in [*LISTS, *FILTERED, meeting.get_absolute_url()] if url not in UNNARROWED]
    found = unindexed(client, urls)
    assert not found, "\n".join(f"{url}:\n  " + "\n  ".join(lines) for url, lines in found.items())


@pytest.mark.parametrize(
    ("index", "url"),
    [
        ("meeting_by_date", "/meetings/"),
        ("meeting_by_body_and_date", "/meetings/?body=panel"),
        ("paper_newest_first_by_body", "/papers/?body=panel"),
        ("decision_newest_first_by_body", "/decisions/?body=panel"),
        ("public_decision_newest_first", "/api/decisions"),
        ("paper_newest_first", "/papers/"),
        ("paper_latest_published", "/"),
        ("decision_newest_first", "/decisions/"),
        ("action_by_status", "/actions/"),
    ],
)
def test_the_check_finds_a_list_whose_index_is_dropped(world, index, url):
    client = client_for(world, "public" if index.startswith("public_") else "member")
    add_meetings(world, 1)
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {index}")
    assert url in unindexed(client, [url])
