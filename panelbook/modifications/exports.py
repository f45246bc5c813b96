"""CSV and XLSX exports of the modifications register, through ``core.exports``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from panelbook.core.exports import Sheet, export
from panelbook.modifications.forms import ModificationFilterForm
from panelbook.modifications.models import Modification

REGISTER = Sheet(
    "modifications",
    [
        ("Reference", "reference"),
        ("Title", "title"),
        ("Stage", Modification.get_stage_display),
        ("Path", Modification.get_path_display),
        ("Urgent", lambda m: "Yes" if m.urgent else "No"),
        ("Date raised", "raised_on"),
        ("Proposer", lambda m: str(m.proposer_organisation or "")),
        ("Who is impacted", lambda m: "; ".join(m.impacted_labels())),
        ("SEC documents affected", "affected_documents"),
        ("What is the issue", "issue"),
        ("Classification", "classification"),
    ],
)


def _register_seen_by(user: Any):
    return (
        Modification.objects.visible_to(user)
        .in_force()
        .select_related("proposer_organisation")
        .order_by("raised_on", "reference")
    )


def register_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The register as the caller may see it, filtered like GET /api/modifications."""
    return export(request, fmt, REGISTER, form=ModificationFilterForm, rows=_register_seen_by)
