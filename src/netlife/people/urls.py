from django.urls import path

from netlife.people import views

app_name = "people"
urlpatterns: list = []
