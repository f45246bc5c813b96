"""The ingest demo: the papers of ``ingest.yaml``, filled in from the demo's records on the day of
loading, run through the pipeline and stored by ``ingest.services.ingest`` as the system, so the
review queue holds their proposals and the pages that check papers against the data show them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from panelbook.demo.conflict import DemoConflict
from panelbook.demo.dates import long
from panelbook.demo.documents import read
from panelbook.ingest import services
from panelbook.ingest.models import IngestedFile
from panelbook.ingest.pipeline import process_document
from panelbook.ingest.readers import read_bytes
from panelbook.performance import incident_reports, incidents
from panelbook.performance.levels import first_of_month, previous_month
from panelbook.performance.models import Incident, Result


def check_empty() -> None:
    if IngestedFile.objects.exists():
        raise DemoConflict("The database already holds ingested papers.")


def counts() -> dict[str, int]:
    return {"ingested papers": IngestedFile.objects.count()}


def build(now: dt.datetime) -> None:
    today = timezone.localdate(now)
    for spec in read("ingest")["papers"]:
        month = previous_month(first_of_month(today))
        text = spec["text"].format(**_figures(spec, month, today))
        name = spec["name"].format(month=f"{month:%Y-%m}")
        services.ingest(process_document(read_bytes(name, text.encode("utf-8"))), by=None)


def _figures(spec: dict[str, Any], month: dt.date, today: dt.date) -> dict[str, Any]:
    cpm1 = {r.month: Decimal(r.value) for r in _cpm1_results(month)}
    facts = [i.facts() for i in incident_reports.with_facts(Incident.objects.in_force())]
    major = Incident.objects.in_force().filter(is_major=True)
    return {
        "pmr_month": f"{month:%B}",
        "cpm1": _shown(cpm1.get(month, Decimal(0)) + Decimal(str(spec["cpm1_off_by"]))),
        "cpm1_previous": _shown(cpm1.get(previous_month(month), Decimal(0))),
        "major": major.filter(opened__date__gte=month, opened__date__lt=first_of_month(today)).count(),
        "csp_n_days": _days(facts, "csp-n", today),
        "smets1_days": _days(facts, "smets1", today) + spec["smets1_off_by"],
        "date": long(today),
    }


def _cpm1_results(month: dt.date) -> Any:
    months = [month, previous_month(month)]
    return Result.objects.in_force().filter(measure__code="CPM1", measure__provider__code="dcc", month__in=months)


def _days(facts: list[incidents.Facts], line: str, today: dt.date) -> int:
    return incidents.days_stable(facts, line, category=2, on=today).days or 0


def _shown(value: Decimal) -> str:
    return f"{value.normalize():f}"
