"""Reminder e-mails to the owners of open actions that are overdue or due soon.

``plan_reminders`` works out who gets which actions; ``send_reminders`` sends one digest per
person. The rules, which ``panelbook send_action_reminders --help`` repeats:

- Only Open actions with a deadline (due date, else the date of the meeting they are due at)
  before today (overdue) or within the next N days (due soon). An action proposed to close is
  done and waits only for the body's confirmation, so it is not reminded.
- An action goes to its owning person when they have an e-mail address; otherwise to every
  person of its owning organisation who has one; otherwise to nobody, and it is reported as
  "no address for owner …". The owner text and the owning body alone give no address.
- A recipient hears only of actions they may see: a person linked to a user account gets what
  ``visible_to`` admits for that user; a person without an account gets only what the public
  may see (WHITE), since nothing ties the address to a signed-in user. An action that none of
  its recipients may see is reported, not dropped.
- A recipient's deadline is the one they may know (``Action.objects.read_by``): an action due at
  a meeting they may not see, with no due date of its own, is not dated for them, so they are not
  told of it and it is reported. The e-mail never gives a hidden meeting's date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import cast

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone

from panelbook.actions.models import Action
from panelbook.governance.models import Person


@dataclass
class Digest:
    """One person's e-mail: their overdue actions and those due soon, soonest first."""

    person: Person
    overdue: list[Action] = field(default_factory=list)
    due_soon: list[Action] = field(default_factory=list)
    deadlines: dict[int, dt.date | None] = field(default_factory=dict)  # as this person may know them


@dataclass
class Reminders:
    days: int
    today: dt.date
    digests: list[Digest] = field(default_factory=list)
    no_address: list[Action] = field(default_factory=list)
    unseen: list[Action] = field(default_factory=list)
    undated: list[Action] = field(default_factory=list)

    def report(self, *, sent: bool) -> list[str]:
        """Lines for the command's output: each digest, then each action nobody was told of."""
        verb = "Sent" if sent else "Would send"
        lines = [
            f"{verb} to {d.person.name} <{d.person.email}>: {len(d.overdue)} overdue, {len(d.due_soon)} due soon."
            for d in self.digests
        ]
        lines += [f"No address for owner {a.owner}: {a.reference}." for a in self.no_address]
        lines += [f"No recipient of {a.reference} (owner {a.owner}) may see it; nobody was told." for a in self.unseen]
        lines += [
            f"No recipient of {a.reference} (owner {a.owner}) may see the meeting it is due at; nobody was told."
            for a in self.undated
        ]
        return lines


def plan_reminders(days: int = 14, today: dt.date | None = None) -> Reminders:
    """Who is to be reminded of which Open actions are due by ``today + days`` (or overdue)."""
    today = today or timezone.localdate()
    plan = Reminders(days=days, today=today)
    actions = list(
        Action.objects.filter(status=Action.Status.OPEN)
        .in_force()
        .with_deadline()
        .filter(deadline_on__lte=today + dt.timedelta(days=days))
        .select_related("body", "owner_person__user", "owner_organisation")
        .order_by("deadline_on", "reference")
    )
    candidates: dict[int, list[Person]] = {}
    people: dict[int, Person] = {}
    staff: dict[int, list[Person]] = {}
    for action in actions:
        recipients = _recipients(action, staff)
        if not recipients:
            plan.no_address.append(action)
            continue
        candidates[action.pk] = recipients
        people.update((p.pk, p) for p in recipients)
    digests = {pk: Digest(person, deadlines=_deadlines(person, list(candidates))) for pk, person in people.items()}
    last_day = today + dt.timedelta(days=days)
    for action in actions:
        seeing = [p for p in candidates.get(action.pk, []) if action.pk in digests[p.pk].deadlines]
        readers = [p for p in seeing if (digests[p.pk].deadlines[action.pk] or dt.date.max) <= last_day]
        if action.pk in candidates and not seeing:
            plan.unseen.append(action)
        elif action.pk in candidates and not readers:
            plan.undated.append(action)
        for person in readers:
            digest = digests[person.pk]
            section = digest.overdue if (digest.deadlines[action.pk] or dt.date.max) < today else digest.due_soon
            section.append(action)
    filled = [d for d in digests.values() if d.overdue or d.due_soon]
    plan.digests = sorted(filled, key=lambda d: (d.person.name, d.person.pk))
    return plan


def send_reminders(plan: Reminders, base_url: str | None = None) -> int:
    """Send each digest through the configured e-mail backend; return how many were sent."""
    base_url = (base_url or settings.PANELBOOK_BASE_URL).rstrip("/")
    messages = [reminder_message(d, plan.days, base_url) for d in plan.digests]
    if not messages:
        return 0
    return get_connection().send_messages(messages) or 0


def reminder_message(digest: Digest, days: int, base_url: str) -> EmailMessage:
    counts = []
    if digest.overdue:
        counts.append(f"{len(digest.overdue)} overdue")
    if digest.due_soon:
        counts.append(f"{len(digest.due_soon)} due within {days} days")
    lines = [f"Dear {digest.person.name},", "", "These actions on the actions log are yours to take forward.", ""]
    for title, section in [("Overdue", digest.overdue), (f"Due within {days} days", digest.due_soon)]:
        if section:
            lines += [f"{title}:", ""]
            # Only actions with a deadline this person may know are put in a section.
            lines += [_action_lines(a, cast(dt.date, digest.deadlines[a.pk]), base_url) for a in section]
    lines += [
        "You receive this because you, or your organisation, are named as the owner of these actions.",
        "If an action is not yours, or is done, tell the secretariat so the log can be corrected.",
    ]
    return EmailMessage(
        subject=f"{settings.SITE_NAME}: your actions, {' and '.join(counts)}",
        body="\n".join(lines),
        to=[digest.person.email],
    )


def _action_lines(action: Action, deadline: dt.date, base_url: str) -> str:
    return (
        f"- {action.reference} ({action.body}), due {deadline:%d/%m/%Y}: {action.text}\n"
        f"  {base_url}{action.get_absolute_url()}\n"
    )


def _recipients(action: Action, staff: dict[int, list[Person]]) -> list[Person]:
    """The owning person if they have an address, else the organisation's people who have one."""
    if action.owner_person is not None and action.owner_person.email:
        return [action.owner_person]
    organisation = action.owner_organisation_id
    if organisation is None:
        return []
    if organisation not in staff:
        people = Person.objects.filter(organisation_id=organisation).exclude(email="").select_related("user")
        staff[organisation] = list(people.order_by("name", "pk"))
    return staff[organisation]


def _deadlines(person: Person, action_ids: list[int]) -> dict[int, dt.date | None]:
    """The actions the person may see, each with its deadline as they may know it (None: not dated)."""
    user = person.user if person.user_id else AnonymousUser()
    seen = Action.objects.read_by(user).filter(pk__in=action_ids)
    return dict(seen.values_list("pk", "deadline_on"))
