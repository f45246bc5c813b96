"""The SEC Parties and security assurance demo, from ``assurance.yaml``.

The governance organisations that are SEC Parties become Parties and more organisations are made
(as the admin would make them) from the document's word lists; roles, User Entry Process steps,
assessments, findings and Director's letters go through ``assurance.services``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.utils import timezone

from panelbook.assurance import services
from panelbook.assurance.models import DirectorsLetter, Party, PartyRole, SecurityAssessment, UepStep, UserRole
from panelbook.demo.conflict import DemoConflict
from panelbook.demo.dates import add_months
from panelbook.demo.documents import read
from panelbook.governance.models import Body, Organisation

TRIGGERS = {"VUSA": "VUSA", "SSA": "SSA"}


def check_empty() -> None:
    if Party.objects.exists() or SecurityAssessment.objects.exists():
        raise DemoConflict("The database already holds SEC Parties or security assessments.")


def counts() -> dict[str, int]:
    return {
        "SEC Parties": Party.objects.count(),
        "parties' user roles": PartyRole.objects.count(),
        "user security assessments": SecurityAssessment.objects.count(),
        "Director's letters": DirectorsLetter.objects.count(),
    }


def _months_ago(today: dt.date, months: float) -> dt.date:
    whole = int(months)
    return add_months(today, -whole) - dt.timedelta(days=round((months - whole) * 30))


def build(now: dt.datetime) -> None:
    today = timezone.localdate(now)
    document = read("assurance")
    roles = {role.code: role for role in UserRole.objects.all()}
    steps = list(UepStep.objects.filter(is_active=True))

    parties = _parties(document, today)
    held = {}
    for number, party in enumerate(parties):
        held[party.pk] = _roles(party, document["roles_by_category"][party.category], roles, steps, today, number)

    _assessments(document, [p for p in parties if held[p.pk]], held, today)


def _parties(document: dict[str, Any], today: dt.date) -> list[Party]:
    more = document["more_parties"]
    every_name = (f"{word} {ending}" for ending, word in itertools.product(more["endings"], more["names"]))
    names = itertools.islice(every_name, more["count"])
    made = Organisation.objects.bulk_create(
        Organisation(name=name, party_category=category, is_sec_party=True)
        for name, category in zip(names, itertools.cycle(more["categories"]), strict=False)
        if not Organisation.objects.filter(name=name).exists()
    )
    organisations = [*Organisation.objects.filter(is_sec_party=True).exclude(pk__in=[o.pk for o in made]), *made]
    spread = itertools.cycle(more["acceded_months_ago"])
    parties = []
    for organisation in organisations:
        acceded = _months_ago(today, next(spread))
        parties.append(
            services.admit_party(
                by=None,
                organisation=organisation,
                acceded_on=acceded,
                countersigned_on=min(acceded + dt.timedelta(days=10), today),
            )
        )
    return parties


def _roles(party: Party, codes: list[str], roles: dict, steps: list, today: dt.date, number: int) -> list[PartyRole]:
    held = []
    for code in codes:
        applied = party.acceded_on + dt.timedelta(days=14)
        if applied > today:
            continue
        party_role = services.add_role(party, by=None, role=roles[code], applied_on=applied)
        # Most roles have completed the process; every seventh party is part of the way through.
        done = steps if number % 7 else steps[:2]
        completed = [(step, min(applied + dt.timedelta(days=20 * n), today)) for n, step in enumerate(done, start=1)]
        services.complete_steps(party_role, by=None, completed=completed)
        held.append(party_role)
    return held


def _assessments(document: dict[str, Any], parties: list[Party], held: dict, today: dt.date) -> None:
    body = Body.objects.get(code=document["body"])
    pattern = document["assessment_pattern"]
    findings = itertools.cycle(document["findings"])
    letters = document["letters"]
    seen_fusa: set[int] = set()
    for number in range(pattern["count"]):
        party = parties[number % len(parties)]
        kind = pattern["kinds"][number % len(pattern["kinds"])]
        status = pattern["statuses"][number % len(pattern["statuses"])]
        reported = today - dt.timedelta(days=6 + (number * 359) // pattern["count"])
        assessment = services.record_assessment(
            by=None,
            party=party,
            role=held[party.pk][0].role,
            kind=kind,
            cio=document["cio"],
            body=body,
            fieldwork_from=reported - dt.timedelta(days=30),
            fieldwork_to=reported - dt.timedelta(days=21),
            reported_on=reported,
            is_identifying=number % document["identifying_every"] == 0,
        )
        if reported + dt.timedelta(days=14) <= today:
            conditions = (
                "Close the findings by the dates agreed with the User CIO." if status == "APPROVED_SUBJECT" else ""
            )
            services.set_status(
                assessment,
                by=None,
                status=status,
                set_on=reported + dt.timedelta(days=14),
                set_by=body,
                delegation=document["delegation"],
                conditions=conditions,
            )
        if status != "APPROVED":
            spec = next(findings)
            services.record_finding(assessment, by=None, due_on=reported + dt.timedelta(days=90), **spec)
        if kind != "FOLLOW_UP" and number % letters["every"] == 0:
            trigger = TRIGGERS.get(kind) or ("SUBSEQUENT_FUSA" if party.pk in seen_fusa else "INITIAL_FUSA")
            reviewed = reported + dt.timedelta(days=28)
            services.record_letter(
                by=None,
                assessment=assessment,
                trigger=trigger,
                received_on=reported + dt.timedelta(days=20),
                reviewed_on=reviewed if reviewed <= today else None,
                summary=letters["summary"],
            )
        if kind == "FUSA":
            seen_fusa.add(party.pk)
