from django.contrib import admin

from panelbook.papers.models import ClassificationBanner, ReportOmission, ReportSection


@admin.register(ReportSection)
class ReportSectionAdmin(admin.ModelAdmin):
    """The Sub-Committee Report's sections and the bodies each reports on: reference data."""

    list_display = ("position", "title", "body_codes", "with_assurance", "service_body_code")


@admin.register(ReportOmission)
class ReportOmissionAdmin(admin.ModelAdmin):
    """Agenda items the report leaves out, by how their title starts."""

    list_display = ("title_starts_with",)


@admin.register(ClassificationBanner)
class ClassificationBannerAdmin(admin.ModelAdmin):
    """Each classification's sentence on a paper's first page, in the Panel Information Policy's words."""

    list_display = ("level", "text")
