"""Search answers each reader with exactly what the gate lets them see, and keeps up with changes.

The canary world (core/tests/test_record_types.py) holds a record of every classified kind at every
level; the index built from it must find, for every role and every kind, the records the gate
shows that role and no others — in the hits, the totals, the facet counts and the snippets.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from panelbook.conftest import ENTITLED_LEVELS, client_for
from panelbook.core.classification import Classification
from panelbook.core.tests.test_record_types import canary_world  # noqa: F401  # a fixture
from panelbook.governance import services as governance
from panelbook.governance.models import Membership, Person
from panelbook.search import engine as engines
from panelbook.search import indexing
from panelbook.search.entries import searchable

EVERYTHING = engines.Search(words="")


def found(user, words="", **filters):
    return engines.engine().search(engines.Search(words=words, **filters), engines.reader_for(user))


def found_records(user, words="", **filters):
    return engines.engine().records(engines.Search(words=words, **filters), engines.reader_for(user))


def lose_the_index(search_engine):
    """As an operator might: delete the index folder, or the entries table's rows and text index."""
    if search_engine == "tantivy":
        shutil.rmtree(settings.SEARCH_INDEX_DIR)
        engines._engines.clear()
    else:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_entry")
            cursor.execute("DROP INDEX search_entry_tsv")


def gate_records(declared, user):
    label = declared.model._meta.label_lower
    return {f"{label}:{pk}" for pk in declared.rows_for(user).values_list("pk", flat=True)}


@pytest.mark.parametrize("role", ENTITLED_LEVELS)
def test_every_kind_finds_exactly_the_records_the_gate_shows_the_role(world, canary_world, role):  # noqa: F811
    indexing.reindex()
    user = getattr(world.users, role)
    for declared in searchable():
        kind = declared.model._meta.label_lower
        assert found_records(user, kind=kind) == gate_records(declared, user), (role, kind)


@pytest.mark.parametrize("role", ENTITLED_LEVELS)
def test_hits_totals_and_facets_hold_only_what_the_gate_shows(world, canary_world, role):  # noqa: F811
    indexing.reindex()
    user = getattr(world.users, role)
    shown = set().union(*(gate_records(declared, user) for declared in searchable()))
    results = found(user, "RED")
    assert {hit.record for hit in results.hits} <= shown
    assert sum(results.kinds.values()) == results.total
    for kind, count in results.kinds.items():  # a facet counts entries: a file has one a page
        assert count == len(found_records(user, "RED", kind=kind)) or kind == "governance.paperfile", kind
    if role in ("public", "party", "other_member", "former_member"):  # named on no RED canary
        assert all(hit.level != "RED" for hit in results.hits)
        assert found(world.users.recipient, "RED").total > results.total


def test_the_entries_of_a_file_carry_their_page(world):
    upload = SimpleUploadedFile("pages.txt", b"First page about meters.\fSecond page about quokkas.\n")
    paper = governance.create_paper(
        by=None, body=world.panel, reference="SECP_P1", title="Pages", paper_date=world.today, upload=upload
    )
    indexing.reindex()
    (hit,) = found(world.users.public, "quokkas", kind="governance.paperfile").hits
    assert (hit.page, hit.url.endswith("#page=2"), "<b>quokkas</b>" in hit.snippet) == (2, True, True)
    assert hit.title.startswith("pages.txt") and paper.files.count() == 1


