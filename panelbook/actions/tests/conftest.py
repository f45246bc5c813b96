import datetime as dt

import pytest
from django.utils import timezone

from panelbook.governance import services as governance


@pytest.fixture
def panel_meetings(world):
    """Panel meetings 47, 48, 49 and 50 on the 10th of four consecutive months of 2017."""
    meetings = []
    for number, month in zip((47, 48, 49, 50), (8, 9, 10, 11), strict=True):
        starts = timezone.make_aware(dt.datetime(2017, month, 10, 10, 0))
        meeting = governance.create_meeting(
            by=None, body=world.panel, number=number, starts_at=starts, ends_at=starts + dt.timedelta(hours=3)
        )
        governance.add_agenda_item(meeting, by=None, title="Minutes and Actions Outstanding")
        governance.add_agenda_item(meeting, by=None, title="Delegations Register")
        meetings.append(meeting)
    return meetings
