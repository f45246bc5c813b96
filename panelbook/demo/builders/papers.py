"""The generated papers demo, from ``papers.yaml``: the latest held Panel meeting's Sub-Committee
Report, drafted (items flagged, one written by the secretariat, signed) and issued at WHITE with its
RED appendix, the meeting's actions paper published at WHITE, and its public pack built. Everything goes through
``papers.services``; the report is read for the demo's secretariat user, as they would issue it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser

from panelbook.core.models import User
from panelbook.demo.conflict import DemoConflict
from panelbook.demo.documents import read
from panelbook.governance.models import Meeting
from panelbook.papers import pack_cache, services
from panelbook.papers.models import IssuedPaper, ReportDraft
from panelbook.papers.packs import reader_pack
from panelbook.papers.subcommittee import report_item, subcommittee_report


def check_empty() -> None:
    if ReportDraft.objects.exists() or IssuedPaper.objects.exists():
        raise DemoConflict("The database already holds generated papers that were issued.")


def counts() -> dict[str, int]:
    return {"issued papers": IssuedPaper.objects.count()}


def build(now: dt.datetime) -> None:
    document = read("papers")
    spec = document["subcommittee_report"]
    issuer = User.objects.get(username=spec["issued_by"])
    meeting = _latest_panel_meeting(now, issuer)
    if meeting is None:
        return
    _draft(meeting, issuer, spec)
    recipients = list(User.objects.filter(username__in=spec["appendix_recipients"]))
    services.issue_subcommittee_report(meeting, by=issuer, level="WHITE", recipients=recipients, note=spec["note"])
    chosen = [
        (item, kind) for item, kind in services.publishable(meeting, issuer) if kind in document["publish_with_report"]
    ]
    if chosen:
        services.publish_meeting_papers(meeting, chosen, by=issuer)
    if document["build_public_pack"]:
        _build_public_pack(meeting)


def _build_public_pack(meeting: Meeting) -> None:
    """The meeting's public pack, built now as a reader's first request would build it."""
    pack = reader_pack(meeting, AnonymousUser(), public=True)
    pack_cache.folder(meeting.pk).mkdir(parents=True, exist_ok=True)
    pack_cache.build(pack)


def _latest_panel_meeting(now: dt.datetime, reader: User) -> Meeting | None:
    held = Meeting.objects.filter(body__code="panel", status=Meeting.Status.HELD, starts_at__lt=now)
    return next((m for m in held.order_by("-starts_at") if report_item(m, reader) is not None), None)


def _draft(meeting: Meeting, issuer: User, spec: dict[str, Any]) -> None:
    items = subcommittee_report(meeting, issuer, "WHITE").items
    firsts: dict[str, int] = {}
    for item in items:
        firsts.setdefault(item.body_code, item.key)
    flagged = [firsts[code] for code in spec["flag_first_item_of"] if code in firsts]
    texts = {}
    for written in spec["item_text"]:
        named = [i for i in items if i.body_code == written["body"] and i.heading.startswith(written["title_starts"])]
        for item in named[:1]:
            texts[str(item.key)] = " ".join(written["text"].split())
            flagged.append(item.key)
    services.save_draft(meeting, by=issuer, author=spec["author"], flagged=flagged, texts=texts)
