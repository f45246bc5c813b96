"""The access matrix of security assurance: a RED assessment of a canary party, with a canary
finding and letter, read on every surface as every role. Only the SSC's current members and the
secretariat (whom the verbs name) may see them; everyone may read the counts, which name no one.

The party itself is public (its admission is in the Panel's minutes), so its own pages show its
name to all; what must never show beyond the SSC is that it was assessed, and what was found.
"""

import datetime as dt
import io
import json

import pytest
from openpyxl import load_workbook

from panelbook.assurance import services
from panelbook.assurance.tests.helpers import holding, party, role, ssc
from panelbook.conftest import client_for

PARTY = "CanaryRedPartyZq Ltd"
FINDING = "CanaryRedFindingZq"
LETTER = "CanaryRedLetterZq"
CIO = "CanaryRedCioZq"
OUTSIDERS = ["public", "party", "member", "other_member", "former_member", "admin", "recipient"]
INSIDERS = ["ssc_member", "secretariat"]


@pytest.fixture
def red(world):
    body = ssc(world)
    canary = party(PARTY, acceded=dt.date(2024, 1, 2), countersigned=dt.date(2024, 1, 9))
    holding(canary)
    assessment = services.record_assessment(
        by=world.users.secretariat,
        party=canary,
        role=role(),
        kind="FUSA",
        cio=CIO,
        body=body,
        reported_on=dt.date(2024, 3, 1),
        summary=f"{PARTY} summary",
    )
    services.set_status(
        assessment, by=None, status="DEFERRED", set_on=dt.date(2024, 3, 20), set_by=body, delegation="G8.34"
    )
    finding = services.record_finding(assessment, by=None, finding=FINDING, control="G5.14", due_on=dt.date(2024, 6, 1))
    letter = services.record_letter(
        by=None,
        assessment=assessment,
        trigger="INITIAL_FUSA",
        received_on=dt.date(2024, 3, 5),
        reviewed_on=dt.date(2024, 3, 20),
        summary=LETTER,
    )
    return assessment, finding, letter, canary


def surfaces(client, assessment, finding, letter, canary) -> dict[str, tuple[int, str]]:
    period = "since=2024-01-01&until=2024-12-31"
    urls = {
        "list": "/assurance/",
        "export csv": "/assurance/export.csv",
        "api list": "/api/assurance/assessments?limit=100",
        "api one": f"/api/assurance/assessments/{assessment.pk}",
        "api letters": "/api/assurance/letters?limit=100",
        "page": f"/assurance/{assessment.pk}/",
        "letter page": f"/assurance/letters/{letter.pk}/",
        "history": f"/history/securityassessment/{assessment.pk}/",
        "finding history": f"/history/noncompliance/{finding.pk}/",
        "letter history": f"/history/directorsletter/{letter.pk}/",
        "party history": f"/history/party/{canary.pk}/",
        "counts": f"/assurance/counts/?{period}",
        "counts csv": f"/assurance/counts/export.csv?{period}",
        "api counts": f"/api/assurance/counts?{period}",
        "party page": f"/parties/{canary.pk}/",
        "api party": f"/api/parties/{canary.pk}",
        "parties csv": "/parties/export.csv",
    }
    found = {}
    for name, url in urls.items():
        response = client.get(url)
        found[name] = (response.status_code, response.content.decode("utf-8", "replace"))
    xlsx = client.get("/assurance/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content), read_only=True).active
    found["export xlsx"] = (
        xlsx.status_code,
        " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v),
    )
    return found


PUBLIC_ABOUT_THE_PARTY = {"party page", "api party", "parties csv", "party history"}


@pytest.mark.parametrize("role_name", OUTSIDERS)
def test_beyond_the_ssc_no_surface_shows_the_party_as_assessed_or_what_was_found(world, red, role_name):
    for name, (status, body) in surfaces(client_for(world, role_name), *red).items():
        assert FINDING not in body and LETTER not in body and CIO not in body, (role_name, name)
        if name not in PUBLIC_ABOUT_THE_PARTY:
            assert PARTY not in body, (role_name, name)
        if name in {"api one", "page", "letter page", "history", "finding history", "letter history"}:
            assert status == 404, (role_name, name)


@pytest.mark.parametrize("role_name", INSIDERS)
def test_the_ssc_and_the_secretariat_see_the_assessment_on_every_surface(world, red, role_name):
    found = surfaces(client_for(world, role_name), *red)
    for name in ["list", "export csv", "export xlsx", "api list", "api one", "page", "history"]:
        assert found[name][0] == 200 and PARTY in found[name][1], (role_name, name)
    assert found["finding history"][0] == 200
    for name in ["page", "export csv", "api one"]:
        assert FINDING in found[name][1], (role_name, name)
    assert LETTER in found["letter page"][1]
    assert PARTY not in found["counts"][1]


def test_a_panel_member_reads_the_counts_but_no_name(world, red):
    status, body = surfaces(client_for(world, "member"), *red)["api counts"]
    assert status == 200
    fusa = next(c for c in json.loads(body)["by_kind"] if c["key"] == "FUSA")
    assert fusa["value"] == 1
    page = client_for(world, "member").get("/assurance/counts/?since=2024-01-01&until=2024-12-31").content.decode()
    assert "1 FUSA; 1 Director&#x27;s letter after an initial FUSA" in page


def test_an_identifying_assessment_is_withheld_from_the_counts(world, red):
    assessment = red[0]
    services.correct_assessment(assessment, by=None, reason="Only one Party of its kind", is_identifying=True)
    page = client_for(world, "member").get("/assurance/counts/?since=2024-01-01&until=2024-12-31").content.decode()
    assert "withheld (it would identify a party)" in page
    assert "1 FUSA" not in page


def test_a_new_ssc_member_is_named_when_the_recipients_are_renewed(world, red):
    from panelbook.conftest import make_user
    from panelbook.governance.models import Membership, Person

    newcomer = make_user("newcomer")
    person = Person.objects.create(name="New Member", user=newcomer)
    body = red[0].body
    Membership.objects.create(body=body, person=person, start_date=world.today)
    assert client_for(world, "secretariat").get(f"/assurance/{red[0].pk}/").status_code == 200
    from panelbook.conftest import signed_in

    assert signed_in(newcomer).get(f"/assurance/{red[0].pk}/").status_code == 404
    services.renew_recipients(body, by=None)
    assert signed_in(newcomer).get(f"/assurance/{red[0].pk}/").status_code == 200
