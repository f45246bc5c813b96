from typing import Any

from django.apps import AppConfig


class AssuranceConfig(AppConfig):
    name = "panelbook.assurance"
    verbose_name = "SEC Parties and security assurance"

    def meeting_section(self, request: Any, meeting: Any) -> list[dict[str, Any]]:
        """A Panel meeting's page links to its SEC Party update (governance's meeting page asks each
        AppConfig that declares ``meeting_section``)."""
        if meeting.body.kind != meeting.body.Kind.PANEL:
            return []
        return [{"template": "assurance/_meeting_party_update.html", "meeting": meeting}]
