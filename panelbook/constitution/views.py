"""Pages of the constitution: every body's constitution at a glance, one body's constitution
(terms in force and their history, seats and who holds them, vacancies, terms ending, elections),
a version of the terms and the comparison of two, an appointment, an election with its result; the
parts of the body page and the meeting page; the secretariat's forms to create, correct, void and
restore each record."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from panelbook.constitution import forms, reports, services
from panelbook.constitution.models import Alternate, Appointment, Election, Nomination, Seat, TermsOfReference
from panelbook.core.access import (
    SignedInRequest,
    confirm_void,
    form_page,
    get_visible_or_404,
    secretariat_required,
    submit,
)
from panelbook.core.classification import can_see, is_secretariat
from panelbook.governance.models import Body, Meeting


def _constitution(request: HttpRequest, body: Body) -> dict[str, Any]:
    """What a body's constitution shows its reader: only terms whose paper they may see."""
    today = timezone.localdate()
    versions = list(
        TermsOfReference.objects.visible_to(request.user)
        .in_force()
        .filter(body=body)
        .select_related("paper", "decision")
    )
    seats = reports.composition(body, today)
    return {
        "body": body,
        "today": today,
        "terms": reports.terms_in_force(versions, today),
        "versions": versions,
        "seats": seats,
        "vacancies": sum(row.vacant for row in seats),
        "ending": reports.terms_ending(body, today, reports.look_ahead(today)),
        "elections": Election.objects.in_force().filter(seat__body=body).select_related("seat__body")[:10],
        "is_secretariat": is_secretariat(request.user),
    }


def body_sections(request: Any, body: Body) -> list[dict[str, Any]]:
    return [{"template": "constitution/_body_constitution.html", **_constitution(request, body)}]


def meeting_sections(request: Any, meeting: Meeting) -> list[dict[str, Any]]:
    alternates = Alternate.objects.visible_to(request.user).filter(meeting=meeting)
    if not is_secretariat(request.user):
        alternates = alternates.filter(is_void=False)
    return [
        {
            "template": "constitution/_meeting_alternates.html",
            "meeting": meeting,
            "alternates": list(alternates.select_related("member", "alternate")),
            "is_secretariat": is_secretariat(request.user),
        }
    ]


def index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    bodies = Body.objects.filter(is_active=True).order_by("display_order", "name")
    terms = TermsOfReference.objects.visible_to(request.user).in_force().select_related("paper")
    in_force = {t.body_id: t for t in terms.filter(effective_from__lte=today).order_by("effective_from")}
    rows = [(body, in_force.get(body.pk), sum(r.vacant for r in reports.composition(body, today))) for body in bodies]
    elections = Election.objects.in_force().select_related("seat__body")[:20]
    return render(request, "constitution/index.html", {"rows": rows, "elections": elections})


def body_constitution(request: HttpRequest, code: str) -> HttpResponse:
    body = get_object_or_404(Body, code=code)
    return render(request, "constitution/body.html", {"section": _constitution(request, body)})


def terms_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rows = TermsOfReference.objects.visible_to(request.user).kept_for(request.user)
    terms = get_object_or_404(rows.select_related("body", "paper", "decision"), pk=pk)
    context = {
        "terms": terms,
        "decision": terms.decision if terms.decision and can_see(request.user, terms.decision) else None,
        "is_secretariat": is_secretariat(request.user),
        "form": forms.CompareForm(user=request.user, body=terms.body),
    }
    return render(request, "constitution/terms_detail.html", context)


def terms_compare(request: HttpRequest) -> HttpResponse:
    form = forms.CompareForm(request.GET or None, user=request.user)
    lines = None
    if form.is_valid():
        older, newer = form.cleaned_data["older"], form.cleaned_data["newer"]
        if older.body_id != newer.body_id:
            form.add_error("newer", "Compare two versions of the same body's terms of reference.")
        else:
            lines = reports.comparison(older, newer)
    return render(request, "constitution/terms_compare.html", {"form": form, "lines": lines})


def appointment_list(request: HttpRequest) -> HttpResponse:
    rows = Appointment.objects.in_force().select_related("seat__body", "person__organisation")
    return render(request, "constitution/appointment_list.html", {"appointments": rows[:500]})


def appointment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rows = Appointment.objects.all() if is_secretariat(request.user) else Appointment.objects.in_force()
    appointment = get_object_or_404(rows.select_related("seat__body", "person__organisation", "election"), pk=pk)
    decision = appointment.decision if appointment.decision and can_see(request.user, appointment.decision) else None
    context = {"appointment": appointment, "decision": decision, "is_secretariat": is_secretariat(request.user)}
    return render(request, "constitution/appointment_detail.html", context)


def election_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rows = Election.objects.all() if is_secretariat(request.user) else Election.objects.in_force()
    election = get_object_or_404(rows.select_related("seat__body"), pk=pk)
    context = {
        "election": election,
        "nominations": election.nominations.select_related("person__organisation"),
        "is_secretariat": is_secretariat(request.user),
    }
    return render(request, "constitution/election_detail.html", context)


# The secretariat's forms


