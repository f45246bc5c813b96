"""The JSON API: one NinjaAPI with a router per app. OpenAPI docs at /api/docs."""

from ninja import NinjaAPI

from panelbook.actions.api import router as actions_router
from panelbook.core.api import answer_refusals_as_documented
from panelbook.governance.api import router as governance_router

api = NinjaAPI(
    title="panelbook API",
    version="1",
    description=(
        "Read access follows the classification of each record: anonymous callers see WHITE "
        "records; signed-in callers (session or `Authorization: Bearer <token>`) see what their "
        "role allows. Writes need a secretariat user's token. Every refusal answers 400 with a list "
        "of problems, each naming the field (`loc`) and what is wrong with it (`msg`)."
    ),
    urls_namespace="api",
)
api.add_router("/", governance_router)
api.add_router("/", actions_router)
answer_refusals_as_documented(api)
