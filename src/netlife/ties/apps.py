from django.apps import AppConfig


class TiesConfig(AppConfig):
    name = "netlife.ties"
    label = "ties"
