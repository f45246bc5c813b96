"""Make the bare baseline's table and fill it with 100,000 rows (once).

BARE_DATABASE_URL=sqlite:////tmp/bare.sqlite3 .venv/bin/python -m bench.bare.fill
"""

import datetime as dt
import os

ROWS = 100_000


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.bare.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from bench.bare.models import Row

    call_command("migrate", run_syncdb=True, interactive=False, verbosity=0)
    if Row.objects.count() >= ROWS:
        return
    first = dt.date(2006, 1, 1)
    Row.objects.bulk_create(
        (
            Row(title=f"Row {n}", owner=f"Owner {n % 97}", recorded_on=first + dt.timedelta(days=n % 7300))
            for n in range(ROWS)
        ),
        batch_size=2000,
    )


if __name__ == "__main__":
    main()
