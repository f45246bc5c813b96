"""The threads demo, from ``threads.yaml``: a few items naming a measure or a modification on
bodies' recent agendas (through governance's verbs), then the proposals over every agenda, then a rename by the
secretariat's verb. Everything goes through ``threads.services``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from panelbook.demo.conflict import DemoConflict
from panelbook.demo.documents import read
from panelbook.governance import services as governance
from panelbook.governance.models import Body, Meeting
from panelbook.threads import services
from panelbook.threads.models import Thread, ThreadItem


def check_empty() -> None:
    if Thread.objects.exists():
        raise DemoConflict("The database already holds threads.")


def counts() -> dict[str, int]:
    return {"threads": Thread.objects.count(), "thread items": ThreadItem.objects.count()}


def build(now: dt.datetime) -> None:
    document = read("threads")
    for spec in document["items"]:
        _items(spec, now)
    services.propose_threads(by=None)
    for spec in document["renamed"]:
        _rename(spec)


def _items(spec: dict[str, Any], now: dt.datetime) -> None:
    body = Body.objects.get(code=spec["body"])
    held = Meeting.objects.filter(body=body, status=Meeting.Status.HELD, starts_at__lt=now)
    meetings = reversed(held.order_by("-starts_at")[: len(spec["titles"])])
    for meeting, title in zip(meetings, spec["titles"], strict=False):
        governance.add_agenda_item(meeting, by=None, title=title, purpose=spec["purpose"])


def _rename(spec: dict[str, Any]) -> None:
    for thread in Thread.objects.filter(title__startswith=spec["starts"]):
        services.rename_thread(thread, by=None, title=spec["title"], reason=spec["reason"])
