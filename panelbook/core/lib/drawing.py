"""What every chart does with its matplotlib drawing (no Django): the SVG that names itself to a
screen reader, the PNG for Word, and the image address a page shows.

A page shows a chart's SVG as an image (``data_uri``) because an inline SVG's ``style`` attributes
would need the Content-Security-Policy to allow inline styles, and an image's do not. The same
title always draws the same bytes (matplotlib's ids are salted with it), so drawings can be cached
and compared.
"""

from __future__ import annotations

import base64
import io
import re
from xml.sax.saxutils import escape

import matplotlib

matplotlib.use("Agg")  # no display; the choice is global, so made before pyplot could be imported

from matplotlib.figure import Figure  # noqa: E402  (after the backend is chosen)


def labelled_svg(figure: Figure, title: str, description: str) -> str:
    """The drawing as an SVG element (no XML prolog) with ``role="img"``, its ``<title>`` and a
    ``<desc>`` giving in words what it shows."""
    out = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": title, "svg.fonttype": "path"}):
        figure.savefig(out, format="svg", metadata={"Date": None})
    drawing = out.getvalue()
    drawing = drawing[drawing.index("<svg") :]
    drawing = re.sub(r"\s*<metadata>.*?</metadata>", "", drawing, count=1, flags=re.S)
    name = "chart-" + re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    head, rest = drawing.split(">", 1)
    head = head.replace("<svg", f'<svg role="img" aria-labelledby="{name}-title {name}-desc"', 1)
    words = f'<title id="{name}-title">{escape(title)}</title><desc id="{name}-desc">{escape(description)}</desc>'
    return f"{head}>{words}{rest}"


def png(figure: Figure) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=150, metadata={"Software": None})
    return out.getvalue()


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
