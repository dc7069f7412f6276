"""The project's URLs plus views that fail, to exercise the error pages."""

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path

from netlife.config import urls
from netlife.config.urls import handler404, handler500

__all__ = ["handler404", "handler500", "urlpatterns"]


def explode(request: HttpRequest) -> HttpResponse:
    raise ValueError("secret-detail-in-the-exception")


def lose_the_database(request: HttpRequest) -> HttpResponse:
    raise DatabaseError("no such table: people_person")


urlpatterns: list[URLPattern | URLResolver] = [
    *urls.urlpatterns,
    path("explode/", explode),
    path("lose-the-database/", lose_the_database),
]
