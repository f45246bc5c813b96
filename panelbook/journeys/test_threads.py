"""The secretariat follows a topic across meetings: two threads the proposals made of one topic
are merged, then the item that was about something else is split off into a thread of its own;
the public reads the merged thread's timeline. By pointer, by keyboard alone and at phone widths."""

from __future__ import annotations

from panelbook.threads import services
from panelbook.threads.models import Thread, ThreadItem
from panelbook.threads.tests.helpers import items_at


def _label(placed: ThreadItem) -> str:
    item = placed.agenda_item
    return f"{item.meeting} ({item.meeting.starts_at:%d/%m/%Y}), item {item.number}: {item.title}"


def test_the_secretariat_merges_two_threads_then_splits_an_item_off(world, make_meeting, visit, way):
    items_at(make_meeting, ["Smart meter roll-out figures", "Smart meter roll-out figures (Q2)"])
    items_at(make_meeting, ["Roll-out reporting", "Roll-out reporting", "Roll-out reporting"], first_number=80)
    services.propose_threads(by=None)
    figures, reporting = (Thread.objects.get(title__startswith=t) for t in ("Smart meter", "Roll-out"))

    journey = visit(world.users.secretariat, **way)
    journey.go("/threads/")
    journey.follow("Smart meter roll-out figures")
    journey.follow("Merge another thread in")
    assert "Every item of the thread you choose moves into this one" in journey.main_text()
    journey.choose("Merge in the thread", "Roll-out reporting")
    journey.fill("Why are they one topic?", "Both report the roll-out")
    journey.press("Merge")
    assert "The threads are merged." in journey.main_text()
    assert figures.items.count() == 5 and Thread.objects.get(pk=reporting.pk).is_void

    journey.follow("Split items off")
    odd_one = figures.items.filter(agenda_item__title="Smart meter roll-out figures (Q2)").get()
    journey.tick(_label(odd_one))
    journey.fill("Title", "Quarterly roll-out figures")
    journey.fill("Why are they another topic?", "The quarterly figures go to the Panel")
    journey.press("Split off")
    assert "Quarterly roll-out figures" in journey.heading()
    assert Thread.objects.get(title="Quarterly roll-out figures").items.get() == odd_one

    reader = visit(None, **way)
    reader.go(figures.get_absolute_url())
    reader.check()
    assert "Roll-out reporting" in reader.main_text() and "(Q2)" not in reader.main_text()
