"""Web URLs for outreach; names match the view functions."""

from django.urls import URLPattern, path

from netlife.outreach import views

app_name = "outreach"
urlpatterns: list[URLPattern] = [
    path("people/<int:person_id>/draft/", views.draft, name="draft"),
    path("people/<int:person_id>/draft/lint/", views.lint_draft, name="lint_draft"),
]
