"""The demo's modifications register (``demo/data/modifications.yaml``): loaded once for this module
with the governance demo cut to two meetings, then checked against what the register must show."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from panelbook.demo import loader
from panelbook.demo.builders import governance, modifications
from panelbook.modifications import services
from panelbook.modifications.lifecycle import Path, Stage
from panelbook.modifications.models import (
    Assessment,
    AuthorityDecision,
    DocumentKind,
    Extension,
    Modification,
    ModificationDocument,
    Release,
)

pytestmark = pytest.mark.xdist_group("demo")


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    original = governance.GovernanceDemo.slots

    def two_meetings(builder):
        return [slot for slot in original(builder) if slot.body["code"] == "panel"][:2]

    media = tmp_path_factory.mktemp("demo-modifications-media")
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=hashers), django_db_blocker.unblock():
        with transaction.atomic():
            governance.GovernanceDemo.slots = two_meetings
            try:
                counts = loader.load(builders=[governance, modifications])
            finally:
                governance.GovernanceDemo.slots = original
            yield counts
            transaction.set_rollback(True)


@pytest.fixture
def register(loaded, db):
    return list(Modification.objects.all())


def test_at_least_forty_modifications_across_every_stage_and_path(register):
    assert len(register) >= 40
    assert {m.stage for m in register} == {stage.value for stage in Stage}
    assert {m.path for m in register} == {path.value for path in Path}


def test_every_reference_format_and_split_solutions_are_there(register):
    references = {m.reference for m in register}
    assert any(r.startswith("SECMP") for r in references)
    assert any(r.startswith("DP") for r in references)
    split = [m for m in register if m.split_from_id]
    assert {m.reference[-1] for m in split} >= {"A", "B"}
    assert all(m.reference.startswith(m.split_from.reference) for m in split)


def test_timetables_extensions_and_progress(register):
    today = timezone.localdate()
    calendar = services.working_days()
    for modification in register:
        milestones = list(modification.milestones.all())
        assert bool(milestones) == (modification.stage != Stage.DRAFT_PROPOSAL), modification.reference
        reached = [m.actual for m in milestones if m.actual]
        assert reached == sorted(reached) and all(day <= today for day in reached), modification.reference
    extended = Extension.objects.select_related("modification").all()
    assert extended.count() >= 4 and all(e.decision_reference for e in extended)
    slipped = {m.reference for m in register for ms in m.milestones.all() if ms.slippage(calendar) > 0}
    assert {e.modification.reference for e in extended} <= slipped
    progress = {m.progress(today) for m in register}
    assert progress >= {"ON_TIME", "LATE", "FINISHED", "NO_TIMETABLE"}


def test_some_are_confidential(register):
    assert {m.classification for m in register} >= {"WHITE", "GREEN", "AMBER"}


def test_every_modification_past_the_change_board_has_its_categories_votes(register):
    voted = [m for m in register if m.stage_changes.filter(stage="CHANGE_BOARD").exists()]
    past = [m for m in voted if m.stage != "CHANGE_BOARD"]
    assert past and all(m.votes.count() == 6 for m in past)
    assert all(not m.votes.exists() for m in register if m not in past)


def test_dcc_assessments_some_overdue_and_some_returned_late(loaded, db):
    today, calendar = timezone.localdate(), services.working_days()
    assessments = list(Assessment.objects.select_related("modification"))
    assert len({a.modification_id for a in assessments}) >= 15
    assert {a.kind for a in assessments} == {"PRELIMINARY", "IMPACT"}
    assert sum(a.is_overdue(today) for a in assessments) >= 2
    assert sum(bool(a.delivered_on and a.days_late(calendar, today)) for a in assessments) >= 3
    assert all(a.due_rule for a in assessments)  # every due date counted from the demo's timescales
    assert any(a.cost for a in assessments) and any(a.lead_time_unit == "WORKING_DAYS" for a in assessments)


def test_documents_by_type_on_many_modifications_and_a_red_one_on_a_white_modification(loaded, db):
    documents = list(ModificationDocument.objects.select_related("paper", "modification"))
    assert len({d.modification_id for d in documents}) >= 30
    assert {d.kind for d in documents} == set(DocumentKind.values)
    red = [d for d in documents if d.paper.classification == "RED"]
    assert red and all(d.modification.classification == "WHITE" for d in red)
    assert not ModificationDocument.objects.visible_to(AnonymousUser()).filter(pk__in=[d.pk for d in red]).exists()


def test_releases_over_the_years_with_implemented_and_in_flight_modifications_in_them(register):
    today = timezone.localdate()
    releases = list(Release.objects.all())
    assert {r.kind for r in releases} == {"FEBRUARY", "JUNE", "NOVEMBER", "AD_HOC"}
    past = [r for r in releases if r.date < today]
    assert (today - min(r.date for r in past)).days > 3 * 365 - 60
    assert all(r.status == "DELIVERED" and r.sec_version for r in past)
    assert any(r.date >= today and r.status == "PLANNED" for r in releases)
    implemented = [m for m in register if m.stage == Stage.IMPLEMENTED and m.actual_release_id]
    assert len(implemented) >= 5
    for modification in implemented:  # implemented on its release's day
        implemented_on = modification.stage_changes.get(stage=Stage.IMPLEMENTED).on
        assert implemented_on == modification.actual_release.date, modification.reference
    in_flight = [m for m in register if not m.is_finished and m.target_release_id]
    assert len(in_flight) >= 10
    assert all(m.target_release.date >= today for m in in_flight)


def test_the_authority_decides_paths_1_and_2_with_each_outcome_and_self_governance_has_a_referral_window(register):
    decisions = list(AuthorityDecision.objects.select_related("modification", "letter"))
    assert {d.outcome for d in decisions} == {"APPROVE", "REJECT", "SEND_BACK"}
    assert all(d.modification.path in ("PATH_1", "PATH_2") and d.letter for d in decisions)
    sent_back = next(d.modification for d in decisions if d.outcome == "SEND_BACK")
    assert sent_back.stage == Stage.REPORT_PHASE
    assert any(m.stage == Stage.WITH_AUTHORITY for m in register)
    self_governed = [m for m in register if m.path == "PATH_3" and services.referral_window(m)]
    assert len(self_governed) >= 5
