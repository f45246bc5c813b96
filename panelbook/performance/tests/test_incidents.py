"""Opening, recategorising, restoring, closing, correcting and voiding an incident."""

import pytest
from django.core.exceptions import ValidationError

from panelbook.performance import incident_services as services
from panelbook.performance.tests.incident_rows import at, open_one, reference_data


@pytest.fixture
def ref(db):
    return reference_data()


def refusal(error: ValidationError) -> dict:
    return error.value.message_dict  # type: ignore[attr-defined]


def test_an_incident_opens_at_its_first_category_with_its_history_starting_then(ref):
    incident = open_one(services=[ref.csp_n], regions=[ref.north])
    assert (incident.category, incident.worst_category) == (3, 3)
    assert [(c.category, c.at) for c in incident.changes.all()] == [(3, at("2024-02-13", "10:27"))]
    assert incident.root_cause_or_status == "Under investigation"


def test_escalation_keeps_each_category_and_its_time_and_the_worst_reached(ref):
    incident = open_one(services=[ref.csp_n])
    services.recategorise(incident, by=None, category=2, at=at("2024-02-13", "11:04"), reason="More Users affected.")
    services.recategorise(incident, by=None, category=1, at=at("2024-02-13", "11:46"), reason="Installs stopped.")
    incident.refresh_from_db()
    assert [c.category for c in incident.changes.all()] == [3, 2, 1]
    assert (incident.category, incident.worst_category) == (1, 1)
    services.recategorise(incident, by=None, category=2, at=at("2024-02-13", "13:00"), reason="Partly restored.")
    incident.refresh_from_db()
    assert (incident.category, incident.worst_category) == (2, 1)


@pytest.mark.parametrize(
    "reference, problem",
    [("INC12", "INC followed by 6 to 15 digits"), ("PRB000000435359", "INC followed by 6 to 15 digits")],
)
def test_a_reference_that_is_not_inc_and_digits_is_refused_on_its_field(ref, reference, problem):
    with pytest.raises(ValidationError) as error:
        open_one(reference, services=[ref.csp_n])
    assert problem in refusal(error)["reference"][0]


@pytest.mark.parametrize("category", [0, 6])
def test_a_category_outside_one_to_five_is_refused_on_its_field(ref, category):
    with pytest.raises(ValidationError) as error:
        open_one(services=[ref.csp_n], category=category)
    assert refusal(error)["category"] == [f"An incident category is 1 (most severe) to 5, not {category}."]


def test_a_recategorisation_dated_before_the_last_one_is_refused(ref):
    incident = open_one(services=[ref.csp_n])
    services.recategorise(incident, by=None, category=2, at=at("2024-02-13", "11:04"), reason="Wider.")
    with pytest.raises(ValidationError) as error:
        services.recategorise(incident, by=None, category=1, at=at("2024-02-13", "11:00"), reason="Worse.")
    assert refusal(error)["at"] == [
        "The last change of category was at 13/02/2024 11:04; a later one cannot be dated before it."
    ]
    assert incident.changes.count() == 2


def test_a_restoration_before_the_incident_opened_is_refused(ref):
    incident = open_one(services=[ref.csp_n])
    with pytest.raises(ValidationError) as error:
        services.record_restoration(incident, by=None, service_line=ref.csp_n, restored_at=at("2024-02-13", "10:00"))
    assert refusal(error)["restored_at"] == [
        "It cannot be restored (13/02/2024 10:00) before it opened (13/02/2024 10:27)."
    ]


def test_a_restoration_of_a_service_the_incident_did_not_affect_is_refused(ref):
    incident = open_one(services=[ref.csp_n])
    with pytest.raises(ValidationError, match="DSP is not among the services"):
        services.record_restoration(incident, by=None, service_line=ref.dsp, restored_at=at("2024-02-13", "12:00"))


