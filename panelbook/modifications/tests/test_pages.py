"""The secretariat's steps on the register in the browser: raise, move on, correct, void; the public reads."""

import datetime as dt

from panelbook.actions import services as actions
from panelbook.conftest import client_for
from panelbook.governance.models import PartyCategory
from panelbook.modifications import services
from panelbook.modifications.models import Modification


def a_modification(world, **extra):
    return services.raise_modification(
        by=None,
        reference="MP140",
        title="Fewer duplicate alerts",
        body=world.panel,
        issue="The same alert arrives three times.",
        path="PATH_3",
        raised_on=dt.date(2025, 3, 3),
        **extra,
    )


def test_the_secretariat_raises_a_modification_from_the_register(world, secretariat_client):
    form = secretariat_client.get("/modifications/new/").content.decode()
    token = form.split('name="form_token" value="')[1].split('"')[0] if 'name="form_token"' in form else ""
    data = {
        "reference": "dp 141",
        "title": "Publishing assessment costs",
        "body": world.panel.pk,
        "path": "PATH_3",
        "raised_on": "2025-04-01",
        "issue": "Parties cannot see what the DCC's assessments cost.",
        "impacted_categories": ["LARGE_SUPPLIER", "CONSUMER"],
        "form_token": token,
    }
    response = secretariat_client.post("/modifications/new/", data)
    assert response.status_code == 302 and response["Location"] == "/modifications/DP141/"
    again = secretariat_client.post("/modifications/new/", data)  # a double-clicked Save
    assert again.status_code == 302
    assert Modification.objects.get().impacted_categories == ["LARGE_SUPPLIER", "CONSUMER"]


def test_a_bad_reference_is_named_on_the_form_and_nothing_is_stored(world, secretariat_client):
    response = secretariat_client.post(
        "/modifications/new/",
        {
            "reference": "CR12",
            "title": "T",
            "body": world.panel.pk,
            "path": "PATH_3",
            "raised_on": "2025-04-01",
            "issue": "I",
        },
    )
    assert response.status_code == 200
    assert "is not a modification reference" in response.content.decode()
    assert not Modification.objects.exists()


def test_only_the_stages_the_lifecycle_allows_are_offered(world, secretariat_client):
    modification = a_modification(world)
    page = secretariat_client.get(f"/modifications/{modification.reference}/stage/").content.decode()
    assert 'value="REFINEMENT"' in page and 'value="REPORT_PHASE"' in page and 'value="WITHDRAWN"' in page
    assert 'value="IMPLEMENTED"' not in page and 'value="APPROVED"' not in page
    refused = secretariat_client.post(
        f"/modifications/{modification.reference}/stage/", {"stage": "IMPLEMENTED", "on": "2025-05-01"}
    )
    assert refused.status_code == 200
    moved = secretariat_client.post(
        f"/modifications/{modification.reference}/stage/", {"stage": "REFINEMENT", "on": "2025-05-01"}
    )
    assert moved.status_code == 302
    modification.refresh_from_db()
    assert modification.stage == "REFINEMENT"


def test_a_correction_needs_a_reason_and_a_void_leaves_the_register(world, secretariat_client):
    modification = a_modification(world)
    base = f"/modifications/{modification.reference}"
    fields = {
        "title": "Fewer repeated alerts",
        "path": "PATH_3",
        "issue": modification.issue,
        "revision": modification.revision,
    }
    assert secretariat_client.post(f"{base}/correct/", fields).status_code == 200  # no reason given
    assert secretariat_client.post(f"{base}/correct/", {**fields, "reason": "Clearer title"}).status_code == 302
    assert secretariat_client.post(f"{base}/void/", {"reason": "Entered twice"}).status_code == 302
    listed = 'href="/modifications/MP140/"'
    assert listed not in client_for(world, "public").get("/modifications/").content.decode()
    assert listed not in secretariat_client.get("/modifications/").content.decode()
    assert client_for(world, "public").get(f"{base}/").status_code == 404
    assert "Void" in secretariat_client.get(f"{base}/").content.decode()


def test_the_public_cannot_reach_the_secretariats_steps(world):
    modification = a_modification(world)
    public = client_for(world, "public")
    for step in ("stage", "correct", "void"):
        response = public.get(f"/modifications/{modification.reference}/{step}/")
        assert response.status_code in (302, 403), step
    assert "Raise a modification" not in public.get("/modifications/").content.decode()


def test_the_secretariat_extends_a_timetable_and_records_a_vote_in_the_browser(world, secretariat_client):
    modification = a_modification(world)
    (first,) = services.set_timetable(modification, by=None, milestones=[("Change Board vote", dt.date(2025, 9, 3))])
    base = f"/modifications/{modification.reference}"
    extension = {
        "from_milestone": first.pk,
        "working_days_added": 5,
        "reason": "Late assessment",
        "agreed_on": "2025-08-01",
    }
    refused = secretariat_client.post(f"{base}/extend/", extension)  # no decision reference
    assert refused.status_code == 200 and not modification.extensions.exists()
    assert (
        secretariat_client.post(f"{base}/extend/", {**extension, "decision_reference": "SECP_130 item 4"}).status_code
        == 302
    )
    first.refresh_from_db()
    assert first.planned == dt.date(2025, 9, 10)  # Thu 4 … Wed 10 Sep 2025
    for stage in ("REPORT_PHASE", "REPORT_CONSULTATION", "CHANGE_BOARD"):
        services.move_to_stage(modification, by=None, stage=stage, on=dt.date(2025, 9, 1))
    page = secretariat_client.get(f"{base}/").content.decode()
    assert "Record the Change Board" in page
    votes = {f"vote_{code}": "ABSENT" for code in PartyCategory.values}
    votes.update(
        {"vote_LARGE_SUPPLIER": "APPROVE", "vote_CONSUMER": "REJECT", "vote_OTHER": "APPROVE", "cast_on": "2025-09-12"}
    )
    assert secretariat_client.post(f"{base}/votes/", votes).status_code == 302
    modification.refresh_from_db()
    assert modification.stage == "APPROVED"


def test_a_stage_links_its_decision_only_for_those_who_may_see_it(world, make_meeting):
    meeting = make_meeting(days_ahead=-3, by=None)
    decision = actions.record_decision(
        by=None, meeting=meeting, verb="AGREED", text="to refine it.", classification="AMBER"
    )
    modification = a_modification(world)
    services.move_to_stage(modification, by=None, stage="REFINEMENT", on=dt.date(2025, 4, 1), decision=decision)
    link = f'href="{decision.get_absolute_url()}"'
    assert link in client_for(world, "member").get(modification.get_absolute_url()).content.decode()
    assert link not in client_for(world, "public").get(modification.get_absolute_url()).content.decode()
