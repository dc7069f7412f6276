from importlib import import_module
from typing import Any

from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate


def repair_search_index(using: str, **kwargs: Any) -> None:
    """Recreate the People search index's triggers if a migration lost them.

    For many schema changes Django rebuilds a SQLite table, which drops its
    triggers and would leave the index silently stale (see migration 0004).
    Cheap when nothing is missing: one read of sqlite_master.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE name LIKE 'people_person_search%'"
        )
        present = {name for (name,) in cursor.fetchall()}
    if "people_person_search" not in present:
        return  # no trigram tokenizer here, or migrated back before 0004
    index = import_module("netlife.people.migrations.0004_person_search_index")
    if set(index.TRIGGERS) <= present:
        return
    with connection.cursor() as cursor:
        # The index's SQL needs only execute(); a schema editor would refuse
        # to open inside a transaction on SQLite.
        index.create_search_index(cursor)


class PeopleConfig(AppConfig):
    name = "netlife.people"
    label = "people"

    def ready(self) -> None:
        post_migrate.connect(repair_search_index, sender=self)
