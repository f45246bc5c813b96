import datetime as dt

import pytest

from panelbook.constitution import services
from panelbook.constitution.models import Election
from panelbook.constitution.tests.helpers import person, small_supplier_seats
from panelbook.core.services import ServiceError
from panelbook.governance.models import Membership

VACANT = dt.date(2026, 9, 1)


@pytest.fixture
def election(world):
    seat = small_supplier_seats(world.panel, count=2)
    return services.call_election(by=None, seat=seat, places=1, vacant_on=VACANT, nominations_close=dt.date(2026, 8, 1))


def stand(election, *names):
    return [services.nominate(election, by=None, person=person(n), nominated_on=dt.date(2026, 7, 1)) for n in names]


def test_an_uncontested_election_elects_every_nominee_from_the_day_the_seat_falls_vacant(election):
    stand(election, "Ada")
    services.declare_result(election, by=None, declared_on=dt.date(2026, 8, 2))
    membership = Membership.objects.get(person__name="Ada")
    assert (membership.start_date, membership.end_date) == (VACANT, dt.date(2028, 8, 31))


def test_a_contested_election_goes_to_the_vote_and_the_winner_becomes_a_member(election):
    ada, ben = stand(election, "Ada", "Ben")
    services.declare_result(
        election, by=None, declared_on=dt.date(2026, 8, 20), voters=20, ballots=15,
        votes={ada.person_id: 6, ben.person_id: 9},
    )  # fmt: skip
    election.refresh_from_db()
    assert election.status == Election.Status.DECLARED and election.turnout == "75% (15 of 20 parties)"
    assert list(
        Membership.objects.filter(body=election.seat.body, appointment__isnull=False).values_list(
            "person__name", flat=True
        )
    ) == ["Ben"]


def test_more_votes_than_voters_is_refused_and_stores_nothing(election):
    ada, ben = stand(election, "Ada", "Ben")
    with pytest.raises(ServiceError, match="more than the 10 parties entitled to vote"):
        services.declare_result(
            election, by=None, declared_on=dt.date(2026, 8, 20), voters=10, ballots=12,
            votes={ada.person_id: 6, ben.person_id: 6},
        )  # fmt: skip
    election.refresh_from_db()
    assert election.status == Election.Status.NOMINATING
    assert not Membership.objects.filter(person__name__in=["Ada", "Ben"]).exists()


def test_a_contested_election_needs_its_votes(election):
    stand(election, "Ada", "Ben")
    with pytest.raises(ServiceError, match="is contested"):
        services.declare_result(election, by=None, declared_on=dt.date(2026, 8, 20))


def test_a_nominee_of_another_party_category_is_refused(election):
    with pytest.raises(ServiceError, match="cannot stand"):
        services.nominate(election, by=None, person=person("Gus", "GAS_NETWORK"), nominated_on=dt.date(2026, 7, 1))


def test_a_nomination_after_the_close_is_refused(election):
    with pytest.raises(ServiceError, match="closed on 01/08/2026"):
        services.nominate(election, by=None, person=person("Ada"), nominated_on=dt.date(2026, 8, 2))
