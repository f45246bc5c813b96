"""Reference data the administrators keep for the registers: each body's standing items. Registers,
their entries and scales carry a classification and change only through the verbs."""

from django.contrib import admin

from panelbook.governance.admin import NoDeleteAdmin
from panelbook.registers.models import StandingItem


@admin.register(StandingItem)
class StandingItemAdmin(NoDeleteAdmin):
    list_display = ("body", "title", "months", "position", "is_active")
    list_filter = ("body",)
