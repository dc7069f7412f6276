"""Web URLs for people; names match the view functions."""

from django.urls import path

from netlife.people import merge_views, views

app_name = "people"
urlpatterns = [
    path("people/", views.person_list, name="person_list"),
    path("people/add/", views.person_add, name="person_add"),
    path("people/bulk/", views.person_bulk, name="person_bulk"),
    path("people/<int:person_id>/", views.person_detail, name="person_detail"),
    path(
        "people/<int:person_id>/timeline/",
        views.person_timeline,
        name="person_timeline",
    ),
    path("people/<int:person_id>/edit/", views.person_edit, name="person_edit"),
    path(
        "people/<int:person_id>/archive/", views.person_archive, name="person_archive"
    ),
    path("people/<int:person_id>/delete/", views.person_delete, name="person_delete"),
    path(
        "people/<int:person_id>/merge/",
        merge_views.person_merge,
        name="person_merge",
    ),
    path(
        "people/<int:person_id>/merge/<int:other_id>/",
        merge_views.person_merge_confirm,
        name="person_merge_confirm",
    ),
    path("demo/", views.load_demo, name="load_demo"),
]
