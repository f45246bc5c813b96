"""Create a user with a role: panelbook createuser NAME --role secretariat [--person "Full Name"]."""

import getpass

from django.core.management.base import BaseCommand, CommandError

from panelbook.core.models import User

ROLES = ("party", "secretariat", "admin")


class Command(BaseCommand):
    help = "Create a user who can sign in, with the role party (default), secretariat or admin."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", choices=ROLES, default="party")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="the password (asked for when not given)")

    def handle(self, *args, username, role, email, password, **options):
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user called {username!r} already exists; choose another name.")
        password = password or getpass.getpass(f"Password for {username}: ")
        if len(password) < 8:
            raise CommandError("The password must be at least 8 characters long.")
        user = User.objects.create_user(username=username, email=email, password=password)
        user.is_secretariat = role in {"secretariat", "admin"}
        user.is_superuser = user.is_staff = role == "admin"
        user.save()
        self.stdout.write(f"Created {role} user {username}.")
