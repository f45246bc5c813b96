"""The governance demo (``panelbook load_demo``): loaded once for this module, then checked against
what it was designed to hold. Expectations come from the design in ``demo/data/`` and its builder
``demo/builders/governance.py``."""

from __future__ import annotations

import datetime as dt
import io
import re
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.test.utils import override_settings
from django.utils import timezone
from docx import Document

from panelbook.core.classification import Classification
from panelbook.core.models import User
from panelbook.demo import loader
from panelbook.demo.builders import governance as demo
from panelbook.demo.conflict import DemoConflict
from panelbook.governance import services
from panelbook.governance.models import (
    AgendaItem,
    Appendix,
    Attendance,
    Body,
    Meeting,
    Membership,
    Paper,
    PaperFile,
    PartyCategory,
)

pytestmark = pytest.mark.xdist_group("demo")  # one load per worker when run with --dist loadgroup

SUB_COMMITTEES = {"tabasc", "tag", "opsg", "ssc", "smki-pma", "smda"}
PREFIXES = {
    "panel": "SECP",
    "tabasc": "TABASC",
    "tag": "TAG",
    "opsg": "OPSG",
    "ssc": "SSC",
    "smki-pma": "SMKIPMA",
    "smda": "SMDA",
    "change-board": "CB",
}
RED_MODELS = (AgendaItem, Paper, Appendix)


def _files(root) -> list:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the demo once for the module, inside a transaction rolled back at the end.

    Before the real load, two loads that must leave nothing behind: one that fails part way
    (after files were written) and one refused because the database holds other records.
    """
    media = tmp_path_factory.mktemp("demo-media")
    hashers = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with override_settings(MEDIA_ROOT=media, PASSWORD_HASHERS=hashers), django_db_blocker.unblock():
        with transaction.atomic():
            with mock.patch.object(services, "mark_meeting_held", side_effect=RuntimeError("boom")):
                with pytest.raises(RuntimeError):
                    loader.load(builders=[demo])
            failed = SimpleNamespace(counts=demo.counts(), files=_files(media))

            with transaction.atomic():
                Body.objects.create(
                    code="elsewhere",
                    name="Another Body",
                    short_name="Other",
                    paper_prefix="OB",
                    action_prefix="OB",
                )
                with pytest.raises(DemoConflict) as refused:
                    loader.load(builders=[demo])
                conflict = SimpleNamespace(message=str(refused.value), bodies=Body.objects.count())
                transaction.set_rollback(True)

            loaded_at = timezone.now()
            counts = loader.load(now=loaded_at, builders=[demo])
            yield SimpleNamespace(counts=counts, failed=failed, conflict=conflict, media=media, loaded_at=loaded_at)
            transaction.set_rollback(True)


@pytest.fixture
def data(loaded, db):
    return loaded


def _user(sign_in: demo.SignIn) -> User:
    return User.objects.get(username=sign_in.username)


# The load itself


def test_a_failed_load_leaves_no_rows_and_no_files(data):
    assert set(data.failed.counts.values()) == {0}
    assert data.failed.files == []


def test_a_database_with_other_records_is_refused(data):
    assert "not the demo" in data.conflict.message
    assert data.conflict.bodies == 1  # only the unrelated body: nothing was loaded beside it


def test_loading_again_creates_nothing(data):
    before = demo.counts()
    assert loader.load(builders=[demo]) is None
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert demo.counts() == before
    text = out.getvalue()
    assert "Demo data already present in" in text and "reusing it." in text
    for sign_in in demo.SIGN_INS:
        assert sign_in.username in text and sign_in.password in text


def test_the_first_load_reports_what_it_made(data):
    counts = data.counts
    assert counts == demo.counts()
    assert counts["bodies"] == 10
    assert counts["organisations"] == 30
    assert counts["people"] >= 60
    assert counts["meetings"] >= 150
    assert counts["papers"] >= 400


# Bodies, organisations, people and seats


def test_bodies_have_their_codes_prefixes_and_parent(data):
    bodies = {body.code: body for body in Body.objects.all()}
    assert {code: bodies[code].paper_prefix for code in PREFIXES} == PREFIXES
    assert bodies["panel"].kind == Body.Kind.PANEL and bodies["panel"].parent is None
    assert {code for code, body in bodies.items() if body.kind == Body.Kind.SUB_COMMITTEE} == (SUB_COMMITTEES)
    groups = [body for body in bodies.values() if body.kind == Body.Kind.WORKING_GROUP]
    assert 1 <= len(groups) <= 2
    assert all(group.parent == bodies["panel"] for group in groups)
    assert all(body.description and body.cadence for body in bodies.values())


def test_the_panel_seats_eleven_of_its_twelve_across_the_party_categories(data):
    """The twelfth, a Small Supplier seat left at the end of a term, is filled by the constitution
    demo's election (test_constitution_demo checks every seat is held)."""
    seats = Membership.objects.current().filter(
        body__code="panel", role__in=[Membership.Role.CHAIR, Membership.Role.MEMBER]
    )
    assert seats.count() == 11
    represented = {seat.represents: 0 for seat in seats}
    for seat in seats:
        represented[seat.represents] += 1
    assert represented == {
        PartyCategory.INDEPENDENT: 1,
        PartyCategory.LARGE_SUPPLIER: 2,
        PartyCategory.SMALL_SUPPLIER: 1,
        PartyCategory.ELECTRICITY_NETWORK: 1,
        PartyCategory.GAS_NETWORK: 1,
        PartyCategory.OTHER: 2,
        PartyCategory.DCC: 1,
        PartyCategory.CONSUMER: 2,
    }


