"""Web URLs for networks; names match the view functions."""

from django.urls import path

from netlife.networks import views

app_name = "networks"
urlpatterns = [
    path("settings/", views.network_settings, name="network_settings"),
    path("settings/goal/", views.set_goal, name="set_goal"),
    path("settings/goal/done/", views.finish_goal, name="finish_goal"),
    path("settings/timezone/", views.set_timezone, name="set_timezone"),
    path("settings/feeds/", views.create_feed, name="create_feed"),
    path(
        "settings/feeds/<int:feed_id>/revoke/",
        views.revoke_feed,
        name="revoke_feed",
    ),
    path("settings/feeds/revoke/", views.revoke_all_feeds, name="revoke_all_feeds"),
    path(
        "settings/download/backup.json",
        views.download_backup,
        name="download_backup",
    ),
    path("settings/download/<slug:what>/", views.download, name="download"),
]
