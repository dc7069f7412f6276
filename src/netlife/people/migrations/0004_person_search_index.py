"""A trigram index for the People search, on SQLite only.

`people_person_search` is an FTS5 table (trigram tokenizer) with one row per
person, rowid = person id: the name, the title, the organization's name and
the email addresses (one a line; a search text never holds a line break).
It only narrows a search to candidates (trigrams fold case more widely than
LIKE): `people.queries` still applies the exact conditions to the tables,
so the results are those of the plain query.

Triggers keep it in step with every write, whatever writes (the ORM,
`core.bulk.insert_rows`' raw executemany, `QuerySet.update`, merges, raw
SQL): people inserted, renamed, given another title or organization, or
deleted; organizations renamed or deleted; email addresses added, changed,
moved to another person or deleted.

Beware: for many schema changes Django rebuilds a SQLite table (create,
copy, drop, rename), and dropping a table drops its triggers. A later
migration that rebuilds people_person, people_organization or
people_contactmethod must recreate them (run `create_search_index` again);
people/tests/test_search_index.py fails until it does.

PostgreSQL keeps the plain query.
"""

import sqlite3

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

CREATE_TABLE = """
CREATE VIRTUAL TABLE people_person_search USING fts5(
    full_name, title, organization, emails, tokenize = 'trigram'
)"""

TRIGGERS = {
    # The person's row is deleted before it is written, so that a row left
    # by any earlier mishap can never make a write fail.
    "people_person_search_insert": """
AFTER INSERT ON people_person BEGIN
    DELETE FROM people_person_search WHERE rowid = new.id;
    INSERT INTO people_person_search (rowid, full_name, title, organization, emails)
    VALUES (
        new.id, new.full_name, new.title,
        coalesce((SELECT o.name FROM people_organization AS o
                  WHERE o.id = new.organization_id), ''),
        coalesce((SELECT group_concat(m.normalized, char(10))
                  FROM people_contactmethod AS m
                  WHERE m.person_id = new.id AND m.kind = 'email'), '')
    );
END""",
    "people_person_search_update": """
AFTER UPDATE OF id, full_name, title, organization_id ON people_person
WHEN old.id IS NOT new.id OR old.full_name IS NOT new.full_name
    OR old.title IS NOT new.title OR old.organization_id IS NOT new.organization_id
BEGIN
    DELETE FROM people_person_search WHERE rowid IN (old.id, new.id);
    INSERT INTO people_person_search (rowid, full_name, title, organization, emails)
    VALUES (
        new.id, new.full_name, new.title,
        coalesce((SELECT o.name FROM people_organization AS o
                  WHERE o.id = new.organization_id), ''),
        coalesce((SELECT group_concat(m.normalized, char(10))
                  FROM people_contactmethod AS m
                  WHERE m.person_id = new.id AND m.kind = 'email'), '')
    );
END""",
    "people_person_search_delete": """
AFTER DELETE ON people_person BEGIN
    DELETE FROM people_person_search WHERE rowid = old.id;
END""",
    "people_person_search_organization_update": """
AFTER UPDATE OF name ON people_organization WHEN old.name IS NOT new.name BEGIN
    UPDATE people_person_search SET organization = new.name WHERE rowid IN
        (SELECT p.id FROM people_person AS p WHERE p.organization_id = new.id);
END""",
    "people_person_search_organization_delete": """
AFTER DELETE ON people_organization BEGIN
    UPDATE people_person_search SET organization = '' WHERE rowid IN
        (SELECT p.id FROM people_person AS p WHERE p.organization_id = old.id);
END""",
    "people_person_search_email_insert": """
AFTER INSERT ON people_contactmethod WHEN new.kind = 'email' BEGIN
    UPDATE people_person_search SET emails = coalesce(
        (SELECT group_concat(m.normalized, char(10)) FROM people_contactmethod AS m
         WHERE m.person_id = new.person_id AND m.kind = 'email'), '')
    WHERE rowid = new.person_id;
END""",
    "people_person_search_email_update": """
AFTER UPDATE OF person_id, kind, normalized ON people_contactmethod
WHEN (old.kind = 'email' OR new.kind = 'email')
    AND (old.person_id IS NOT new.person_id OR old.kind IS NOT new.kind
         OR old.normalized IS NOT new.normalized)
BEGIN
    UPDATE people_person_search SET emails = coalesce(
        (SELECT group_concat(m.normalized, char(10)) FROM people_contactmethod AS m
         WHERE m.person_id = old.person_id AND m.kind = 'email'), '')
    WHERE rowid = old.person_id;
    UPDATE people_person_search SET emails = coalesce(
        (SELECT group_concat(m.normalized, char(10)) FROM people_contactmethod AS m
         WHERE m.person_id = new.person_id AND m.kind = 'email'), '')
    WHERE rowid = new.person_id AND new.person_id IS NOT old.person_id;
END""",
    "people_person_search_email_delete": """
AFTER DELETE ON people_contactmethod WHEN old.kind = 'email' BEGIN
    UPDATE people_person_search SET emails = coalesce(
        (SELECT group_concat(m.normalized, char(10)) FROM people_contactmethod AS m
         WHERE m.person_id = old.person_id AND m.kind = 'email'), '')
    WHERE rowid = old.person_id;
END""",
}

BACKFILL = """
INSERT INTO people_person_search (rowid, full_name, title, organization, emails)
SELECT
    p.id, p.full_name, p.title, coalesce(o.name, ''),
    coalesce((SELECT group_concat(m.normalized, char(10))
              FROM people_contactmethod AS m
              WHERE m.person_id = p.id AND m.kind = 'email'), '')
FROM people_person AS p
LEFT JOIN people_organization AS o ON o.id = p.organization_id"""

# One b-tree instead of the segments a bulk insert leaves: faster reads.
OPTIMIZE = "INSERT INTO people_person_search (people_person_search) VALUES ('optimize')"


def trigram_supported() -> bool:
    """Whether this SQLite has FTS5 and its trigram tokenizer (3.34+)."""
    try:
        with sqlite3.connect(":memory:") as db:
            db.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize = 'trigram')")
    except sqlite3.Error:
        return False
    return True


def create_search_index(schema_editor: BaseDatabaseSchemaEditor) -> None:
    """(Re)create the table and its triggers, and fill it from the tables."""
    drop_search_index(schema_editor)
    schema_editor.execute(CREATE_TABLE)
    for name, body in TRIGGERS.items():
        schema_editor.execute(f"CREATE TRIGGER {name} {body}")
    schema_editor.execute(BACKFILL)
    schema_editor.execute(OPTIMIZE)


def drop_search_index(schema_editor: BaseDatabaseSchemaEditor) -> None:
    for name in TRIGGERS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    schema_editor.execute("DROP TABLE IF EXISTS people_person_search")


def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "sqlite" and trigram_supported():
        create_search_index(schema_editor)


def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        drop_search_index(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_merge_suggestion"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
