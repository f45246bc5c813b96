"""The constitution demo: ``constitution.yaml``'s term rules, every body's terms of reference in
two versions (each a WHITE paper approved by an ex-committee Panel decision), the seats of the
Panel, the SSC and the Operations Group (which the governance demo's memberships fill, each in the
seat of its party category), the Operations Group's first interim Chair and a year of appointments
to the places left free, and three elections (one contested, one uncontested, one still taking
nominations), all through ``constitution.services``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from panelbook.actions import services as actions
from panelbook.constitution import services
from panelbook.constitution.models import Appointment, Election, Seat, TermsOfReference
from panelbook.demo.conflict import DemoConflict
from panelbook.demo.documents import read
from panelbook.governance import services as governance
from panelbook.governance.models import Body, Meeting, Person
from panelbook.registers.services import months_after


def check_empty() -> None:
    if TermsOfReference.objects.exists() or Seat.objects.exists() or Election.objects.exists():
        raise DemoConflict("The database already holds terms of reference, seats or elections.")


def counts() -> dict[str, int]:
    return {
        "terms of reference": TermsOfReference.objects.count(),
        "seats": Seat.objects.count(),
        "appointments": Appointment.objects.count(),
        "elections": Election.objects.count(),
    }


def build(now: dt.datetime) -> None:
    today = timezone.localdate(now)
    document = read("constitution")
    bodies = {body.code: body for body in Body.objects.all()}
    names = {spec["key"]: spec["name"] for spec in read("people")["people"]}
    people = {person.name: person for person in Person.objects.select_related("organisation")}
    for rule in document["term_rules"]:
        services.set_term_rule(
            by=None,
            body=bodies.get(rule.get("body", "")),
            role=rule.get("role", ""),
            term_months=rule["months"],
            effective_from=months_after(today, -60),
            note=rule["note"],
        )
    for body in bodies.values():
        _terms(body, document["terms"], today)
    seats = _seats(document["seats"], bodies, today)
    for spec in document["appointments"]:
        _appoint(spec, seats, people[names[spec["person"]]], today)
    for spec in document["elections"]:
        _election(spec, seats, {key: people[names[key]] for key in spec["nominees"]}, today)


def _approval(body: Body, day: dt.date, text: str) -> Any:
    """The body's own ex-committee decision, on the last working day on or before ``day`` on which it
    held no meeting (the actions demo minutes the Panel's ex-committee decisions, so the Panel's own
    constitution is left to its meetings and given no decision here)."""
    if body.parent_id is None:
        return None
    held = {m.date for m in Meeting.objects.filter(body=body, status=Meeting.Status.HELD)}
    while day.weekday() >= 5 or day in held:
        day -= dt.timedelta(days=1)
    return actions.record_decision(by=None, verb="APPROVED", text=text, body=body, decided_on=day)


def _terms(body: Body, spec: dict[str, Any], today: dt.date) -> None:
    words = {"name": body.name, "short": body.short_name, "cadence": (body.cadence or "as needed").lower()}
    own = spec["own"].get(body.code, {})
    base = [own.get(n, line) for n, line in enumerate(spec["text"], start=1)]
    lines = [line.format(**words) for line in base]
    revised = [spec["revised"].get(n, line).format(**words) for n, line in enumerate(base, start=1)]
    revised.append(spec["extra"])
    for version, (months, text) in enumerate(
        [(spec["first_months_ago"], lines), (spec["revised_months_ago"], revised)], start=1
    ):
        day = months_after(today, -months)
        paper = governance.create_paper(
            by=None,
            body=body,
            reference=f"{body.paper_prefix}_TOR_V{version}",
            title=f"{body.short_name} Terms of Reference, version {version}",
            paper_date=day,
            published_at=governance.published_on(day),
        )
        decision = _approval(body, day, f"the {body.short_name} Terms of Reference, version {version}")
        services.add_terms(by=None, body=body, paper=paper, decision=decision, effective_from=day, text="\n".join(text))


def _seats(spec: dict[str, Any], bodies: dict[str, Body], today: dt.date) -> dict[tuple[str, str], Seat]:
    since = months_after(today, -spec["seats_months_ago"])
    made = {}
    for code, rows in spec.items():
        if code == "seats_months_ago":
            continue
        for row in rows:
            seat = services.set_seats(by=None, body=bodies[code], effective_from=since, **row)
            made[(code, row.get("party_category") or row["kind"])] = seat
    return made


def _appoint(spec: dict[str, Any], seats: dict, person: Person, today: dt.date) -> None:
    starts = months_after(today, -spec["months_ago"])
    ends = months_after(starts, spec["for_months"]) - dt.timedelta(days=1) if "for_months" in spec else None
    seat = seats[(spec["body"], spec["seat"])]
    services.appoint(
        by=None,
        seat=seat,
        person=person,
        appointed_as=spec.get("as", "MEMBER"),
        starts_on=starts,
        ends_on=ends,
        decision=_approval(seat.body, starts, spec["decision"]),
    )


def _election(spec: dict[str, Any], seats: dict, nominees: dict[str, Person], today: dt.date) -> None:
    close = months_after(today, -spec["nominations_close_months_ago"])
    election = services.call_election(
        by=None,
        seat=seats[(spec["body"], spec["seat"])],
        places=spec["places"],
        vacant_on=months_after(today, -spec["vacant_months_ago"]),
        nominations_close=close,
    )
    for person in nominees.values():
        services.nominate(election, by=None, person=person, nominated_on=close - dt.timedelta(days=14))
    if "declared_months_ago" not in spec:
        return
    votes = {nominees[key].pk: count for key, count in spec.get("votes", {}).items()}
    services.declare_result(
        election,
        by=None,
        declared_on=months_after(today, -spec["declared_months_ago"]),
        voters=spec.get("voters"),
        ballots=spec.get("ballots"),
        votes=votes or None,
    )
