from django.urls import path

from panelbook.performance import exports, incident_views, views

app_name = "performance"
urlpatterns = [
    path("performance/", views.glance, name="glance"),
    path("performance/streaks/", views.streaks, name="streaks"),
    path("performance/streaks/export.<str:fmt>", exports.streaks_export, name="streaks_export"),
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

urlpatterns += [
    path("performance/incidents/", incident_views.incident_list, name="incidents"),
    path("performance/incidents/month/", incident_views.incident_month, name="incident_month"),
    path("performance/incidents/export.<str:fmt>", exports.incidents_export, name="incidents_export"),
    path("performance/incidents/new/", incident_views.incident_create, name="incident_create"),
    path("performance/incidents/import/", incident_views.incidents_import, name="incidents_import"),
    path(
        "performance/incidents/import/confirm/",
        incident_views.incidents_import_confirm,
        name="incidents_import_confirm",
    ),
    path("performance/incidents/<int:pk>/", incident_views.incident_detail, name="incident"),
    path(
        "performance/incidents/<int:pk>/recategorise/",
        incident_views.incident_recategorise,
        name="incident_recategorise",
    ),
    path(
        "performance/incidents/<int:pk>/restoration/",
        incident_views.incident_restore_service,
        name="incident_restoration",
    ),
    path("performance/incidents/<int:pk>/close/", incident_views.incident_close, name="incident_close"),
    path("performance/incidents/<int:pk>/correct/", incident_views.incident_correct, name="incident_correct"),
    path("performance/incidents/<int:pk>/void/", incident_views.incident_void, name="incident_void"),
    path("performance/incidents/<int:pk>/restore/", incident_views.incident_unvoid, name="incident_restore"),
    path("performance/stability/", incident_views.stability, name="stability"),
]
