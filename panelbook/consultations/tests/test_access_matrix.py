"""The access matrix of consultations: an AMBER consultation of the Panel, and a WHITE one with
TABASC's AMBER observations, an AMBER draft response and a WHITE response sent, read on every
surface as every role. AMBER reaches only the members of its body, the secretariat and the
administrators; the WHITE response reaches everyone, on the public list of consultations answered.
"""

import datetime as dt
import io
import json

import pytest
from openpyxl import load_workbook

from panelbook.conftest import client_for
from panelbook.consultations import services
from panelbook.consultations.tests.helpers import agreeing_decision, consultation

AMBER_SUBJECT = "CanaryAmberConsultationQx"
OBSERVATION = "CanaryAmberObservationQx"
DRAFT = "CanaryAmberDraftQx"
SENT = "CanaryWhiteResponseQx"
ROLES = ["public", "party", "member", "other_member", "former_member", "secretariat", "admin", "recipient"]
SEES_PANEL_AMBER = {"member", "secretariat", "admin"}
SEES_TABASC_AMBER = {"other_member", "secretariat", "admin"}


@pytest.fixture
def canaries(world, make_meeting):
    make_meeting(days_ahead=30, number=80)
    make_meeting(body=world.tabasc, days_ahead=25, number=40)
    amber = consultation(world, subject=AMBER_SUBJECT, classification="AMBER", closes_in=20)
    white = consultation(world, subject="Published consultation", closes_in=10)
    services.record_observation(
        white, by=None, meeting=make_meeting(body=world.tabasc, days_ahead=-2, number=39), text=OBSERVATION
    )
    services.write_draft_response(white, by=None, reference="SECP_DRAFT_QX", title=DRAFT, paper_date=world.today)
    answered = consultation(world, subject="Answered consultation", closes_in=5)
    services.send_response(
        answered,
        by=None,
        sent_on=world.today,
        decision=agreeing_decision(world, make_meeting),
        reference="SECP_SENT_QX",
        title=SENT,
    )
    return amber, white, answered


def surfaces(client, amber, white, answered) -> dict[str, tuple[int, str]]:
    observation = white.observations.get()
    urls = {
        "list": "/consultations/",
        "answered": "/consultations/answered/",
        "export csv": "/consultations/export.csv",
        "api list": "/api/consultations?limit=100",
        "api amber": f"/api/consultations/{amber.pk}",
        "api white": f"/api/consultations/{white.pk}",
        "amber page": f"/consultations/{amber.pk}/",
        "white page": f"/consultations/{white.pk}/",
        "amber history": f"/history/consultation/{amber.pk}/",
        "white history": f"/history/consultation/{white.pk}/",
        "observation history": f"/history/observation/{observation.pk}/",
        "panel page": "/bodies/panel/",
        "tabasc page": "/bodies/tabasc/",
        "panel plan": "/bodies/panel/forward-plan/",
        "tabasc plan": "/bodies/tabasc/forward-plan/",
        "home": "/",
    }
    found = {}
    for name, url in urls.items():
        response = client.get(url)
        found[name] = (response.status_code, response.content.decode("utf-8", "replace"))
    xlsx = client.get("/consultations/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content), read_only=True).active
    found["export xlsx"] = (
        xlsx.status_code,
        " ".join(str(v) for r in sheet.iter_rows(values_only=True) for v in r if v),
    )
    return found


@pytest.mark.parametrize("role_name", ROLES)
def test_amber_consultations_drafts_and_observations_reach_only_their_bodys_members(world, canaries, role_name):
    found = surfaces(client_for(world, role_name), *canaries)
    for name, (_status, body) in found.items():
        assert (AMBER_SUBJECT in body) <= (role_name in SEES_PANEL_AMBER), (role_name, name)
        assert (DRAFT in body) <= (role_name in SEES_PANEL_AMBER), (role_name, name)
        assert (OBSERVATION in body) <= (role_name in SEES_TABASC_AMBER), (role_name, name)
    if role_name not in SEES_PANEL_AMBER:
        assert found["amber page"][0] == 404 and found["api amber"][0] == 404 and found["amber history"][0] == 404
    if role_name not in SEES_TABASC_AMBER:
        assert found["observation history"][0] == 404
    assert found["white page"][0] == 200


@pytest.mark.parametrize("role_name", sorted(SEES_PANEL_AMBER))
def test_the_panels_members_and_the_secretariat_see_the_amber_consultation_everywhere(world, canaries, role_name):
    found = surfaces(client_for(world, role_name), *canaries)
    for name in [
        "list",
        "export csv",
        "export xlsx",
        "api list",
        "api amber",
        "amber page",
        "panel page",
        "panel plan",
    ]:
        assert AMBER_SUBJECT in found[name][1], (role_name, name)
    assert DRAFT in found["white page"][1]
    assert json.loads(found["api white"][1])["draft_response"] == "SECP_DRAFT_QX"


def test_tabasc_sees_its_own_observations_and_the_closing_date_before_its_meeting(world, canaries):
    found = surfaces(client_for(world, "other_member"), *canaries)
    assert OBSERVATION in found["white page"][1]
    assert [o["text"] for o in json.loads(found["api white"][1])["observations"]] == [OBSERVATION]
    assert "Published consultation (closes" in found["tabasc plan"][1]
    assert json.loads(found["api white"][1])["draft_response"] is None


@pytest.mark.parametrize("role_name", ROLES)
def test_everyone_reads_the_white_response_on_the_list_of_consultations_answered(world, canaries, role_name):
    status, body = surfaces(client_for(world, role_name), *canaries)["answered"]
    assert status == 200 and SENT in body and "Answered consultation" in body
    assert "Published consultation" not in body


def test_the_secretariats_worklist_looks_ahead_at_the_closing_dates(world, canaries):
    home = surfaces(client_for(world, "secretariat"), *canaries)["home"][1]
    worklist = home[home.index("worklist-heading") :]
    assert "Consultations closing" in worklist and AMBER_SUBJECT in worklist and "Published consultation" in worklist
    assert "Answered consultation" not in worklist
    assert (world.today + dt.timedelta(days=10)).strftime("%-d %b %Y") in worklist
