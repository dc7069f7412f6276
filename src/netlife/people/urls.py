"""Web URLs for people; names match the view functions."""

from django.urls import path

from netlife.people import views

app_name = "people"
urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("people/<int:person_id>/", views.person_detail, name="person_detail"),
    path("demo/", views.load_demo, name="load_demo"),
]
