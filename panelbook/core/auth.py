"""Who is calling the API: a bearer token, else the signed-in session, else nobody.

Reads accept all three, so a browser session sees in /api/ what it sees on the pages. Writes
accept only a token of an active secretariat user: a session is refused for writes because
the API does not check CSRF tokens.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError, AuthorizationError
from ninja.security import HttpBearer

from panelbook.core.classification import is_secretariat
from panelbook.core.models import ApiToken, User

BAD_TOKEN = "The API token is not valid or has been revoked; send Authorization: Bearer <token>."
NO_TOKEN = "This needs a secretariat user's API token; send Authorization: Bearer <token>."
NO_OWN_TOKEN = "This needs your API token; send Authorization: Bearer <token>."
NOT_SECRETARIAT = "Only secretariat users can change records through the API."


def token_user(request: HttpRequest) -> User | None:
    """The user of the request's bearer token; None when no Authorization header is sent.

    A header that is present but is not a usable bearer token raises AuthenticationError, so a
    mistyped or revoked token is refused (401) instead of quietly reading as anonymous.
    """
    header = request.headers.get("Authorization", "").strip()
    if not header:
        return None
    scheme, _, raw = header.partition(" ")
    user = ApiToken.user_for(raw.strip()) if scheme.lower() == "bearer" and raw.strip() else None
    if user is None:
        raise AuthenticationError(message=BAD_TOKEN)
    return user


def api_user(request: HttpRequest) -> Any:
    """The calling user for reads: the token's user, the session user, or AnonymousUser."""
    user = token_user(request)
    if user is not None:
        return user
    session_user = getattr(request, "user", None)
    if session_user is not None and session_user.is_authenticated:
        return session_user
    return AnonymousUser()


class BearerToken(HttpBearer):
    """The API's one security scheme, in three strengths.

    ``BearerToken()`` is for reads: it never refuses a caller who sends no credentials, only a
    bad token, and gives the caller (AnonymousUser included, which is truthy) as
    ``request.auth``. ``BearerToken(secretariat=True)`` is for writes: no or bad token answers
    401, a good token of a user who is not secretariat answers 403, and the session is ignored.
    ``BearerToken(own=True)`` is for a caller's changes to what is their own (their saved
    searches): as for writes, but a token of any active user will do.
    """

    openapi_description = (
        "An API token made with `panelbook createtoken USERNAME`. Optional for reads, which "
        "show what the token's user may see; writes need a secretariat user's token."
    )

    def __init__(self, *, secretariat: bool = False, own: bool = False) -> None:
        super().__init__()
        self.secretariat = secretariat
        self.own = own

    def __call__(self, request: HttpRequest) -> Any:
        if not self.secretariat and not self.own:
            return api_user(request)
        user = token_user(request)
        if user is None:
            raise AuthenticationError(message=NO_OWN_TOKEN if self.own else NO_TOKEN)
        if self.secretariat and not is_secretariat(user):
            raise AuthorizationError(message=NOT_SECRETARIAT)
        return user

    def authenticate(self, request: HttpRequest, token: str) -> Any:  # pragma: no cover
        # Unused: __call__ reads the header itself so that a bad token is refused, not ignored.
        return self(request)


read_auth = BearerToken()
secretariat_auth = BearerToken(secretariat=True)
own_auth = BearerToken(own=True)
