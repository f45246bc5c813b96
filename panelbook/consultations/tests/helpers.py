"""Shared makings of the consultations tests: a consultation asking TABASC (the sub-committee)
for its input, to be answered by the Panel."""

import datetime as dt

from panelbook.actions import services as actions
from panelbook.consultations import services


def consultation(world, *, subject="Draft charging statement", closes_in=20, **fields):
    fields.setdefault("issuer", "DCC")
    return services.open_consultation(
        by=None,
        subject=subject,
        opened_on=world.today - dt.timedelta(days=10),
        closes_on=world.today + dt.timedelta(days=closes_in),
        body=world.panel,
        bodies_asked=[world.tabasc],
        **fields,
    )


def agreeing_decision(world, make_meeting):
    return actions.record_decision(
        by=None, meeting=make_meeting(days_ahead=-1), verb="AGREED", text="the response to the consultation"
    )
