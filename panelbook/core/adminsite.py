"""The admin site: Django's, with a "view on site" redirect that cannot tell hidden from missing."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path


class PanelbookAdminSite(admin.AdminSite):
    site_header = "panelbook administration"

    def get_urls(self) -> list[URLResolver | URLPattern]:
        urls = [url for url in super().get_urls() if getattr(url, "name", None) != "view_on_site"]
        gated = path(
            "r/<int:content_type_id>/<path:object_id>/", self.admin_view(self.view_on_site), name="view_on_site"
        )
        return [gated, *urls]

    def view_on_site(self, request: HttpRequest, content_type_id: int, object_id: str) -> HttpResponse:
        """Django's "view on site" redirect, for the models this admin manages only.

        Django's own shortcut redirects to any record's page when the record exists and answers
        404 when it does not, which tells an administrator that a hidden RED record exists.
        """
        content_type = ContentType.objects.filter(pk=content_type_id).first()
        model = content_type.model_class() if content_type else None
        if model is None or not self.is_registered(model):
            raise Http404("There is no such record.")
        return shortcut(request, content_type_id, object_id)
