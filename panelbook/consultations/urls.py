from django.urls import path

from panelbook.consultations import exports, views

app_name = "consultations"
urlpatterns = [
    path("consultations/", views.consultation_list, name="consultations"),
    path("consultations/export.<str:fmt>", exports.consultations_export, name="consultations_export"),
    path("consultations/answered/", views.answered_list, name="answered"),
    path("consultations/new/", views.consultation_create, name="consultation_create"),
    path("consultations/<int:pk>/", views.consultation_detail, name="consultation"),
    path("consultations/<int:pk>/correct/", views.consultation_correct, name="consultation_correct"),
    path("consultations/<int:pk>/extend/", views.consultation_extend, name="consultation_extend"),
    path("consultations/<int:pk>/not-answered/", views.consultation_not_answered, name="consultation_not_answered"),
    path("consultations/<int:pk>/reopen/", views.consultation_reopen, name="consultation_reopen"),
    path("consultations/<int:pk>/void/", views.consultation_void, name="consultation_void"),
    path("consultations/<int:pk>/restore/", views.consultation_restore, name="consultation_restore"),
    path("consultations/<int:pk>/observations/new/", views.observation_create, name="observation_create"),
    path("consultations/<int:pk>/draft/", views.draft_create, name="draft_create"),
    path("consultations/<int:pk>/send/", views.response_send, name="response_send"),
    path("consultations/<int:pk>/send/correct/", views.response_correct, name="response_correct"),
    path("consultations/observations/<int:pk>/correct/", views.observation_correct, name="observation_correct"),
    path("consultations/observations/<int:pk>/void/", views.observation_void, name="observation_void"),
    path("consultations/observations/<int:pk>/restore/", views.observation_restore, name="observation_restore"),
]
