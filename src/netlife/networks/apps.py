from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "netlife.networks"
    label = "networks"
