from typing import Any

from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "panelbook.budget"
    verbose_name = "The Panel's budget"

    def body_section(self, request: Any, body: Any) -> list[dict[str, Any]]:
        """A body with a budget links to it from its page, with the version in force."""
        from panelbook.budget.models import Budget
        from panelbook.budget.reports import approved_version

        budgets = list(Budget.objects.filter(body=body, is_void=False).select_related("body")[:3])
        if not budgets:
            return []
        shown = [(budget, approved_version(budget, request.user)) for budget in budgets]
        return [{"template": "budget/_body_budget.html", "budgets": shown}]
