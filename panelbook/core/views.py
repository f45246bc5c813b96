from django.http import HttpRequest, HttpResponse


def home(request: HttpRequest) -> HttpResponse:
    return HttpResponse("panelbook")


def account(request: HttpRequest) -> HttpResponse:
    return HttpResponse("account")


def record_history(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    return HttpResponse("history")
