"""Every model's history manager is made from one class, and still reads that record's history."""

from panelbook.core.records import record_types


def test_each_history_manager_class_is_built_once():
    for kind in record_types():
        model = kind.model
        first, second = model().history, model().history
        assert type(first) is type(second), f"{model.__name__}.history builds a new class per read"


def test_the_manager_still_reads_one_records_history(world, make_meeting):
    meeting = make_meeting()
    other = make_meeting(number=99)
    assert [row.id for row in meeting.history.all()] == [meeting.pk]
    assert meeting.history.model is type(other.history.first())
