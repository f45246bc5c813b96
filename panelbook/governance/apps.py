from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "panelbook.governance"
    label = "governance"
    verbose_name = "Governance calendar"
