from django.apps import AppConfig


class InteractionsConfig(AppConfig):
    name = "netlife.interactions"
    label = "interactions"
