from django.urls import path

from panelbook.registers import exports, views

app_name = "registers"
urlpatterns = [
    path("registers/", views.register_list, name="registers"),
    path("registers/entries/export.<str:fmt>", exports.entries_export, name="entries_export"),
    path("registers/<int:pk>/", views.register_detail, name="register"),
    path("registers/<int:pk>/heat-map.svg", views.heat_map_svg, name="heat_map"),
    path("registers/<int:pk>/new/", views.entry_create, name="entry_create"),
    path("registers/<int:pk>/reviews/look/", views.reviews_look, name="reviews_look"),
    path("registers/entries/<int:pk>/", views.entry_detail, name="entry"),
    path("registers/entries/<int:pk>/reclassify/", views.entry_reclassify, name="entry_reclassify"),
    path("registers/entries/<int:pk>/correct/", views.entry_correct, name="entry_correct"),
    path("registers/entries/<int:pk>/status/", views.entry_status, name="entry_status"),
    path("registers/entries/<int:pk>/review/", views.entry_review, name="entry_review"),
    path("registers/entries/<int:pk>/mitigations/new/", views.mitigation_create, name="mitigation_create"),
    path("registers/mitigations/<int:pk>/", views.mitigation_update, name="mitigation_update"),
    path("registers/entries/<int:pk>/void/", views.entry_void, name="entry_void"),
    path("registers/entries/<int:pk>/restore/", views.entry_restore, name="entry_restore"),
    path("registers/reviews/<int:pk>/accept/", views.review_accept, name="review_accept"),
    path("registers/reviews/<int:pk>/dismiss/", views.review_dismiss, name="review_dismiss"),
    path("delegations/", views.delegation_list, name="delegations"),
    path("delegations/export.<str:fmt>", exports.delegations_export, name="delegations_export"),
    path("delegations/new/", views.delegation_create, name="delegation_create"),
    path("delegations/<int:pk>/", views.delegation_detail, name="delegation"),
    path("delegations/<int:pk>/decide/", views.delegation_decide, name="delegation_decide"),
    path("delegations/<int:pk>/correct/", views.delegation_correct, name="delegation_correct"),
    path("delegations/<int:pk>/void/", views.delegation_void, name="delegation_void"),
    path("delegations/<int:pk>/restore/", views.delegation_restore, name="delegation_restore"),
    path("bodies/<slug:code>/forward-plan/", views.body_plan, name="body_plan"),
]
