"""Web URLs for transfer; names match the view functions."""

from django.urls import path

from netlife.transfer import views

app_name = "transfer"
urlpatterns = [
    path("import/", views.import_start, name="import_start"),
    path("import/duplicates/", views.duplicates, name="duplicates"),
    path(
        "import/duplicates/resolve/",
        views.resolve_duplicate,
        name="resolve_duplicate",
    ),
    path("import/<str:token>/", views.import_progress, name="import_progress"),
    path("import/<str:token>/preview/", views.import_preview, name="import_preview"),
    path("import/<str:token>/confirm/", views.import_confirm, name="import_confirm"),
    path("import/<str:token>/cancel/", views.import_cancel, name="import_cancel"),
]