def _create(
    request: SignedInRequest, form: Any, verb: Callable[[dict], Any], said: str, title: str, back: Any
) -> HttpResponse:
    made = submit(request, form, verb, lambda record: f"{record}: {said}")
    if made:
        return redirect(made)
    return form_page(request, form, title, back=back)


def _void_or_restore(
    request: SignedInRequest, record: Any, verb: Any, restoring: bool, consequence: str
) -> HttpResponse:
    return confirm_void(
        request,
        record,
        lambda data: verb(record, by=request.user, **data),
        title=f"{'Restore' if restoring else 'Void'} {record.reference}",
        consequence=consequence,
        done=f"{record.reference} is {'restored' if restoring else 'void'}.",
        restoring=restoring,
    )


@secretariat_required
def terms_create(request: SignedInRequest, code: str) -> HttpResponse:
    body = get_object_or_404(Body, code=code)
    form = forms.TermsForm(request.POST or None, user=request.user, body=body)
    return _create(
        request, form, lambda data: services.add_terms(by=request.user, body=body, **data),
        "added; the version before it ends the day before this one takes effect.",
        f"Add a version of {body}'s terms of reference", f"/bodies/{body.code}/constitution/",
    )  # fmt: skip


def _terms_for_secretariat(request: HttpRequest, pk: int) -> TermsOfReference:
    return get_visible_or_404(request, TermsOfReference, "body", "paper", pk=pk)


@secretariat_required
def terms_correct(request: SignedInRequest, pk: int) -> HttpResponse:
    terms = _terms_for_secretariat(request, pk)
    form = forms.TermsCorrectionForm(request.POST or None, user=request.user, terms=terms)

    def save(data: dict) -> TermsOfReference:
        return services.correct_terms(terms, by=request.user, **data)

    if submit(request, form, save, lambda saved: f"{saved} is corrected."):
        return redirect(terms)
    return form_page(request, form, f"Correct {terms}", back=terms)


TERMS_VOID = (
    "Void it as added by mistake. It leaves the body's constitution, the comparisons, the exports and the API; "
    "the version before it comes back into force until the next one. Its history is kept and it can be restored."
)
TERMS_RESTORE = "It comes back into the body's constitution, and the version before it ends again the day before."


@secretariat_required
def terms_void(request: SignedInRequest, pk: int) -> HttpResponse:
    return _void_or_restore(request, _terms_for_secretariat(request, pk), services.void_terms, False, TERMS_VOID)


@secretariat_required
def terms_restore(request: SignedInRequest, pk: int) -> HttpResponse:
    return _void_or_restore(request, _terms_for_secretariat(request, pk), services.restore_terms, True, TERMS_RESTORE)


@secretariat_required
def seat_create(request: SignedInRequest, code: str) -> HttpResponse:
    body = get_object_or_404(Body, code=code)
    form = forms.SeatForm(request.POST or None)
    return _create(
        request, form, lambda data: services.set_seats(by=request.user, body=body, **data),
        "set; appoint to them or call an election.", f"Add seats to {body}", f"/bodies/{body.code}/constitution/",
    )  # fmt: skip


@secretariat_required
def seat_correct(request: SignedInRequest, pk: int) -> HttpResponse:
    seat = get_object_or_404(Seat.objects.select_related("body"), pk=pk)
    form = forms.SeatCorrectionForm(request.POST or None, instance=Seat.objects.get(pk=pk))

    def save(data: dict) -> Seat:
        return services.correct_seat(seat, by=request.user, **data)

    if submit(request, form, save, lambda saved: f"{saved} is corrected."):
        return redirect(seat)
    return form_page(request, form, f"Correct {seat}", back=seat)


SEAT_VOID = "Void seats set by mistake: they leave the body's composition. Refused while anyone is appointed to them."


@secretariat_required
def seat_void(request: SignedInRequest, pk: int) -> HttpResponse:
    seat = get_object_or_404(Seat.objects.select_related("body"), pk=pk)
    return _void_or_restore(request, seat, services.void_seat, False, SEAT_VOID)


@secretariat_required
def seat_restore(request: SignedInRequest, pk: int) -> HttpResponse:
    seat = get_object_or_404(Seat.objects.select_related("body"), pk=pk)
    return _void_or_restore(request, seat, services.restore_seat, True, "The seats come back into the composition.")


@secretariat_required
def appointment_create(request: SignedInRequest, code: str) -> HttpResponse:
    body = get_object_or_404(Body, code=code)
    form = forms.AppointmentForm(request.POST or None, user=request.user, body=body)
    return _create(
        request, form, lambda data: services.appoint(by=request.user, **data),
        "appointed; they are a member of the body for the term.", f"Appoint to {body}",
        f"/bodies/{body.code}/constitution/",
    )  # fmt: skip


def _appointment(pk: int) -> Appointment:
    return get_object_or_404(Appointment.objects.select_related("seat__body", "person"), pk=pk)