def test_terms_are_staggered_some_ended_and_alternates_named(data):
    today = timezone.localdate()
    elected = Membership.objects.filter(role=Membership.Role.MEMBER, end_date__isnull=False)
    assert elected.filter(end_date__lt=today).exists()  # ended terms
    assert len(set(elected.values_list("start_date", flat=True))) >= 4  # staggered elections
    full_terms = [m for m in elected if (m.end_date - m.start_date).days > 700]
    assert full_terms and all(729 <= (m.end_date - m.start_date).days <= 731 for m in full_terms)
    alternates = Membership.objects.filter(role=Membership.Role.ALTERNATE)
    assert alternates.exists() and not alternates.filter(alternate_for__isnull=True).exists()
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Membership.Role.values)


# Meetings


def test_the_panel_meets_monthly_for_more_than_two_years(data):
    ordinary = Meeting.objects.filter(body__code="panel", kind=Meeting.Kind.ORDINARY)
    assert ordinary.count() >= 24
    first, last = ordinary.first().date, ordinary.last().date
    assert (last - first).days >= 730
    months = {(m.date.year, m.date.month) for m in ordinary}
    assert len(months) == ordinary.count()  # one ordinary meeting a month


def test_meeting_status_follows_today(data):
    now = data.loaded_at  # the clock the demo read: a meeting may have started since, on a slow run
    assert not Meeting.objects.filter(starts_at__lt=now, status=Meeting.Status.PLANNED).exists()
    assert not Meeting.objects.filter(starts_at__gt=now, status=Meeting.Status.HELD).exists()
    assert Meeting.objects.filter(body__code="panel", status=Meeting.Status.PLANNED).exists()
    cancelled = Meeting.objects.filter(status=Meeting.Status.CANCELLED)
    assert 1 <= cancelled.count() <= 3
    assert all(meeting.cancellation_reason for meeting in cancelled)


def test_every_sub_committee_and_the_change_board_meets(data):
    held = dict(
        Meeting.objects.filter(status=Meeting.Status.HELD).values_list("body__code").annotate(n=Count("id")).order_by()
    )
    for code in SUB_COMMITTEES | {"change-board"}:
        assert held.get(code, 0) >= 10, code
    ssc = Meeting.objects.filter(body__code="ssc", kind=Meeting.Kind.ORDINARY).count()
    tabasc = Meeting.objects.filter(body__code="tabasc", kind=Meeting.Kind.ORDINARY).count()
    assert ssc == 2 * tabasc  # the SSC meets twice a month


def test_meeting_numbers_are_unique_and_in_date_order_per_body(data):
    for body in Body.objects.all():
        numbers = list(body.meetings.order_by("starts_at").values_list("number", flat=True))
        assert numbers == sorted(set(numbers)), body.code
        assert numbers == list(range(numbers[0], numbers[0] + len(numbers))), body.code
    assert Meeting.objects.filter(body__code="panel").order_by("number").first().number == 150


