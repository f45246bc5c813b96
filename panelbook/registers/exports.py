"""CSV and XLSX of the register entries and of the Delegations Register, through the gate."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from panelbook.core.exports import Sheet, export
from panelbook.registers.forms import DelegationFilterForm, EntryFilterForm
from panelbook.registers.models import Delegation, Entry

ENTRIES = Sheet(
    "register-entries",
    [
        ("Register", "register.name"),
        ("Reference", "reference"),
        ("Title", "title"),
        ("Owner", lambda e: e.owner.name if e.owner else ""),
        ("Category", "category"),
        ("Likelihood", "likelihood"),
        ("Impact", "impact"),
        ("Score", "score"),
        ("RAG", "rag"),
        ("Status", lambda e: e.get_status_display()),
        ("Next review", "next_review"),
        ("Classification", "classification"),
    ],
)
DELEGATIONS = Sheet(
    "delegations",
    [
        ("Reference", "reference"),
        ("Delegated activity", "activity"),
        ("From", "from_body.short_name"),
        ("To", "to_body.short_name"),
        ("SEC reference", "sec_reference"),
        ("Scope", "scope"),
        ("Conditions", "conditions"),
        ("Reporting obligation", "reporting"),
        ("Referral and appeal route", "referral_route"),
        ("Status", lambda d: d.get_status_display()),
        ("Decided on", "decided_on"),
    ],
)


def entries_export(request: HttpRequest, fmt: str) -> HttpResponse:
    return export(
        request,
        fmt,
        ENTRIES,
        form=EntryFilterForm,
        rows=lambda user: Entry.objects.visible_to(user).live().select_related("register", "owner"),
    )


def delegations_export(request: HttpRequest, fmt: str) -> HttpResponse:
    return export(
        request,
        fmt,
        DELEGATIONS,
        form=DelegationFilterForm,
        rows=lambda user: Delegation.objects.in_force().select_related("from_body", "to_body"),
    )
