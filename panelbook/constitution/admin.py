"""Reference data the administrators keep for the constitution: the term rules. Seats, terms of
reference, appointments and elections change only through the verbs (and the secretariat's pages)."""

from django.contrib import admin

from panelbook.constitution.models import TermRule
from panelbook.governance.admin import NoDeleteAdmin


@admin.register(TermRule)
class TermRuleAdmin(NoDeleteAdmin):
    list_display = ("body", "role", "term_months", "effective_from", "effective_to", "note")
    list_filter = ("body",)
