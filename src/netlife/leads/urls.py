"""Web URLs for leads; names match the view functions."""

from django.urls import path

from netlife.leads import views

app_name = "leads"
urlpatterns = [
    path("leads/", views.lead_board, name="lead_board"),
    path("leads/add/", views.lead_add, name="lead_add"),
    path("leads/<int:lead_id>/move/", views.lead_move, name="lead_move"),
]
