"""Shared makers for the assurance tests: an SSC with a member, parties with roles."""

from __future__ import annotations

import datetime as dt

from panelbook.assurance import services
from panelbook.assurance.models import Party, PartyRole, UepStep, UserRole
from panelbook.conftest import make_user
from panelbook.governance.models import Body, Membership, Organisation, Person


def ssc(world) -> Body:
    """The SSC, with ``world.users.ssc_member`` as its current member."""
    body, created = Body.objects.get_or_create(
        code="ssc",
        defaults={"name": "Security Sub-Committee", "short_name": "SSC", "paper_prefix": "SSC", "action_prefix": "SSC"},
    )
    if created:
        world.users.ssc_member = make_user("ssc_member")
        person = Person.objects.create(name="Sam Sec", user=world.users.ssc_member)
        Membership.objects.create(body=body, person=person, start_date=world.today - dt.timedelta(days=100))
    return body


def role(code: str = "import-supplier") -> UserRole:
    return UserRole.objects.get(code=code)


def party(
    name: str, *, acceded: dt.date, countersigned: dt.date | None = None, category: str = "SMALL_SUPPLIER"
) -> Party:
    organisation = Organisation.objects.create(name=name)
    return services.admit_party(
        by=None, organisation=organisation, category=category, acceded_on=acceded, countersigned_on=countersigned
    )


def holding(p: Party, code: str = "import-supplier", applied: dt.date | None = None) -> PartyRole:
    return services.add_role(p, by=None, role=role(code), applied_on=applied or p.acceded_on)


def complete(party_role: PartyRole, on: dt.date) -> PartyRole:
    for step in UepStep.objects.filter(is_active=True):
        services.complete_step(party_role, by=None, step=step, completed_on=on)
    party_role.refresh_from_db()
    return party_role
