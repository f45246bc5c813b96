from django.urls import path

from panelbook.budget import exports, views

app_name = "budget"
urlpatterns = [
    path("budget/", views.budget_list, name="budgets"),
    path("budget/new/", views.budget_create, name="budget_create"),
    path("budget/export.<str:fmt>", exports.lines_export, name="lines_export"),
    path("budget/spend/export.<str:fmt>", exports.spend_export, name="spend_export"),
    path("budget/<int:pk>/", views.budget_detail, name="budget"),
    path("budget/<int:pk>/correct/", views.budget_correct, name="budget_correct"),
    path("budget/<int:pk>/versions/new/", views.version_create, name="version_create"),
    path("budget/<int:pk>/spend/new/", views.spend_create, name="spend_create"),
    path("budget/versions/<int:pk>/", views.version_detail, name="version"),
    path("budget/versions/<int:pk>/correct/", views.version_correct, name="version_correct"),
    path("budget/versions/<int:pk>/consulted/", views.version_consulted, name="version_consulted"),
    path("budget/versions/<int:pk>/approve/", views.version_approve, name="version_approve"),
    path("budget/versions/<int:pk>/void/", views.version_void, name="version_void"),
    path("budget/versions/<int:pk>/restore/", views.version_restore, name="version_restore"),
    path("budget/spend/<int:pk>/correct/", views.spend_correct, name="spend_correct"),
    path("budget/spend/<int:pk>/void/", views.spend_void, name="spend_void"),
    path("budget/spend/<int:pk>/restore/", views.spend_restore, name="spend_restore"),
]
