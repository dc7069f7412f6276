from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "netlife.core"
    label = "core"
