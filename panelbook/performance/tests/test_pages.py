"""The month at a glance, a measure's page and the streaks, on a small catalogue."""

import pytest

from panelbook.conftest import make_user, signed_in
from panelbook.performance.tests.rows import catalogue, record


@pytest.fixture
def cat(db):
    made = catalogue()
    record(made.cpm1, made.total, ["99.5", "98.1", "97.4", "94.65"])
    record(made.pm2, made.region, ["99.9", "99.2", "95.0", "93.1"])
    return made


def test_the_month_puts_below_minimum_first_with_its_run_and_what_pulled_the_cpm_down(client, cat):
    page = client.get("/performance/?month=2024-04").content.decode()
    assert page.index("Below Minimum Service Level") < page.index("CPM1") < page.index("Below Target Service Level")
    assert "below Minimum for the last 2 months" in page
    assert "CSP N PM2 (CSP North)" in page
    assert "97.40%" in page  # CPM1's previous month


def test_an_earlier_month_is_judged_as_it_stood_then(client, cat):
    page = client.get("/performance/?month=2024-03").content.decode()
    assert "below Target for the last 2 months" in page


def test_a_month_that_is_not_a_month_says_so(client, cat):
    page = client.get("/performance/?month=April").content.decode()
    assert "Enter a valid date." in page


def test_a_measure_page_draws_its_trend_with_a_table_beside_it(client, cat):
    page = client.get(f"/performance/measures/{cat.cpm1.pk}/").content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    assert "April 2024: 94.65% (Target 99%, Minimum 96%), below Target" in page
    assert "Below Minimum" in page and "Fed by" in page


def test_the_streaks_list_what_is_below_target_now(client, cat):
    page = client.get("/performance/streaks/").content.decode()
    assert "CPM1" in page and "CSP North" in page


def test_only_dcc_reporting_and_the_secretariat_see_the_correct_links(client, cat):
    url = f"/performance/measures/{cat.cpm1.pk}/"
    assert "/correct/" not in client.get(url).content.decode()
    reporter = signed_in(make_user("reporter", is_dcc_reporting=True))
    assert "/correct/" in reporter.get(url).content.decode()


def test_the_month_shows_one_provider_s_measures_with_their_contributors_found_among_all(client, cat):
    page = client.get("/performance/?month=2024-04&provider=dcc").content.decode()
    assert "CPM1" in page
    assert "CSP N PM2 (CSP North)" in page  # named as what pulled CPM1 down
    assert f'href="/performance/measures/{cat.pm2.pk}/"' not in page  # but not listed itself
    north = client.get("/performance/?month=2024-04&provider=csp-north").content.decode()
    assert f'href="/performance/measures/{cat.pm2.pk}/"' in north
    assert f'href="/performance/measures/{cat.cpm1.pk}/"' not in north


def test_the_streaks_show_one_scope(client, cat):
    page = client.get("/performance/streaks/?scope=csp-north").content.decode()
    assert f'href="/performance/measures/{cat.pm2.pk}/"' in page
    assert f'href="/performance/measures/{cat.cpm1.pk}/"' not in page


def test_a_measure_page_shows_the_months_chosen_with_the_runs_counted_over_all(client, cat):
    page = client.get(f"/performance/measures/{cat.cpm1.pk}/?since=2024-03&until=2024-04").content.decode()
    assert "April 2024: 94.65%" in page and "March 2024: 97.4%" in page
    assert "<td>January 2024</td>" not in page and "<td>February 2024</td>" not in page
    # March is the second month in a row below Target, counted from February, before the period shown.
    assert "<td>2</td>" in page.split("<td>March 2024</td>")[1].split("</tr>")[0]


def test_a_period_ending_before_it_starts_is_refused_on_its_field(client, cat):
    page = client.get(f"/performance/measures/{cat.cpm1.pk}/?since=2024-04&until=2024-03").content.decode()
    assert "The last month is before the first; swap them." in page
