"""What the demo says when it will not load: the database holds records that are not its own."""

from __future__ import annotations

from django.conf import settings
from django.db import connection


class DemoConflict(Exception):
    """The database holds records that are not the demo's, so the demo is not loaded."""


def database_label() -> str:
    """Where the data live, for messages: the SQLite file, or the database name and host."""
    config = connection.settings_dict
    if connection.vendor == "sqlite":
        return str(config["NAME"])
    host = config.get("HOST") or "localhost"
    return f"database {config['NAME']} on {host} (files in {settings.MEDIA_ROOT})"
