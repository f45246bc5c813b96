from django.urls import path

from panelbook.performance import exports, views

app_name = "performance"
urlpatterns = [
    path("performance/", views.glance, name="glance"),
    path("performance/streaks/", views.streaks, name="streaks"),
    path("performance/measures/<int:pk>/", views.measure_detail, name="measure"),
    path("performance/measures/<int:pk>/levels/new/", views.levels_set, name="levels_set"),
    path("performance/measures/<int:pk>/levels/<int:level>/correct/", views.levels_correct, name="levels_correct"),
    path("performance/results/export.<str:fmt>", exports.results_export, name="results_export"),
    path("performance/import/", views.results_import, name="results_import"),
    path("performance/import/confirm/", views.results_import_confirm, name="results_import_confirm"),
    path("performance/results/new/", views.result_create, name="result_create"),
    path("performance/results/<int:pk>/correct/", views.result_correct, name="result_correct"),
    path("performance/results/<int:pk>/void/", views.result_void, name="result_void"),
    path("performance/results/<int:pk>/restore/", views.result_restore, name="result_restore"),
]
