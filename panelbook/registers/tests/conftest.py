import pytest

from panelbook.registers import services

LIKELIHOOD = [(1, "Rare"), (2, "Unlikely"), (3, "Possible"), (4, "Likely"), (5, "Almost certain")]
IMPACT = [(1, "Negligible"), (2, "Minor"), (3, "Moderate"), (4, "Major"), (5, "Severe")]
BANDS = [(1, "GREEN"), (6, "AMBER"), (15, "RED")]


def make_register(body, kind="RISK", **fields):
    return services.create_register(
        by=None, body=body, kind=kind, likelihood=LIKELIHOOD, impact=IMPACT, bands=BANDS, **fields
    )


@pytest.fixture
def registers(world):
    """The Panel's risk and issues registers, reviewed quarterly and closed entries yearly."""
    risks = make_register(world.panel, "RISK", name="SEC Panel Risk Register")
    issues = make_register(world.panel, "ISSUE", name="SEC Panel Issues Register")
    return risks, issues


def raise_risk(register, title="Release slips", likelihood=3, impact=4, **fields):
    return services.raise_entry(by=None, register=register, title=title, likelihood=likelihood, impact=impact, **fields)
