from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "netlife.people"
    label = "people"
