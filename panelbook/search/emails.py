"""E-mails of the new results of saved searches: ``panelbook send_saved_searches``, run from cron.

``plan_emails`` works out who gets what; ``send_emails`` sends one e-mail per owner. The rules,
which ``panelbook send_saved_searches --help`` repeats:

- A saved search is due when its owner asked for daily or weekly e-mails and the last one was
  sent a day (a week) ago or more, an hour's slack allowed for the clock of cron; a deleted one,
  or one whose owner's account is inactive, is never due.
- It is run as its owner (``saved.newest_hits``: the newest results by date that the owner may
  see today) and only results not sent before are listed, each once.
- An owner with new results gets one e-mail for all their due searches, at their account's
  address, else at the address of the person linked to their account; with neither, nothing is
  sent and they are reported.
- What was sent is recorded only once the e-mail has gone, so a failure to send sends the same
  results again next time rather than losing them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from panelbook.core.models import User
from panelbook.governance.models import Person
from panelbook.search import engine as engines
from panelbook.search import saved
from panelbook.search.models import Frequency, SavedSearch

# How long after the last e-mail a saved search is due again; an hour less, so that a daily run
# of cron a little earlier than the day before still finds it due.
INTERVALS = {Frequency.DAILY: dt.timedelta(days=1), Frequency.WEEKLY: dt.timedelta(days=7)}
SLACK = dt.timedelta(hours=1)
# The keys of hits sent that a saved search keeps (the newest): a result older than these has long
# left the newest page of results, which is all an e-mail looks at.
SENT_KEYS_KEPT = 500


@dataclass
class Found:
    """One saved search's results not sent before."""

    saved: SavedSearch
    hits: list[engines.Hit]


@dataclass
class Email:
    """One owner's e-mail: the new results of each of their due saved searches."""

    owner: User
    address: str
    found: list[Found] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(each.hits) for each in self.found)


@dataclass
class Plan:
    emails: list[Email] = field(default_factory=list)
    no_address: list[User] = field(default_factory=list)

    def report(self, *, sent: bool) -> list[str]:
        """Lines for the command's output: each e-mail, then each owner who has no address."""
        verb = "Sent" if sent else "Would send"
        lines = []
        for email in self.emails:
            searches = ", ".join(f"“{each.saved.name}” ({len(each.hits)})" for each in email.found)
            who = f"{email.owner.username} <{email.address}>"
            lines.append(f"{verb} to {who}: {email.count} new results of {searches}.")
        lines += [f"No address for {owner.username}: their new results were not sent." for owner in self.no_address]
        return lines


def due(now: dt.datetime) -> list[SavedSearch]:
    """The saved searches whose e-mail is due at ``now``."""
    when = Q(last_sent_at__isnull=True)
    for frequency, interval in INTERVALS.items():
        when |= Q(frequency=frequency, last_sent_at__lte=now - interval + SLACK)
    searches = SavedSearch.objects.followed().exclude(frequency=Frequency.OFF).filter(when)
    return list(searches.select_related("owner", "body").order_by("owner__username", "name", "pk"))


def plan_emails(now: dt.datetime | None = None) -> Plan:
    """Who is to be e-mailed which new results of their due saved searches."""
    plan, emails = Plan(), {}
    for each in due(now or timezone.now()):
        sent_before = set(each.sent_keys)
        new = [hit for hit in saved.newest_hits(each) if hit.key not in sent_before]
        if not new:
            continue
        owner = each.owner
        if owner.pk not in emails:
            emails[owner.pk] = Email(owner, address_of(owner))
        emails[owner.pk].found.append(Found(each, new))
    for email in emails.values():
        if email.address:
            plan.emails.append(email)
        else:
            plan.no_address.append(email.owner)
    return plan


def address_of(user: User) -> str:
    """The user's own address, else that of the person linked to their account ("" for none)."""
    if user.email:
        return user.email
    person = Person.objects.filter(user=user).exclude(email="").values_list("email", flat=True).first()
    return person or ""


def send_emails(plan: Plan, base_url: str | None = None, now: dt.datetime | None = None) -> int:
    """Send each e-mail, recording what it held once it has gone; return how many were sent."""
    base_url = (base_url or settings.PANELBOOK_BASE_URL).rstrip("/")
    sent = 0
    with get_connection() as connection:
        for email in plan.emails:
            if connection.send_messages([message(email, base_url)]):
                record_sent(email, now or timezone.now())
                sent += 1
    return sent


def record_sent(email: Email, at: dt.datetime) -> None:
    """Keep the keys of the results an e-mail held, so that they are not sent again."""
    for each in email.found:
        new = [hit.key for hit in each.hits]
        kept = new + [key for key in each.saved.sent_keys if key not in set(new)]
        # Not a person's change to the saved search, so no history row: only the e-mail's record.
        SavedSearch.objects.filter(pk=each.saved.pk).update(sent_keys=kept[:SENT_KEYS_KEPT], last_sent_at=at)


def message(email: Email, base_url: str) -> EmailMessage:
    labels = saved.kind_labels()
    name = email.owner.get_full_name() or email.owner.username
    lines = [f"Dear {name},", "", "These are the new results of your saved searches, as you may see them today.", ""]
    for each in email.found:
        lines += [f"“{each.saved.name}”: {saved.described(each.saved, labels)}", ""]
        lines += [_hit_lines(hit, labels, base_url) for hit in each.hits]
    lines += [
        "Each result is sent to you once. To change what a search looks for, how often it is e-mailed, "
        f"or to stop these e-mails, go to your saved searches: {base_url}{reverse('search:saved_list')}",
    ]
    count = email.count
    return EmailMessage(
        subject=f"{settings.SITE_NAME}: {count} new result{'' if count == 1 else 's'} of your saved searches",
        body="\n".join(lines),
        to=[email.address],
    )


def _hit_lines(hit: engines.Hit, labels: dict[str, str], base_url: str) -> str:
    details = [labels.get(hit.kind, hit.kind)]
    if hit.day:
        details.append(f"{hit.day:%d/%m/%Y}")
    if hit.level != "WHITE":
        details.append(hit.level)
    link = f"{base_url}{hit.url}" if hit.url else ""
    return f"- {hit.title} ({', '.join(details)})\n  {link}\n  {saved.plain_snippet(hit)}\n"
