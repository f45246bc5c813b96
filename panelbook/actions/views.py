"""Pages of the actions log, the decision register and the minutes (being written)."""

from django.http import HttpRequest, HttpResponse


def _todo(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return HttpResponse("Not yet.", status=501)


action_list = action_detail = action_create = decision_list = decision_create = _todo
decision_create_ex_committee = minutes_create = minutes_detail = minute_entry_edit = minutes_approve = _todo
