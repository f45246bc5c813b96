"""The assurance app's part of the canary worlds (core/tests/test_record_types.py, test_form_choices.py)."""

import datetime as dt

from panelbook.assurance import services
from panelbook.assurance.models import Party, UserRole
from panelbook.governance.models import Organisation


def add(world, level: str, named: dict) -> None:
    """An assessment with a finding and a letter at ``level``, reviewed by the Panel (so AMBER is for
    its members; RED for ``named`` and the secretariat, whom the verbs name)."""
    role = UserRole.objects.get(code="import-supplier")
    party = Party.objects.filter(organisation__name="Canary Party Ltd").first()
    if party is None:
        organisation = Organisation.objects.create(name="Canary Party Ltd")
        party = services.admit_party(
            by=None, organisation=organisation, category="OTHER", acceded_on=dt.date(2024, 1, 1)
        )
        services.add_role(party, by=None, role=role, applied_on=dt.date(2024, 1, 1))
    assessment = services.record_assessment(
        by=None,
        party=party,
        role=role,
        kind="FUSA",
        cio="Canary CIO",
        body=world.panel,
        summary=f"Canary assessment {level}",
        classification=level,
        **named,
    )
    services.record_finding(assessment, by=None, finding=f"Canary finding {level}")
    services.record_letter(
        by=None,
        assessment=assessment,
        trigger="INITIAL_FUSA",
        received_on=dt.date(2024, 2, 1),
        classification=level,
        **named,
    )
