from django.urls import path

from panelbook.actions import exports, feeds, views

app_name = "actions"
urlpatterns = [
    path("actions/", views.action_list, name="actions"),
    path("actions/export.<str:fmt>", exports.actions_export, name="actions_export"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("actions/<int:pk>/close/", views.action_close, name="action_close"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/void/", views.action_void, name="action_void"),
    path("actions/<int:pk>/restore/", views.action_restore, name="action_restore"),
    path("meetings/<int:pk>/actions/new/", views.action_create, name="action_create"),
    path("decisions/", views.decision_list, name="decisions"),
    path("decisions/export.<str:fmt>", exports.decisions_export, name="decisions_export"),
    path("decisions/<int:pk>/edit/", views.decision_edit, name="decision_edit"),
    path("decisions/<int:pk>/void/", views.decision_void, name="decision_void"),
    path("decisions/<int:pk>/restore/", views.decision_restore, name="decision_restore"),
    path("meetings/<int:pk>/decisions/new/", views.decision_create, name="decision_create"),
    path("decisions/ex-committee/new/", views.decision_create_ex_committee, name="decision_create_ex_committee"),
    path("meetings/<int:pk>/minutes/new/", views.minutes_create, name="minutes_create"),
    path("minutes/feed.rss", feeds.MinutesFeed(), name="minutes_rss"),
    path("minutes/feed.atom", feeds.MinutesAtomFeed(), name="minutes_atom"),
    path("minutes/<int:pk>/", views.minutes_detail, name="minutes"),
    path("minutes/<int:pk>/write/", views.minutes_write, name="minutes_write"),
    path("minutes/<int:pk>/items/<int:item_pk>/", views.minute_entry_edit, name="minute_entry"),
    path("minutes/<int:pk>/approve/", views.minutes_approve, name="minutes_approve"),
]
