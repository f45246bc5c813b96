"""Accounts and API tokens. Governance records live in their own apps."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone


def new_calendar_key() -> str:
    return secrets.token_urlsafe(24)


class User(AbstractUser):
    """A person who signs in. Their governance identity (organisation, memberships) is the
    ``governance.Person`` linked to them."""

    is_secretariat = models.BooleanField(
        default=False,
        help_text="Secretariat users prepare meetings and papers and can edit records.",
    )
    is_dcc_reporting = models.BooleanField(
        "DCC reporting",
        default=False,
        help_text="DCC reporting staff enter the monthly performance results, and change nothing else.",
    )
    calendar_key = models.CharField(
        max_length=64,
        default=new_calendar_key,
        unique=True,
        help_text="Secret that lets a calendar program fetch this user's personal feed.",
    )

    class Meta:
        ordering = ["username"]

    @property
    def role_label(self) -> str:
        if self.is_superuser:
            return "Administrator"
        if self.is_secretariat:
            return "Secretariat"
        if self.is_dcc_reporting:
            return "DCC reporting"
        return "SEC Party user"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def usable(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    """A bearer token for the API. Only its hash is stored; the raw token is shown once."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=8, help_text="First characters, to recognise a token.")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…) for {self.user}"

    @classmethod
    def issue(cls, user: User, name: str) -> tuple[ApiToken, str]:
        raw = "pb_" + secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, name=name, prefix=raw[:8], key_hash=hash_token(raw))
        return token, raw

    @classmethod
    def user_for(cls, raw: str) -> User | None:
        token = cls.objects.usable().select_related("user").filter(key_hash=hash_token(raw)).first()
        if token is None:
            return None
        now = timezone.now()
        # Record use at most every few minutes so reads do not each cost a write.
        if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=5):
            cls.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user


class Revisioned(models.Model):
    """A record edited by people: ``revision`` counts its saves, so an edit begun at an earlier
    revision can be refused instead of overwriting what was saved meanwhile."""

    revision = models.PositiveIntegerField(
        default=1, editable=False, help_text="Counts the saves of this record; an edit names the one it started from."
    )

    class Meta:
        abstract = True


# A void's reason goes into the history row's reason, which holds 100 characters.
VOID_REASON_LENGTH = 80


class Voidable(models.Model):
    """A record that can be voided as a mistake (a duplicate): it leaves every register, list,
    export and generated paper (``in_force()`` on its QuerySet) but stays in history, shown
    marked void to the secretariat, and can be restored."""

    is_void = models.BooleanField(default=False, editable=False)
    void_reason = models.CharField(max_length=VOID_REASON_LENGTH, blank=True, editable=False)

    class Meta:
        abstract = True


def new_form_token() -> str:
    return secrets.token_urlsafe(24)


class FormSubmission(models.Model):
    """A create form's one-time token once it has been used, with the record it created, so that
    sending the same form again (a double click, a reload) creates nothing more."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    record_type = models.CharField(max_length=100, blank=True, help_text="app_label.Model of the record created.")
    record_id = models.PositiveBigIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Form sent by {self.user} at {self.created_at:%d/%m/%Y %H:%M}"
