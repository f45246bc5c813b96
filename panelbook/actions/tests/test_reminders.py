"""Reminder e-mails to action owners: who gets what, in which section, and what is reported."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from panelbook.actions import services
from panelbook.governance.models import Person


def remind(*args: str) -> str:
    out = io.StringIO()
    call_command("send_action_reminders", *args, stdout=out)
    return out.getvalue()


def person(world, role: str, email: str) -> Person:
    owner = getattr(world.users, role).person
    owner.email = email
    owner.save()
    return owner


def due_in(world, panel_meetings, days: int, text: str = "SECAS to publish the register.", **owner):
    due = world.today + dt.timedelta(days=days)
    return services.raise_action(panel_meetings[0], by=None, text=text, owner="SECAS", due_date=due, **owner)


@pytest.fixture
def member(world):
    return person(world, "member", "member@northwind.example")


def test_an_owner_gets_one_digest_with_overdue_and_due_soon_sections(world, panel_meetings, member, mailoutbox):
    late = due_in(world, panel_meetings, -3, "Late action.", owner_person=member)
    soon = due_in(world, panel_meetings, 5, "Soon action.", owner_person=member)
    due_in(world, panel_meetings, 30, "Later action.", owner_person=member)
    remind()
    (message,) = mailoutbox
    assert message.to == ["member@northwind.example"]
    assert message.subject == "panelbook: your actions, 1 overdue and 1 due within 14 days"
    overdue, due_soon = message.body.split("Due within 14 days:")
    assert late.reference in overdue and "Overdue:" in overdue
    assert soon.reference in due_soon and "Later action." not in message.body
    assert f"http://127.0.0.1:8000/actions/{late.pk}/" in message.body


def test_links_start_with_the_base_url_setting(world, panel_meetings, member, mailoutbox, settings):
    settings.PANELBOOK_BASE_URL = "https://panelbook.example/"
    action = due_in(world, panel_meetings, 1, owner_person=member)
    remind()
    assert f"https://panelbook.example/actions/{action.pk}/" in mailoutbox[0].body


def test_the_days_option_widens_due_soon(world, panel_meetings, member, mailoutbox):
    action = due_in(world, panel_meetings, 20, owner_person=member)
    remind("--days", "30")
    assert action.reference in mailoutbox[0].body


def test_a_target_meeting_in_the_past_counts_as_overdue(world, panel_meetings, member, mailoutbox):
    action = services.raise_action(
        panel_meetings[0], by=None, text="x", owner="SECAS", target_meeting=panel_meetings[1], owner_person=member
    )
    remind()
    assert action.reference in mailoutbox[0].body.split("Overdue:")[1]


def test_an_organisations_people_with_an_address_get_its_actions(world, panel_meetings, member, mailoutbox):
    person(world, "other_member", "other@northwind.example")
    due_in(world, panel_meetings, 2, owner_organisation=world.supplier)
    output = remind()
    assert sorted(m.to[0] for m in mailoutbox) == ["member@northwind.example", "other@northwind.example"]
    assert "Sent to Member <member@northwind.example>: 0 overdue, 1 due soon." in output


def test_an_owner_without_an_address_is_reported_not_dropped(world, panel_meetings, mailoutbox):
    action = due_in(world, panel_meetings, -1)
    assert f"No address for owner SECAS: {action.reference}." in remind()
    assert mailoutbox == []


def test_a_recipient_is_told_only_of_actions_they_may_see(world, panel_meetings, member, mailoutbox):
    person(world, "other_member", "other@northwind.example")
    due_in(
        world, panel_meetings, 2, "canary-AMBER Panel only.", owner_organisation=world.supplier, classification="AMBER"
    )
    remind()
    assert [m.to for m in mailoutbox] == [["member@northwind.example"]]
    assert "canary-AMBER" in mailoutbox[0].body


def test_a_person_without_an_account_hears_only_of_white_actions(world, panel_meetings, mailoutbox):
    Person.objects.create(name="No Account", organisation=world.supplier, email="noaccount@northwind.example")
    due_in(world, panel_meetings, 2, "Public action.", owner_organisation=world.supplier)
    hidden = due_in(world, panel_meetings, 2, "canary-GREEN", owner_organisation=world.supplier, classification="GREEN")
    output = remind()
    (message,) = mailoutbox
    assert "Public action." in message.body and "canary-GREEN" not in message.body
    assert f"No recipient of {hidden.reference} (owner SECAS) may see it; nobody was told." in output


def test_actions_proposed_to_close_or_closed_are_not_reminded(world, panel_meetings, member, mailoutbox):
    action = due_in(world, panel_meetings, -3, owner_person=member)
    services.propose_to_close(action, by=None)
    remind()
    assert mailoutbox == []


def test_a_dry_run_sends_nothing_and_says_who_would_be_emailed(world, panel_meetings, member, mailoutbox):
    due_in(world, panel_meetings, -3, owner_person=member)
    output = remind("--dry-run")
    assert mailoutbox == []
    assert "Would send to Member <member@northwind.example>: 1 overdue, 0 due soon." in output
    assert "Dry run: 1 reminder not sent." in output


def test_negative_days_are_refused(world):
    with pytest.raises(CommandError, match="--days must be 0 or more"):
        remind("--days", "-1")


def test_an_owner_is_not_told_the_date_of_a_meeting_they_may_not_see(world, panel_meetings, make_meeting, mailoutbox):
    owner = person(world, "member", "member@northwind.example")
    named = Person.objects.create(name="Named", email="named@northwind.example", user=world.users.recipient)
    red = make_meeting(number=99, days_ahead=-2, classification="RED", recipients=[world.users.recipient], by=None)
    for who in (owner, named):
        services.raise_action(panel_meetings[0], by=None, text="x", owner="SECAS", target_meeting=red, owner_person=who)
    output = remind()
    assert [m.to for m in mailoutbox] == [["named@northwind.example"]]
    assert f"due {red.starts_at.date():%d/%m/%Y}" in mailoutbox[0].body.split("Overdue:")[1]
    assert "may see the meeting it is due at; nobody was told." in output
