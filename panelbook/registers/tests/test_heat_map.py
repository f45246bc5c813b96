"""The heat map as at a day, read from the entries' history."""

import datetime as dt

from django.utils import timezone

from panelbook.core.lib import heat_map as drawing
from panelbook.registers import reports, services
from panelbook.registers.tests.conftest import raise_risk


def test_the_heat_map_as_at_a_past_day_shows_the_scores_then(registers, world):
    risks, _ = registers
    risk = raise_risk(risks, likelihood=4, impact=4)
    risk.history.update(history_date=timezone.now() - dt.timedelta(days=30))
    services.correct_entry(risk, by=None, reason="Mitigated well", likelihood=1)
    then, rows = reports.heat_map(risks, world.users.secretariat, world.today - dt.timedelta(days=10))
    now, _ = reports.heat_map(risks, world.users.secretariat, world.today)
    assert [(r.reference, r.likelihood, r.rag) for r in rows] == [("Risk 1", 4, "RED")]
    assert [c.entries for c in then.cells if c.entries] == [("Risk 1",)]
    assert [(c.likelihood, c.impact) for c in then.cells if c.entries] == [(4, 4)]
    assert [(c.likelihood, c.impact) for c in now.cells if c.entries] == [(1, 4)]
    assert "likelihood 4, impact 4 (Red): Risk 1" in drawing.svg(then)


def test_before_it_was_raised_a_risk_is_not_on_the_map(registers, world):
    raise_risk(registers[0])
    _, rows = reports.heat_map(registers[0], world.users.secretariat, world.today - dt.timedelta(days=1))
    assert rows == []
