"""The PostgreSQL engine's entries table (``search_entry``), on PostgreSQL only: the index is
derived data, rebuilt by ``panelbook reindex``, so it has no model. Its text is ranked through the
RUM index (Debian's ``postgresql-15-rum``) when the server has the extension, else through GIN
with ``ts_rank`` (slower: it ranks every match); ``reindex`` moves a GIN table to RUM once the
extension is installed.
"""

from django.db import migrations

TABLE = """
CREATE TABLE search_entry (
    key text PRIMARY KEY,
    record text NOT NULL,
    kind text NOT NULL,
    title text NOT NULL,
    body_text text NOT NULL,
    url text NOT NULL,
    level text NOT NULL,
    body integer,
    day date,
    page integer,
    sign_in boolean NOT NULL,
    member_of integer[] NOT NULL,
    red boolean NOT NULL,
    readers integer[] NOT NULL,
    tsv tsvector NOT NULL
);
CREATE INDEX search_entry_record ON search_entry (record);
CREATE INDEX search_entry_kind ON search_entry (kind);
"""


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        rum = cursor.fetchone() is not None
        if rum:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS rum")
        cursor.execute(TABLE)
        method = "rum (tsv rum_tsvector_ops)" if rum else "gin (tsv)"
        cursor.execute(f"CREATE INDEX search_entry_tsv ON search_entry USING {method}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS search_entry")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
