"""Getting the database ready on first use, and naming it in errors."""

from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor


def describe_database() -> str:
    """A short human description of where the data lives."""
    if settings.DATABASE_URL:
        db = settings.DATABASES["default"]
        return (
            f"PostgreSQL database {db.get('NAME')!r} on {db.get('HOST') or 'localhost'}"
        )
    return f"SQLite file {settings.SQLITE_PATH}"


def pending_migrations() -> bool:
    """True when the schema is behind the code (always true for a new file)."""
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    return bool(executor.migration_plan(targets))


_prepared_aliases: set[str] = set()


def prepare_database() -> None:
    """Create the SQLite home folder and bring the schema up to date.

    Idempotent and quick when there is nothing to do, so every command can
    call it: the first use of netlife on a laptop needs no separate step.
    """
    # Checked once per process: loading the migration graph costs more than
    # most commands, and a long-lived process (tests, the server) only needs
    # it the first time.
    if DEFAULT_DB_ALIAS in _prepared_aliases:
        return
    if not settings.DATABASE_URL:
        settings.NETLIFE_HOME.mkdir(parents=True, exist_ok=True)
    if pending_migrations():
        call_command("migrate", interactive=False, verbosity=0)
    _prepared_aliases.add(DEFAULT_DB_ALIAS)


def refresh_statistics(*, wait_ms: int | None = None) -> None:
    """Let SQLite's planner see the new shape of the data after bulk writes.

    Without statistics, SQLite picks the network index and scans a whole
    network for per-person queries; a sampled ANALYZE takes milliseconds and
    fixes that. PostgreSQL's autovacuum keeps its own statistics. With
    `wait_ms`, give up (DatabaseError) rather than wait longer for a lock.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        if wait_ms is not None:
            cursor.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
        cursor.execute("PRAGMA analysis_limit=1000")
        cursor.execute("ANALYZE")
