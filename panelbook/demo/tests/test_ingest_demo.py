"""The demo's ingested paper (``demo/data/ingest.yaml``): loaded once for this module with the
governance demo cut to two meetings, then checked against what the review queue and the checks
of papers against the data must show."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test.utils import override_settings

from panelbook.core.models import User
from panelbook.demo import loader
from panelbook.demo.builders import governance, ingest, performance
from panelbook.ingest.models import IngestedFile, Proposal
from panelbook.performance.stability_checks import checked_in_papers

pytestmark = pytest.mark.xdist_group("demo")


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    original = governance.GovernanceDemo.slots

    def two_meetings(builder):
        return [slot for slot in original(builder) if slot.body["code"] == "panel"][:2]

    media = tmp_path_factory.mktemp("demo-ingest-media")
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=hashers), django_db_blocker.unblock():
        with transaction.atomic():
            governance.GovernanceDemo.slots = two_meetings
            try:
                counts = loader.load(builders=[governance, performance, ingest])
            finally:
                governance.GovernanceDemo.slots = original
            yield counts
            transaction.set_rollback(True)


def test_the_paper_is_ingested_with_the_cpm1_figure_off_and_waiting_for_review(loaded, db):
    assert loaded["ingested papers"] == 1
    stored = IngestedFile.objects.get()
    assert stored.classification == "GREEN"
    (figure,) = Proposal.objects.filter(file=stored, record_type="measure")
    held, stated = figure.diff["value"]
    assert figure.change == "UPDATE" and round(stated - held, 3) == 0.4


def test_the_stability_it_states_is_borne_out_for_csp_n_and_the_month_and_not_for_smets1(loaded, db):
    checked = {c.says.split(" for ")[-1] if "days" in c.says else "count": c for c in checked_in_papers(
        User.objects.get(username="secretariat")
    )}  # fmt: skip
    assert checked["CSP N"].agrees
    assert checked["count"].agrees
    assert not checked["SMETS1"].agrees
    assert "from the incidents panelbook holds it had" in checked["SMETS1"].differences[0]
