"""The access matrix for the modifications register: every role × level × surface.

A canary string sits in the title, the issue and a milestone of a modification at each level,
a RED one named to one recipient; every surface is read as every role and a canary may appear
only where the role is entitled to it, and a detail the role may not see answers 404.
"""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from panelbook.conftest import ENTITLED_LEVELS, client_for
from panelbook.core.classification import Classification
from panelbook.governance import services as governance
from panelbook.modifications import services
from panelbook.modifications.models import ModificationDocument, Release

LEVELS = Classification.values
KINDS = ("title", "issue", "milestone", "document")


def canary(kind: str, level: str) -> str:
    return f"CANARY-mod-{kind}-{level}-c41e"


@pytest.fixture
def records(world):
    made = {}
    release = services.create_release(by=None, name="Canary release", kind="AD_HOC", date=dt.date(2025, 9, 4))
    for number, level in enumerate(LEVELS, start=201):
        recipients = [world.users.recipient] if level == "RED" else None
        modification = services.raise_modification(
            by=None,
            reference=f"MP{number}",
            title=canary("title", level),
            body=world.panel,
            issue=canary("issue", level),
            path="PATH_3",
            raised_on=dt.date(2025, 1, 6),
            classification=level,
            recipients=recipients,
        )
        services.set_timetable(modification, by=None, milestones=[(canary("milestone", level), dt.date(2025, 6, 2))])
        services.set_target_release(modification, by=None, release=release)
        services.request_assessment(
            modification, by=None, kind="IMPACT", requested_on=dt.date(2025, 2, 3), due_on=dt.date(2025, 3, 3)
        )
        made[level] = modification
    for level in LEVELS:  # every level's document on the WHITE modification: a RED one is seen by its recipient alone
        recipients = [world.users.recipient] if level == "RED" else None
        paper = governance.create_paper(
            by=None,
            body=world.panel,
            reference=f"MODDOC_{level}",
            title=canary("document", level),
            paper_date=world.today,
            classification=level,
            recipients=recipients,
        )
        services.attach_document(
            made["WHITE"], by=None, paper=paper, kind="CONSULTATION", attached_on=dt.date(2025, 2, 3)
        )
    return made


def read_all(client, records) -> dict[str, tuple[int, str]]:
    urls = {
        "register": "/modifications/",
        "register filtered": "/modifications/?q=CANARY",
        "export csv": "/modifications/export.csv",
        "api list": "/api/modifications?limit=100",
        "assessments csv": "/modifications/assessments/export.csv",
        "assessments api": "/api/dcc-assessments?limit=100",
        "releases page": "/releases/",
        "releases csv": "/releases/export.csv",
    }
    release = Release.objects.get(name="Canary release")
    urls["release page"] = f"/releases/{release.pk}/"
    urls["release api"] = f"/api/releases/{release.pk}"
    urls["register by release"] = f"/modifications/?release={release.pk}"
    for level, modification in records.items():
        urls[f"{level} page"] = f"/modifications/{modification.reference}/"
        urls[f"{level} api"] = f"/api/modifications/{modification.reference}"
        urls[f"{level} history"] = f"/history/modification/{modification.pk}/"
        urls[f"{level} milestone history"] = f"/history/milestone/{modification.milestones.get().pk}/"
        urls[f"{level} assessment history"] = f"/history/assessment/{modification.assessments.get().pk}/"
    for document in ModificationDocument.objects.select_related("paper"):
        urls[f"{document.paper.classification} document history"] = f"/history/modificationdocument/{document.pk}/"
    results = {}
    for name, url in urls.items():
        response = client.get(url)
        results[name] = (response.status_code, response.content.decode("utf-8", "replace"))
    xlsx = client.get("/modifications/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content), read_only=True).active
    cells = [str(value) for row in sheet.iter_rows(values_only=True) for value in row if value is not None]
    results["export xlsx"] = (xlsx.status_code, "\n".join(cells))
    return results


@pytest.mark.parametrize("role", ENTITLED_LEVELS)
def test_every_register_surface_shows_exactly_what_the_role_may_see(world, records, role):
    results = read_all(client_for(world, role), records)
    entitled = ENTITLED_LEVELS[role]
    everything = "\n".join(body for _, body in results.values())
    for level in LEVELS:
        for kind in KINDS:
            assert (canary(kind, level) in everything) == (level in entitled), (role, kind, level)
        for surface in ("page", "api", "history", "milestone history", "assessment history", "document history"):
            assert results[f"{level} {surface}"][0] == (200 if level in entitled else 404), (role, level, surface)
    for surface in ("register", "register filtered", "export csv", "export xlsx", "api list"):
        status, body = results[surface]
        assert status == 200, surface
        for level in LEVELS:
            assert (canary("title", level) in body) == (level in entitled), (role, surface, level)


def test_a_hidden_modification_is_the_same_404_as_a_missing_one(world, records):
    client = client_for(world, "public")
    reference = records["RED"].reference
    hidden = client.get(f"/modifications/{reference}/")
    missing = client.get("/modifications/MP999/")
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content.replace(reference.encode(), b"MP999") == missing.content


@pytest.mark.parametrize("role", ENTITLED_LEVELS)
def test_the_assessments_lists_name_only_the_modifications_the_role_may_see(world, records, role):
    results = read_all(client_for(world, role), records)
    for surface in ("assessments csv", "assessments api"):
        status, body = results[surface]
        assert status == 200, surface
        for level, modification in records.items():
            assert (modification.reference in body) == (level in ENTITLED_LEVELS[role]), (role, surface, level)


@pytest.mark.parametrize("role", ENTITLED_LEVELS)
def test_a_release_lists_only_the_modifications_in_scope_the_role_may_see(world, records, role):
    """Releases are public records; the modifications in their scope go through the gate."""
    results = read_all(client_for(world, role), records)
    for surface in ("releases page", "release page", "release api", "register by release"):
        status, body = results[surface]
        assert status == 200, surface
        for level in LEVELS:
            assert (canary("title", level) in body) == (level in ENTITLED_LEVELS[role]), (role, surface, level)
    status, body = results["releases csv"]
    assert status == 200 and "Canary release" in body
    for level, modification in records.items():
        assert (modification.reference in body) == (level in ENTITLED_LEVELS[role]), (role, "releases csv", level)
