from django.apps import AppConfig


class LeadsConfig(AppConfig):
    name = "netlife.leads"
    label = "leads"
