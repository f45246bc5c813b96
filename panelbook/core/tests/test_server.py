"""The server the demo and `panelbook serve` run: what its access log keeps."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request

from panelbook.cli import gunicorn_command
from panelbook.core.access_log import without_keys

FEED_KEY_CANARY = "feed-key-canary-" + "x" * 27  # as long as a real key


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_access_log_leaves_out_query_strings_where_calendar_keys_travel(tmp_path):
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}}
    environment.update(PANELBOOK_DATA_DIR=str(tmp_path), DEBUG="false")
    log = tmp_path / "access.log"
    with log.open("w") as out:
        server = subprocess.Popen(gunicorn_command(f"127.0.0.1:{port}", 1), env=environment, stdout=out, stderr=out)
    try:
        url = f"http://127.0.0.1:{port}/static/core/site.css?key=calendar-key-canary"
        for _ in range(100):
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    assert response.status == 200
                break
            except OSError:
                time.sleep(0.2)
        try:  # a saved search's feed link, its key in the path (this data folder has no database: an error)
            urllib.request.urlopen(f"http://127.0.0.1:{port}/search/saved/{FEED_KEY_CANARY}/feed/", timeout=5)
        except urllib.error.HTTPError:
            pass
        time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=30)
    text = log.read_text()
    assert "GET /static/core/site.css HTTP/1.1" in text
    assert "calendar-key-canary" not in text
    access = [line for line in text.splitlines() if line.startswith("127.0.0.1 ")]  # not the error's traceback
    assert any("GET /search/saved/…/feed/ HTTP/1.1" in line for line in access)
    assert not any(FEED_KEY_CANARY in line for line in access)


def test_a_path_keeps_its_words_and_loses_its_keys():
    assert without_keys(f"/search/saved/{FEED_KEY_CANARY}/feed/") == "/search/saved/…/feed/"
    assert without_keys("/modifications/MP122/documents/") == "/modifications/MP122/documents/"
