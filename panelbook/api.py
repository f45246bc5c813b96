"""The JSON API: one NinjaAPI with a router per app. OpenAPI docs at /api/docs.

Each panelbook app whose ``api.py`` defines ``router`` (a ninja ``Router``) is mounted at the root,
in install order (panelbook/layers.py), so a new app's endpoints need no line here.
"""

from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule
from ninja import NinjaAPI, Router

from panelbook.core.api import answer_refusals_as_documented


def app_routers() -> list[Router]:
    routers = []
    for config in apps.get_app_configs():
        if config.name.startswith("panelbook.") and module_has_submodule(config.module, "api"):
            router = getattr(import_module(f"{config.name}.api"), "router", None)
            if router is not None:
                routers.append(router)
    return routers


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
for router in app_routers():
    api.add_router("/", router)
answer_refusals_as_documented(api)
