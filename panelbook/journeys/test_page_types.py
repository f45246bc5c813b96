"""Every page type, read signed out, as a Panel member and as the secretariat: axe-core finds no
violation, and the page fits a 390 px and a 320 px phone without sideways scrolling. The journeys
check the pages they pass through; this reads the rest, and saves a screenshot of each."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from panelbook.actions import services as actions
from panelbook.core.classification import Classification
from panelbook.governance import services
from panelbook.ingest import services as ingest
from panelbook.ingest.pipeline import process_document
from panelbook.ingest.readers import read_bytes
from panelbook.ingest.tests.test_upload_page import PAPER
from panelbook.journeys import harness
from panelbook.modifications import services as modifications
from panelbook.performance import incident_services
from panelbook.performance.tests import incident_rows
from panelbook.performance.tests import rows as performance


@pytest.fixture
def record(world, make_meeting):
    """One of each record a page shows: a held meeting with its papers, decision, action and
    minutes, the next meeting, and an ingested file with its proposals."""
    held = make_meeting(number=150, days_ahead=-9, by=None)
    make_meeting(number=151, days_ahead=19, by=None)
    item = services.add_agenda_item(held, by=None, title="Release readiness")
    paper = services.create_paper(
        by=None, agenda_item=item, title="Readiness report", paper_date=world.today, upload=text("report.txt")
    )
    services.add_appendix(paper, by=None, label="Appendix A", title="Test plan", upload=text("plan.txt"))
    amber = services.create_paper(
        by=None,
        agenda_item=item,
        reference="SECP_150_AMBER",
        title="Supplier exposure",
        paper_date=world.today,
        classification=Classification.AMBER,
        upload=text("exposure.txt"),
    )
    decision = actions.record_decision(by=None, verb="NOTED", text="the report.", meeting=held, agenda_item=item)
    action = actions.raise_action(held, by=None, text="Publish the test plan.", owner="SECAS", agenda_item=item)
    minutes = actions.start_minutes(held, by=None)
    actions.write_minute(minutes, item, by=None, narrative="SECAS presented the readiness report.")
    stored = ingest.ingest(process_document(read_bytes("readiness.txt", PAPER.encode())), by=world.users.secretariat)
    in_refinement, at_vote = register(world)
    with_authority, authority_decision = with_the_authority(world)
    measures = performance.catalogue()
    results = performance.record(measures.cpm1, measures.total, ["99.2", "97.5", "95.1"])
    performance.record(measures.pm2, measures.region, ["99.5", "94.2", "93.0"])
    lines = incident_rows.reference_data()
    incident = incident_rows.open_one(services=[lines.csp_n, lines.smets1], regions=[lines.north])
    incident_services.recategorise(
        incident, by=None, category=1, at=incident_rows.at("2024-02-13", "11:46"), reason="Installs stopped."
    )
    incident_services.close_incident(incident, by=None, closed=incident_rows.at("2024-02-13", "14:38"))
    return SimpleNamespace(
        incident=incident,
        cpm1=measures.cpm1,
        result=results[-1],
        in_refinement=in_refinement,
        at_vote=at_vote,
        with_authority=with_authority,
        authority_decision=authority_decision,
        meeting=held,
        item=item,
        paper=paper,
        amber=amber,
        decision=decision,
        action=action,
        minutes=minutes,
        file=stored.file,
        proposal=stored.proposals[0],
    )


def register(world):
    """A modification in refinement with a timetable, and one at the Change Board vote."""
    made = []
    for reference, stages in (
        ("MP160", ["REFINEMENT"]),
        ("MP161", ["REPORT_PHASE", "REPORT_CONSULTATION", "CHANGE_BOARD"]),
    ):
        modification = modifications.raise_modification(
            by=None,
            reference=reference,
            title="Clearer retry rules",
            body=world.panel,
            issue="Retries are not described.",
            path="PATH_3",
            raised_on=world.today - dt.timedelta(days=120),
        )
        modifications.set_timetable(
            modification, by=None, milestones=[("Modification Report", world.today + dt.timedelta(days=40))]
        )
        for stage in stages:
            modification = modifications.move_to_stage(modification, by=None, stage=stage, on=world.today)
        made.append(modification)
    paper = services.create_paper(
        by=None, body=world.panel, reference="MP160_DOC01", title="Legal text", paper_date=world.today
    )
    modifications.attach_document(
        made[0], by=None, paper=paper, kind="LEGAL_TEXT", version="0.1", attached_on=world.today
    )
    modifications.request_assessment(  # overdue, so the page shows its flag
        made[0],
        by=None,
        kind="PRELIMINARY",
        requested_on=world.today - dt.timedelta(days=30),
        due_on=world.today - dt.timedelta(days=9),
    )
    release = modifications.create_release(
        by=None, name="June SEC Release", kind="JUNE", date=world.today + dt.timedelta(days=90)
    )
    made[0] = modifications.set_target_release(made[0], by=None, release=release)
    return made


def with_the_authority(world):
    """A Path 2 modification with the Authority, and one it has decided (approved)."""
    made = []
    for reference in ("MP162", "MP163"):
        modification = modifications.raise_modification(
            by=None,
            reference=reference,
            title="Clearer refusal codes",
            body=world.panel,
            issue="Refusals do not say why.",
            path="PATH_2",
            raised_on=world.today - dt.timedelta(days=120),
        )
        for stage in ("REPORT_PHASE", "REPORT_CONSULTATION", "CHANGE_BOARD"):
            modification = modifications.move_to_stage(modification, by=None, stage=stage, on=world.today)
        modification, _ = modifications.record_votes(
            modification, by=None, votes={"LARGE_SUPPLIER": "APPROVE"}, on=world.today
        )
        made.append(modification)
    decision = modifications.record_authority_decision(
        made[1], by=None, outcome="APPROVE", decided_on=world.today, note="Approved as recommended."
    )
    return made[0], decision


def text(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, f"The text of {name}.".encode())


def reading(r) -> list[str]:
    return [
        "/",
        "/bodies/",
        "/bodies/panel/",
        "/meetings/",
        r.meeting.get_absolute_url(),
        f"/meetings/{r.meeting.pk}/actions-outstanding/",
        "/papers/",
        r.paper.get_absolute_url(),
        "/actions/",
        r.action.get_absolute_url(),
        "/decisions/",
        r.minutes.get_absolute_url(),
        f"/history/meeting/{r.meeting.pk}/",
        "/modifications/",
        r.in_refinement.get_absolute_url(),
        "/modifications/reports/change-status/",
        "/modifications/reports/timetables/",
        "/modifications/figures/",
        f"/history/modification/{r.in_refinement.pk}/",
        f"/history/assessment/{r.in_refinement.assessments.get().pk}/",
        "/releases/",
        r.in_refinement.target_release.get_absolute_url(),
        f"/history/release/{r.in_refinement.target_release_id}/",
        r.authority_decision.modification.get_absolute_url(),
        f"/history/authoritydecision/{r.authority_decision.pk}/",
        "/performance/",
        r.cpm1.get_absolute_url(),
        "/performance/streaks/",
        "/performance/reports/service/",
        f"/history/result/{r.result.pk}/",
        "/performance/incidents/",
        r.incident.get_absolute_url(),
        "/performance/incidents/month/?month=2024-02",
        "/performance/stability/",
        f"/history/incident/{r.incident.pk}/",
        "/no-such-page/",
    ]


def secretariat_forms(r) -> list[str]:
    meeting, item, paper = r.meeting.pk, r.item.pk, r.paper.pk
    return [
        f"/meetings/{meeting}/edit/",
        f"/meetings/{meeting}/status/cancel/",
        f"/meetings/{meeting}/items/new/",
        f"/meetings/{meeting}/agenda/",
        f"/items/{item}/edit/",
        f"/items/{item}/withdraw/",
        f"/papers/{paper}/edit/",
        f"/papers/{paper}/upload/",
        f"/papers/{paper}/appendices/new/",
        f"/papers/{paper}/withdraw/",
        f"/meetings/{meeting}/decisions/new/",
        "/decisions/ex-committee/new/",
        f"/decisions/{r.decision.pk}/edit/",
        f"/decisions/{r.decision.pk}/void/",
        f"/actions/{r.action.pk}/edit/",
        f"/actions/{r.action.pk}/close/",
        f"/actions/{r.action.pk}/void/",
        f"/minutes/{r.minutes.pk}/items/{item}/",
        f"/minutes/{r.minutes.pk}/write/",
        "/ingest/",
        r.file.get_absolute_url(),
        r.proposal.get_absolute_url(),
        "/account/tokens/new/",
        "/modifications/new/",
        "/modifications/import/",
        f"{r.in_refinement.get_absolute_url()}stage/",
        f"{r.in_refinement.get_absolute_url()}extend/",
        f"{r.in_refinement.get_absolute_url()}correct/",
        f"{r.in_refinement.get_absolute_url()}void/",
        f"{r.at_vote.get_absolute_url()}votes/",
        f"{r.in_refinement.get_absolute_url()}assessments/new/",
        f"{r.in_refinement.get_absolute_url()}documents/new/",
        f"{r.in_refinement.get_absolute_url()}releases/",
        "/releases/new/",
        f"/releases/{r.in_refinement.target_release_id}/correct/",
        f"/releases/{r.in_refinement.target_release_id}/void/",
        f"{r.with_authority.get_absolute_url()}authority-decision/",
        *(
            f"{r.authority_decision.modification.get_absolute_url()}authority-decisions/{r.authority_decision.pk}/{step}/"
            for step in ("correct", "void")
        ),
        f"{r.in_refinement.get_absolute_url()}documents/{r.in_refinement.documents.get().pk}/detach/",
        *(
            f"{r.in_refinement.get_absolute_url()}assessments/{r.in_refinement.assessments.get().pk}/{step}/"
            for step in ("return", "correct", "void")
        ),
        "/performance/results/new/",
        "/performance/import/",
        f"/performance/results/{r.result.pk}/correct/",
        f"/performance/results/{r.result.pk}/void/",
        f"{r.cpm1.get_absolute_url()}levels/new/",
        "/performance/incidents/new/",
        *(
            f"/performance/incidents/{r.incident.pk}/{step}/"
            for step in ("recategorise", "restoration", "correct", "void")
        ),
    ]


PAGES = {
    "public": lambda r: [*reading(r), "/login/", "/password-reset/"],
    "member": lambda r: [*reading(r), r.amber.get_absolute_url(), "/account/"],
    "secretariat": reading,
    "secretariat's forms": secretariat_forms,
}


@pytest.mark.parametrize("who", PAGES)
def test_every_page_type_passes_axe_and_fits_a_phone(world, record, visit, who):
    user = None if who == "public" else getattr(world.users, who.removesuffix("'s forms"))
    journey = visit(user)
    for path in PAGES[who](record):
        journey.page.goto(journey.base_url + path)
        journey.check()
        journey.check_width(harness.PHONE)
        journey.check_width(harness.NARROW_PHONE)
        journey.page.set_viewport_size({"width": harness.DESKTOP, "height": 900})
    assert len(journey.checked) == len(PAGES[who](record))
