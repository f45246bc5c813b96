"""Issue an API token: panelbook createtoken USERNAME [--name NAME]. The raw token is shown once."""

from django.core.management.base import BaseCommand, CommandError

from panelbook.core.models import ApiToken, User


class Command(BaseCommand):
    help = "Issue an API token for a user and print it once; only its hash is kept."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="what the token is for (default: api)")

    def handle(self, *args, username, name, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user called {username!r}; create one with createuser.")
        if not user.is_active:
            raise CommandError(f"The user {username!r} is inactive; a token would not work.")
        token, raw = ApiToken.issue(user, name or "api")
        self.stderr.write(
            f"Token {token.prefix}… issued for {user.username} ({user.role_label}). Copy it now: it is not shown again."
        )
        self.stdout.write(raw)
