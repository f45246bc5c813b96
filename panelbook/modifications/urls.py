from django.urls import path

from panelbook.modifications import exports, following, views

app_name = "modifications"
urlpatterns = [
    path("modifications/", views.register, name="register"),
    path("modifications/export.<str:fmt>", exports.register_export, name="register_export"),
    path("modifications/assessments/export.<str:fmt>", exports.assessments_export, name="assessments_export"),
    path("modifications/new/", views.modification_create, name="modification_create"),
    path("modifications/import/", views.register_import, name="register_import"),
    path("modifications/feed.atom", following.RegisterFeed(), name="register_feed"),
    path("modifications/feed.rss", following.RegisterRssFeed(), name="register_rss"),
    path("modifications/figures/", views.register_figures, name="figures"),
    path("modifications/follow/", views.category_follow, name="category_follow"),
    path("modifications/unfollow/", views.category_unfollow, name="category_unfollow"),
    path("modifications/figures/export.<str:fmt>", exports.figures_export, name="figures_export"),
    path("modifications/import/confirm/", views.register_import_confirm, name="register_import_confirm"),
    path("modifications/<str:reference>/", views.modification_detail, name="modification"),
    path("modifications/<str:reference>/releases/", views.modification_releases, name="modification_releases"),
    path("modifications/<str:reference>/stage/", views.modification_stage, name="modification_stage"),
    path("modifications/<str:reference>/extend/", views.modification_extend, name="modification_extend"),
    path("modifications/<str:reference>/votes/", views.modification_votes, name="modification_votes"),
    path("modifications/<str:reference>/correct/", views.modification_correct, name="modification_correct"),
    path("modifications/<str:reference>/follow/", views.modification_follow, name="modification_follow"),
    path("modifications/<str:reference>/unfollow/", views.modification_unfollow, name="modification_unfollow"),
    path("modifications/<str:reference>/void/", views.modification_void, name="modification_void"),
    path("modifications/<str:reference>/restore/", views.modification_restore, name="modification_restore"),
    path("modifications/<str:reference>/documents/new/", views.document_attach, name="document_attach"),
    path("modifications/<str:reference>/documents/<int:pk>/detach/", views.document_detach, name="document_detach"),
    path("modifications/<str:reference>/assessments/new/", views.assessment_request, name="assessment_request"),
    path(
        "modifications/<str:reference>/assessments/<int:pk>/return/", views.assessment_return, name="assessment_return"
    ),
    path(
        "modifications/<str:reference>/assessments/<int:pk>/correct/",
        views.assessment_correct,
        name="assessment_correct",
    ),
    path("modifications/<str:reference>/assessments/<int:pk>/void/", views.assessment_void, name="assessment_void"),
    path(
        "modifications/<str:reference>/assessments/<int:pk>/restore/",
        views.assessment_restore,
        name="assessment_restore",
    ),
    path("modifications/<str:reference>/authority-decision/", views.authority_decision, name="authority_decision"),
    path(
        "modifications/<str:reference>/authority-decisions/<int:pk>/correct/",
        views.authority_decision_correct,
        name="authority_decision_correct",
    ),
    path(
        "modifications/<str:reference>/authority-decisions/<int:pk>/void/",
        views.authority_decision_void,
        name="authority_decision_void",
    ),
    # Releases
    path("releases/", views.release_list, name="releases"),
    path("releases/export.<str:fmt>", exports.releases_export, name="releases_export"),
    path("releases/new/", views.release_create, name="release_create"),
    path("releases/<int:pk>/", views.release_detail, name="release"),
    path("releases/<int:pk>/correct/", views.release_correct, name="release_correct"),
    path("releases/<int:pk>/void/", views.release_void, name="release_void"),
    path("releases/<int:pk>/restore/", views.release_restore, name="release_restore"),
]
