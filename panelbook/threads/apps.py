from typing import Any

from django.apps import AppConfig


class ThreadsConfig(AppConfig):
    name = "panelbook.threads"
    verbose_name = "Topic threads across meetings"

    def meeting_section(self, request: Any, meeting: Any) -> list[dict[str, Any]]:
        """A meeting's page says which thread each of its items, as the reader may see them, is part of."""
        from panelbook.threads import reports

        parts = reports.threads_of_meeting(meeting, request.user)
        return [{"template": "threads/_meeting_threads.html", "parts": parts}] if parts else []
