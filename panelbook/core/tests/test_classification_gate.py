"""The gate itself: each level admits exactly the roles it should, and parents restrict children."""

import pytest

from panelbook.conftest import ENTITLED_LEVELS, pdf_upload
from panelbook.core.classification import Classification, can_see
from panelbook.governance import services
from panelbook.governance.models import Appendix, Meeting, Paper, PaperFile


@pytest.fixture
def meetings(world, make_meeting):
    return {
        level: make_meeting(
            number=n, classification=level, recipients=[world.users.recipient] if level == "RED" else None, by=None
        )
        for n, level in enumerate(Classification.values, start=1)
    }


@pytest.mark.parametrize("role", ENTITLED_LEVELS)
def test_each_role_sees_exactly_its_levels(world, meetings, role):
    user = getattr(world.users, role)
    seen = set(Meeting.objects.visible_to(user).values_list("classification", flat=True))
    assert seen == ENTITLED_LEVELS[role]


def test_red_creator_is_a_named_recipient(world, make_meeting):
    meeting = make_meeting(classification="RED", by="secretariat")
    assert can_see(world.users.secretariat, meeting)
    assert not can_see(world.users.admin, meeting)


def test_amber_follows_the_owning_body(world, make_meeting):
    meeting = make_meeting(body=world.tabasc, classification="AMBER")
    assert can_see(world.users.other_member, meeting)
    assert not can_see(world.users.member, meeting)


def test_inactive_user_sees_only_white(world, meetings):
    world.users.member.is_active = False
    world.users.member.save()
    seen = set(Meeting.objects.visible_to(world.users.member).values_list("classification", flat=True))
    assert seen == {"WHITE"}


def test_white_paper_with_red_appendix_shows_paper_and_hides_appendix(world, make_meeting):
    meeting = make_meeting()
    item = services.add_agenda_item(meeting, by=world.users.secretariat, title="Security report")
    paper = services.create_paper(
        by=world.users.secretariat, agenda_item=item, title="Report", paper_date=world.today, upload=pdf_upload()
    )
    appendix = services.add_appendix(
        paper,
        by=world.users.secretariat,
        label="Appendix A",
        title="Non-compliances",
        classification="RED",
        recipients=[world.users.recipient],
        upload=pdf_upload("a.pdf"),
    )
    for role in ("public", "party", "member"):
        user = getattr(world.users, role)
        assert Paper.objects.visible_to(user).filter(pk=paper.pk).exists()
        assert not Appendix.objects.visible_to(user).exists()
        assert list(PaperFile.objects.visible_to(user)) == [paper.files.get(appendix=None)]
    assert Appendix.objects.visible_to(world.users.recipient).get() == appendix
    assert PaperFile.objects.visible_to(world.users.recipient).count() == 2


def test_paper_in_hidden_meeting_is_hidden(world, make_meeting):
    meeting = make_meeting(classification="AMBER")
    item = services.add_agenda_item(meeting, by=world.users.secretariat, title="Item")
    services.create_paper(by=world.users.secretariat, agenda_item=item, title="P", paper_date=world.today)
    assert not Paper.objects.visible_to(world.users.party).exists()
    assert Paper.objects.visible_to(world.users.member).count() == 1
