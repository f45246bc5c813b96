"""The API keeps the contract its OpenAPI document states, under a generated client.

Schemathesis reads ``/api/openapi.json`` and sends every operation valid and invalid input,
anonymously and with a secretariat token, against the demo data (loaded once per module inside a
transaction rolled back at the end; each test's own writes are rolled back by pytest-django).
Every answer must be no server error, carry a status code the document lists for the operation,
and have the documented content type and shape. Besides ids drawn at random (nearly always
missing), valid input is also sent to the demo's own records, so that the verbs themselves run.
"""

from __future__ import annotations

import io
import re
from types import SimpleNamespace
from typing import TypeVar

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.db.models import Model, QuerySet
from django.test.utils import override_settings
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from panelbook.actions.models import Action, Decision, Minutes
from panelbook.assurance.models import Party, SecurityAssessment
from panelbook.constitution.models import TermsOfReference
from panelbook.consultations.models import Consultation
from panelbook.core.models import ApiToken, User
from panelbook.governance.models import AgendaItem, Meeting, Paper, Person
from panelbook.modifications.models import Modification, Release
from panelbook.performance.models import Incident, Measure
from panelbook.registers.models import Entry
from panelbook.search.models import SavedSearch
from panelbook.threads.models import Thread

pytestmark = pytest.mark.xdist_group("demo")

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
MAX_EXAMPLES = 20
M = TypeVar("M", bound=Model)

SCHEMA = schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler())
# An operation the schema cannot describe fails here, loudly: Err has no ok().
OPERATIONS = [result.ok() for result in SCHEMA.get_all_operations()]  # type: ignore[union-attr]


def _first(records: QuerySet[M]) -> M:
    """The first of some records the demo holds."""
    found = records.first()
    assert found is not None, f"The demo has no {records.model._meta.verbose_name} to test with."
    return found


def _demo_records() -> dict[str, object]:
    """A WHITE record of each kind in the demo, by the path parameter that names it."""
    white = {"classification": "WHITE"}
    open_levels = ["WHITE", "GREEN"]  # a register's entries are GREEN at the least in the demo
    meeting = _first(Meeting.objects.filter(status=Meeting.Status.PLANNED, **white).order_by("starts_at"))
    minutes = Minutes.objects.filter(status=Minutes.Status.DRAFT, **white).first() or _first(Minutes.objects.all())
    assessed = Modification.objects.filter(assessments__isnull=False, documents__isnull=False, **white)
    modification = _first(assessed.order_by("reference").distinct())
    return {
        "code": meeting.body.code,
        "meeting_id": meeting.pk,
        "item_id": _first(AgendaItem.objects.filter(meeting=meeting, **white)).pk,
        "agenda_item_id": _first(minutes.meeting.agenda_items.filter(**white)).pk,
        "person_id": _first(Person.objects.all()).pk,
        "paper_id": _first(Paper.objects.filter(**white)).pk,
        "action_id": _first(Action.objects.filter(status=Action.Status.OPEN, **white)).pk,
        "decision_id": _first(Decision.objects.filter(**white)).pk,
        "minutes_id": minutes.pk,
        "reference": modification.reference,
        "assessment_id": _first(modification.assessments.all()).pk,
        "document_id": _first(modification.documents.all()).pk,
        "measure_id": _first(Measure.objects.all()).pk,
        "release_id": _first(Release.objects.exclude(targeted=None)).pk,
        "incident_id": _first(Incident.objects.filter(is_void=False, **white)).pk,
        "party_id": _first(Party.objects.filter(is_void=False)).pk,
        "security_assessment_id": _first(SecurityAssessment.objects.filter(is_void=False)).pk,
        "consultation_id": _first(Consultation.objects.filter(is_void=False, **white)).pk,
        "thread_id": _first(Thread.objects.visible_to(None).in_force()).pk,
        **_two_versions_of_terms(),
        "saved_id": _first(SavedSearch.objects.in_force()).pk,  # a Panel member's: the token's user gets 404
        "entry_id": _first(
            Entry.objects.in_force().filter(classification__in=open_levels, register__classification__in=open_levels)
        ).pk,
    }


def _two_versions_of_terms() -> dict[str, int]:
    """A WHITE version of a body's terms of reference, as ``terms_id``, and the two latest of its
    body, as ``older_id`` and ``newer_id``."""
    public = TermsOfReference.objects.filter(is_void=False, paper__classification="WHITE")
    newer = _first(public.order_by("body", "-version"))
    older = _first(public.filter(body=newer.body, version__lt=newer.version).order_by("-version"))
    return {"terms_id": newer.pk, "older_id": older.pk, "newer_id": newer.pk}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the demo once and issue a token to its secretariat user; all rolled back at the end."""
    media = tmp_path_factory.mktemp("contract-media")
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=hashers), django_db_blocker.unblock():
        with transaction.atomic():
            call_command("load_demo", stdout=io.StringIO())
            _, raw = ApiToken.issue(User.objects.get(username="secretariat"), name="contract test")
            yield SimpleNamespace(token=raw, records=_demo_records())
            transaction.set_rollback(True)


@pytest.fixture
def connection_kept_open():
    """Keep the test's database connection across requests, as Django's test client does.

    Schemathesis calls the WSGI handler directly, which would close the connection at the end of
    each request and so end the test's transaction.
    """
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.parametrize("who", ["anonymous", "secretariat"])
@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda operation: operation.label)
def test_the_api_answers_as_documented(demo, db, connection_kept_open, operation, who):
    headers = {"Authorization": f"Bearer {demo.token}"} if who == "secretariat" else {}
    existing = {name: demo.records[name] for name in re.findall(r"{(\w+)}", operation.path)}

    valid = operation.as_strategy(generation_mode=schemathesis.GenerationMode.POSITIVE)
    invalid = operation.as_strategy(generation_mode=schemathesis.GenerationMode.NEGATIVE)
    on_demo_records = operation.as_strategy(path_parameters=existing) if existing else valid

    @given(case=valid | invalid | on_demo_records)
    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def exchange(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    exchange()
