"""Web URLs for interactions; names match the view functions."""

from django.urls import path

from netlife.interactions import views

app_name = "interactions"
urlpatterns = [
    path("interactions/log/", views.log, name="log"),
    path("interactions/check/", views.check, name="check"),
]
