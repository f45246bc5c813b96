from django.urls import path

from panelbook.search import feeds, views

app_name = "search"
urlpatterns = [
    path("search/", views.search, name="search"),
    path("search/saved/", views.saved_list, name="saved_list"),
    path("search/saved/new/", views.saved_new, name="saved_new"),
    path("search/saved/<int:pk>/edit/", views.saved_edit, name="saved_edit"),
    path("search/saved/<int:pk>/delete/", views.saved_delete, name="saved_delete"),
    path("search/saved/<int:pk>/feed-link/", views.saved_feed_link, name="saved_feed_link"),
    path("search/saved/<str:token>/feed/", feeds.SavedSearchFeed(), name="saved_feed"),
]
