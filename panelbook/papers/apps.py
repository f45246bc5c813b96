from typing import Any

from django.apps import AppConfig


class PapersConfig(AppConfig):
    name = "panelbook.papers"
    label = "papers"
    verbose_name = "Generated papers"

    def meeting_section(self, request: Any, meeting: Any) -> list[dict[str, Any]]:
        """A meeting's page links to its pack (governance's meeting page asks each AppConfig that
        declares ``meeting_section``), and for the secretariat to its generated papers: the
        Sub-Committee Report of a Panel meeting and publishing at WHITE. Their pages read
        everything through the gate."""
        # Imported here: an AppConfig module is loaded before the models are ready.
        from panelbook.core.classification import is_secretariat
        from panelbook.governance.models import Body

        sections = [{"template": "papers/pack_meeting_section.html", "meeting": meeting}]
        if is_secretariat(request.user):
            report = meeting.body.kind == Body.Kind.PANEL
            sections.append({"template": "papers/papers_meeting_section.html", "meeting": meeting, "report": report})
        return sections
