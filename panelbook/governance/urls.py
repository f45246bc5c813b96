from django.urls import path

from panelbook.governance import exports, feeds, portal, views

app_name = "governance"
urlpatterns = [
    path("bodies/", views.body_list, name="bodies"),
    path("bodies/<slug:code>/", views.body_detail, name="body"),
    path("bodies/<slug:code>/calendar.ics", feeds.body_calendar, name="body_calendar"),
    path("bodies/<slug:code>/papers.rss", portal.PaperFeed(), name="body_papers_rss"),
    path("bodies/<slug:code>/papers.atom", portal.PaperAtomFeed(), name="body_papers_atom"),
    path("calendar.ics", feeds.all_calendar, name="calendar"),
    path("feeds/", portal.feeds_page, name="feeds"),
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/export.<str:fmt>", exports.meetings_export, name="meetings_export"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/status/<str:change>/", views.meeting_status, name="meeting_status"),
    path("meetings/<int:pk>/items/new/", views.agenda_item_create, name="agenda_item_create"),
    path("meetings/<int:pk>/agenda/", views.agenda_build, name="agenda_build"),
    path("meetings/<int:pk>/attendance/", views.attendance_edit, name="attendance"),
    path("items/<int:pk>/edit/", views.agenda_item_edit, name="agenda_item_edit"),
    path("items/<int:pk>/withdraw/", views.agenda_item_withdraw, name="agenda_item_withdraw"),
    path("papers/", views.paper_list, name="papers"),
    path("papers/export.<str:fmt>", exports.papers_export, name="papers_export"),
    path("papers/feed.rss", portal.PaperFeed(), name="papers_rss"),
    path("papers/feed.atom", portal.PaperAtomFeed(), name="papers_atom"),
    path("papers/new/", views.paper_create, name="paper_create"),
    path("papers/<int:pk>/", views.paper_detail, name="paper"),
    path("papers/<int:pk>/edit/", views.paper_edit, name="paper_edit"),
    path("papers/<int:pk>/upload/", views.paper_upload, name="paper_upload"),
    path("papers/<int:pk>/withdraw/", views.paper_withdraw, name="paper_withdraw"),
    path("papers/<int:pk>/appendices/new/", views.appendix_create, name="appendix_create"),
    path("files/<int:pk>/", views.file_download, name="file"),
]
