from django.contrib import admin

from panelbook.budget.models import CostCategory


@admin.register(CostCategory)
class CostCategoryAdmin(admin.ModelAdmin):
    """The budget's cost categories are reference data the secretariat keeps here."""

    list_display = ("name", "position", "is_active")
