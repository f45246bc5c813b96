from django.urls import path

from panelbook.ingest import views

app_name = "ingest"
urlpatterns = [
    path("ingest/", views.queue, name="queue"),
    path("ingest/upload/", views.upload, name="upload"),
    path("ingest/files/<int:pk>/", views.file_detail, name="file"),
    path("ingest/proposals/<int:pk>/", views.proposal_detail, name="proposal"),
]
