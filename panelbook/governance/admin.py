"""Reference data the administrators keep: bodies, organisations, people and memberships.

Meetings, agendas and papers are not here: they carry classifications and are changed only
through the application's pages and API, which go through the gate and the service verbs.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from panelbook.governance.models import Body, Membership, Organisation, Person


class NoDeleteAdmin(SimpleHistoryAdmin):
    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Body)
class BodyAdmin(NoDeleteAdmin):
    list_display = ("name", "short_name", "kind", "paper_prefix", "action_prefix", "is_active")
    list_filter = ("kind", "is_active")


@admin.register(Organisation)
class OrganisationAdmin(NoDeleteAdmin):
    list_display = ("name", "party_category", "is_sec_party", "status")
    list_filter = ("party_category", "is_sec_party", "status")
    search_fields = ("name", "short_name")


@admin.register(Person)
class PersonAdmin(NoDeleteAdmin):
    list_display = ("name", "organisation", "job_title", "user")
    search_fields = ("name",)
    autocomplete_fields = ("organisation",)


@admin.register(Membership)
class MembershipAdmin(NoDeleteAdmin):
    list_display = ("person", "body", "role", "represents", "start_date", "end_date")
    list_filter = ("body", "role")
    autocomplete_fields = ("person",)
