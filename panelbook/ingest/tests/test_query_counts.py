"""The database work of ingesting a file does not grow with the number of records in it."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from panelbook.ingest import services
from panelbook.ingest.tests.making import Paper, meeting_at


def log_of(count: int, name: str):
    lines = [f"SECP47/{n:02d} SECAS to do thing {n}." for n in range(1, count + 1)]
    paper = Paper(name, "Actions log", "\n".join(lines))
    return paper.processed(
        {"reference": f"SECP_48_1409_{count:02d}", "body": "PANEL", "meeting": 48},
        actions=[
            {"reference": f"SECP47/{n:02d}", "text": f"SECAS to do thing {n}.", "update": None, "status": "OPEN",
             "owner": "SECAS", "source": paper.source(f"SECP47/{n:02d} ")}
            for n in range(1, count + 1)
        ],
        modifications=[{"reference": f"SECMP{n:04d}", "title": None} for n in range(1, count + 1)],
    )  # fmt: skip


def queries_to_ingest(processed) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        services.ingest(processed, by=None)
    return [query["sql"] for query in captured.captured_queries]


def test_ingesting_a_file_takes_about_the_same_queries_for_two_records_or_forty(world):
    meeting_at(world, 47, dt.date(2017, 8, 10))
    few = queries_to_ingest(log_of(2, "few.txt"))
    many = queries_to_ingest(log_of(40, "many.txt"))
    # Only the bulk inserts may take an extra statement each, when SQLite's parameter limit splits them.
    assert len(many) <= len(few) + 2
    assert len(few) <= 20


def queries_to_show(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_queue_and_a_file_page_take_the_same_queries_for_two_records_or_forty(world, secretariat_client):
    few = services.ingest(log_of(2, "few.txt"), by=None).file
    few_queue = queries_to_show(secretariat_client, "/ingest/")
    few_file = queries_to_show(secretariat_client, few.get_absolute_url())
    many = services.ingest(log_of(40, "many.txt"), by=None).file
    assert queries_to_show(secretariat_client, "/ingest/") == few_queue
    assert queries_to_show(secretariat_client, many.get_absolute_url()) == few_file
