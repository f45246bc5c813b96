"""The budget's pages: the secretariat drafts, consults on, approves, corrects, voids and restores a
version and records spend from its forms; the Panel reads the approved budget, the spend table and
chart, and the budget paper; everyone else is refused the forms."""

import datetime as dt

import pytest

from panelbook.actions import services as actions
from panelbook.budget import services
from panelbook.budget.forms import amount_field_name
from panelbook.budget.models import BudgetVersion, Spend
from panelbook.budget.tests.conftest import amounts
from panelbook.conftest import client_for

D = dt.date


def test_the_secretariat_drafts_and_approves_a_version_from_the_forms(world, budget, categories):
    client = client_for(world, "secretariat")
    form = client.get(f"/budget/{budget.pk}/versions/new/")
    assert "Contingency, 2027/28 (£)" in form.text
    token = form.context["form"]["form_token"].value()
    fields = {amount_field_name(2025, category): "1,000" for category in categories[:2]}
    fields = {name: "1000" for name in fields} | {"classification": "WHITE", "form_token": token}
    assert client.post(f"/budget/{budget.pk}/versions/new/", fields).status_code == 302
    version = BudgetVersion.objects.get()
    assert version.total() == 2000

    panel = actions.record_decision(by=None, body=world.panel, decided_on=D(2025, 3, 3), verb="APPROVED", text="b")
    tabasc = actions.record_decision(by=None, body=world.tabasc, decided_on=D(2025, 3, 3), verb="AGREED", text="t")
    approval = client.get(f"/budget/versions/{version.pk}/approve/")
    offered = set(approval.context["form"].fields["decision"].queryset)
    assert panel in offered and tabasc not in offered
    done = client.post(f"/budget/versions/{version.pk}/approve/", {"decision": panel.pk}, follow=True)
    assert "is approved; publish it by 24/03/2025." in done.text

    page = client_for(world, "public").get(f"/budget/{budget.pk}/?year=2025")
    assert "£2,000" in page.text and "Version 1" in page.text


def test_a_version_is_voided_and_restored_and_spend_corrected_from_their_pages(world, budget, categories):
    client = client_for(world, "secretariat")
    version = services.draft_version(budget, by=None, amounts=amounts(categories))
    assert "It leaves the budget page" in client.get(f"/budget/versions/{version.pk}/void/").text
    assert client.post(f"/budget/versions/{version.pk}/void/", {"reason": "Drafted twice"}).status_code == 302
    assert client_for(world, "member").get(f"/budget/versions/{version.pk}/").status_code == 404
    assert client.post(f"/budget/versions/{version.pk}/restore/", {"reason": "Was the only one"}).status_code == 302
    spend = services.record_spend(
        budget, by=None, year=2025, quarter=1, category=categories[0], amount=5, today=D(2025, 9, 1)
    )
    corrected = {"amount": "6", "classification": "WHITE", "reason": "Late invoice"}
    assert client.post(f"/budget/spend/{spend.pk}/correct/", corrected).status_code == 302
    spend.refresh_from_db()
    version.refresh_from_db()
    assert (spend.amount, version.is_void) == (6, False)


def test_the_budget_paper_downloads_in_word_and_pdf(world, budget, categories):
    version = services.draft_version(budget, by=None, amounts=amounts(categories), classification="WHITE")
    decision = actions.record_decision(by=None, body=world.panel, decided_on=D(2025, 3, 3), verb="APPROVED", text="b")
    services.approve_version(version, by=None, decision=decision)
    client = client_for(world, "public")
    page = client.get(f"/budget/{budget.pk}/paper/?year=2025")
    assert "Version 1, approved on 3 March 2025." in page.text
    for fmt, magic in (("docx", b"PK"), ("pdf", b"%PDF")):
        response = client.get(f"/budget/{budget.pk}/paper.{fmt}?year=2025")
        assert response.status_code == 200 and response.content.startswith(magic), fmt


@pytest.mark.parametrize("role", ["public", "party", "member", "recipient"])
def test_only_the_secretariat_may_use_the_budget_forms(world, budget, categories, role):
    version = services.draft_version(budget, by=None, amounts=amounts(categories))
    spend = services.record_spend(
        budget, by=None, year=2025, quarter=1, category=categories[0], amount=5, today=D(2025, 9, 1)
    )
    client = client_for(world, role)
    for url in [
        "/budget/new/",
        f"/budget/{budget.pk}/correct/",
        f"/budget/{budget.pk}/versions/new/",
        f"/budget/{budget.pk}/spend/new/",
        f"/budget/versions/{version.pk}/correct/",
        f"/budget/versions/{version.pk}/consulted/",
        f"/budget/versions/{version.pk}/approve/",
        f"/budget/versions/{version.pk}/void/",
        f"/budget/spend/{spend.pk}/void/",
    ]:
        response = client.post(url, {"reason": "Trying"})
        assert response.status_code == 403 or "/login/" in response.get("Location", ""), url
    assert not BudgetVersion.objects.filter(is_void=True).exists()
    assert not Spend.objects.filter(is_void=True).exists()


def test_the_panels_page_links_to_its_budget_and_the_version_in_force(world, budget, categories):
    version = services.draft_version(budget, by=None, amounts=amounts(categories), classification="WHITE")
    decision = actions.record_decision(by=None, body=world.panel, decided_on=D(2025, 3, 3), verb="APPROVED", text="b")
    services.approve_version(version, by=None, decision=decision)
    page = client_for(world, "public").get("/bodies/panel/").text
    assert (
        f'<a href="/budget/{budget.pk}/">SEC Panel Budget 2025/26 to 2027/28</a>: version 1 approved 03/03/2025' in page
    )
    assert "Budget 2025" not in client_for(world, "public").get("/bodies/tabasc/").text
