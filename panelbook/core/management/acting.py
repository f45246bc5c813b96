"""The user a command acts as (``--user NAME``): a secretariat user, or the system when none is named."""

from __future__ import annotations

from django.core.management.base import CommandError

from panelbook.core.models import User


def acting_user(username: str | None, *, task: str) -> User | None:
    if username is None:
        return None
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"There is no active user called {username!r}.")
    if not (user.is_secretariat or user.is_superuser):
        raise CommandError(f"{username} is not a secretariat user; {task} acts for the secretariat.")
    return user
