"""List pages run a fixed number of queries however many rows they show."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from panelbook.conftest import pdf_upload
from panelbook.governance import services


def queries_for(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_items_with_papers(world, meeting, count: int) -> None:
    for _ in range(count):
        item = services.add_agenda_item(meeting, by=None, title="Item")
        paper = services.create_paper(
            by=None, agenda_item=item, title="Paper", paper_date=world.today, upload=pdf_upload()
        )
        services.add_appendix(paper, by=None, label="Appendix A", title="Annex", upload=pdf_upload())


def test_meeting_page_queries_do_not_grow_with_the_agenda(world, make_meeting):
    client = Client()
    client.force_login(world.users.member)
    small, large = make_meeting(number=1), make_meeting(number=2)
    add_items_with_papers(world, small, 1)
    add_items_with_papers(world, large, 6)
    assert queries_for(client, f"/meetings/{small.pk}/") == queries_for(client, f"/meetings/{large.pk}/")


def test_paper_list_and_home_queries_do_not_grow_with_the_papers(world, make_meeting):
    client = Client()
    meeting = make_meeting()
    add_items_with_papers(world, meeting, 1)
    few = (queries_for(client, "/papers/"), queries_for(client, "/"), queries_for(client, "/bodies/"))
    add_items_with_papers(world, meeting, 6)
    many = (queries_for(client, "/papers/"), queries_for(client, "/"), queries_for(client, "/bodies/"))
    assert few == many
