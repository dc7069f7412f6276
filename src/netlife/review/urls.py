"""Web URLs for review; names match the view functions."""

from django.urls import path

from netlife.review import views

app_name = "review"
urlpatterns = [
    path("review/", views.weekly_review, name="weekly_review"),
]
