"""A form sent back with problems: a summary at its top linking to each field, "Error:" in the
page's title, help texts and errors described by ids that exist, and a chosen file asked for again.
The journeys (panelbook/journeys) check that the summary takes the focus."""

from __future__ import annotations

import re

from panelbook.conftest import pdf_upload

DESCRIBED_BY = re.compile(r'aria-describedby="([^"]*)"')


def described_ids_missing(page: str) -> set[str]:
    wanted = {name for names in DESCRIBED_BY.findall(page) for name in names.split()}
    return {name for name in wanted if f'id="{name}"' not in page}


def test_a_failed_form_has_an_error_summary_linking_to_each_field(secretariat_client):
    page = secretariat_client.post("/meetings/new/", {"location": "Room 4"}).content.decode()
    summary = page[page.index('class="error-summary"') : page.index("</ul>", page.index('class="error-summary"'))]
    assert 'href="#id_body"' in summary
    assert 'href="#id_starts_at"' in summary
    assert "<title>Error: New meeting" in page


def test_a_form_that_has_not_been_sent_has_no_summary_and_no_error_title(secretariat_client):
    page = secretariat_client.get("/meetings/new/").content.decode()
    assert 'class="error-summary"' not in page
    assert "<title>New meeting" in page


def test_help_texts_and_errors_are_described_by_ids_on_the_page(secretariat_client):
    blank = secretariat_client.get("/papers/new/").content.decode()
    failed = secretariat_client.post("/papers/new/", {"title": ""}).content.decode()
    assert DESCRIBED_BY.search(blank), "the paper form has help texts"
    assert described_ids_missing(blank) == set()
    assert described_ids_missing(failed) == set()


def test_a_chosen_file_is_asked_for_again_by_name_after_another_problem(secretariat_client):
    page = secretariat_client.post("/papers/new/", {"title": "", "file": pdf_upload("budget-2027.pdf")})
    assert "budget-2027.pdf was not kept, because the form had another problem: choose the file again." in (
        page.content.decode()
    )


def test_the_sign_in_form_names_a_wrong_password_in_its_summary_and_title(world, client):
    page = client.post("/login/", {"username": "member", "password": "wrong"}).content.decode()
    assert 'class="error-summary"' in page
    assert "<title>Error: Sign in" in page
