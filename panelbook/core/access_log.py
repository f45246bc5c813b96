"""The server's access log line, without the secrets that travel in addresses.

A saved search's feed link carries its key in the path (``/search/saved/<key>/feed/``), so the
path alone (``cli.ACCESS_LOG_FORMAT`` already leaves out query strings, where calendar keys
travel) would still keep it. Any path segment long and random enough to be such a key is written
as ``…``; no page of the site has a segment like it.
"""

from __future__ import annotations

import re
from typing import Any

from gunicorn.glogging import Logger

# The keys are secrets.token_urlsafe(32): 43 letters, digits, "-" and "_".
KEY_SEGMENT = re.compile(r"(?<=/)[A-Za-z0-9_-]{40,}(?=/|$)")


def without_keys(path: str) -> str:
    return KEY_SEGMENT.sub("…", path)


class AccessLogger(Logger):
    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = without_keys(atoms["U"])
        return atoms
