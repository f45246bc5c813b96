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
