"""The actions, decisions and minutes of the demo (``panelbook load_demo``): loaded once for this
module through the command, then checked against the design in ``demo/data/`` and ``demo/builders/actions.py``."""

from __future__ import annotations

import datetime as dt
import io
import re
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from panelbook.actions.models import Action, ActionUpdate, Decision, MinuteEntry, Minutes, Verb
from panelbook.actions.reports import actions_tables, minutes_report
from panelbook.core.classification import Classification
from panelbook.core.models import User
from panelbook.demo.builders import actions as actions_demo
from panelbook.demo.builders import governance as demo
from panelbook.governance.models import AgendaItem, Meeting, Purpose

pytestmark = pytest.mark.xdist_group("demo")  # one load per worker when run with --dist loadgroup

MINUTES_ITEM = "Minutes and Actions Outstanding"
ACTION_REFERENCE = re.compile(r"^(SECP|TABASC|OPSG|SSC)(\d+)/(\d{2})$")


def _files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def _first_two_panel_meetings(original):
    def slots(builder):
        return [slot for slot in original(builder) if slot.body["code"] == "panel"][:2]

    return slots


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the demo once through ``load_demo``, inside a transaction rolled back at the end.

    First a load whose actions step fails after the governance demo (cut to two meetings, to
    keep it quick) has written its rows and paper files: it must leave neither behind.
    """
    media = tmp_path_factory.mktemp("demo-actions-media")
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=hashers), django_db_blocker.unblock():
        with transaction.atomic():
            slots = _first_two_panel_meetings(demo.GovernanceDemo.slots)
            with (
                mock.patch.object(demo.GovernanceDemo, "slots", slots),
                mock.patch.object(actions_demo, "build", side_effect=RuntimeError("boom")) as failing,
            ):
                with pytest.raises(RuntimeError):
                    call_command("load_demo", stdout=io.StringIO())
            failed = SimpleNamespace(
                called=failing.called,
                counts={**demo.counts(), **actions_demo.counts()},
                files=_files(media),
            )

            out = io.StringIO()
            call_command("load_demo", stdout=out)
            yield SimpleNamespace(output=out.getvalue(), failed=failed, media=media)
            transaction.set_rollback(True)


@pytest.fixture
def data(loaded, db):
    return loaded


def _user(username: str) -> User:
    return User.objects.get(username=username)


def _panel_held() -> list[Meeting]:
    return list(Meeting.objects.filter(body__code="panel", status=Meeting.Status.HELD).order_by("starts_at"))


def _next_panel() -> Meeting | None:
    return Meeting.objects.filter(body__code="panel", status=Meeting.Status.PLANNED).order_by("starts_at").first()


# The load


def test_a_failure_after_the_governance_demo_leaves_no_rows_and_no_files(data):
    assert data.failed.called  # the governance demo had loaded when the actions step failed
    assert set(data.failed.counts.values()) == {0}
    assert data.failed.files == []


def test_the_command_reports_the_actions_decisions_and_minutes(data):
    summary = data.output.splitlines()[1]
    for name, count in actions_demo.counts().items():
        assert count > 0, name
        assert f" {count} {name}," in summary or f" {count} {name}." in summary, name


def test_loading_again_adds_nothing(data):
    before = actions_demo.counts()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "reusing it." in out.getvalue()
    assert actions_demo.counts() == before


# Actions


def test_held_panel_meetings_raise_two_to_five_actions_with_sequenced_references(data):
    for meeting in _panel_held():
        actions = list(meeting.actions_raised.order_by("sequence"))
        expected = (2, 5) if meeting.kind == Meeting.Kind.ORDINARY else (1, 5)
        assert expected[0] <= len(actions) <= expected[1], meeting
        assert [a.sequence for a in actions] == list(range(1, len(actions) + 1))
        for action in actions:
            assert action.reference == f"SECP{meeting.number}/{action.sequence:02d}"
            assert action.agenda_item.meeting_id == meeting.pk
            assert action.text.startswith(action.owner.split()[0]) or action.text.startswith(f"The {action.owner}")


def test_sub_committees_have_a_few_actions_and_decisions(data):
    for code in ("tabasc", "opsg", "ssc"):
        actions = Action.objects.filter(body__code=code)
        assert 1 <= actions.count() <= 15, code
        assert all(ACTION_REFERENCE.match(a.reference) for a in actions)
        assert Decision.objects.filter(body__code=code).exists(), code


def test_the_lifecycle_follows_the_governance_dates(data):
    today = timezone.localdate()
    for action in Action.objects.select_related("meeting", "closed_at_meeting"):
        raised = action.meeting.date
        for update in action.updates.all():
            assert raised <= update.on <= today, (action, update.on)
        if action.status == Action.Status.CLOSED:
            closing = action.closed_at_meeting
            assert closing.body_id == action.body_id and closing.starts_at > action.meeting.starts_at
            assert closing.status == Meeting.Status.HELD
            assert raised <= action.proposed_on < action.closed_on == closing.date
        elif action.status == Action.Status.PROPOSE_TO_CLOSE:
            assert raised <= action.proposed_on <= today
        else:
            assert action.proposed_on is None and action.closed_on is None


def test_most_actions_are_closed_and_some_are_still_in_hand(data):
    panel = Action.objects.filter(body__code="panel")
    closed = panel.filter(status=Action.Status.CLOSED).count()
    assert closed > 0.6 * panel.count()
    assert panel.filter(status=Action.Status.PROPOSE_TO_CLOSE).exists()
    assert panel.filter(status=Action.Status.OPEN).count() >= 4


def test_a_long_lived_action_has_been_open_for_over_a_year_with_updates(data):
    today = timezone.localdate()
    old = [
        a
        for a in Action.objects.filter(status=Action.Status.OPEN).select_related("meeting")
        if (today - a.meeting.date).days > 365
    ]
    assert old
    assert max(a.updates.count() for a in old) >= 4


def test_an_action_was_reopened_and_is_open_again(data):
    reopened = ActionUpdate.objects.filter(text__startswith="Reopened: ").select_related("action")
    assert reopened.count() == 1
    update = reopened.get()
    assert update.action.status == Action.Status.OPEN
    assert update.on == _panel_held()[-1].date  # reopened at the latest meeting, not on the load day
    assert update.action.updates.exclude(pk=update.pk).filter(on__lt=update.on).exists()


def test_some_updates_cite_a_later_meetings_paper(data):
    cited = ActionUpdate.objects.filter(papers__isnull=False).select_related("action__meeting").distinct()
    assert cited.count() >= 5
    for update in cited:
        for paper in update.papers.all():
            assert paper.reference in update.text
            assert paper.meeting.starts_at > update.action.meeting.starts_at
            assert paper.paper_date <= update.on


def test_the_next_panel_meetings_tables_have_rows_in_all_three(data):
    meeting = _next_panel()
    tables = actions_tables(meeting, _user("secretariat"))
    assert tables.previous == _panel_held()[-1]
    assert tables.completed and tables.propose_to_close and tables.outstanding
    assert {row.status for row in tables.completed} == {"Closed"}
    assert any(row.overdue for row in tables.outstanding)
    assert all(row.update for row in tables.completed + tables.propose_to_close)
    # What the public sees is the same log without the confidential rows.
    public = actions_tables(meeting, None)
    for name in ("completed", "propose_to_close", "outstanding"):
        rows = getattr(public, name)
        assert all(row.classification == Classification.WHITE for row in rows)
        assert set(rows) <= set(getattr(tables, name))


def test_confidential_items_give_amber_actions_and_one_red_with_named_recipients(data):
    amber = Action.objects.filter(classification=Classification.AMBER)
    assert amber.count() >= 2
    assert all(a.agenda_item.classification == Classification.AMBER for a in amber)
    red = Action.objects.get(classification=Classification.RED)
    assert red.agenda_item.classification == Classification.RED
    assert set(red.recipients.all()) == set(red.agenda_item.recipients.all())
    secretariat, panel, party, admin = (_user(n) for n in ("secretariat", "panel", "party", "admin"))
    assert Action.objects.visible_to(secretariat).filter(pk=red.pk).exists()  # named
    for user in (panel, party, admin):
        assert not Action.objects.visible_to(user).filter(pk=red.pk).exists(), user
    panel_amber = amber.filter(body__code="panel")
    assert panel_amber.visible_to(panel).count() == panel_amber.count()
    assert not amber.visible_to(party).exists()


# Decisions


def test_decisions_follow_the_purpose_of_each_item(data):
    verbs_for_decision = {Verb.AGREED, Verb.APPROVED, Verb.ENDORSED, Verb.DEFERRED}
    for meeting in _panel_held():
        for item in meeting.agenda_items.filter(papers__isnull=False).distinct():
            verbs = set(item.decisions.values_list("verb", flat=True))
            assert verbs, item
            if item.purpose == Purpose.INFORMATION:
                assert verbs == {Verb.NOTED}, item
            elif item.purpose == Purpose.DECISION and item.title != MINUTES_ITEM:
                assert verbs & verbs_for_decision, item
    assert Decision.objects.filter(verb=Verb.DISCUSSED).exists()
    assert Decision.objects.filter(verb=Verb.SET_STATUS, body__code="ssc").exists()


def test_decisions_on_confidential_items_share_their_level(data):
    for decision in Decision.objects.filter(agenda_item__isnull=False).select_related("agenda_item"):
        assert decision.classification == decision.agenda_item.classification or decision.approved_minutes.exists()
    for decision in Decision.objects.filter(classification=Classification.RED):
        assert decision.recipients.exists()


def test_two_decisions_were_taken_by_majority_with_dissent(data):
    majority = Decision.objects.filter(by_majority=True, body__code="panel")
    assert majority.count() == 2
    for decision in majority:
        assert "did not agree" in decision.dissent
        assert "by majority" in decision.sentence and decision.dissent in decision.sentence
    assert majority.filter(dissent="two Panel Members did not agree", verb=Verb.APPROVED).exists()
    narrative = MinuteEntry.objects.get(agenda_item=majority.get(verb=Verb.APPROVED).agenda_item).narrative
    assert "two Panel Members did not agree" in narrative


def test_a_deferred_decision_was_then_taken_ex_committee(data):
    deferred = Decision.objects.get(verb=Verb.DEFERRED, text__regex=r"MP\d+")
    mod = re.search(r"MP\d+", deferred.text).group()
    later = Decision.objects.filter(ex_committee=True, text__contains=mod, decided_on__gt=deferred.decided_on)
    assert later.exists()
    following = Meeting.objects.filter(body__code="panel", starts_at__gt=deferred.meeting.starts_at).first()
    assert later.get().decided_on < following.date


def test_ex_committee_decisions_fall_between_meetings_and_are_minuted_after(data):
    ex_committee = Decision.objects.filter(ex_committee=True, meeting__isnull=True)
    assert ex_committee.filter(body__code="panel").exclude(approved_minutes__isnull=False).count() >= 3
    for decision in ex_committee:
        held = Meeting.objects.filter(body=decision.body, status=Meeting.Status.HELD)
        assert decision.decided_on not in {m.date for m in held} and decision.decided_on.weekday() < 5
    for decision in ex_committee.filter(body__code="panel", approved_minutes__isnull=True):
        following = Meeting.objects.filter(
            body__code="panel", kind=Meeting.Kind.ORDINARY, starts_at__date__gt=decision.decided_on
        ).first()
        entry = MinuteEntry.objects.get(agenda_item__meeting=following, agenda_item__title=MINUTES_ITEM)
        assert f"ex-committee decision of {decision.decided_on.day} {decision.decided_on:%B %Y}" in entry.narrative


# Minutes


def test_every_held_panel_meeting_but_the_latest_has_approved_minutes(data):
    *earlier, latest = _panel_held()
    for meeting in earlier:
        minutes = list(meeting.minutes.all())
        assert minutes and all(m.status == Minutes.Status.APPROVED for m in minutes), meeting
    assert latest.minutes.exists()
    assert set(latest.minutes.values_list("status", flat=True)) == {Minutes.Status.DRAFT}


def test_minutes_are_approved_at_the_next_meeting_or_twice_ex_committee(data):
    ex_committee = set()
    for minutes in Minutes.objects.filter(meeting__body__code="panel", status=Minutes.Status.APPROVED):
        approval = minutes.approval
        assert approval.verb == Verb.APPROVED and str(minutes.meeting.number) in approval.text
        if approval.ex_committee:
            ex_committee.add(minutes.meeting_id)
            following = Meeting.objects.filter(body__code="panel", starts_at__gt=minutes.meeting.starts_at).first()
            assert minutes.meeting.date < approval.decided_on < following.date
        else:
            assert approval.agenda_item.title == MINUTES_ITEM and approval.agenda_item.number == 1
            assert approval.meeting.kind == Meeting.Kind.ORDINARY
            between = Meeting.objects.filter(
                body__code="panel",
                kind=Meeting.Kind.ORDINARY,
                status=Meeting.Status.HELD,
                starts_at__gt=minutes.meeting.starts_at,
                starts_at__lt=approval.meeting.starts_at,
            )
            assert not between.exists()  # the next ordinary meeting
    kinds = set(Meeting.objects.filter(pk__in=ex_committee).values_list("kind", flat=True))
    assert len(ex_committee) == 2 and kinds == {Meeting.Kind.AD_HOC, Meeting.Kind.ORDINARY}
    assert Minutes.objects.filter(meeting__body__code="tabasc", status=Minutes.Status.APPROVED).exists()


def test_each_item_is_minuted_confidential_ones_in_the_confidential_minutes(data):
    for meeting in _panel_held():
        public = meeting.minutes.get(confidential=False)
        assert public.classification == Classification.WHITE
        items = list(meeting.agenda_items.all())
        secret_items = [item for item in items if item.is_confidential]
        entries = {e.agenda_item_id: e for e in MinuteEntry.objects.filter(minutes__meeting=meeting)}
        assert set(entries) == {item.pk for item in items}
        for item in items:
            assert entries[item.pk].narrative, item
            assert entries[item.pk].minutes.confidential == item.is_confidential
        if secret_items:
            secret = meeting.minutes.get(confidential=True)
            assert secret.classification == Classification.AMBER
        else:
            assert not meeting.minutes.filter(confidential=True).exists()
    for entry in MinuteEntry.objects.filter(agenda_item__title="Change Status Report"):
        assert entry.narrative.startswith("Oliver Brandt (SECAS) presented the Change Status Report (SECP_")


def test_public_minutes_keep_a_placeholder_and_confidential_minutes_hold_the_item(data):
    meeting = (
        Meeting.objects.filter(body__code="panel", agenda_items__classification=Classification.AMBER).distinct().first()
    )
    secret_item = meeting.agenda_items.filter(classification=Classification.AMBER).first()
    panel, party = _user("panel"), _user("party")
    public = minutes_report(meeting.minutes.get(confidential=False), party)
    placeholder = next(item for item in public.items if item.number == secret_item.number)
    assert placeholder.confidential_placeholder and placeholder.title == "Confidential item"
    assert placeholder.narrative == "" and placeholder.decisions == [] and placeholder.actions == []
    confidential = meeting.minutes.get(confidential=True)
    assert not Minutes.objects.visible_to(party).filter(pk=confidential.pk).exists()
    report = minutes_report(confidential, panel)
    (item,) = [i for i in report.items if i.number == secret_item.number]
    assert item.narrative and item.decisions and not item.confidential_placeholder


def test_the_red_item_is_minuted_for_its_recipients_only(data):
    item = AgendaItem.objects.get(meeting__body__code="panel", classification=Classification.RED)
    entry = MinuteEntry.objects.get(agenda_item=item)
    assert entry.minutes.confidential
    confidential = entry.minutes
    seen = {
        name: [i.number for i in minutes_report(confidential, _user(name)).items]
        for name in ("secretariat", "panel", "admin")
    }
    assert item.number in seen["secretariat"]
    assert item.number not in seen["panel"] and item.number not in seen["admin"]


def test_item_one_reports_the_approvals_and_the_actions_closed(data):
    meetings = _panel_held()
    for meeting in meetings[1:]:
        if meeting.kind == Meeting.Kind.AD_HOC:
            continue
        entry = MinuteEntry.objects.get(agenda_item__meeting=meeting, agenda_item__title=MINUTES_ITEM)
        closed = Action.objects.filter(closed_at_meeting=meeting)
        if closed.exists():
            assert f"confirmed the closure of {closed.count()} action" in entry.narrative
            public = closed.filter(classification=Classification.WHITE)
            assert all(a.reference in entry.narrative for a in public)
            assert item_decision(meeting, Verb.AGREED).startswith("that the actions marked Propose to Close")
        approved = Minutes.objects.filter(approval__meeting=meeting, confidential=False)
        for minutes in approved:
            assert str(minutes.meeting.number) in entry.narrative


def item_decision(meeting: Meeting, verb: str) -> str:
    return Decision.objects.get(meeting=meeting, agenda_item__number=1, verb=verb).text


def test_minutes_approval_is_before_the_other_item_one_decisions(data):
    meeting = _panel_held()[-1]
    decisions = list(
        Decision.objects.filter(meeting=meeting, agenda_item__number=1)
        .order_by("position")
        .values_list("position", "verb", "text")
    )
    assert decisions[0][1] == Verb.APPROVED and decisions[0][2].startswith("the minutes of meeting")
    assert [d[0] for d in decisions] == list(range(1, len(decisions) + 1))


def test_dates_are_relative_to_the_day_of_loading(data):
    latest = _panel_held()[-1]
    assert (timezone.localdate() - latest.date) < dt.timedelta(days=40)
    assert Action.objects.filter(proposed_on__gt=latest.date).exists()
