from django.urls import path

from panelbook.constitution import exports, views

app_name = "constitution"
urlpatterns = [
    path("constitution/", views.index, name="index"),
    path("constitution/terms/compare/", views.terms_compare, name="terms_compare"),
    path("constitution/terms/export.<str:fmt>", exports.terms_export, name="terms_export"),
    path("constitution/terms/<int:pk>/", views.terms_detail, name="terms"),
    path("constitution/terms/<int:pk>/correct/", views.terms_correct, name="terms_correct"),
    path("constitution/terms/<int:pk>/void/", views.terms_void, name="terms_void"),
    path("constitution/terms/<int:pk>/restore/", views.terms_restore, name="terms_restore"),
    path("constitution/seats/<int:pk>/correct/", views.seat_correct, name="seat_correct"),
    path("constitution/seats/<int:pk>/void/", views.seat_void, name="seat_void"),
    path("constitution/seats/<int:pk>/restore/", views.seat_restore, name="seat_restore"),
    path("constitution/appointments/", views.appointment_list, name="appointments"),
    path("constitution/appointments/export.<str:fmt>", exports.appointments_export, name="appointments_export"),
    path("constitution/appointments/<int:pk>/", views.appointment_detail, name="appointment"),
    path("constitution/appointments/<int:pk>/correct/", views.appointment_correct, name="appointment_correct"),
    path("constitution/appointments/<int:pk>/void/", views.appointment_void, name="appointment_void"),
    path("constitution/appointments/<int:pk>/restore/", views.appointment_restore, name="appointment_restore"),
    path("constitution/elections/export.<str:fmt>", exports.elections_export, name="elections_export"),
    path("constitution/elections/<int:pk>/", views.election_detail, name="election"),
    path("constitution/elections/<int:pk>/nominate/", views.nomination_create, name="nominate"),
    path("constitution/elections/<int:pk>/declare/", views.election_declare, name="declare"),
    path("constitution/elections/<int:pk>/void/", views.election_void, name="election_void"),
    path("constitution/elections/<int:pk>/restore/", views.election_restore, name="election_restore"),
    path("constitution/alternates/<int:pk>/void/", views.alternate_void, name="alternate_void"),
    path("constitution/alternates/<int:pk>/restore/", views.alternate_restore, name="alternate_restore"),
    path("constitution/nominations/<int:pk>/withdraw/", views.nomination_withdraw, name="nomination_withdraw"),
    path("meetings/<int:pk>/alternates/new/", views.alternate_create, name="alternate_create"),
    path("bodies/<slug:code>/constitution/", views.body_constitution, name="body"),
    path("bodies/<slug:code>/constitution/terms/new/", views.terms_create, name="terms_create"),
    path("bodies/<slug:code>/constitution/seats/new/", views.seat_create, name="seat_create"),
    path("bodies/<slug:code>/constitution/appointments/new/", views.appointment_create, name="appointment_create"),
    path("bodies/<slug:code>/constitution/elections/new/", views.election_create, name="election_create"),
]
