"""panelbook's own apps, in layers, lowest first: the one list a new app is added to.

An app may import from the layers below it and never from those above; apps in one layer do not
import each other. ``settings.INSTALLED_APPS`` installs them in this order (so templates, URLs and
API routers are found lowest layer first), and ``scripts/lint_imports.py`` turns the list into the
import-linter contracts that ``scripts/test`` checks. Nothing here imports Django, so both can read it.
"""

LAYERS: tuple[tuple[str, ...], ...] = (
    ("core",),
    ("governance",),
    ("actions",),
    ("modifications", "performance"),
    ("registers", "assurance"),
    ("constitution", "consultations", "budget"),
    ("papers", "ingest"),
    ("search", "threads"),
    ("demo",),
)


def app_names() -> list[str]:
    """The apps' dotted names in install order, e.g. ``panelbook.governance``."""
    return [f"{__package__}.{app}" for layer in LAYERS for app in layer]
