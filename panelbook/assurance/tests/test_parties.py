import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from panelbook.assurance import reports, services
from panelbook.assurance.models import Party, PartyRole, RoleStep, UepStep
from panelbook.assurance.tests.helpers import complete, holding, party, role
from panelbook.governance import services as governance
from panelbook.governance.models import Organisation, Paper

D = dt.date


def test_a_party_is_an_organisation_with_its_category_from_the_organisation_when_not_given(world):
    found = services.admit_party(by=world.users.secretariat, organisation=world.supplier, acceded_on=D(2024, 3, 1))
    assert found.category == "LARGE_SUPPLIER"
    assert found.history.first().history_change_reason == "Admitted"


def test_the_organisation_carries_the_category_its_party_is_admitted_and_corrected_with(world):
    party = services.admit_party(
        by=None, organisation=world.supplier, acceded_on=D(2024, 3, 1), category="SMALL_SUPPLIER"
    )
    world.supplier.refresh_from_db()
    assert world.supplier.party_category == "SMALL_SUPPLIER"
    services.correct_party(party, by=None, reason="Grew past the threshold", category="LARGE_SUPPLIER")
    world.supplier.refresh_from_db()
    assert world.supplier.party_category == "LARGE_SUPPLIER"
    assert world.supplier.history.first().history_change_reason == "Party Category corrected: Grew past the threshold"


def test_an_organisation_is_admitted_once(world):
    services.admit_party(by=None, organisation=world.supplier, acceded_on=D(2024, 3, 1))
    with pytest.raises(ValidationError) as refused:
        services.admit_party(by=None, organisation=world.supplier, acceded_on=D(2024, 4, 1))
    assert "Northwind Energy Ltd is already a SEC Party." in refused.value.message_dict["organisation"]


def test_countersigning_before_accession_is_refused_naming_the_field(world):
    with pytest.raises(ValidationError) as refused:
        party("Early Bird Energy", acceded=D(2024, 3, 10), countersigned=D(2024, 3, 1))
    assert "countersigned_on" in refused.value.message_dict
    assert not Party.objects.exists()


def test_a_role_completes_when_its_last_step_is_completed(world):
    held = holding(party("Larkspur Energy", acceded=D(2024, 1, 5)))
    steps = list(UepStep.objects.all())
    for day, step in enumerate(steps[:-1], start=1):
        services.complete_step(held, by=None, step=step, completed_on=D(2024, 2, day))
    held.refresh_from_db()
    assert held.completed_on is None
    services.complete_step(held, by=None, step=steps[-1], completed_on=D(2024, 3, 9))
    held.refresh_from_db()
    assert held.completed_on == D(2024, 3, 9)


def test_a_corrected_step_date_moves_the_completion_and_keeps_the_reason(world):
    held = complete(holding(party("Larkspur Energy", acceded=D(2024, 1, 5))), D(2024, 3, 9))
    last = RoleStep.objects.filter(party_role=held).last()
    services.correct_step(last, by=None, completed_on=D(2024, 4, 2), reason="Evidence accepted later")
    held.refresh_from_db()
    assert held.completed_on == D(2024, 4, 2)
    assert last.history.first().history_change_reason == "Corrected: Evidence accepted later"


def test_a_role_is_held_once_and_a_step_completed_once(world):
    held = holding(party("Larkspur Energy", acceded=D(2024, 1, 5)))
    with pytest.raises(ValidationError) as twice:
        holding(held.party)
    assert "Larkspur Energy already holds the role Import Supplier." in twice.value.message_dict["role"]
    step = UepStep.objects.first()
    services.complete_step(held, by=None, step=step, completed_on=D(2024, 2, 1))
    with pytest.raises(ValidationError) as again:
        services.complete_step(held, by=None, step=step, completed_on=D(2024, 2, 2))
    assert "step" in again.value.message_dict
    assert RoleStep.objects.count() == 1


def test_a_voided_role_can_be_added_again_and_the_void_one_stays_in_history(world):
    held = holding(party("Larkspur Energy", acceded=D(2024, 1, 5)))
    services.void_role(held, by=None, reason="Entered against the wrong party")
    again = holding(held.party)
    assert PartyRole.objects.in_force().get() == again
    with pytest.raises(ValidationError):
        services.restore_role(held, by=None, reason="Was right")


def test_a_party_is_corrected_with_a_reason(world):
    found = party("Larkspur Energy", acceded=D(2024, 1, 5))
    services.correct_party(found, by=None, reason="Countersigned at the Board", countersigned_on=D(2024, 1, 20))
    found.refresh_from_db()
    assert found.countersigned_on == D(2024, 1, 20)
    with pytest.raises(ValidationError) as unchanged:
        services.correct_party(found, by=None, reason="Again", countersigned_on=D(2024, 1, 20))
    assert "Nothing is different" in str(unchanged.value)


