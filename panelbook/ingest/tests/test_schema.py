"""Each record type's payload schema: what a reviewer's edit is checked against before accepting."""

from __future__ import annotations

import pytest

from panelbook.actions.models import Verb
from panelbook.core.services import ServiceError
from panelbook.ingest import schema
from panelbook.ingest.kinds import proposed_as


def refusal(record_type: str, payload: dict) -> dict[str, list[str]]:
    with pytest.raises(ServiceError) as refused:
        schema.clean(proposed_as(record_type).payload, payload)
    return refused.value.message_dict


def test_a_clean_payload_keeps_its_fields_converted_and_the_unknown_ones_as_given():
    given = {"reference": " SECP47/02 ", "text": "Report.", "status": "OPEN", "note": [1], "source": {"page": 1}}

    assert schema.clean(proposed_as("action").payload, given) == {
        "reference": "SECP47/02",
        "text": "Report.",
        "status": "OPEN",
        "note": [1],
    }


def test_each_bad_field_is_named_with_what_to_give():
    assert refusal("measure", {"code": "CPM1", "value": "lots", "period": "Dec 2020"}) == {
        "value": ["Give a number, e.g. 94.65."],
        "period": ["Give a month as YYYY-MM, e.g. 2020-12."],
    }
    assert refusal("incident", {"reference": "INC1", "opened": "yesterday", "closures": "none"}) == {
        "opened": ["Give a date and time as YYYY-MM-DDTHH:MM, e.g. 2019-03-26T13:04."],
        "closures": ["Give a list, e.g. []."],
    }
    assert refusal("decision", {"verb": "SHRUGGED", "text": ["a"], "majority": "perhaps"}) == {
        "verb": ["Give one of " + ", ".join(Verb.values) + "."],
        "text": ["Give text, not a list."],
        "majority": ["Give true or false."],
    }


def test_a_required_field_missing_empty_or_null_is_refused():
    assert refusal("action", {"reference": "", "text": None}) == {
        "reference": ["This field is required."],
        "text": ["This field is required."],
    }
    assert refusal("modification", {}) == {"reference": ["This field is required."]}


def test_a_choice_lists_what_may_be_given():
    assert refusal("paper", {"purpose": "fun"}) == {"purpose": ["Give one of decision, information, discussion."]}


def test_a_date_is_not_read_from_a_number():
    assert refusal("meeting", {"date": 20190412}) == {"date": ["Give a date as YYYY-MM-DD, e.g. 2019-04-12."]}


def test_times_keep_their_minutes_and_numbers_their_kind():
    cleaned = schema.clean(proposed_as("incident").payload, {"reference": "INC1", "opened": "2019-03-26 13:04"})
    assert cleaned == {"reference": "INC1", "opened": "2019-03-26T13:04"}
    measure = schema.clean(proposed_as("measure").payload, {"code": "CPM1", "value": "1,234.5", "previous": 97})
    assert (measure["value"], measure["previous"]) == (1234.5, 97)