def test_meetings_are_in_london_time_some_online_some_ad_hoc(data):
    panel = Meeting.objects.filter(body__code="panel", kind=Meeting.Kind.ORDINARY)
    assert {timezone.localtime(m.starts_at).time() for m in panel} == {dt.time(10, 0)}
    assert {timezone.localtime(m.ends_at).time() for m in panel} == {dt.time(13, 0)}
    assert panel.filter(is_virtual=True, location="").exists()  # online only
    assert panel.filter(is_virtual=True).exclude(location="").exists()  # hybrid
    assert panel.filter(is_virtual=False).exclude(location="").exists()  # in person
    ad_hoc = Meeting.objects.filter(kind=Meeting.Kind.AD_HOC)
    assert {m.body.code for m in ad_hoc} == {"panel", "ssc"}
    assert ad_hoc.filter(classification=Classification.AMBER).exists()


# Agendas and papers


def test_panel_agendas_carry_the_standing_items(data):
    held = Meeting.objects.filter(body__code="panel", kind=Meeting.Kind.ORDINARY, status=Meeting.Status.HELD)
    for meeting in held:
        titles = [item.title for item in meeting.agenda_items.all()]
        assert titles[0] == "Minutes and Actions Outstanding"
        for standing in (
            "Change Status Report",
            "SEC Modification Timetables",
            "SEC Panel Sub-Committee Report",
            "Operations Report",
            "Any Other Business",
        ):
            assert standing in titles, (meeting, standing)
    items = AgendaItem.objects.filter(meeting__body__code="panel")
    assert items.filter(title="SEC Panel Risk and Issues Register").count() >= 8
    assert not items.filter(presenter__isnull=True).exists()
    assert not items.filter(presenter_organisation__isnull=True).exclude(presenter__organisation__isnull=True).exists()
    assert set(items.values_list("purpose", flat=True)) == {"DECISION", "INFORMATION", "DISCUSSION"}


def test_some_items_are_brought_forward(data):
    moved = AgendaItem.objects.filter(brought_forward=True)
    assert moved.count() >= 2
    for item in moved:
        assert item.position < item.number  # taken earlier than its published number


def test_confidential_items_are_amber_or_red(data):
    levels = set(AgendaItem.objects.values_list("classification", flat=True))
    assert {Classification.AMBER, Classification.RED} <= levels


def test_papers_of_every_classification_and_red_ones_name_recipients(data):
    levels = dict(Paper.objects.values_list("classification").annotate(n=Count("id")).order_by())
    assert set(levels) == set(Classification.values)
    assert levels["WHITE"] > levels["GREEN"] > levels["RED"]
    assert levels["AMBER"] > levels["RED"]
    for model in RED_MODELS:
        for record in model.objects.filter(classification=Classification.RED):
            assert record.recipients.exists(), record


def test_most_items_of_held_panel_meetings_have_a_paper(data):
    items = AgendaItem.objects.filter(meeting__body__code="panel", meeting__status=Meeting.Status.HELD)
    with_paper = items.filter(papers__isnull=False).distinct().count()
    assert with_paper >= 0.75 * items.count()


def test_paper_references_come_from_the_meeting_and_item(data):
    pattern = re.compile(r"^([A-Z]+)_(\d+)_(\d{4})_(\d{2})$")
    for paper in Paper.objects.select_related("agenda_item__meeting__body"):
        prefix, number, ddmm, item = pattern.match(paper.reference).groups()
        meeting = paper.agenda_item.meeting
        assert prefix == meeting.body.paper_prefix
        assert int(number) == meeting.number
        assert ddmm == f"{meeting.date:%d%m}"
        assert int(item) == paper.agenda_item.number
        assert paper.summary and paper.title and paper.paper_date <= meeting.date


def test_a_white_paper_has_a_red_appendix(data):
    appendix = Appendix.objects.filter(
        classification=Classification.RED,
        paper__classification=Classification.WHITE,
        title="User Security Assessments – Identified Non-Compliances",
    ).first()
    assert appendix is not None
    assert appendix.label == "Appendix A"
    assert appendix.files.exists()
    assert _user(demo.SIGN_INS[1]) in appendix.recipients.all()  # the Panel member


