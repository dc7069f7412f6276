"""Web URLs for relationships; names match the view functions.

`told` is the goals app's view: it lives here because Today is the page
that offers it and the goals app has no URLs of its own.
"""

from django.urls import path

from netlife.goals import views as goal_views
from netlife.relationships import views

app_name = "relationships"
urlpatterns = [
    path("", views.today, name="today"),
    path("today/side/", views.today_side, name="today_side"),
    path("people/<int:person_id>/snooze/", views.snooze, name="snooze"),
    path("people/<int:person_id>/told/", goal_views.told, name="told"),
]
