"""The access matrix for the constitution: a version of the Panel's terms of reference held in a
paper at each level, read on every surface as every role; the rest of the constitution is public."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from panelbook.conftest import ENTITLED_LEVELS, client_for
from panelbook.constitution import services
from panelbook.constitution.tests.helpers import person, terms_paper
from panelbook.core.classification import Classification
from panelbook.governance.models import Person

LEVELS = Classification.values


def canary(level: str) -> str:
    return f"Canary{level}Terms"


@pytest.fixture
def made(world):
    versions = {}
    for rank, level in enumerate(LEVELS):
        named = {"recipients": [world.users.recipient]} if level == "RED" else {}
        paper = terms_paper(world.panel, f"SECP_TOR_{level}", classification=level)
        if named:
            paper.recipients.set(named["recipients"])
        versions[level] = services.add_terms(
            by=None, body=world.panel, paper=paper, effective_from=dt.date(2024, 1, 1) + dt.timedelta(days=rank),
            text=f"The Panel meets monthly.\n{canary(level)}",
        )  # fmt: skip
    return versions


def read_all(client, versions):
    first = versions["WHITE"].pk
    urls = {
        "index": "/constitution/",
        "export csv": "/constitution/terms/export.csv",
        "api list": "/api/constitution/terms?limit=100",
        "panel page": "/bodies/panel/",
        "panel constitution": "/bodies/panel/constitution/",
        "panel plan": "/bodies/panel/forward-plan/",
        "composition api": "/api/bodies/panel/composition",
    }
    for level, terms in versions.items():
        urls[f"{level} page"] = f"/constitution/terms/{terms.pk}/"
        urls[f"{level} api"] = f"/api/constitution/terms/{terms.pk}"
        urls[f"{level} history"] = f"/history/termsofreference/{terms.pk}/"
        urls[f"{level} compare"] = f"/constitution/terms/compare/?older={first}&newer={terms.pk}"
        urls[f"{level} compare api"] = f"/api/constitution/terms/{first}/compare/{terms.pk}"
    found = {}
    for name, url in urls.items():
        response = client.get(url)
        found[name] = (response.status_code, response.content.decode("utf-8", "replace"))
    xlsx = client.get("/constitution/terms/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content), read_only=True).active
    found["export xlsx"] = (
        xlsx.status_code,
        "\n".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row),
    )
    return found


@pytest.mark.parametrize("role", ENTITLED_LEVELS)
def test_every_constitution_surface_shows_exactly_the_terms_the_role_may_see(world, made, role):
    found = read_all(client_for(world, role), made)
    entitled = ENTITLED_LEVELS[role]
    for level in LEVELS:
        for surface in ("page", "api", "history", "compare api"):
            assert found[f"{level} {surface}"][0] == (200 if level in entitled else 404), (role, level, surface)
        assert (canary(level) in found[f"{level} compare"][1]) == (level in entitled), (role, level)
    for surface in (
        "index",
        "export csv",
        "export xlsx",
        "api list",
        "panel page",
        "panel constitution",
        "panel plan",
        "composition api",
    ):
        status, body = found[surface]
        assert status == 200, (surface, status)
        for level in ("AMBER", "RED"):
            if level not in entitled:
                assert canary(level) not in body and f"SECP_TOR_{level}" not in body, (role, surface, level)
    for surface in ("export csv", "api list"):
        for level in LEVELS:
            assert (canary(level) in found[surface][1]) == (level in entitled), (role, surface, level)


@pytest.mark.parametrize("role", ENTITLED_LEVELS)
def test_an_alternate_at_a_hidden_meeting_is_not_shown(world, make_meeting, role):
    member = Person.objects.get(name="Member")
    for level in LEVELS:
        named = {"recipients": [world.users.recipient]} if level == "RED" else {}
        meeting = make_meeting(days_ahead=30 + Classification.rank(level), classification=level, by=None, **named)
        services.appoint_alternate(by=None, meeting=meeting, member=member, alternate=person(f"Canary{level}Alternate"))
        page = client_for(world, role).get(meeting.get_absolute_url())
        assert page.status_code == (200 if level in ENTITLED_LEVELS[role] else 404), (role, level)
        if level not in ENTITLED_LEVELS[role]:
            assert f"Canary{level}Alternate" not in page.content.decode()