def test_papers_are_real_word_documents_with_reference_and_banner(data):
    paper = Paper.objects.filter(classification=Classification.GREEN).first()
    stored = paper.files.get(version=1, appendix=None)
    # conftest gives each test its own MEDIA_ROOT; the demo's files are in the module's.
    with (data.media / stored.file.name).open("rb") as handle:
        text = [p.text for p in Document(handle).paragraphs]
    assert text[0] == paper.title
    assert f"Paper Reference: {paper.reference}" in text
    assert "This document has a Classification of Green" in text
    assert stored.original_name.endswith(".docx") and stored.size < 50_000


def test_some_papers_were_issued_late(data):
    late = PaperFile.objects.filter(version=2, appendix=None)
    assert late.exists()
    assert all(paper_file.note for paper_file in late)
    first = PaperFile.objects.get(paper=late[0].paper, version=1, appendix=None)
    assert first.uploaded_at < late[0].uploaded_at < late[0].paper.meeting.starts_at


# Attendance


def test_held_meetings_record_attendance_apologies_and_alternates(data):
    for meeting in Meeting.objects.filter(body__code="panel", status=Meeting.Status.HELD):
        assert meeting.attendance.filter(status=Attendance.Status.PRESENT).count() >= 8
    assert Attendance.objects.filter(status=Attendance.Status.APOLOGIES).exists()
    stand_ins = Attendance.objects.filter(alternate_for__isnull=False)
    assert stand_ins.exists()
    for stand_in in stand_ins:
        principal = stand_in.meeting.attendance.get(person=stand_in.alternate_for)
        assert principal.status == Attendance.Status.APOLOGIES
    assert not Attendance.objects.exclude(meeting__status=Meeting.Status.HELD).exists()


# Sign-ins and what each can see


@pytest.mark.parametrize("sign_in", demo.SIGN_INS, ids=lambda s: s.username)
def test_each_demo_user_can_sign_in(data, client, sign_in):
    assert len(sign_in.password) >= 12
    # Through the sign-in page: django-axes needs the request a real sign-in has.
    response = client.post("/login/", {"username": sign_in.username, "password": sign_in.password})
    assert response.status_code == 302 and "_auth_user_id" in client.session


def test_demo_users_have_their_roles(data):
    party, panel, ssc, secretariat, dcc, admin = (_user(s) for s in demo.SIGN_INS)
    today = timezone.localdate()
    assert not party.person.memberships.exists()
    assert party.person.organisation.is_sec_party
    assert panel.person.memberships.current(today).filter(body__code="panel").exists()
    assert ssc.person.memberships.current(today).filter(body__code="ssc").exists()
    assert not ssc.person.memberships.current(today).filter(body__code="panel").exists()
    assert secretariat.is_secretariat and not secretariat.is_superuser
    assert admin.is_superuser and admin.is_staff
    assert not any(u.is_secretariat for u in (party, panel, ssc, dcc))
    assert dcc.is_dcc_reporting and dcc.person.organisation.short_name == "DCC"
    assert not any(u.is_dcc_reporting for u in (party, panel, ssc, secretariat, admin))


def _visible_red(user: User) -> set[tuple[str, int]]:
    return {
        (model.__name__, pk)
        for model in RED_MODELS
        for pk in model.objects.visible_to(user).filter(classification=Classification.RED).values_list("pk", flat=True)
    }


def test_each_demo_user_sees_a_red_record_the_others_cannot(data):
    # Each sign-in whose description names a RED record shows one; DCC reporting's names none.
    users = [_user(sign_in) for sign_in in demo.SIGN_INS if "RED" in sign_in.sees]
    assert len(users) == 5
    seen = {user.username: _visible_red(user) for user in users}
    for user in users:
        others = set().union(*(seen[u.username] for u in users if u != user))
        assert seen[user.username] - others, user.username


def test_amber_follows_membership(data):
    party, panel, ssc, secretariat, dcc, admin = (_user(s) for s in demo.SIGN_INS)

    def amber_bodies(user):
        return set(
            Paper.objects.visible_to(user)
            .filter(classification=Classification.AMBER)
            .values_list("body__code", flat=True)
        )

    assert amber_bodies(party) == set()
    assert "panel" in amber_bodies(panel) and "ssc" not in amber_bodies(panel)
    assert "ssc" in amber_bodies(ssc) and "panel" not in amber_bodies(ssc)
    amber = Paper.objects.filter(classification=Classification.AMBER)
    everything = set(amber.values_list("body__code", flat=True))
    assert amber_bodies(secretariat) == amber_bodies(admin) == everything
