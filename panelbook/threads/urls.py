from django.urls import path

from panelbook.threads import views

app_name = "threads"
urlpatterns = [
    path("threads/", views.thread_list, name="threads"),
    path("threads/<int:pk>/", views.thread_detail, name="thread"),
    path("threads/<int:pk>/merge/", views.thread_merge, name="thread_merge"),
    path("threads/<int:pk>/split/", views.thread_split, name="thread_split"),
    path("threads/<int:pk>/rename/", views.thread_rename, name="thread_rename"),
    path("threads/<int:pk>/link/", views.thread_link, name="thread_link"),
    path("threads/<int:pk>/void/", views.thread_void, name="thread_void"),
    path("threads/<int:pk>/restore/", views.thread_restore, name="thread_restore"),
    path("threads/items/<int:pk>/remove/", views.item_remove, name="item_remove"),
]
