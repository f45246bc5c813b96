"""SEC releases: planned, corrected and voided through verbs; each modification's target and actual
release; the releases page, its API and export, and the register's release filter."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from panelbook.conftest import client_for
from panelbook.core.services import ServiceError
from panelbook.modifications import releases, services
from panelbook.modifications.lifecycle import Stage
from panelbook.modifications.models import Modification, Release


def a_modification(world, reference="MP150", **extra):
    return services.raise_modification(
        by=None,
        reference=reference,
        title=f"{reference} fewer duplicate alerts",
        body=world.panel,
        issue="The same alert arrives three times.",
        path="PATH_3",
        raised_on=dt.date(2025, 3, 3),
        **extra,
    )


def a_release(name="June 2026 SEC Release", kind="JUNE", date=dt.date(2026, 6, 25), **extra):
    return services.create_release(by=None, name=name, kind=kind, date=date, **extra)


def walk(modification, *stages, on=dt.date(2025, 4, 1)):
    for stage in stages:
        modification = services.move_to_stage(modification, by=None, stage=stage, on=on)
    return modification


def test_a_target_release_is_set_through_a_verb_and_kept_in_history(world):
    modification = a_modification(world)
    june = a_release()
    services.set_target_release(modification, by=world.users.secretariat, release=june)
    modification.refresh_from_db()
    assert modification.target_release == june
    assert modification.history.first().history_change_reason == "Target release June 2026 SEC Release"


def test_changing_a_target_release_needs_a_reason(world):
    modification = a_modification(world)
    june, november = a_release(), a_release("November 2026 SEC Release", "NOVEMBER", dt.date(2026, 11, 5))
    services.set_target_release(modification, by=None, release=june)
    with pytest.raises(ServiceError) as refused:
        services.set_target_release(modification, by=None, release=november)
    assert refused.value.message_dict["reason"] == [
        "MP150's target release is June 2026 SEC Release: say why it changes."
    ]
    services.set_target_release(modification, by=None, release=november, reason="The DCC cannot build it by June.")
    assert Modification.objects.get().history.first().history_change_reason == (
        "Target release November 2026 SEC Release: The DCC cannot build it by June."
    )


def test_an_actual_release_is_refused_before_implementation_naming_the_modification(world):
    modification = walk(a_modification(world), "REFINEMENT")
    with pytest.raises(ServiceError) as refused:
        services.set_actual_release(modification, by=None, release=a_release())
    assert refused.value.message_dict["actual_release"] == [
        "MP150 is at “Refinement Process”: an actual release is recorded once it is awaiting implementation "
        "or implemented. Set its target release instead, or move it on first."
    ]
    assert Modification.objects.get().actual_release is None


def test_an_actual_release_is_recorded_once_awaiting_implementation(world):
    modification = walk(
        a_modification(world),
        "REPORT_PHASE",
        "REPORT_CONSULTATION",
        "CHANGE_BOARD",
        "APPROVED",
        "AWAITING_IMPLEMENTATION",
    )
    june = a_release()
    services.set_actual_release(modification, by=None, release=june)
    assert Modification.objects.get().actual_release == june


def test_a_withdrawn_modification_takes_no_target_release(world):
    modification = walk(a_modification(world), "WITHDRAWN")
    with pytest.raises(ServiceError) as refused:
        services.set_target_release(modification, by=None, release=a_release())
    assert refused.value.message_dict["target_release"] == ["MP150 is withdrawn: it goes into no release."]


def test_a_release_named_by_a_modification_cannot_be_voided_until_it_is_moved(world):
    modification = a_modification(world)
    june = a_release()
    services.set_target_release(modification, by=None, release=june)
    with pytest.raises(ServiceError) as refused:
        services.void_release(june, by=None, reason="Entered twice.")
    assert "is the target or actual release of MP150" in str(refused.value)
    services.set_target_release(modification, by=None, release=None, reason="Not yet planned.")
    services.void_release(june, by=None, reason="Entered twice.")
    assert Release.objects.in_force().count() == 0
    with pytest.raises(ServiceError) as void_target:
        services.set_target_release(modification, by=None, release=Release.objects.get())
    assert void_target.value.message_dict["target_release"] == [
        "June 2026 SEC Release is void: choose a release in the register."
    ]


def test_a_second_release_of_the_same_name_is_refused(world):
    a_release()
    with pytest.raises(ServiceError) as refused:
        a_release(name="june 2026 sec release ")
    assert refused.value.message_dict["name"] == [
        "June 2026 SEC Release (25 June 2026) is in the register already: give this one another name."
    ]


def test_a_release_is_corrected_with_a_reason(world):
    june = a_release()
    services.correct_release(june, by=None, reason="Version agreed.", sec_version="61.0", status="DELIVERED")
    june.refresh_from_db()
    assert (june.sec_version, june.status) == ("61.0", "DELIVERED")
    assert june.history.first().history_change_reason == "Corrected: Version agreed."


# How a modification stands for its release (pure)

JUNE = dt.date(2026, 6, 25)


def test_on_track_when_every_milestone_left_is_planned_by_the_release():
    found = releases.standing(
        stage=Stage.REFINEMENT,
        release_date=JUNE,
        delivered=False,
        late=False,
        unreached=[("Vote", dt.date(2026, 5, 1))],
    )
    assert found == releases.Standing(True, "On track")


def test_at_risk_when_a_milestone_is_planned_after_the_release():
    found = releases.standing(
        stage=Stage.REFINEMENT,
        release_date=JUNE,
        delivered=False,
        late=False,
        unreached=[("Vote", dt.date(2026, 5, 1)), ("Implementation", dt.date(2026, 7, 2))],
    )
    assert found == releases.Standing(False, "At risk: “Implementation” is planned for 02/07/2026, after the release")


def test_behind_its_timetable_and_missed_releases_are_not_on_track():
    late = releases.standing(stage=Stage.REFINEMENT, release_date=JUNE, delivered=False, late=True, unreached=[])
    missed = releases.standing(stage=Stage.APPROVED, release_date=JUNE, delivered=True, late=False, unreached=[])
    done = releases.standing(stage=Stage.IMPLEMENTED, release_date=JUNE, delivered=True, late=False, unreached=[])
    assert (late.on_track, late.words) == (False, "Behind its timetable")
    assert (missed.on_track, missed.words) == (False, "Not implemented: the release has gone live without it")
    assert (done.on_track, done.words) == (True, "Implemented")


# Pages, API and export


def test_the_releases_page_lists_upcoming_releases_first_then_past_ones_latest_first(world):
    today = dt.date.today()
    for name, days in [("Old", -400), ("Next", 30), ("Recent", -20), ("Later", 200)]:
        a_release(name=name, kind="AD_HOC", date=today + dt.timedelta(days=days))
    page = client_for(world, "public").get("/releases/").content.decode()
    at = [page.index(f">{name}</a>") for name in ("Next", "Later", "Recent", "Old")]
    assert at == sorted(at)
    assert page.index("<h2>Upcoming</h2>") < at[0] < at[1] < page.index("<h2>Past</h2>") < at[2]


def test_the_register_page_api_and_export_filter_by_release_alike(world):
    june, november = a_release(), a_release("November 2026 SEC Release", "NOVEMBER", dt.date(2026, 11, 5))
    targeting = a_modification(world, "MP151")
    services.set_target_release(targeting, by=None, release=june)
    moved = walk(
        a_modification(world, "MP152"),
        "REPORT_PHASE",
        "REPORT_CONSULTATION",
        "CHANGE_BOARD",
        "APPROVED",
        "AWAITING_IMPLEMENTATION",
    )
    services.set_target_release(moved, by=None, release=june)
    services.set_actual_release(moved, by=None, release=november)  # went into November instead: November's
    a_modification(world, "MP153")
    client = client_for(world, "public")
    page = client.get(f"/modifications/?release={june.pk}").content.decode()
    api = client.get(f"/api/modifications?release={june.pk}").json()["items"]
    csv = client.get(f"/modifications/export.csv?release={june.pk}").content.decode()
    assert "MP151" in page and "MP152" not in page and "MP153" not in page
    assert [row["reference"] for row in api] == ["MP151"]
    assert "MP151" in csv and "MP152" not in csv and "MP153" not in csv
    assert [row["reference"] for row in client.get(f"/api/modifications?release={november.pk}").json()["items"]] == [
        "MP152"
    ]


def test_the_register_export_has_the_target_and_actual_release(world):
    services.set_target_release(a_modification(world), by=None, release=a_release())
    header, row = client_for(world, "public").get("/modifications/export.csv").content.decode("utf-8-sig").splitlines()
    assert header.endswith("Target release,Actual release,Classification")
    assert row.endswith("June 2026 SEC Release,,WHITE")


def test_the_releases_api_and_export_give_the_scope(world):
    june = a_release(sec_version="61.0")
    services.set_target_release(a_modification(world), by=None, release=june)
    client = client_for(world, "public")
    listed = client.get("/api/releases").json()["items"]
    assert [(r["name"], r["sec_version"], r["status"]) for r in listed] == [
        ("June 2026 SEC Release", "61.0", "PLANNED")
    ]
    one = client.get(f"/api/releases/{june.pk}").json()
    assert one["modifications"] == [
        {
            "reference": "MP150",
            "title": "MP150 fewer duplicate alerts",
            "stage": "MODIFICATION_PROPOSAL",
            "release_is": "target",
            "on_track": True,
            "standing": "On track",
        }
    ]
    csv = client.get("/releases/export.csv").content.decode("utf-8-sig").splitlines()
    assert csv[1] == "June 2026 SEC Release,June release,2026-06-25,61.0,Planned,MP150 (On track),"
    xlsx = load_workbook(io.BytesIO(client.get("/releases/export.xlsx").content), read_only=True).active
    assert list(xlsx.iter_rows(values_only=True))[1][0] == "June 2026 SEC Release"


def test_a_void_release_is_hidden_from_everyone_but_the_secretariat(world, secretariat_client):
    june = a_release()
    services.void_release(june, by=None, reason="Entered twice.")
    assert client_for(world, "member").get(f"/releases/{june.pk}/").status_code == 404
    assert client_for(world, "public").get(f"/api/releases/{june.pk}").status_code == 404
    assert "Entered twice." in secretariat_client.get(f"/releases/{june.pk}/").content.decode()


def test_the_secretariat_plans_a_release_and_sets_a_modifications_target_in_the_browser(world, secretariat_client):
    modification = a_modification(world)
    form = secretariat_client.get("/releases/new/").content.decode()
    token = form.split('name="form_token" value="')[1].split('"')[0]
    response = secretariat_client.post(
        "/releases/new/",
        {"name": "February 2027 SEC Release", "kind": "FEBRUARY", "date": "2027-02-25", "form_token": token},
    )
    release = Release.objects.get()
    assert response["Location"] == f"/releases/{release.pk}/"
    page = secretariat_client.get(f"/modifications/{modification.reference}/releases/").content.decode()
    assert 'name="actual_release"' not in page  # not offered before implementation
    revision = page.split('name="revision" value="')[1].split('"')[0] if 'name="revision"' in page else ""
    response = secretariat_client.post(
        "/modifications/MP150/releases/", {"target_release": release.pk, "revision": revision}
    )
    assert response["Location"] == "/modifications/MP150/"
    shown = secretariat_client.get("/modifications/MP150/").content.decode()
    assert "February 2027 SEC Release" in shown


def test_the_public_cannot_reach_the_release_steps(world):
    june = a_release()
    client = client_for(world, "public")
    for url in ["/releases/new/", f"/releases/{june.pk}/correct/", f"/releases/{june.pk}/void/"]:
        assert client.get(url).status_code in (302, 403, 404), url
    a_modification(world)
    assert client_for(world, "member").get("/modifications/MP150/releases/").status_code in (403, 404)
