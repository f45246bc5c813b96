from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class CoreConfig(AppConfig):
    name = "panelbook.core"
    label = "core"
    verbose_name = "Core"


class PanelbookAdminConfig(admin_apps.AdminConfig):
    """Django's admin with panelbook's site (``core.adminsite.PanelbookAdminSite``)."""

    default = False
    default_site = "panelbook.core.adminsite.PanelbookAdminSite"
