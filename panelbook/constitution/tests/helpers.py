"""What the constitution's tests build on: an ex-committee decision, a terms paper, Panel seats."""

import datetime as dt

from panelbook.actions import services as actions
from panelbook.constitution import services
from panelbook.governance import services as governance
from panelbook.governance.models import Organisation, Person

YEAR_AGO = dt.date(2025, 4, 1)


def decision(body, on=YEAR_AGO, text="the appointment"):
    return actions.record_decision(by=None, verb="APPROVED", text=text, body=body, decided_on=on)


def terms_paper(body, reference, classification="WHITE"):
    return governance.create_paper(
        by=None, body=body, reference=reference, title="Terms of Reference", paper_date=YEAR_AGO,
        classification=classification,
    )  # fmt: skip


def person(name, category="SMALL_SUPPLIER"):
    organisation, _ = Organisation.objects.get_or_create(name=f"{category.title()} Ltd", party_category=category)
    return Person.objects.create(name=name, organisation=organisation)


def small_supplier_seats(body, count=2):
    services.set_term_rule(by=None, body=body, term_months=24, effective_from=dt.date(2020, 1, 1), note="Test rule")
    return services.set_seats(
        by=None, body=body, kind="ELECTED", party_category="SMALL_SUPPLIER", count=count,
        effective_from=dt.date(2020, 1, 1),
    )  # fmt: skip
