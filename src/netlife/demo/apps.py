from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "netlife.demo"
    label = "demo"