def test_a_second_restoration_time_for_a_line_needs_a_reason_and_replaces_the_first(ref):
    incident = open_one(services=[ref.csp_n])
    services.record_restoration(incident, by=None, service_line=ref.csp_n, restored_at=at("2024-02-13", "12:00"))
    with pytest.raises(ValidationError, match="say why it changes"):
        services.record_restoration(incident, by=None, service_line=ref.csp_n, restored_at=at("2024-02-13", "12:30"))
    services.record_restoration(
        incident, by=None, service_line=ref.csp_n, restored_at=at("2024-02-13", "12:30"), reason="Customers confirmed."
    )
    assert [r.restored_at for r in incident.restorations.all()] == [at("2024-02-13", "12:30")]


def test_closing_before_the_incident_opened_is_refused(ref):
    incident = open_one(services=[ref.csp_n])
    with pytest.raises(ValidationError) as error:
        services.close_incident(incident, by=None, closed=at("2024-02-12", "12:00"))
    assert "before it opened" in refusal(error)["closed"][0]
    incident.refresh_from_db()
    assert incident.is_open


def test_closing_sets_the_time_and_the_root_cause(ref):
    incident = open_one(services=[ref.csp_n])
    services.close_incident(incident, by=None, closed=at("2024-02-13", "14:38"), root_cause="A stuck query.")
    incident.refresh_from_db()
    assert not incident.is_open and incident.root_cause_or_status == "A stuck query."
    with pytest.raises(ValidationError, match="correct it to change that"):
        services.close_incident(incident, by=None, closed=at("2024-02-13", "15:00"))


def test_a_correction_keeps_the_reason_and_moves_the_first_category_with_the_opening(ref):
    incident = open_one(services=[ref.csp_n])
    services.correct_incident(incident, by=None, reason="Typed the wrong hour.", opened=at("2024-02-13", "09:27"))
    incident.refresh_from_db()
    assert incident.opened == at("2024-02-13", "09:27")
    assert incident.changes.get().at == at("2024-02-13", "09:27")
    assert incident.history.first().history_change_reason == "Corrected: Typed the wrong hour."


def test_a_correction_that_would_put_the_opening_after_a_restoration_is_refused(ref):
    incident = open_one(services=[ref.csp_n])
    services.record_restoration(incident, by=None, service_line=ref.csp_n, restored_at=at("2024-02-13", "11:00"))
    with pytest.raises(ValidationError) as error:
        services.correct_incident(incident, by=None, reason="Later.", opened=at("2024-02-13", "11:30"))
    assert "CSP N was restored at 13/02/2024 11:00" in refusal(error)["opened"][0]
    incident.refresh_from_db()
    assert incident.opened == at("2024-02-13", "10:27")


def test_a_correction_needs_a_reason_and_a_change(ref):
    incident = open_one(services=[ref.csp_n])
    with pytest.raises(ValidationError, match="Say why"):
        services.correct_incident(incident, by=None, reason="", title="Another")
    with pytest.raises(ValidationError, match="Nothing was changed"):
        services.correct_incident(incident, by=None, reason="Same.", title=incident.title)


def test_a_void_incident_leaves_the_lists_and_takes_no_changes_until_restored(ref):
    incident = open_one(services=[ref.csp_n])
    services.void_incident(incident, by=None, reason="Logged twice.")
    assert not type(incident).objects.in_force().exists()
    with pytest.raises(ValidationError, match="restore it before"):
        services.recategorise(incident, by=None, category=2, at=at("2024-02-13", "11:00"), reason="Wider.")
    services.restore_incident(incident, by=None, reason="It was not a duplicate.")
    assert type(incident).objects.in_force().count() == 1


def test_a_reference_already_logged_is_refused(ref):
    open_one(services=[ref.csp_n])
    with pytest.raises(ValidationError, match="INC000000000101 is already logged"):
        open_one(services=[ref.csp_n])


def test_a_target_is_in_hours_or_working_days_not_both(ref):
    with pytest.raises(ValidationError, match="one of the two"):
        services.set_target_resolution_time(by=None, category=5, effective_from=at("2024-01-01").date())
