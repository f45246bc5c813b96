"""Reference data the administrators keep for SEC Parties and assurance: the User Roles, the
steps of the User Entry Process and the counts' suppression threshold. Parties, roles held and
assessments change only through the verbs."""

from django.contrib import admin

from panelbook.assurance.models import CountSuppression, UepStep, UserRole
from panelbook.governance.admin import NoDeleteAdmin


@admin.register(UserRole)
class UserRoleAdmin(NoDeleteAdmin):
    list_display = ("name", "code", "display_order")


@admin.register(UepStep)
class UepStepAdmin(NoDeleteAdmin):
    list_display = ("position", "name", "is_active")


@admin.register(CountSuppression)
class CountSuppressionAdmin(NoDeleteAdmin):
    list_display = ("effective_from", "smallest_shown", "note")
