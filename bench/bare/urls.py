from django.shortcuts import render
from django.urls import path

from bench.bare.models import Row


def rows(request):
    return render(request, "bare/rows.html", {"rows": Row.objects.order_by("-recorded_on")[:50]})


urlpatterns = [path("rows/", rows)]
