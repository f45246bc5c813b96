import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from panelbook.assurance import reports, services
from panelbook.assurance.models import CountSuppression, DirectorsLetter, SecurityAssessment
from panelbook.assurance.tests.helpers import holding, party, role, ssc

D = dt.date


@pytest.fixture
def assessed(world):
    body = ssc(world)
    p = party("Larkspur Energy", acceded=D(2024, 1, 5))
    holding(p)
    return p, body


def record(p, body, **extra):
    fields = {"kind": "FUSA", "cio": "Independent Assurance Ltd", "reported_on": D(2024, 3, 1), **extra}
    return services.record_assessment(by=None, party=p, role=role(), body=body, **fields)


def test_an_assessment_is_red_and_named_to_the_ssc_and_the_secretariat(world, assessed):
    assessment = record(*assessed)
    assert assessment.classification == "RED"
    assert set(assessment.recipients.all()) == {world.users.ssc_member, world.users.secretariat}


def test_an_organisation_that_is_not_a_party_is_refused_by_name(world, assessed):
    with pytest.raises(ValidationError) as refused:
        record(world.supplier, assessed[1])
    assert refused.value.message_dict["party"] == [
        "Northwind Energy Ltd is not a SEC Party; admit it before recording its assessments."
    ]
    assert not SecurityAssessment.objects.exists()


def test_a_role_the_party_does_not_hold_is_refused(world, assessed):
    p, body = assessed
    with pytest.raises(ValidationError) as refused:
        services.record_assessment(by=None, party=p, role=role("gas-transporter"), kind="FUSA", cio="X", body=body)
    assert "Larkspur Energy does not hold the User Role Gas Transporter" in refused.value.message_dict["role"][0]


def test_a_status_not_in_the_set_is_refused_and_nothing_is_stored(world, assessed):
    assessment = record(*assessed)
    with pytest.raises(ValidationError) as refused:
        services.set_status(assessment, by=None, status="PASSED", set_on=D(2024, 3, 5), set_by=assessed[1])
    assert "“PASSED” is not an assurance status" in refused.value.message_dict["status"][0]
    assessment.refresh_from_db()
    assert assessment.status == ""


def test_an_approval_subject_to_conditions_says_what_they_are(world, assessed):
    assessment = record(*assessed)
    with pytest.raises(ValidationError) as refused:
        services.set_status(assessment, by=None, status="APPROVED_SUBJECT", set_on=D(2024, 3, 5), set_by=assessed[1])
    assert "conditions" in refused.value.message_dict
    services.set_status(
        assessment,
        by=None,
        status="APPROVED_SUBJECT",
        set_on=D(2024, 3, 5),
        set_by=assessed[1],
        conditions="Remediate G5.14 by June",
        delegation="SEC G8.34, delegated August 2017",
    )
    assessment.refresh_from_db()
    assert (assessment.status, assessment.delegation) == ("APPROVED_SUBJECT", "SEC G8.34, delegated August 2017")


def test_a_type_not_in_the_set_is_refused(world, assessed):
    with pytest.raises(ValidationError) as refused:
        record(*assessed, kind="AUDIT")
    assert "kind" in refused.value.message_dict


def test_a_letter_must_follow_an_assessment_of_its_kind(world, assessed):
    assessment = record(*assessed)
    with pytest.raises(ValidationError) as refused:
        services.record_letter(by=None, assessment=assessment, trigger="VUSA", received_on=D(2024, 3, 9))
    assert "trigger" in refused.value.message_dict
    assert not DirectorsLetter.objects.exists()


def test_a_voided_assessment_leaves_the_counts(world, assessed):
    assessment = record(*assessed)
    services.set_status(assessment, by=None, status="APPROVED", set_on=D(2024, 3, 5), set_by=assessed[1])
    assert reports.assurance_counts(None, D(2024, 1, 1), D(2024, 12, 31)).decisions.value == 1
    services.void_assessment(assessment, by=None, reason="Recorded twice")
    assert reports.assurance_counts(None, D(2024, 1, 1), D(2024, 12, 31)).decisions.value == 0


def test_counts_say_what_the_sub_committee_report_says(world, assessed):
    p, body = assessed
    for kind, n in [("FUSA", 5), ("VUSA", 1), ("FOLLOW_UP", 1)]:
        for _ in range(n):
            a = record(p, body, kind=kind)
            services.set_status(a, by=None, status="APPROVED", set_on=D(2024, 3, 5), set_by=body)
    assert reports.assurance_counts(None, D(2024, 3, 1), D(2024, 3, 31)).in_words() == (
        "5 FUSAs, 1 VUSA and 1 follow-up assessment"
    )


def test_a_count_below_the_threshold_is_withheld_and_so_is_the_next_smallest(world, assessed):
    CountSuppression.objects.create(effective_from=D(2020, 1, 1), smallest_shown=3)
    p, body = assessed
    for kind, n in [("FUSA", 5), ("VUSA", 4), ("SSA", 1)]:
        for _ in range(n):
            a = record(p, body, kind=kind)
            services.set_status(a, by=None, status="APPROVED", set_on=D(2024, 3, 5), set_by=body)
    found = {c.key: c.value for c in reports.assurance_counts(None, D(2024, 3, 1), D(2024, 3, 31)).by_kind}
    assert found == {"FUSA": 5, "VUSA": None, "SSA": None, "FOLLOW_UP": 0}


def test_withholding_leaves_no_single_gap_to_work_out():
    assert reports.withhold({"a": 6, "b": 1, "c": 4, "d": 0}, set(), 3) == {"a": 6, "b": None, "c": None, "d": 0}
    assert reports.withhold({"a": 6, "b": 5}, {"a"}, 1) == {"a": None, "b": None}
    assert reports.withhold({"a": 6, "b": 5}, set(), 1) == {"a": 6, "b": 5}
