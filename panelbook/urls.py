"""The site's URLs: the house's own pages, then each panelbook app's ``urls.py`` mounted at the root,
in install order (panelbook/layers.py), so a new app's pages need no line here; likewise the
sitemap gathers each app's ``sitemaps.py``."""

from importlib import import_module

from django.apps import AppConfig, apps
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.module_loading import module_has_submodule

from panelbook.api import api
from panelbook.core import views as core_views
from panelbook.governance import pages as governance_pages
from panelbook.governance import portal as governance_portal


def _has_pages(config: AppConfig) -> bool:
    return config.name.startswith("panelbook.") and module_has_submodule(config.module, "urls")


def _sitemaps() -> dict[str, type[Sitemap]]:
    """Each app's sections of the sitemap (``SITEMAPS`` in its ``sitemaps.py``), in install order."""
    found: dict[str, type[Sitemap]] = {}
    for config in apps.get_app_configs():
        if config.name.startswith("panelbook.") and module_has_submodule(config.module, "sitemaps"):
            found.update(import_module(f"{config.name}.sitemaps").SITEMAPS)
    return found


urlpatterns = [
    path("", governance_pages.home, name="home"),
    path("login/", core_views.SignInView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", governance_pages.account, name="account"),
    path("account/calendar-key/", core_views.reset_calendar_key, name="reset_calendar_key"),
    path("account/tokens/new/", core_views.issue_token, name="issue_token"),
    path("account/tokens/<int:pk>/revoke/", core_views.revoke_token, name="revoke_token"),
    # Password reset by e-mail: the only way a password changes (the admin sends the link).
    path("password-reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password-reset/done/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("history/<str:kind>/<int:pk>/", core_views.record_history, name="history"),
    path("robots.txt", governance_portal.robots_txt, {"api": api}, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": _sitemaps()}, name="sitemap"),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
    *(path("", include(f"{config.name}.urls")) for config in apps.get_app_configs() if _has_pages(config)),
]
