"""Web URLs for ties and introductions; names match the view functions."""

from django.urls import path

from netlife.ties import views

app_name = "ties"
urlpatterns = [
    path("people/<int:person_id>/knows/", views.knows, name="knows"),
    path("people/<int:person_id>/introductions/", views.intro, name="intro"),
]
