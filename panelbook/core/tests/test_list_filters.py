"""Each list's page (and export) and its API endpoint read the same filters, applied by one matching()."""

import inspect

import pytest

from panelbook.actions import api as actions_api
from panelbook.actions.forms import ActionFilterForm, DecisionFilterForm
from panelbook.actions.models import Action, Decision
from panelbook.governance import api as governance_api
from panelbook.governance.forms import MeetingFilterForm, PaperFilterForm
from panelbook.governance.models import Meeting, Paper
from panelbook.modifications import api as modifications_api
from panelbook.modifications.forms import AssessmentFilterForm, ModificationFilterForm, ReleaseFilterForm
from panelbook.modifications.models import Assessment, Modification, Release

LISTS = [
    (Meeting, MeetingFilterForm, governance_api.MeetingFilters),
    (Paper, PaperFilterForm, governance_api.PaperFilters),
    (Action, ActionFilterForm, actions_api.ActionFilters),
    (Decision, DecisionFilterForm, actions_api.DecisionFilters),
    (Modification, ModificationFilterForm, modifications_api.ModificationFilters),
    (Assessment, AssessmentFilterForm, modifications_api.AssessmentFilters),
    (Release, ReleaseFilterForm, modifications_api.ReleaseFilters),
]


@pytest.mark.parametrize(("model", "form", "schema"), LISTS, ids=lambda item: getattr(item, "__name__", ""))
def test_the_page_and_the_api_of_a_list_name_the_same_filters(model, form, schema):
    assert set(form.base_fields) == set(schema.model_fields)


@pytest.mark.parametrize(("model", "form", "schema"), LISTS, ids=lambda item: getattr(item, "__name__", ""))
def test_matching_takes_every_filter_of_the_list(model, form, schema):
    parameters = inspect.signature(model.objects.matching).parameters
    assert set(form.base_fields) <= set(parameters)
