"""Web URLs of the subscription feeds."""

from django.urls import path

from netlife.feeds import views

app_name = "feeds"
urlpatterns = [
    path("feeds/<str:secret>.ics", views.calendar_feed, name="calendar"),
    path("feeds/<str:secret>.atom", views.atom_feed, name="atom"),
]
