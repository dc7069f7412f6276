from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "netlife.review"
    label = "review"
