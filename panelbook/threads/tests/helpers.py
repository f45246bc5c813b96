"""Meetings and items for the threads' tests."""

from panelbook.governance import services as governance


def items_at(make_meeting, titles, *, body=None, start=-70, level="WHITE", recipients=None, first_number=60):
    """One item a meeting, ten days apart, oldest first: ``titles`` in order."""
    made = []
    for n, title in enumerate(titles):
        meeting = make_meeting(body=body, number=first_number + n, days_ahead=start + 10 * n, by=None)
        named = {"recipients": recipients} if recipients else {}
        made.append(governance.add_agenda_item(meeting, by=None, title=title, classification=level, **named))
    return made
