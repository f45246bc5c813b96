from typing import Any

from django.apps import AppConfig
from django.urls import reverse


class RegistersConfig(AppConfig):
    name = "panelbook.registers"
    verbose_name = "Registers"

    def body_section(self, request: Any, body: Any) -> list[dict[str, Any]]:
        """The parts of a body's page this app adds: what the body may decide under delegation, and
        its forward plan (governance's body page asks each AppConfig that declares ``body_section``)."""
        from panelbook.registers.views import body_sections

        return body_sections(request, body)

    def public_pages(self) -> list[Any]:
        from panelbook.core.portal import PublicPage

        return [
            PublicPage(
                "Delegations Register", reverse("registers:delegations"), "What the Panel has delegated, and to whom."
            )
        ]
