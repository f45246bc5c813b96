"""The verbs of threads: proposing (idempotent, never regrouping what a person placed) and the
secretariat's merge, split, rename, remove, link, void and restore, each with its reason in history."""

import pytest
from django.core.management import call_command

from panelbook.core.services import ServiceError
from panelbook.threads import services
from panelbook.threads.models import Thread, ThreadItem
from panelbook.threads.tests.helpers import items_at

STANDING = ["Planned maintenance schedule – May", "Planned maintenance schedule – June", "Planned maintenance schedule"]


@pytest.fixture
def standing(world, make_meeting):
    return items_at(make_meeting, STANDING)


def only_thread() -> Thread:
    return Thread.objects.get()


def test_proposing_groups_a_recurring_item_and_names_it_without_the_month(world, standing):
    services.propose_threads(by=None)
    thread = only_thread()
    assert thread.title == "Planned maintenance schedule"
    assert {each.agenda_item for each in thread.items.all()} == set(standing)
    assert not any(each.placed_by_hand for each in thread.items.all())


def test_proposing_twice_makes_nothing_new(world, standing):
    services.propose_threads(by=None)
    again = services.propose_threads(by=None)
    assert again.is_empty and Thread.objects.count() == 1 and ThreadItem.objects.count() == 3


def test_a_dry_run_changes_nothing_and_says_what_it_would_do(world, standing, capsys):
    call_command("propose_threads", "--dry-run")
    assert "1 threads would be started" in capsys.readouterr().out and not Thread.objects.exists()


def test_a_later_meeting_joins_the_thread_of_its_topic(world, standing, make_meeting):
    services.propose_threads(by=None)
    (later,) = items_at(make_meeting, ["Planned maintenance schedule – July"], start=5, first_number=90)
    services.propose_threads(by=None)
    assert later.thread_item.thread == only_thread()


def test_a_modification_discussed_at_two_bodies_is_one_thread(world, make_meeting):
    items_at(make_meeting, ["MP122 – Initial Modification Report"])
    items_at(make_meeting, ["DP122 – solution options"], body=world.tabasc)
    services.propose_threads(by=None)
    assert {i.agenda_item.meeting.body for i in only_thread().items.all()} == {world.panel, world.tabasc}


def test_an_item_split_off_or_removed_is_never_placed_again(world, standing):
    services.propose_threads(by=None)
    thread = only_thread()
    first, second, third = thread.items.all()
    services.split_thread(thread, [first], by=world.users.secretariat, reason="Another topic")
    services.remove_item(second, by=world.users.secretariat, reason="Not about maintenance")
    assert services.propose_threads(by=None).is_empty
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.thread != thread and first.placed_by_hand and second.is_removed


def test_merging_moves_every_item_and_voids_the_other_as_merged(world, make_meeting):
    a = services.start_thread(items_at(make_meeting, ["Key Custodians", "Key Custodians"]), by=None, reason="x")
    b = services.start_thread(
        items_at(make_meeting, ["Custodian rota", "Custodian rota"], first_number=80), by=None, reason="x"
    )
    services.merge_threads(a, b, by=world.users.secretariat, reason="One topic")
    b.refresh_from_db()
    assert a.items.count() == 4 and b.is_void and b.merged_into == a
    assert b.history.first().history_change_reason == f"Merged into {a}: One topic"
    with pytest.raises(ServiceError, match="merged into"):
        services.restore_thread(b, by=world.users.secretariat, reason="Undo")


def test_a_thread_cannot_be_merged_into_itself(world, standing):
    thread = services.start_thread(standing, by=None, reason="x")
    with pytest.raises(ServiceError, match="cannot be merged into itself"):
        services.merge_threads(thread, thread, by=world.users.secretariat, reason="Oops")


def test_splitting_every_item_off_is_refused(world, standing):
    thread = services.start_thread(standing, by=None, reason="x")
    with pytest.raises(ServiceError, match="Leave at least one item"):
        services.split_thread(thread, list(thread.items.all()), by=world.users.secretariat, reason="All")


def test_the_last_item_cannot_be_removed(world, standing):
    thread = services.start_thread(standing[:1], by=None, reason="x")
    with pytest.raises(ServiceError, match="void the thread instead"):
        services.remove_item(thread.items.get(), by=world.users.secretariat, reason="Gone")


def test_removing_the_item_it_is_named_after_names_it_after_another(world, make_meeting):
    items = items_at(make_meeting, ["Budget – first look", "Budget – consultation"])
    thread = services.start_thread(items, by=None, reason="x")
    assert thread.named_after == items[1]
    services.remove_item(ThreadItem.objects.get(agenda_item=items[1]), by=world.users.secretariat, reason="Wrong")
    thread.refresh_from_db()
    assert (thread.named_after, thread.title) == (items[0], "Budget – first look")


def test_renaming_needs_a_reason_and_keeps_the_old_title_in_history(world, standing):
    thread = services.start_thread(standing, by=None, reason="x")
    with pytest.raises(ServiceError) as refused:
        services.rename_thread(thread, by=world.users.secretariat, title="Maintenance", reason=" ")
    assert "reason" in refused.value.message_dict
    services.rename_thread(thread, by=world.users.secretariat, title="Maintenance", reason="Shorter")
    assert [h.title for h in thread.history.all()[:2]] == ["Maintenance", "Planned maintenance schedule"]


def test_an_empty_title_is_refused_on_the_title(world, standing):
    thread = services.start_thread(standing, by=None, reason="x")
    with pytest.raises(ServiceError) as refused:
        services.rename_thread(thread, by=world.users.secretariat, title="  ", reason="Why not")
    assert refused.value.message_dict == {"title": ["Give the thread a title."]}


def test_voiding_and_restoring_keep_their_reasons(world, standing):
    thread = services.start_thread(standing, by=None, reason="x")
    services.void_thread(thread, by=world.users.secretariat, reason="Not a topic")
    with pytest.raises(ServiceError, match="is void"):
        services.rename_thread(thread, by=world.users.secretariat, title="Any", reason="Try")
    services.restore_thread(thread, by=world.users.secretariat, reason="It is one after all")
    reasons = [h.history_change_reason for h in thread.history.all()[:2]]
    assert reasons == ["Restored: It is one after all", "Voided: Not a topic"]