@pytest.fixture
def two_meetings(world, make_meeting):
    first = make_meeting(days_ahead=-60, number=100)
    second = make_meeting(days_ahead=-10, number=101)
    return first, second


def test_the_party_update_lists_what_happened_between_the_previous_meeting_and_this_one(world, two_meetings):
    first, second = two_meetings
    between = first.date + dt.timedelta(days=5)
    before = first.date - dt.timedelta(days=5)
    after = second.date + dt.timedelta(days=1)
    admitted = party("Between Energy", acceded=before, countersigned=between)
    party("Before Energy", acceded=before - dt.timedelta(days=9), countersigned=before)
    party("After Energy", acceded=before, countersigned=after)
    on_the_day = party("On The Day Energy", acceded=before, countersigned=first.date)
    done = complete(holding(on_the_day, "gas-supplier"), second.date)
    complete(holding(on_the_day, "import-supplier"), first.date)

    update = reports.party_update(second, None)

    assert update.since == first.date
    assert update.admitted == [admitted]
    assert update.completed == [done]
    assert [p.name for p in reports.party_update(first, None).admitted] == ["Before Energy", "On The Day Energy"]


def test_a_cancelled_meeting_does_not_start_the_window(world, two_meetings, make_meeting):
    first, second = two_meetings
    cancelled = make_meeting(days_ahead=-30, number=102)
    governance.cancel_meeting(cancelled, by=None, reason="Not quorate")
    assert reports.party_update(second, None).since == first.date


def test_a_meeting_the_reader_may_not_see_neither_starts_the_window_nor_shows_its_day(
    world, two_meetings, make_meeting
):
    first, second = two_meetings
    hidden = make_meeting(days_ahead=-30, number=103, classification="AMBER")
    party("Between Energy", acceded=first.date, countersigned=hidden.date + dt.timedelta(days=2))
    assert reports.party_update(second, world.users.member).since == hidden.date  # a Panel member sees it
    public = reports.party_update(second, world.users.public)
    assert public.since == first.date
    assert [p.name for p in public.admitted] == ["Between Energy"]
    page = Client().get(f"/meetings/{second.pk}/party-update/").content.decode()
    assert f"{hidden.date:%d/%m/%Y}" not in page and f"{first.date:%d/%m/%Y}" in page


def test_the_update_is_written_into_the_agenda_items_paper_and_rewritten_in_place(world, two_meetings):
    first, second = two_meetings
    item = governance.add_agenda_item(second, by=None, title="SEC Party update")
    party("Between Energy", acceded=first.date, countersigned=first.date + dt.timedelta(days=3))

    paper = services.write_party_update(item, by=world.users.secretariat)
    assert "- Between Energy (Small Supplier Parties), countersigned" in paper.summary
    assert paper.classification == "WHITE"

    party("Later Energy", acceded=first.date, countersigned=first.date + dt.timedelta(days=4))
    again = services.write_party_update(item, by=world.users.secretariat)
    assert again.pk == paper.pk
    assert "Later Energy" in again.summary
    assert Paper.objects.count() == 1


def test_the_update_refuses_an_item_that_already_has_another_paper(world, two_meetings):
    item = governance.add_agenda_item(two_meetings[1], by=None, title="Budget")
    governance.create_paper(by=None, agenda_item=item, title="Budget", paper_date=D(2024, 1, 1))
    with pytest.raises(ValidationError) as refused:
        services.write_party_update(item, by=None)
    assert "agenda_item" in refused.value.message_dict


def test_a_role_not_in_reference_data_is_not_a_role(world):
    assert role("gas-transporter").name == "Gas Transporter"
    assert Organisation.objects.filter(party__isnull=True).count() == 1


def test_steps_completed_together_complete_the_role_and_are_refused_together(world):
    held = holding(party("Larkspur Energy", acceded=D(2024, 1, 5)))
    steps = list(UepStep.objects.all())
    with pytest.raises(ValidationError):
        services.complete_steps(held, by=None, completed=[(steps[0], D(2024, 2, 1)), (steps[0], D(2024, 2, 2))])
    assert not RoleStep.objects.exists()
    services.complete_steps(held, by=None, completed=[(step, D(2024, 2, 1)) for step in steps])
    held.refresh_from_db()
    assert held.completed_on == D(2024, 2, 1)
    assert RoleStep.objects.first().history.count() == 1
