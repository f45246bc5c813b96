from typing import Any

from django.apps import AppConfig


class ConsultationsConfig(AppConfig):
    name = "panelbook.consultations"
    verbose_name = "Consultations the Panel answers"

    def body_section(self, request: Any, body: Any) -> list[dict[str, Any]]:
        """The body page shows what the body has been asked to answer or give input on."""
        from panelbook.consultations import reports

        asked = reports.asked_of(body, request.user)
        return [{"template": "consultations/_body_consultations.html", "body": body, "asked": asked}]

    def plan_items(self, body: Any, reader: Any, levels: list[str], *, since: Any, until: Any) -> list[Any]:
        """Each body asked (and the answering body) sees, before its meeting, the closing dates that fall by it."""
        from panelbook.consultations import reports
        from panelbook.registers.planner import Item

        return [
            Item("Consultation closing", f"{c.title} (closes {c.closing_date:%d/%m/%Y})", c.classification)
            for c in reports.closing_between(body, reader, levels, since=since, until=until)
        ]

    def worklist_section(self, request: Any) -> dict[str, Any]:
        """The secretariat's worklist looks three months ahead at the consultations closing."""
        from django.utils import timezone

        from panelbook.consultations import reports

        return {
            "template": "consultations/_worklist_closing.html",
            "closing": reports.closing_soon(request.user),
            "today": timezone.localdate(),
        }
