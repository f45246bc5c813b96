"""Amounts of money as the budget's pages write them: £1,050,000; an overspend as −£12,800."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def pounds(amount: Decimal | None) -> str:
    if amount is None:
        return "—"
    sign = "−" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.0f}"
