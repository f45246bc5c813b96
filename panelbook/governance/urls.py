from django.urls import path

from panelbook.governance import views

app_name = "governance"
urlpatterns: list = []
