"""Every form's model choices, as every role: a form offers only records the person may see.

The forms are found, not listed: every Form and ModelForm defined in a panelbook app's
``forms.py``. A form whose choices are over a classified model (a declared record type with a
``gate``, read from ``core.records``) must take
the acting user (``user=``) and set its querysets through ``visible_to``. Each form is built as
the views build it, from the keyword arguments its ``__init__`` asks for, for each role of the
``world`` fixture; no choice may be a record the role may not see, and no canary of a level the
role may not see may appear in the rendered form. A new form that offers an unscoped model
choice fails here without anyone having to add it to a list.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
from types import SimpleNamespace

import pytest
from django import forms
from django.apps import apps

from panelbook.actions import services as actions
from panelbook.conftest import ENTITLED_LEVELS, app_canaries
from panelbook.core.classification import Classification
from panelbook.core.records import record_type
from panelbook.governance import services as governance
from panelbook.governance.models import MeetingChange

LEVELS = Classification.values


def canary(kind: str, level: str) -> str:
    return f"CANARY-{kind}-{level}-c40e"


def project_forms() -> list[type[forms.BaseForm]]:
    """Every form class defined in the forms.py of a panelbook app."""
    found = []
    for config in apps.get_app_configs():
        name = f"{config.name}.forms"
        if not config.name.startswith("panelbook.") or importlib.util.find_spec(name) is None:
            continue
        module = importlib.import_module(name)
        found += [
            cls
            for cls in vars(module).values()
            if inspect.isclass(cls) and issubclass(cls, forms.BaseForm) and cls.__module__ == name
        ]
    return found


def keyword_arguments(form_class: type[forms.BaseForm]) -> dict[str, inspect.Parameter]:
    parameters = inspect.signature(form_class.__init__).parameters.values()
    return {p.name: p for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY}


def classified_choice_fields(form: forms.BaseForm) -> dict[str, forms.ModelChoiceField]:
    """The fields that offer records of a classified model (ModelMultipleChoiceField included)."""
    return {
        name: field
        for name, field in form.fields.items()
        if isinstance(field, forms.ModelChoiceField)
        and field.queryset is not None
        and is_classified(field.queryset.model)
    }


def is_classified(model) -> bool:
    declared = record_type(model)
    return declared is not None and declared.gate is not None


@pytest.fixture
def canaries(world, make_meeting):
    """A WHITE host meeting held yesterday, with its paper, action and minutes, and at each level: a
    later meeting, an item of the host meeting, a paper and an appendix of the host paper, an
    action and a decision. Every record hidden from a role is a candidate for some form's choice."""
    host = make_meeting(number=1, days_ahead=-1, by=None)
    host_item = governance.add_agenda_item(host, by=None, title="Host item")
    host_paper = governance.create_paper(by=None, agenda_item=host_item, title="Host paper", paper_date=world.today)
    for number, level in enumerate(LEVELS, start=10):
        named = {"recipients": [world.users.recipient]} if level == "RED" else {}
        make_meeting(number=number, days_ahead=number, classification=level, by=None, **named)
        item = governance.add_agenda_item(host, by=None, title=canary("item", level), classification=level, **named)
        governance.create_paper(
            by=None,
            agenda_item=host_item,
            reference=f"SECP_CANARY_{level}",
            title=canary("paper", level),
            paper_date=world.today,
            classification=level,
            **named,
        )
        governance.add_appendix(
            host_paper,
            by=None,
            label=f"Appendix {level}",
            title=canary("appendix", level),
            classification=level,
            **named,
        )
        actions.raise_action(host, by=None, text=canary("action", level), owner="SECAS", classification=level, **named)
        actions.record_decision(
            by=None,
            meeting=host,
            agenda_item=item,
            verb="NOTED",
            text=canary("decision", level),
            classification=level,
            **named,
        )
        for add_canaries in app_canaries():
            add_canaries(world, level, named)
    action = actions.raise_action(host, by=None, text="Host action", owner="SECAS")
    minutes = actions.start_minutes(host, by=None)
    return SimpleNamespace(meeting=host, paper=host_paper, action=action, minutes=minutes)


def build(form_class, user, canaries) -> forms.BaseForm:
    """The form as a view builds it for ``user``: every keyword argument it takes, from the canaries."""
    known = {**vars(canaries), "user": user, "payload": {}, "change": MeetingChange.CANCEL}
    arguments = {}
    for name, parameter in keyword_arguments(form_class).items():
        if name in known:
            arguments[name] = known[name]
        else:
            assert parameter.default is not inspect.Parameter.empty, (
                f"{form_class.__qualname__} needs {name}=, which this test cannot give: add it to build()."
            )
    return form_class(**arguments)


def test_the_forms_are_found():
    names = {cls.__name__ for cls in project_forms()}
    assert {"ActionForm", "ActionStatusForm", "PaperForm", "UploadForm", "ProposalEditForm"} <= names


# The canary world takes seconds to build, so each test builds it once and walks every form in it,
# naming every form that fails rather than stopping at the first.


def test_a_form_offering_classified_records_takes_the_acting_user(world, canaries):
    problems = []
    for form_class in project_forms():
        offered = classified_choice_fields(build(form_class, world.users.secretariat, canaries))
        if offered and "user" not in keyword_arguments(form_class):
            problems.append(
                f"{form_class.__module__}.{form_class.__qualname__} offers {', '.join(offered)} but does not take "
                "the acting user: take user= and set the querysets through visible_to(user)."
            )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("role", sorted(ENTITLED_LEVELS))
def test_a_forms_choices_hold_only_what_each_role_may_see(world, canaries, role):
    user = getattr(world.users, role)
    problems = []
    for form_class in project_forms():
        form = build(form_class, user, canaries)
        name_of = f"{form_class.__module__}.{form_class.__qualname__}"
        for name, field in classified_choice_fields(form).items():
            model = field.queryset.model
            visible = set(model.objects.visible_to(user).values_list("pk", flat=True))
            if not set(field.queryset.values_list("pk", flat=True)) <= visible:
                problems.append(f"{name_of}.{name} offers {model.__name__} records {role} may not see")
            assert model.objects.visible_to(world.users.public).count() < model.objects.count(), (
                f"The canary world has no {model.__name__} hidden from the public: add one to canaries()."
            )
        problems += hidden_canaries(str(form), role, name_of)
    assert not problems, "\n".join(problems)


def hidden_canaries(rendered: str, role: str, name_of: str) -> list[str]:
    return [
        f"{name_of} shows {role} the {level} {kind} canary"
        for level in sorted(set(LEVELS) - ENTITLED_LEVELS[role])
        for kind in ("item", "paper", "appendix", "action", "decision")
        if canary(kind, level) in rendered
    ]
