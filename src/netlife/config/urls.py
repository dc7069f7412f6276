"""Web URLs: one include per app."""

from django.urls import include, path

urlpatterns = [
    path("", include("netlife.people.urls")),
]

handler404 = "netlife.core.views.page_not_found"
handler500 = "netlife.core.views.server_error"
