"""Loading the demo: each builder in turn, all in one transaction.

A builder turns its own data documents (``data/*.yaml``) into records through the owning app's
verbs. It is a module ``builders/<app label>.py`` with ``check_empty()`` (raise ``DemoConflict``
when the database holds records of its kinds), ``build(now)`` and ``counts()``. Builders run in
install order (panelbook/layers.py), so a builder finds the records of the apps below its own; a
new app adds its documents and its builder and nothing else.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Sequence
from importlib import import_module
from pathlib import Path
from typing import Protocol, cast

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

from panelbook.demo import builders as builders_package
from panelbook.demo.builders import governance


class Builder(Protocol):
    def check_empty(self) -> None: ...

    def build(self, now: dt.datetime) -> None: ...

    def counts(self) -> dict[str, int]: ...


def app_builders() -> tuple[Builder, ...]:
    """The builder of each installed app that has one, in install order."""
    labels = [config.label for config in apps.get_app_configs() if config.name.startswith("panelbook.")]
    return tuple(
        cast(Builder, import_module(f"{builders_package.__name__}.{label}"))
        for label in labels
        if module_has_submodule(builders_package, label)
    )


def present() -> bool:
    """Whether the demo has been loaded (the governance demo's fingerprint is there)."""
    return governance.present()


def counts(builders: Sequence[Builder] | None = None) -> dict[str, int]:
    builders = app_builders() if builders is None else builders
    return {name: count for builder in builders for name, count in builder.counts().items()}


def load(now: dt.datetime | None = None, builders: Sequence[Builder] | None = None) -> dict[str, int] | None:
    """Load the demo in one transaction. Returns counts, or None when it was already there.

    Raises DemoConflict when the database holds other records or users with the demo's names,
    rather than mixing the demo into real data. When anything fails, the rows are rolled back
    and the files written meanwhile are removed too.
    """
    builders = app_builders() if builders is None else builders
    before = _file_folders()
    try:
        with transaction.atomic():
            if present():
                return None
            for builder in builders:
                builder.check_empty()
            moment = now or timezone.now()
            for builder in builders:
                builder.build(moment)
            return counts(builders)
    except BaseException:
        if before is not None:
            for folder in (_file_folders() or set()) - before:
                shutil.rmtree(folder, ignore_errors=True)
        raise


def _file_folders() -> set[Path] | None:
    """The folders records keep their files in (``papers/<id>``), or None when the files are not
    on the local file system."""
    try:
        root = Path(default_storage.path(""))
    except NotImplementedError:
        return None
    if not root.is_dir():
        return set()
    return {folder for top in root.iterdir() if top.is_dir() for folder in top.iterdir() if folder.is_dir()}
