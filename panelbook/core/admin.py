"""Administration of accounts. Governance records are edited through the application's own
pages, which apply the classification gate and the service verbs."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from panelbook.core.models import ApiToken, User


@admin.register(User)
class PanelbookUserAdmin(UserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "is_secretariat", "is_superuser", "is_active")
    list_filter = ("is_secretariat", "is_superuser", "is_active")
    fieldsets = UserAdmin.fieldsets + (("panelbook", {"fields": ("is_secretariat", "calendar_key")}),)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "key_hash", "created_at", "last_used_at")
    list_filter = ("revoked_at",)

    def has_add_permission(self, request):
        # Tokens are issued with `panelbook createtoken`, which shows the raw token once.
        return False

    def has_delete_permission(self, request, obj=None):
        return False
