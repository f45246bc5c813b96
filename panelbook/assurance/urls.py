from django.urls import path

from panelbook.assurance import exports, views

app_name = "assurance"
urlpatterns = [
    path("parties/", views.party_list, name="parties"),
    path("parties/export.<str:fmt>", exports.parties_export, name="parties_export"),
    path("parties/new/", views.party_create, name="party_create"),
    path("parties/<int:pk>/", views.party_detail, name="party"),
    path("parties/<int:pk>/correct/", views.party_correct, name="party_correct"),
    path("parties/<int:pk>/void/", views.party_void, name="party_void"),
    path("parties/<int:pk>/restore/", views.party_restore, name="party_restore"),
    path("parties/<int:pk>/roles/new/", views.role_create, name="role_create"),
    path("parties/roles/<int:pk>/steps/new/", views.step_create, name="step_create"),
    path("parties/roles/<int:pk>/void/", views.role_void, name="role_void"),
    path("parties/steps/<int:pk>/correct/", views.step_correct, name="step_correct"),
    path("meetings/<int:pk>/party-update/", views.party_update, name="party_update"),
    path("assurance/", views.assessment_list, name="assessments"),
    path("assurance/export.<str:fmt>", exports.assessments_export, name="assessments_export"),
    path("assurance/counts/", views.counts, name="counts"),
    path("assurance/counts/export.<str:fmt>", exports.counts_export, name="counts_export"),
    path("assurance/new/", views.assessment_create, name="assessment_create"),
    path("assurance/<int:pk>/", views.assessment_detail, name="assessment"),
    path("assurance/<int:pk>/status/", views.assessment_status, name="assessment_status"),
    path("assurance/<int:pk>/correct/", views.assessment_correct, name="assessment_correct"),
    path("assurance/<int:pk>/void/", views.assessment_void, name="assessment_void"),
    path("assurance/<int:pk>/restore/", views.assessment_restore, name="assessment_restore"),
    path("assurance/<int:pk>/findings/new/", views.finding_create, name="finding_create"),
    path("assurance/<int:pk>/letters/new/", views.letter_create, name="letter_create"),
    path("assurance/letters/<int:pk>/", views.letter_detail, name="letter"),
    path("assurance/letters/<int:pk>/void/", views.letter_void, name="letter_void"),
]
