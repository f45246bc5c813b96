"""The constitution's part of the canary worlds (core/tests/test_record_types.py, test_form_choices.py):
a version of the Panel's terms held in a paper at each level, and an alternate at a meeting of each level."""

import datetime as dt

from django.utils import timezone

from panelbook.constitution import services
from panelbook.core.classification import Classification
from panelbook.governance import services as governance
from panelbook.governance.models import Person


def add(world, level: str, named: dict) -> None:
    rank = Classification.rank(level)
    paper = governance.create_paper(
        by=None,
        body=world.panel,
        reference=f"SECP_CANARY_TOR_{level}",
        title=f"Canary terms paper {level}",
        paper_date=world.today,
        classification=level,
        **named,
    )
    services.add_terms(
        by=None,
        body=world.panel,
        paper=paper,
        effective_from=dt.date(2020, 1, 1) + dt.timedelta(days=rank),
        text=f"Canary terms {level}",
    )
    starts = timezone.now() + dt.timedelta(days=200 + rank)
    meeting = governance.create_meeting(
        by=None,
        body=world.panel,
        number=800 + rank,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        classification=level,
        **named,
    )
    member = Person.objects.get(name="Member")
    stand_in = Person.objects.create(name=f"Canary Alternate {level}")
    services.appoint_alternate(by=None, meeting=meeting, member=member, alternate=stand_in)
