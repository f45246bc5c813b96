from typing import Any


def body_sections(request: Any, body: Any) -> list[dict[str, Any]]:
    return []
