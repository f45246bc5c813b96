"""Everything that mentions a modification: found from the reference in other records' text, kept as
they are saved, and shown on its page only to those who may see each record."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from panelbook.actions import services as actions
from panelbook.actions.models import Action
from panelbook.conftest import client_for
from panelbook.core.classification import Classification
from panelbook.governance import services as governance
from panelbook.ingest import services as ingest
from panelbook.ingest.pipeline import process_document
from panelbook.ingest.readers import read_bytes
from panelbook.modifications import mentions, services
from panelbook.modifications.models import Mention
from panelbook.modifications.references import named_in


def test_every_reference_format_is_found_in_running_text():
    text = "As MP122 and MP 102A showed (see DP081, and SECMP0040), MP12 and DP081A are not references."
    assert named_in(text) == {"MP122", "MP102A", "MP081", "SECMP0040"}


@pytest.fixture
def mentioned(world, make_meeting, django_capture_on_commit_callbacks):
    """MP122, named by an agenda item, a WHITE paper, a RED paper, an AMBER decision and an action;
    another record names only MP123."""
    modification = services.raise_modification(
        by=None,
        reference="DP122",
        title="Operational metrics",
        body=world.panel,
        issue="I.",
        path="PATH_3",
        raised_on=dt.date(2025, 3, 3),
    )
    services.move_to_stage(modification, by=None, stage="MODIFICATION_PROPOSAL", on=dt.date(2025, 4, 1))
    with django_capture_on_commit_callbacks(execute=True):
        meeting = make_meeting(number=150, days_ahead=-5, by=None)
        item = governance.add_agenda_item(meeting, by=None, title="DP122 Operational metrics")
        governance.create_paper(
            by=None, agenda_item=item, title="Metrics paper", summary="On MP122.", paper_date=world.today
        )
        governance.create_paper(
            by=None,
            agenda_item=item,
            title="CANARY-red-mention",
            summary="Costs of MP122.",
            paper_date=world.today,
            reference="SECP_150_RED",
            classification=Classification.RED,
            recipients=[world.users.recipient],
        )
        actions.record_decision(
            by=None,
            verb="AGREED",
            text="CANARY-amber-mention: MP122 goes to refinement.",
            meeting=meeting,
            agenda_item=item,
            classification=Classification.AMBER,
        )
        actions.raise_action(meeting, by=None, text="SECAS to circulate the MP122 timetable.", owner="SECAS")
        actions.raise_action(meeting, by=None, text="SECAS to write up MP123.", owner="SECAS")
    return (
        services.services.Modification.objects.get(pk=modification.pk)
        if False
        else modification.__class__.objects.get(pk=modification.pk)
    )


def test_the_page_lists_what_names_it_for_each_reader(world, mentioned):
    public = client_for(world, "public").get("/modifications/MP122/").content.decode()
    assert "DP122 Operational metrics" in public and "Metrics paper" in public
    assert "SECAS to circulate the MP122 timetable." in public and "MP123" not in public
    assert "CANARY-red-mention" not in public and "CANARY-amber-mention" not in public
    member = client_for(world, "member").get("/modifications/MP122/").content.decode()
    assert "CANARY-amber-mention" in member and "CANARY-red-mention" not in member
    recipient = client_for(world, "recipient").get("/modifications/MP122/").content.decode()
    assert "CANARY-red-mention" in recipient and "CANARY-amber-mention" not in recipient


def test_a_corrected_text_drops_the_mention(world, mentioned, django_capture_on_commit_callbacks):
    action = Action.objects.get(text__contains="MP122 timetable")
    with django_capture_on_commit_callbacks(execute=True):
        actions.update_action(action, by=None, text="SECAS to circulate the timetable.")
    page = client_for(world, "public").get("/modifications/MP122/").content.decode()
    assert "SECAS to circulate the timetable." not in page


def test_rebuilding_finds_what_was_saved_before_the_index(world, mentioned):
    Mention.objects.all().delete()
    assert mentions.rebuild() == 6  # five records name MP122, one MP123
    assert set(Mention.objects.values_list("reference", flat=True)) == {"MP122", "MP123"}


def test_an_ingested_paper_naming_it_is_listed(world, mentioned, django_capture_on_commit_callbacks):
    text = (
        "This document has a Classification of White\n\nPaper Reference: SECP_151_0101_05\n\n"
        "Metrics Update\n\n1. Purpose\n\nThis paper reports on the first quarter of DP122's metrics.\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        ingest.ingest(process_document(read_bytes("metrics.txt", text.encode())), by=world.users.secretariat)
    page = client_for(world, "secretariat").get("/modifications/MP122/").content.decode()
    assert "Ingested files" in page and "first quarter of DP122&#x27;s metrics" in page


def queries_for(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_the_page_reads_the_same_number_of_queries_however_many_records_name_it(
    world, mentioned, django_capture_on_commit_callbacks
):
    client = client_for(world, "member")
    before = queries_for(client, "/modifications/MP122/")
    meeting = Action.objects.first().meeting
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(6):
            actions.raise_action(meeting, by=None, text=f"SECAS to check MP122, part {number}.", owner="SECAS")
    assert queries_for(client, "/modifications/MP122/") == before
