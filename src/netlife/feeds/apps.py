from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "netlife.feeds"
    label = "feeds"
