from django.apps import AppConfig


class PathsConfig(AppConfig):
    name = "netlife.paths"
    label = "paths"
