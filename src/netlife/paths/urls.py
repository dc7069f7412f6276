"""Web URLs for paths; names match the view functions."""

from django.urls import path

from netlife.paths import views

app_name = "paths"
urlpatterns = [
    path("paths/", views.path_search, name="path_search"),
    path("paths/reach/<int:person_id>/", views.reach, name="reach"),
]
