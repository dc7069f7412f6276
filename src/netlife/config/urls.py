"""Web URLs: one include per app.

400.html, 403.html and 403_csrf.html are picked up by Django's default
handlers; 404 and 500 have views of their own (core.views).
"""

from django.urls import include, path

urlpatterns = [
    path("", include("netlife.relationships.urls")),
    path("", include("netlife.people.urls")),
    path("", include("netlife.ties.urls")),
    path("", include("netlife.outreach.urls")),
    path("", include("netlife.interactions.urls")),
    path("", include("netlife.paths.urls")),
    path("", include("netlife.leads.urls")),
    path("", include("netlife.transfer.urls")),
    path("", include("netlife.review.urls")),
    path("", include("netlife.networks.urls")),
    path("", include("netlife.feeds.urls")),
]

handler404 = "netlife.core.views.page_not_found"
handler500 = "netlife.core.views.server_error"
