"""The public portal shows nothing above WHITE: its feeds (papers, minutes, modification changes), the
sitemap, robots.txt, the front page and the feeds page, read by the public and by signed-in readers,
hold the WHITE canaries and none of the others; feeds are built as the public whoever fetches them."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from panelbook.actions import services as actions
from panelbook.conftest import client_for
from panelbook.core.classification import Classification
from panelbook.governance import services
from panelbook.modifications import services as modifications

ATOM = "{http://www.w3.org/2005/Atom}"
LEVELS = ("WHITE", "GREEN", "AMBER", "RED")
HIDDEN_FROM_PUBLIC = ("GREEN", "AMBER", "RED")
# Each level's meeting number, and the minutes of that meeting are at that level.
MINUTES_MEETING = {"WHITE": 9101, "GREEN": 9102, "AMBER": 9103, "RED": 9104}
FEEDS = (
    "/papers/feed.rss",
    "/papers/feed.atom",
    "/bodies/panel/papers.rss",
    "/bodies/panel/papers.atom",
    "/minutes/feed.rss",
    "/minutes/feed.atom",
    "/modifications/feed.rss",
    "/modifications/feed.atom",
)


def named(world, level: str) -> dict:
    return {"recipients": [world.users.recipient]} if level == "RED" else {}


def paper_canary(level: str) -> str:
    return f"CANARY-{level.lower()}-portal-paper"


def minutes_canary(level: str) -> str:
    return f"SEC Panel meeting {MINUTES_MEETING[level]}"


def modification_canary(level: str) -> str:
    return f"CANARY-{level.lower()}-portal-modification"


@pytest.fixture
def portal(world, make_meeting):
    """A WHITE Panel meeting with a paper at each level (the GREEN one also in a WHITE meeting);
    a WHITE paper in an AMBER meeting; approved minutes at each level; a modification at each level
    moved on a stage; a withdrawn WHITE paper and a withdrawn AMBER one, each with a file."""
    meeting = make_meeting(number=9001, days_ahead=-10, by=None)
    item = services.add_agenda_item(meeting, by=None, title="Canary papers")
    papers = {
        level: services.create_paper(
            by=None,
            agenda_item=item,
            reference=f"SECP_PORTAL_{level}",
            title=paper_canary(level),
            paper_date=world.today,
            classification=level,
            upload=SimpleUploadedFile(f"{level}.txt", b"text"),
            **named(world, level),
        )
        for level in LEVELS
    }
    amber_meeting = make_meeting(number=9002, days_ahead=-10, by=None, classification=Classification.AMBER)
    in_amber_meeting = services.create_paper(
        by=None,
        meeting=amber_meeting,
        reference="SECP_PORTAL_IN_AMBER",
        title="CANARY-white-paper-in-amber-meeting",
        paper_date=world.today,
    )
    minutes = {}
    for level, number in MINUTES_MEETING.items():
        minuted = make_meeting(number=number, days_ahead=-30, by=None)
        minutes[level] = actions.start_minutes(minuted, by=None, classification=level, **named(world, level))
        actions.approve_minutes(minutes[level], by=None, on=world.today)
    mods = {}
    for number, level in enumerate(LEVELS, start=901):
        mods[level] = modifications.raise_modification(
            by=None,
            reference=f"MP{number}",
            title=modification_canary(level),
            body=world.panel,
            issue="An issue.",
            path="PATH_3",
            raised_on=dt.date(2026, 1, 5),
            classification=level,
            **named(world, level),
        )
        modifications.move_to_stage(mods[level], by=None, stage="REFINEMENT", on=dt.date(2026, 2, 2))
    withdrawn = {}
    for level in ("WHITE", "AMBER"):
        paper = services.create_paper(
            by=None,
            agenda_item=item,
            reference=f"SECP_PORTAL_WITHDRAWN_{level}",
            title=f"Withdrawn {level} paper",
            paper_date=world.today,
            classification=level,
            upload=SimpleUploadedFile("withdrawn.txt", b"text"),
        )
        withdrawn[level] = services.withdraw_paper(paper, by=None, reason="Replaced by a later paper.")
    return SimpleNamespace(
        meeting=meeting,
        papers=papers,
        in_amber_meeting=in_amber_meeting,
        minutes=minutes,
        modifications=mods,
        withdrawn=withdrawn,
    )


def text_of(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


# Canaries: the feeds hold WHITE only, whoever fetches them


@pytest.mark.parametrize("role", ["public", "party", "member", "recipient", "secretariat"])
@pytest.mark.parametrize("path", FEEDS)
def test_a_feed_holds_no_record_above_white_whoever_fetches_it(world, portal, role, path):
    text = text_of(client_for(world, role), path)
    for level in HIDDEN_FROM_PUBLIC:
        assert paper_canary(level) not in text
        assert minutes_canary(level) not in text
        assert modification_canary(level) not in text
    assert "CANARY-white-paper-in-amber-meeting" not in text


@pytest.mark.parametrize(
    ("path", "white"),
    [
        ("/papers/feed.rss", paper_canary("WHITE")),
        ("/bodies/panel/papers.atom", paper_canary("WHITE")),
        ("/minutes/feed.rss", minutes_canary("WHITE")),
        ("/modifications/feed.rss", modification_canary("WHITE")),
    ],
)
def test_a_feed_holds_its_white_record(world, portal, path, white):
    assert white in text_of(Client(), path)


def test_the_papers_feed_leaves_out_withdrawn_papers_and_other_bodies(world, portal, make_meeting):
    tabasc = make_meeting(body=world.tabasc, number=12, days_ahead=-3, by=None)
    services.create_paper(
        by=None, meeting=tabasc, reference="TABASC_12_PORTAL", title="TABASC paper", paper_date=world.today
    )
    everything = text_of(Client(), "/papers/feed.rss")
    panel = text_of(Client(), "/bodies/panel/papers.rss")
    assert "TABASC paper" in everything and "TABASC paper" not in panel
    assert "Withdrawn WHITE paper" not in everything


def test_the_minutes_feed_leaves_out_drafts(world, portal, make_meeting):
    draft = make_meeting(number=9200, days_ahead=-5, by=None)
    actions.start_minutes(draft, by=None)
    assert "SEC Panel meeting 9200" not in text_of(Client(), "/minutes/feed.rss")


def test_an_unknown_body_has_no_papers_feed(world):
    assert Client().get("/bodies/nope/papers.rss").status_code == 404


# Feeds are valid RSS 2.0 and Atom


def test_the_papers_rss_feed_parses_with_the_paper_its_meeting_and_body(world, portal, settings):
    settings.PANELBOOK_SITE_DOMAIN = "panelbook.example"
    response = Client().get("/papers/feed.rss")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel is not None
    (item,) = [i for i in channel.iter("item") if paper_canary("WHITE") in (i.findtext("title") or "")]
    assert item.findtext("title") == f"SECP_PORTAL_WHITE {paper_canary('WHITE')}"
    assert item.findtext("link", "").endswith(portal.papers["WHITE"].get_absolute_url())
    assert "SEC Panel meeting 9001" in item.findtext("description", "")
    assert item.findtext("category") == "SEC Panel"
    assert item.findtext("guid") == f"paper-{portal.papers['WHITE'].pk}@panelbook.example"


def test_the_papers_atom_feed_parses(world, portal):
    response = Client().get("/papers/feed.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [f"SECP_PORTAL_WHITE {paper_canary('WHITE')}"]


def test_the_minutes_feed_parses_dated_by_their_approval(world, portal):
    channel = ET.fromstring(Client().get("/minutes/feed.rss").content).find("channel")
    assert channel is not None
    (item,) = channel.findall("item")
    assert item.findtext("title") == f"Minutes of {minutes_canary('WHITE')}"
    assert item.findtext("link", "").endswith(portal.minutes["WHITE"].get_absolute_url())
    assert item.findtext("pubDate", "").startswith(f"{world.today:%a, %d %b %Y}")


def test_minutes_approved_at_a_meeting_the_public_may_not_see_are_dated_by_their_own_meeting(world, make_meeting):
    minuted = make_meeting(number=9300, days_ahead=-40, by=None)
    closed = make_meeting(number=9301, days_ahead=-8, by=None, classification=Classification.AMBER)
    actions.approve_minutes(actions.start_minutes(minuted, by=None), by=None, at_meeting=closed)
    channel = ET.fromstring(Client().get("/minutes/feed.rss").content).find("channel")
    assert channel is not None
    (item,) = channel.findall("item")
    assert item.findtext("pubDate", "").startswith(f"{minuted.date:%a, %d %b %Y}")


def test_the_modification_changes_feed_has_rss_too(world, portal):
    channel = ET.fromstring(Client().get("/modifications/feed.rss").content).find("channel")
    assert channel is not None
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == [
        f"MP901 {modification_canary('WHITE')}: Refinement Process",
        f"MP901 {modification_canary('WHITE')}: Modification Proposal",
    ]


# The sitemap lists what the public may read


def test_the_sitemap_lists_the_public_records_and_no_other(world, portal):
    text = text_of(client_for(world, "member"), "/sitemap.xml")
    ET.fromstring(text)  # well-formed
    assert f"/papers/{portal.papers['WHITE'].pk}/<" in text
    assert f"/minutes/{portal.minutes['WHITE'].pk}/<" in text
    assert "/modifications/MP901/<" in text
    assert f"/meetings/{portal.meeting.pk}/<" in text
    for level in HIDDEN_FROM_PUBLIC:
        assert f"/papers/{portal.papers[level].pk}/<" not in text
        assert f"/minutes/{portal.minutes[level].pk}/<" not in text
        assert f"/modifications/{portal.modifications[level].reference}/<" not in text
    assert f"/papers/{portal.in_amber_meeting.pk}/<" not in text
    assert f"/meetings/{portal.in_amber_meeting.meeting_id}/<" not in text


def test_the_sitemap_lists_the_registers_and_performance(world):
    text = text_of(Client(), "/sitemap.xml")
    for path in ("/delegations/", "/performance/", "/modifications/", "/feeds/", "/bodies/panel/"):
        assert f"{path}<" in text


# robots.txt


def test_robots_txt_keeps_crawlers_from_sign_in_search_and_the_api_writes(world, settings):
    settings.PANELBOOK_BASE_URL = "https://panelbook.example"
    response = Client().get("/robots.txt")
    lines = response.content.decode().splitlines()
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    for disallowed in (
        "/login/",
        "/account/",
        "/admin/",
        "/search/",
        "/api/meetings/*/cancel$",
        "/api/papers/*/files$",
    ):
        assert f"Disallow: {disallowed}" in lines
    assert "Disallow: /api/meetings$" not in lines  # read by GET as well as written
    assert lines[-1] == "Sitemap: https://panelbook.example/sitemap.xml"


def test_robots_txt_disallows_withdrawn_public_files_and_names_no_hidden_one(world, portal):
    lines = Client().get("/robots.txt").content.decode().splitlines()
    white_file = portal.withdrawn["WHITE"].files.get()
    amber_file = portal.withdrawn["AMBER"].files.get()
    assert f"Disallow: /files/{white_file.pk}/" in lines
    assert f"Disallow: /files/{amber_file.pk}/" not in lines


# The public pages


PUBLIC_PAGES = (
    "/",
    "/bodies/",
    "/bodies/panel/",
    "/meetings/",
    "/papers/",
    "/modifications/",
    "/releases/",
    "/delegations/",
    "/decisions/",
    "/performance/",
    "/feeds/",
    "/calendar.ics",
    "/robots.txt",
    "/sitemap.xml",
)


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_a_public_page_answers_the_public(world, path):
    assert Client().get(path).status_code == 200


def test_a_white_record_page_answers_the_public(world, portal):
    for record in (portal.meeting, portal.papers["WHITE"], portal.minutes["WHITE"], portal.modifications["WHITE"]):
        assert Client().get(record.get_absolute_url()).status_code == 200


def minutes_link(portal, level: str) -> str:
    """The minutes themselves have no title: on a page their canary is the link to them (their
    meeting is WHITE, and listed as a meeting)."""
    return f'href="{portal.minutes[level].get_absolute_url()}"'


@pytest.mark.parametrize("role", ["public", "party", "other_member"])
def test_the_front_page_shows_no_paper_or_minutes_the_reader_may_not_see(world, portal, role):
    text = text_of(client_for(world, role), "/")
    assert paper_canary("WHITE") in text and minutes_link(portal, "WHITE") in text
    for level in ("AMBER", "RED"):
        assert paper_canary(level) not in text
        assert minutes_link(portal, level) not in text
    if role == "public":
        assert paper_canary("GREEN") not in text and minutes_link(portal, "GREEN") not in text


def test_the_front_page_shows_a_member_the_amber_paper_and_minutes(world, portal):
    text = text_of(client_for(world, "member"), "/")
    assert paper_canary("AMBER") in text and minutes_link(portal, "AMBER") in text
    assert paper_canary("RED") not in text and minutes_link(portal, "RED") not in text


def test_the_front_page_links_the_registers_performance_and_feeds(world, settings):
    settings.PANELBOOK_BASE_URL = "https://panelbook.example"
    text = text_of(Client(), "/")
    for link in ('href="/delegations/"', 'href="/performance/"', 'href="/modifications/"', 'href="/feeds/"'):
        assert link in text
    assert '<link rel="alternate" type="application/rss+xml" title="Minutes (RSS)" href="/minutes/feed.rss">' in text
    assert '<link rel="canonical" href="https://panelbook.example/">' in text
    assert '<meta name="description" content="The public record of the Smart Energy Code Panel' in text


def test_the_feeds_page_lists_every_feed_and_each_bodys(world):
    text = text_of(Client(), "/feeds/")
    for path in (*FEEDS, "/bodies/tabasc/papers.rss", "/calendar.ics", "/bodies/tabasc/calendar.ics"):
        assert f'href="{path}"' in text


def test_a_body_page_names_its_papers_feed_in_its_head(world):
    text = text_of(Client(), "/bodies/panel/")
    assert 'type="application/rss+xml" title="SEC Panel papers (RSS)" href="/bodies/panel/papers.rss"' in text


def test_the_canonical_address_leaves_out_the_query(world, settings):
    settings.PANELBOOK_BASE_URL = "https://panelbook.example"
    text = text_of(Client(), "/papers/?body=panel")
    assert '<link rel="canonical" href="https://panelbook.example/papers/">' in text


def test_a_page_not_found_names_no_canonical_address(world, portal):
    hidden = portal.papers["AMBER"].get_absolute_url()
    response = Client().get(hidden)
    assert response.status_code == 404
    assert 'rel="canonical"' not in response.content.decode()
