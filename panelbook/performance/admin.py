"""Reference data the administrators keep for DCC performance: providers, scopes, measures and
their service levels. Results are not here: they carry a classification and change only through
the verbs (DCC reporting's form, the API)."""

from django.contrib import admin

from panelbook.governance.admin import NoDeleteAdmin
from panelbook.performance.models import (
    Measure,
    Provider,
    Region,
    Scope,
    ServiceLevel,
    ServiceLine,
    TargetResolutionTime,
)


@admin.register(Provider)
class ProviderAdmin(NoDeleteAdmin):
    list_display = ("code", "name")


@admin.register(Scope)
class ScopeAdmin(NoDeleteAdmin):
    list_display = ("code", "name")


class ServiceLevelInline(admin.TabularInline):
    model = ServiceLevel
    extra = 0
    can_delete = False


@admin.register(Measure)
class MeasureAdmin(NoDeleteAdmin):
    list_display = ("code", "provider", "methodology_version", "name", "unit", "direction")
    list_filter = ("provider",)
    filter_horizontal = ("feeds",)
    inlines = [ServiceLevelInline]


@admin.register(ServiceLine)
class ServiceLineAdmin(NoDeleteAdmin):
    list_display = ("code", "name", "position")


@admin.register(Region)
class RegionAdmin(NoDeleteAdmin):
    list_display = ("code", "name")


@admin.register(TargetResolutionTime)
class TargetResolutionTimeAdmin(NoDeleteAdmin):
    list_display = ("category", "effective_from", "hours", "working_days", "source")
