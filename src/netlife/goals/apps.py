from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "netlife.goals"
    label = "goals"
