"""The secretariat withdraws a paper or an agenda item: asked to confirm, with a reason kept in history."""

import pytest
from django.test import Client

from panelbook.conftest import client_for, signed_in
from panelbook.core.services import ServiceError
from panelbook.governance import services
from panelbook.governance.models import AgendaItem, Paper


@pytest.fixture
def paper(world, make_meeting):
    item = services.add_agenda_item(make_meeting(), by=None, title="Operations Report")
    return services.create_paper(by=None, agenda_item=item, title="March Operations Report", paper_date=world.today)


@pytest.fixture
def item(world, make_meeting):
    return services.add_agenda_item(make_meeting(), by=None, title="Budget")


def test_the_paper_page_asks_to_confirm_before_withdrawing(world, paper, secretariat_client):
    response = secretariat_client.get(f"/papers/{paper.pk}/withdraw/")
    assert response.status_code == 200
    assert b"stay on record, marked withdrawn" in response.content
    paper.refresh_from_db()
    assert paper.status == Paper.Status.CURRENT


def test_the_secretariat_withdraws_a_paper_with_a_reason(world, paper, secretariat_client):
    response = secretariat_client.post(f"/papers/{paper.pk}/withdraw/", {"reason": "Superseded by the April report"})
    assert response.status_code == 302 and response["Location"] == paper.get_absolute_url()
    paper.refresh_from_db()
    latest = paper.history.first()
    assert paper.status == Paper.Status.WITHDRAWN
    assert (latest.history_user, latest.history_change_reason) == (
        world.users.secretariat,
        "Paper withdrawn: Superseded by the April report",
    )


def test_a_withdrawal_without_a_reason_is_refused_on_the_form(world, paper, secretariat_client):
    response = secretariat_client.post(f"/papers/{paper.pk}/withdraw/", {"reason": ""})
    assert response.status_code == 200 and "Say why it is withdrawn." in response.content.decode()
    paper.refresh_from_db()
    assert paper.status == Paper.Status.CURRENT


def test_a_paper_already_withdrawn_says_so(world, paper):
    services.withdraw_paper(paper, by=None, reason="Sent twice")
    with pytest.raises(ServiceError, match="already withdrawn"):
        services.withdraw_paper(paper, by=None, reason="Sent twice")


def test_the_secretariat_withdraws_an_agenda_item(world, item, secretariat_client):
    response = secretariat_client.post(f"/items/{item.pk}/withdraw/", {"reason": "Deferred to the next meeting"})
    assert response.status_code == 302 and response["Location"] == item.meeting.get_absolute_url()
    item.refresh_from_db()
    assert item.is_withdrawn
    assert item.history.first().history_change_reason == "Agenda item withdrawn: Deferred to the next meeting"


def test_the_meeting_page_offers_to_withdraw_an_item_to_the_secretariat_only(world, item, secretariat_client):
    link = f'href="/items/{item.pk}/withdraw/"'
    assert link in secretariat_client.get(item.meeting.get_absolute_url()).content.decode()
    assert link not in client_for(world, "member").get(item.meeting.get_absolute_url()).content.decode()


@pytest.mark.parametrize("role", ["party", "member"])
def test_others_may_not_withdraw(world, paper, item, role):
    client = client_for(world, role)
    assert client.post(f"/papers/{paper.pk}/withdraw/", {"reason": "No"}).status_code == 403
    assert client.post(f"/items/{item.pk}/withdraw/", {"reason": "No"}).status_code == 403
    assert Paper.objects.get().status == Paper.Status.CURRENT
    assert not AgendaItem.objects.filter(is_withdrawn=True).exists()


def test_anonymous_people_are_sent_to_sign_in(world, paper):
    response = Client().get(f"/papers/{paper.pk}/withdraw/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_a_record_the_secretariat_may_not_see_answers_404_and_stays(world, make_meeting):
    """Canary: a RED item and paper naming only the recipient are missing to the secretariat."""
    meeting = make_meeting()
    red = {"classification": "RED", "recipients": [world.users.recipient]}
    hidden_item = services.add_agenda_item(meeting, by=None, title="CANARY-RED-ITEM", **red)
    hidden = services.create_paper(
        by=None, agenda_item=hidden_item, title="CANARY-RED-PAPER", paper_date=world.today, **red
    )
    client = signed_in(world.users.secretariat)
    for url in [f"/papers/{hidden.pk}/withdraw/", f"/items/{hidden_item.pk}/withdraw/"]:
        assert client.get(url).status_code == 404
        response = client.post(url, {"reason": "Gone"})
        assert response.status_code == 404 and b"CANARY" not in response.content
    hidden.refresh_from_db()
    hidden_item.refresh_from_db()
    assert hidden.status == Paper.Status.CURRENT and not hidden_item.is_withdrawn
