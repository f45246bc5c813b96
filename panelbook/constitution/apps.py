import datetime as dt
from typing import Any

from django.apps import AppConfig


class ConstitutionConfig(AppConfig):
    name = "panelbook.constitution"
    verbose_name = "How the bodies are constituted"

    def body_section(self, request: Any, body: Any) -> list[dict[str, Any]]:
        """The body page reads as its constitution: terms in force, seats and who holds them,
        vacancies, terms ending and elections (governance's body page asks each AppConfig)."""
        from panelbook.constitution.views import body_sections

        return body_sections(request, body)

    def meeting_section(self, request: Any, meeting: Any) -> list[dict[str, Any]]:
        """The alternates members appointed for the meeting."""
        from panelbook.constitution.views import meeting_sections

        return meeting_sections(request, meeting)

    def plan_items(self, body: Any, reader: Any, levels: list[str], *, since: dt.date, until: dt.date) -> list[Any]:
        """Terms ending and elections closing for the forward planner (public records, WHITE)."""
        from panelbook.constitution.planning import plan_items

        return plan_items(body, since=since, until=until)
