"""Reading the demo's data documents (``data/*.yaml``) and filling in their text."""

from __future__ import annotations

import functools
import string
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent / "data"

# A value in a text's words that works out what to write from the format spec: {num:2-6}.
Directive = Callable[[str], str]


@functools.cache
def read(name: str) -> Any:
    """The document ``data/<name>.yaml``, parsed once per process (treat it as read-only)."""
    with (DATA / f"{name}.yaml").open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


class _Formatter(string.Formatter):
    """str.format, where a callable value is called with the field's format spec."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if callable(value):
            return str(value(format_spec))
        return super().format_field(value, format_spec)


_FORMATTER = _Formatter()


def fill(text: str, words: Mapping[str, Any]) -> str:
    """``text`` with its {fields} filled from ``words``."""
    return _FORMATTER.vformat(text, (), words)
