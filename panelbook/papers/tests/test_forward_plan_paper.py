"""A body's forward plan as a paper: HTML, Word and PDF, holding its standing items and reviews due."""

import datetime as dt

from panelbook.conftest import client_for
from panelbook.registers import services
from panelbook.registers.tests.conftest import make_register


def test_the_forward_plan_paper_holds_the_standing_items_and_reviews_due(world, make_meeting):
    make_meeting(days_ahead=20)
    services.add_standing_item(by=None, body=world.panel, title="Minutes and Actions Outstanding")
    register = make_register(world.panel, "RISK", name="SEC Panel Risk Register")
    services.raise_entry(
        by=None,
        register=register,
        title="Release slips",
        likelihood=2,
        impact=2,
        raised_on=world.today - dt.timedelta(days=200),
    )
    client = client_for(world, "public")
    page = client.get("/bodies/panel/forward-plan/paper/").content.decode()
    assert "Minutes and Actions Outstanding" in page
    assert "SEC Panel Risk Register: Risk 1 Release slips" in page
    word = client.get("/bodies/panel/forward-plan.docx")
    assert word.status_code == 200 and word.content[:2] == b"PK"
    pdf = client.get("/bodies/panel/forward-plan.pdf")
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"
