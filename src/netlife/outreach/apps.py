from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "netlife.outreach"
    label = "outreach"
