"""The demo's budgets (``demo/data/budget.yaml``): loaded once for this module with the governance
demo cut to the Panel's meetings, then checked against what issue 15 asks the demo to hold: a
budget with two versions, one approved and published by its Working-Day rule, and its actuals."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from panelbook.budget.models import Budget, Spend, Stage, quarter_end, regulatory_year
from panelbook.budget.services import publication
from panelbook.demo import loader
from panelbook.demo.builders import budget, governance

pytestmark = pytest.mark.xdist_group("demo")


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    original = governance.GovernanceDemo.slots

    def panel_only(builder):
        return [slot for slot in original(builder) if slot.body["code"] == "panel"]

    media = tmp_path_factory.mktemp("demo-budget-media")
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=hashers), django_db_blocker.unblock():
        with transaction.atomic():
            governance.GovernanceDemo.slots = panel_only
            try:
                counts = loader.load(builders=[governance, budget])
            finally:
                governance.GovernanceDemo.slots = original
            yield counts
            transaction.set_rollback(True)


def test_this_years_budget_has_a_version_consulted_on_one_approved_and_a_draft_revision(loaded, db):
    this_year = Budget.objects.get(first_year=regulatory_year(timezone.localdate()))
    stages = list(this_year.versions.order_by("number").values_list("stage", flat=True))
    assert stages == [Stage.CONSULTED, Stage.APPROVED, Stage.DRAFT]
    approved = this_year.versions.get(stage=Stage.APPROVED)
    assert approved.classification == "WHITE" and approved.decision.body.kind == "PANEL"
    assert approved.publish_by == publication(approved).date > approved.approved_on


def test_the_spend_of_every_quarter_ended_is_recorded_and_none_of_one_not_ended(loaded, db):
    last_year = Budget.objects.get(first_year=regulatory_year(timezone.localdate()) - 1)
    assert {s.quarter for s in Spend.objects.filter(budget=last_year)} == {1, 2, 3, 4}
    this_year = Budget.objects.get(first_year=regulatory_year(timezone.localdate()))
    recorded = {s.quarter for s in Spend.objects.filter(budget=this_year)}
    # The demo spends in the first two quarters only; a quarter is recorded once it has ended.
    today = timezone.localdate()
    assert recorded == {q for q in (1, 2) if quarter_end(this_year.first_year, q) < today}
