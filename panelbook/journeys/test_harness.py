"""The harness itself: why it skips, and how it names the pages it saves."""

from __future__ import annotations

from panelbook.journeys import harness


def test_a_missing_chromium_is_named_with_how_to_install_it(tmp_path):
    reason = harness.unavailable(str(tmp_path / "no-chromium"))
    assert reason is not None
    assert "no-chromium" in reason and "apt-get install chromium" in reason


def test_page_types_are_named_from_the_address_without_ids():
    assert harness.page_type("http://127.0.0.1:5000/meetings/12/actions/new/?x=1") == "meetings-id-actions-new"
    assert harness.page_type("http://127.0.0.1:5000/") == "home"
