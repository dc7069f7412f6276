from django.apps import AppConfig


class TransferConfig(AppConfig):
    name = "netlife.transfer"
    label = "transfer"
