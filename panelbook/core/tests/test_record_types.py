"""Record types are declared on their models and read from Django's app registry.

A model with a ``gate`` must declare its ``RecordType``, so a new app's records reach the history
page, these tests and (later) search without a list elsewhere being edited. The history matrix
reads every declared kind with a history page as every role, over a canary world that must hold
a record of each classified kind hidden from the public: a new kind without one fails here.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models

from panelbook.actions import services as actions
from panelbook.conftest import ENTITLED_LEVELS, app_canaries, client_for, page_bytes
from panelbook.core.classification import Classification
from panelbook.core.records import hidden_references, record_type, record_types, reference, with_history
from panelbook.governance import services as governance
from panelbook.governance.models import Person

TEXT_FIELDS = (models.CharField, models.TextField)


def declared_with_history():
    return [each for each in record_types() if each.history is not None]


def test_every_model_with_a_gate_declares_its_record_type():
    undeclared = [model.__name__ for model in apps.get_models() if hasattr(model, "gate") and not record_type(model)]
    assert undeclared == [], "Declare record = RecordType(...) beside the gate of: " + ", ".join(undeclared)


def test_the_kinds_are_the_models_and_unique_across_apps():
    kinds = [each.kind for each in record_types()]
    assert len(kinds) == len(set(kinds))
    assert {"meeting", "paper", "action", "minutes", "body"} <= set(kinds)


@pytest.mark.parametrize("declared", declared_with_history(), ids=lambda each: each.kind)
def test_a_history_page_shows_only_fields_its_history_keeps(declared):
    history = declared.model.history
    kept = {field.name for field in history.model._meta.fields} | {f.name for f in history.model._history_m2m_fields}
    assert set(declared.history_fields) <= kept, set(declared.history_fields) - kept
    assert "revision" not in declared.history_fields and "id" not in declared.history_fields


def test_all_fields_are_those_the_history_keeps_in_the_models_order():
    meeting, person = with_history("meeting").history_fields, with_history("person").history_fields
    assert meeting[:3] == ("classification", "body", "number") and meeting[-1] == "recipients"
    assert person == ("name", "job_title", "organisation")


@pytest.mark.parametrize("declared", record_types(), ids=lambda each: each.kind)
def test_search_fields_are_title_or_text_fields(declared):
    for name in declared.search:
        assert isinstance(declared.model._meta.get_field(name), TEXT_FIELDS), (declared.kind, name)


@pytest.mark.parametrize("declared", record_types(), ids=lambda each: each.kind)
def test_a_declared_name_is_an_attribute_of_the_model(declared):
    assert not declared.name or hasattr(declared.model, declared.name)


def test_label_and_plural_are_the_models_own():
    paper, appendix = with_history("paper"), with_history("appendix")
    assert (paper.label, paper.plural, appendix.plural) == ("paper", "papers", "appendices")


def test_a_kind_without_a_history_page_has_none(world):
    assert with_history("proposal") is None and with_history("actionupdate") is None
    assert client_for(world, "secretariat").get("/history/proposal/1/").status_code == 404


def test_a_person_history_page_keeps_their_email_to_themselves(world):
    person = Person.objects.get(user=world.users.member)
    person.email, person.job_title = "member-c2b1@example.org", "Chair of the board"
    person.save()
    page = client_for(world, "public").get(f"/history/person/{person.pk}/").content.decode()
    assert "Chair of the board" in page and "member-c2b1@example.org" not in page


def test_a_hidden_records_reference_is_hidden_from_the_reader_alone(world, make_meeting):
    red = make_meeting(number=5, classification="RED", recipients=[world.users.recipient], by=None)
    white = make_meeting(number=6, by=None)
    refs = [reference(red), reference(white)]
    assert refs == [f"governance.meeting:{red.pk}", f"governance.meeting:{white.pk}"]
    assert hidden_references(refs, world.users.member) == {reference(red)}
    assert hidden_references(refs, world.users.recipient) == set()


def test_a_record_is_named_only_to_a_reader_who_may_see_it(world, make_meeting):
    red = make_meeting(number=5, classification="RED", recipients=[world.users.recipient], by=None)
    meeting = record_type(type(red))
    assert meeting.named_for(world.users.recipient, red.pk) == "Panel meeting 5"
    assert meeting.named_for(world.users.secretariat, red.pk) is None


# The history matrix


def text_upload(content: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("canary.txt", content.encode(), content_type="text/plain")


@pytest.fixture
def canary_world(world, make_meeting):
    """At each level: a meeting with its attendance and minutes, and in a WHITE host meeting an
    agenda item, a paper with its file, an appendix of the host paper, an action and a decision."""
    host = make_meeting(number=100, days_ahead=-1, by=None)
    host_item = governance.add_agenda_item(host, by=None, title="Host item")
    host_paper = governance.create_paper(by=None, agenda_item=host_item, title="Host paper", paper_date=world.today)
    person = Person.objects.get(user=world.users.member)
    for number, level in enumerate(Classification.values, start=1):
        named = {"recipients": [world.users.recipient]} if level == "RED" else {}
        meeting = make_meeting(number=number, days_ahead=-number, classification=level, by=None, **named)
        governance.record_attendance(meeting, person, by=None, status="PRESENT")
        actions.start_minutes(meeting, by=None, classification=level, **named)
        item = governance.add_agenda_item(host, by=None, title=f"{level} item", classification=level, **named)
        governance.create_paper(
            by=None,
            agenda_item=item,
            title=f"{level} paper",
            paper_date=world.today,
            classification=level,
            upload=text_upload(level),
            **named,
        )
        governance.add_appendix(host_paper, by=None, label=level, title=level, classification=level, **named)
        actions.raise_action(host, by=None, text=f"{level} action", owner="SECAS", classification=level, **named)
        actions.record_decision(
            by=None, meeting=host, agenda_item=item, verb="NOTED", text=level, classification=level, **named
        )
        for add_canaries in app_canaries():
            add_canaries(world, level, named)
    return SimpleNamespace(host=host)


def test_the_canary_world_hides_a_record_of_every_classified_kind_from_the_public(world, canary_world):
    shown_to_all = [
        each.kind
        for each in declared_with_history()
        if each.gate is not None and each.rows_for(world.users.public).count() == each.model._default_manager.count()
    ]
    assert shown_to_all == [], f"Add a record hidden from the public to canary_world() for: {', '.join(shown_to_all)}"


@pytest.mark.parametrize("role", ENTITLED_LEVELS)
def test_every_history_page_answers_exactly_the_records_the_role_may_see(world, canary_world, role):
    client, user = client_for(world, role), getattr(world.users, role)
    for declared in declared_with_history():
        visible = set(declared.rows_for(user).values_list("pk", flat=True))
        missing_path = f"/history/{declared.kind}/999999/"
        missing = page_bytes(client.get(missing_path), missing_path)
        for pk in declared.model._default_manager.values_list("pk", flat=True):
            path = f"/history/{declared.kind}/{pk}/"
            response = client.get(path)
            if pk in visible:
                assert response.status_code == 200, (role, path)
            else:
                assert (response.status_code, page_bytes(response, path)) == (404, missing), (role, path)
