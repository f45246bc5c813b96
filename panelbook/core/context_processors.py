from django.conf import settings
from django.http import HttpRequest

from panelbook.core.classification import is_secretariat


def roles(request: HttpRequest) -> dict:
    return {
        "site_name": settings.SITE_NAME,
        "is_secretariat": is_secretariat(getattr(request, "user", None)),
    }
