"""The API's inputs are bounded and every refusal is the documented 400 list of problems.

Each case here is one that a generated client found answering 500 (numbers too large for the
database), 422 (a status the document never listed), a 400 whose ``detail`` was a string, or
accepting what it should refuse.
"""

import pytest

from panelbook.actions.services import raise_action
from panelbook.conftest import pdf_upload
from panelbook.core.models import ApiToken
from panelbook.governance import services
from panelbook.governance.models import Appendix, Meeting

TOO_BIG = 2**63  # one past the largest id the databases hold
NEW_MEETING = {
    "body": "panel",
    "starts_at": "2030-03-14T10:00:00+00:00",
    "ends_at": "2030-03-14T13:00:00+00:00",
}


@pytest.fixture
def token(world) -> dict[str, str]:
    return {"Authorization": f"Bearer {ApiToken.issue(world.users.secretariat, 'test')[1]}"}


@pytest.fixture
def document(client) -> dict:
    return client.get("/api/openapi.json").json()


def refused(response) -> list[tuple[list[str], str]]:
    """The (loc, msg) of each problem of a documented 400 Refusal."""
    assert response.status_code == 400, response.content
    problems = response.json()["detail"]
    assert isinstance(problems, list) and problems
    for problem in problems:
        assert set(problem) == {"loc", "msg"}
        assert all(isinstance(part, str) for part in problem["loc"])
        assert problem["msg"][:1].isupper() and problem["msg"].endswith("."), problem["msg"]
    return [(problem["loc"], problem["msg"]) for problem in problems]


def fields(response) -> list[str]:
    return [loc[-1] for loc, _ in refused(response)]


@pytest.mark.parametrize(
    "url, field",
    [
        (f"/api/meetings?limit={TOO_BIG}", "limit"),
        (f"/api/papers?offset={TOO_BIG}", "offset"),
        (f"/api/papers?meeting={TOO_BIG}", "meeting"),
        (f"/api/actions?meeting={TOO_BIG}", "meeting"),
        (f"/api/minutes?meeting={TOO_BIG}", "meeting"),
        (f"/api/meetings/{TOO_BIG}", "meeting_id"),
        (f"/api/decisions?offset={TOO_BIG}", "offset"),
    ],
)
def test_a_number_too_large_for_the_database_is_refused_naming_the_field(world, client, url, field):
    assert fields(client.get(url)) == [field]


def test_an_id_too_large_in_a_list_of_papers_is_refused_naming_the_list(world, client, make_meeting, token):
    meeting = make_meeting(days_ahead=-1)
    action = raise_action(meeting, by=world.users.secretariat, text="SECAS to report", owner="SECAS")
    payload = {"text": "Reported.", "papers": [TOO_BIG]}
    response = client.post(f"/api/actions/{action.pk}/updates", payload, content_type="application/json", headers=token)
    assert refused(response)[0][0] == ["body", "papers", "0"]
    assert action.updates.count() == 0


def test_input_that_does_not_match_the_schema_is_a_400_naming_each_field(world, client, token):
    payload = {"body": "panel", "starts_at": "not a time"}
    response = client.post("/api/meetings", payload, content_type="application/json", headers=token)
    problems = dict((tuple(loc), msg) for loc, msg in refused(response))
    assert set(problems) == {("body", "starts_at"), ("body", "ends_at")}
    assert problems[("body", "ends_at")] == "The field ends_at is required."
    assert "starts_at" in problems[("body", "starts_at")]


def test_a_body_that_is_not_json_is_a_400_with_a_list_of_problems(world, client, token):
    response = client.post("/api/meetings", "{not json", content_type="application/json", headers=token)
    assert refused(response) == [
        (["body"], "The request body could not be read: send it as JSON (or multipart/form-data for uploads).")
    ]


def test_a_meeting_in_the_year_73_is_refused(world, client, token):
    payload = {**NEW_MEETING, "starts_at": "0073-03-14T10:00:00+00:00", "ends_at": "0073-03-14T13:00:00+00:00"}
    response = client.post("/api/meetings", payload, content_type="application/json", headers=token)
    assert fields(response) == ["starts_at", "ends_at"]
    assert Meeting.objects.count() == 0


def test_an_empty_appendix_label_is_refused_by_the_schema_as_documented(world, client, make_meeting, token, document):
    meeting = make_meeting()
    paper = services.create_paper(
        by=world.users.secretariat, meeting=meeting, reference="SECP_1_01", title="Report", paper_date=world.today
    )
    data = {"label": "", "title": "Costs", "file": pdf_upload()}
    response = client.post(f"/api/papers/{paper.pk}/appendices", data, headers=token)
    assert refused(response)[0][0] == ["form", "label"]
    assert Appendix.objects.count() == 0
    form = document["paths"]["/api/papers/{paper_id}/appendices"]["post"]["requestBody"]["content"]
    assert form["multipart/form-data"]["schema"]["properties"]["label"]["minLength"] == 1


def test_text_a_database_cannot_store_is_refused(world, client, token):
    payload = {**NEW_MEETING, "location": "Fenchurch\x00Place"}
    response = client.post("/api/meetings", payload, content_type="application/json", headers=token)
    assert fields(response) == ["location"]
    assert Meeting.objects.count() == 0


def test_the_document_states_the_bounds(world, document):
    meetings = document["paths"]["/api/meetings"]["get"]["parameters"]
    limit = next(p for p in meetings if p["name"] == "limit")["schema"]
    assert limit["maximum"] >= 1 and limit["minimum"] == 1
    one = document["paths"]["/api/meetings/{meeting_id}"]["get"]["parameters"][0]["schema"]
    assert (one["minimum"], one["maximum"]) == (1, 2**63 - 1)
    starts_at = document["components"]["schemas"]["MeetingIn"]["properties"]["starts_at"]
    assert starts_at["formatMinimum"].startswith("1990-") and starts_at["formatMaximum"].startswith("2100-")


def test_every_operation_documents_its_refusals_and_never_422(world, document):
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            statuses = set(operation["responses"])
            assert "422" not in statuses, (method, path)
            assert {"400", "401"} <= statuses, (method, path)
            refusal = operation["responses"]["400"]["content"]["application/json"]["schema"]["$ref"]
            assert refusal == "#/components/schemas/Refusal", (method, path)
            if method != "get":
                assert {"403", "404"} <= statuses, (method, path)
