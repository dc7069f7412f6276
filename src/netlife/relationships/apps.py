from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _fill_missing_relationships(sender: AppConfig, **kwargs: Any) -> None:
    # A database from before this app existed has people but no rows;
    # summing them up once at upgrade keeps every read path simple.
    from netlife.relationships.services import refresh_people_missing_relationships

    refresh_people_missing_relationships()


class RelationshipsConfig(AppConfig):
    name = "netlife.relationships"
    label = "relationships"

    def ready(self) -> None:
        post_migrate.connect(_fill_missing_relationships, sender=self)
