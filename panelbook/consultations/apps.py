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

    def meeting_section(self, request: Any, meeting: Any) -> list[dict[str, Any]]:
        """A meeting's page lists the observations on consultations made at it, as the reader may see them."""
        from panelbook.consultations.models import Observation

        made = (
            Observation.objects.visible_to(request.user)
            .in_force()
            .filter(meeting=meeting, consultation__in=self._visible_consultations(request.user))
            .select_related("consultation", "agenda_item")
        )
        return [{"template": "consultations/_meeting_observations.html", "observations": made}] if made else []

    @staticmethod
    def _visible_consultations(reader: Any) -> Any:
        from panelbook.consultations.models import Consultation

        return Consultation.objects.visible_to(reader).in_force().values("pk")

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
