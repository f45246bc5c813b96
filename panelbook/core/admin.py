"""Administration of accounts and reference data.

Governance records are edited through the application's own pages, which apply the
classification gate and the service verbs. The admin never shows or lets anyone set a
credential of another user: calendar keys are not shown (or searchable), tokens are issued
(shown once) and revoked but never re-pointed, and passwords are changed only by their owner
through a reset link sent by e-mail.
"""

from __future__ import annotations

import secrets
from typing import Any, cast

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from panelbook.core.models import ApiToken, User

# Fields of a user that are credentials: never shown, filtered or searched in the admin.
SECRET_USER_FIELDS = ("password", "calendar_key")
ROLE_FIELDS = (
    "is_active",
    "is_staff",
    "is_superuser",
    "is_secretariat",
    "is_dcc_reporting",
    "groups",
    "user_permissions",
)


class SingleUserPasswordResetForm(PasswordResetForm):
    """Django's reset e-mail, sent to one chosen user rather than to everyone with an address."""

    def __init__(self, user: User) -> None:
        super().__init__(data={"email": user.email})
        self.user = user

    def get_users(self, email: str):
        return [self.user] if self.user.is_active and self.user.email else []


def send_password_reset(request: HttpRequest, user: User) -> None:
    form = SingleUserPasswordResetForm(user)
    form.is_valid()
    form.save(request=request, use_https=request.is_secure())


class UserCreationWithoutPasswordForm(forms.ModelForm):
    """A new account without a password anyone knows: its owner sets one from the reset e-mail."""

    class Meta:
        model = User
        fields = ("username", "email", "first_name", "last_name")

    def save(self, commit: bool = True) -> User:
        user = super().save(commit=False)
        user.set_password(secrets.token_urlsafe(32))
        if commit:
            user.save()
        return user


@admin.register(User)
class PanelbookUserAdmin(UserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "is_secretariat", "is_superuser", "is_active")
    list_filter = ("is_secretariat", "is_dcc_reporting", "is_superuser", "is_active")
    fieldsets = (
        (None, {"fields": ("username",)}),
        ("Personal info", {"fields": ("first_name", "last_name", "email")}),
        ("Role", {"fields": ROLE_FIELDS}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_form = UserCreationWithoutPasswordForm
    add_fieldsets = ((None, {"fields": ("username", "email", "first_name", "last_name")}),)
    # The address reset links go to: changing it, then sending a link, would take the account over.
    readonly_fields = ("email", "last_login", "date_joined")
    actions = ["send_password_reset_link"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        if obj is None:
            return ()
        # No administrator grants themselves another role (secretariat writes records).
        if obj.pk == request.user.pk:
            return (*self.readonly_fields, *ROLE_FIELDS)
        return self.readonly_fields

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> HttpResponse:
        # UserAdmin's "set this user's password" page: only the owner sets a password.
        raise Http404("Passwords are changed by their owner from a reset link.")

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest | None = None) -> bool:
        # A filter such as ?calendar_key__startswith=a would spell a key out one letter at a time.
        if lookup.split("__")[0] in SECRET_USER_FIELDS:
            return False
        return super().lookup_allowed(lookup, value, request)

    def save_model(self, request: HttpRequest, obj: User, form: forms.ModelForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change and obj.email:
            send_password_reset(request, obj)
            messages.info(request, f"A link to set a password was sent to {obj.email}.")

    @admin.action(description="Send a password reset link by e-mail")
    def send_password_reset_link(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        sent = [user for user in queryset if user.is_active and user.email]
        for user in sent:
            send_password_reset(request, user)
        skipped = queryset.count() - len(sent)
        messages.info(request, f"Sent {len(sent)} reset link(s).")
        if skipped:
            messages.warning(request, f"{skipped} user(s) have no e-mail address or are inactive: no link was sent.")


class IssueTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ("name",)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are revoked here, and issued (the raw token shown once) only to the administrator
    themselves: holding someone's token is reading as them, so users make their own on their
    account page (or an operator runs `panelbook createtoken`). An issued token is never edited,
    so it cannot be pointed at another user."""

    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    list_filter = ("revoked_at",)
    fields = ("user", "name", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "created_at", "last_used_at", "revoked_at")
    actions = ["revoke"]

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        if obj is None:
            kwargs["form"] = IssueTokenForm
            kwargs["fields"] = ("name",)
        return super().get_form(request, obj, change, **kwargs)

    def get_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        return ("name",) if obj is None else self.fields

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest | None = None) -> bool:
        if lookup.split("__")[0] == "key_hash":
            return False
        return super().lookup_allowed(lookup, value, request)

    def add_view(self, request: HttpRequest, form_url: str = "", extra_context: dict | None = None) -> HttpResponse:
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return super().add_view(request, form_url, extra_context)
        form = IssueTokenForm(request.POST)
        if not form.is_valid():
            return super().add_view(request, form_url, extra_context)
        # The admin site lets in signed-in staff only.
        token, raw = ApiToken.issue(cast(User, request.user), form.cleaned_data["name"])
        self.log_addition(request, token, [{"added": {}}])
        context = {**self.admin_site.each_context(request), "token": token, "raw": raw, "opts": self.opts}
        # Rendered in this response and never stored: a redirect would need the raw token kept.
        return TemplateResponse(request, "admin/core/apitoken/issued.html", context)

    @admin.action(description="Revoke selected tokens")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        messages.info(request, f"Revoked {count} token(s).")
