"""CSV and XLSX exports of the actions log and the decision register (being written)."""

from django.http import HttpRequest, HttpResponse


def actions_export(request: HttpRequest, fmt: str) -> HttpResponse:
    raise NotImplementedError


def decisions_export(request: HttpRequest, fmt: str) -> HttpResponse:
    raise NotImplementedError
