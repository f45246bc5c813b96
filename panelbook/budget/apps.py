from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "panelbook.budget"
    verbose_name = "The Panel's budget"