@secretariat_required
def appointment_correct(request: SignedInRequest, pk: int) -> HttpResponse:
    appointment = _appointment(pk)
    form = forms.AppointmentCorrectionForm(
        request.POST or None, user=request.user, body=appointment.seat.body, initial={"ends_on": appointment.ends_on}
    )

    def save(data: dict) -> Appointment:
        return services.correct_appointment(appointment, by=request.user, **data)

    if submit(request, form, save, lambda saved: f"{saved} is corrected; the membership follows."):
        return redirect(appointment)
    return form_page(request, form, f"Correct {appointment}", back=appointment)


APPOINTMENT_VOID = (
    "Void an appointment made by mistake: the membership it made is taken away (the membership's history keeps "
    "it), and the seat is free again. It can be restored while the seat is still free."
)


@secretariat_required
def appointment_void(request: SignedInRequest, pk: int) -> HttpResponse:
    return _void_or_restore(request, _appointment(pk), services.void_appointment, False, APPOINTMENT_VOID)


@secretariat_required
def appointment_restore(request: SignedInRequest, pk: int) -> HttpResponse:
    consequence = "The appointment and its membership come back, if the seat is still free for its term."
    return _void_or_restore(request, _appointment(pk), services.restore_appointment, True, consequence)


@secretariat_required
def election_create(request: SignedInRequest, code: str) -> HttpResponse:
    body = get_object_or_404(Body, code=code)
    form = forms.ElectionForm(request.POST or None, body=body)
    return _create(
        request, form, lambda data: services.call_election(by=request.user, **data),
        "called; record the nominations as they come.", f"Call an election to {body}",
        f"/bodies/{body.code}/constitution/",
    )  # fmt: skip


def _election(pk: int) -> Election:
    return get_object_or_404(Election.objects.select_related("seat__body"), pk=pk)


@secretariat_required
def nomination_create(request: SignedInRequest, pk: int) -> HttpResponse:
    election = _election(pk)
    form = forms.NominationForm(request.POST or None)
    if submit(
        request, form, lambda data: services.nominate(election, by=request.user, **data), lambda n: f"{n} is recorded."
    ):
        return redirect(election)
    return form_page(request, form, f"Record a nomination in {election}", back=election)


@secretariat_required
def election_declare(request: SignedInRequest, pk: int) -> HttpResponse:
    election = _election(pk)
    form = forms.ResultForm(request.POST or None, election=election)
    said = "declared: those elected are appointed from the day the seats fall vacant, and become members then."
    if submit(
        request,
        form,
        lambda data: services.declare_result(election, by=request.user, **form.verb_arguments()),
        lambda e: f"{e}: {said}",
    ):
        return redirect(election)
    title = f"Declare the result of {election}"
    return form_page(request, form, title, back=election, button="Declare the result and appoint those elected")


ELECTION_VOID = "Void an election called by mistake: it leaves the body's constitution. Refused once anyone is elected."


@secretariat_required
def election_void(request: SignedInRequest, pk: int) -> HttpResponse:
    return _void_or_restore(request, _election(pk), services.void_election, False, ELECTION_VOID)


@secretariat_required
def election_restore(request: SignedInRequest, pk: int) -> HttpResponse:
    consequence = "The election comes back into the body's constitution."
    return _void_or_restore(request, _election(pk), services.restore_election, True, consequence)


@secretariat_required
def alternate_create(request: SignedInRequest, pk: int) -> HttpResponse:
    meeting = get_visible_or_404(request, Meeting, "body", pk=pk)
    form = forms.AlternateForm(request.POST or None, meeting=meeting)
    if submit(
        request, form, lambda data: services.appoint_alternate(by=request.user, meeting=meeting, **data),
        lambda a: f"{a} at {meeting}: the alternate's attendance names the member, whose apologies are recorded.",
    ):  # fmt: skip
        return redirect(meeting)
    return form_page(request, form, f"Appoint an alternate for {meeting}", back=meeting)


@secretariat_required
def alternate_void(request: SignedInRequest, pk: int) -> HttpResponse:
    alternate = get_visible_or_404(request, Alternate, "meeting", pk=pk)
    consequence = "Void an alternate named by mistake. The meeting's attendance stays as recorded: correct it there."
    return _void_or_restore(request, alternate, services.void_alternate, False, consequence)


@secretariat_required
def alternate_restore(request: SignedInRequest, pk: int) -> HttpResponse:
    alternate = get_visible_or_404(request, Alternate, "meeting", pk=pk)
    consequence = "The alternate is listed for the meeting again; the attendance stays as recorded."
    return _void_or_restore(request, alternate, services.restore_alternate, True, consequence)


@secretariat_required
def nomination_withdraw(request: SignedInRequest, pk: int) -> HttpResponse:
    nomination = get_object_or_404(Nomination.objects.select_related("election__seat__body", "person"), pk=pk)
    form = forms.ReasonForm(request.POST or None)
    if submit(
        request, form, lambda data: services.withdraw_nomination(nomination, by=request.user, **data),
        lambda n: f"{n} is withdrawn; it is not counted in the result.",
    ):  # fmt: skip
        return redirect(nomination.election)
    title = f"Withdraw {nomination}"
    return form_page(request, form, title, back=nomination.election, button="Withdraw the nomination")