def test_a_saved_change_is_found_as_soon_as_it_commits(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        paper = governance.create_paper(by=None, body=world.panel, reference="SECP_Z1", title="Zephyr tariffs",
                                        paper_date=world.today)  # fmt: skip
    assert found(world.users.public, "zephyr").total == 1
    with django_capture_on_commit_callbacks(execute=True):
        governance.update_paper(paper, by=None, title="Boreal tariffs")
    assert found(world.users.public, "zephyr").total == 0
    assert found(world.users.public, "boreal").total == 1
    assert indexing.waiting() == 0


def test_a_change_of_a_parents_level_reaches_its_childrens_entries(
    world, make_meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = make_meeting(number=7, by=None)
        governance.add_agenda_item(meeting, by=None, title="Narwhal migration")
    assert found(world.users.public, "narwhal").total == 1
    with django_capture_on_commit_callbacks(execute=True):
        governance.update_meeting(meeting, by=None, classification=Classification.AMBER)
    assert found(world.users.public, "narwhal").total == 0
    assert found(world.users.member, "narwhal").total == 1
    assert found(world.users.other_member, "narwhal").total == 0


def test_a_new_membership_opens_amber_entries_without_reindexing(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        governance.create_paper(by=None, body=world.panel, reference="SECP_A1", title="Okapi review",
                                paper_date=world.today, classification=Classification.AMBER)  # fmt: skip
    assert found(world.users.other_member, "okapi").total == 0
    person = Person.objects.get(user=world.users.other_member)
    Membership.objects.create(body=world.panel, person=person, start_date=world.today - dt.timedelta(days=1))
    assert found(world.users.other_member, "okapi").total == 1


def test_a_rebuilt_index_answers_as_the_one_it_replaces(world, canary_world, search_engine):  # noqa: F811
    indexing.reindex()
    before = {role: found_records(getattr(world.users, role), "canary") for role in ENTITLED_LEVELS}
    lose_the_index(search_engine)
    assert engines.engine().count() == 0
    with pytest.raises(CommandError, match="differs from the database"):
        call_command("check_search")
    call_command("reindex")
    after = {role: found_records(getattr(world.users, role), "canary") for role in ENTITLED_LEVELS}
    assert after == before and any(before.values())
    call_command("check_search")


def test_the_results_page_shows_hits_with_their_kind_and_no_hidden_ones(world, make_meeting):
    meeting = make_meeting(number=9, by=None)
    governance.add_agenda_item(meeting, by=None, title="Pangolin public item")
    governance.add_agenda_item(meeting, by=None, title="Pangolin hushed item", classification="RED",
                               recipients=[world.users.recipient])  # fmt: skip
    indexing.reindex()
    public = client_for(world, "public").get("/search/", {"q": "pangolin"}).content.decode()
    assert "Pangolin public item" in public and "hushed" not in public and "1 result." in public
    named = client_for(world, "recipient").get("/search/", {"q": "pangolin"}).content.decode()
    assert "Pangolin hushed item" in named and "2 results." in named


def test_a_date_range_backwards_is_refused_by_name(world):
    page = client_for(world, "public").get("/search/", {"q": "x", "since": "2026-05-01", "until": "2026-01-01"})
    assert "The end of the range is before its start." in page.content.decode()


def test_the_api_answers_as_the_page_does(world):
    governance.create_paper(by=None, body=world.panel, reference="SECP_W1", title="Wombat open", paper_date=world.today)
    governance.create_paper(by=None, body=world.panel, reference="SECP_W2", title="Wombat amber",
                            paper_date=world.today, classification=Classification.AMBER)  # fmt: skip
    indexing.reindex()
    public = client_for(world, "public").get("/api/search", {"q": "wombat"}).json()
    assert (public["total"], [hit["title"] for hit in public["hits"]]) == (1, ["SECP_W1 Wombat open"])
    member = client_for(world, "member").get("/api/search", {"q": "wombat", "sort": "date"}).json()
    assert member["total"] == 2 and member["kinds"] == {"governance.paper": 2}
    refused = client_for(world, "public").get("/api/search", {"q": "x", "body": "nowhere"})
    assert refused.status_code == 400 and "nowhere" in refused.content.decode()


def _papers(world, *titles_and_days):
    for number, (title, day) in enumerate(titles_and_days, start=1):
        governance.create_paper(by=None, body=world.panel, reference=f"SECP_R{number}", title=title,
                                paper_date=day)  # fmt: skip
    indexing.reindex()


def test_relevance_phrases_dates_and_pages_answer_alike_on_every_engine(world):
    day = world.today
    _papers(
        world,
        ("Heron reporting", day - dt.timedelta(days=30)),
        ("Heron and egret reporting", day - dt.timedelta(days=10)),
        ("Egret heron review", day - dt.timedelta(days=20)),
        *[(f"Heron note {n}", day - dt.timedelta(days=100 + n)) for n in range(25)],
    )
    public = world.users.public
    assert [hit.title for hit in found(public, '"heron reporting"').hits] == ["SECP_R1 Heron reporting"]
    newest = found(public, "heron", by_date=True).hits
    assert [hit.day for hit in newest] == sorted((hit.day for hit in newest), reverse=True)
    assert newest[0].title == "SECP_R2 Heron and egret reporting"
    first, second = found(public, "heron").hits, found(public, "heron", page=2).hits
    assert (len(first), len(second)) == (engines.PAGE_SIZE, 28 - engines.PAGE_SIZE)
    assert not {hit.key for hit in first} & {hit.key for hit in second}
    recent = found(public, "heron", since=day - dt.timedelta(days=25), until=day)
    assert {hit.title for hit in recent.hits} == {"SECP_R2 Heron and egret reporting", "SECP_R3 Egret heron review"}
    assert found(public, "heron", body=world.tabasc.pk).total == 0


def test_a_very_common_word_counts_up_to_the_engines_cap_and_says_so(world, search_engine, monkeypatch):
    from panelbook.search import postgres

    monkeypatch.setattr(postgres, "COUNT_CAP", 3)
    _papers(world, *[(f"Ibis update {n}", world.today) for n in range(5)])
    results = found(world.users.public, "ibis")
    page = client_for(world, "public").get("/search/", {"q": "ibis"}).content.decode()
    if search_engine == "postgres":  # counts stop at the cap, and the page still holds every hit
        assert (results.total, results.at_least, len(results.hits)) == (3, True, 5)
        assert "More than 3 results" in page
    else:  # Tantivy counts every match quickly
        assert (results.total, results.at_least, len(results.hits)) == (5, False, 5)
        assert "5 results." in page


@pytest.mark.parametrize("chosen, problem", [("elastic", "the engines are: tantivy, postgres"),
                                             ("postgres", "needs DATABASE_URL on PostgreSQL")])  # fmt: skip
def test_an_engine_the_setting_cannot_have_is_refused_by_name(db, settings, chosen, problem):
    settings.SEARCH_ENGINE = chosen
    if chosen == "postgres" and settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        problem = ""  # the database can hold it: it is made
    if problem:
        with pytest.raises(ValueError, match=problem):
            engines._make(chosen)
    else:
        from panelbook.search.postgres import Postgres

        assert isinstance(engines._make(chosen), Postgres)
