from django.urls import path

from panelbook.papers import issue_views, pack_views, views
from panelbook.papers import subcommittee_views as report_views

app_name = "papers"
urlpatterns = [
    path("meetings/<int:pk>/actions-outstanding/", views.actions_outstanding, name="actions_outstanding"),
    path(
        "meetings/<int:pk>/actions-outstanding.docx",
        views.actions_outstanding_file,
        {"fmt": "docx"},
        name="actions_outstanding_docx",
    ),
    path(
        "meetings/<int:pk>/actions-outstanding.pdf",
        views.actions_outstanding_file,
        {"fmt": "pdf"},
        name="actions_outstanding_pdf",
    ),
    path("modifications/reports/change-status/", views.change_status, name="change_status"),
    path(
        "modifications/reports/change-status.docx", views.change_status_file, {"fmt": "docx"}, name="change_status_docx"
    ),
    path("modifications/reports/change-status.pdf", views.change_status_file, {"fmt": "pdf"}, name="change_status_pdf"),
    path("modifications/reports/timetables/", views.timetables, name="timetables"),
    path("modifications/reports/timetables.docx", views.timetables_file, {"fmt": "docx"}, name="timetables_docx"),
    path("modifications/reports/timetables.pdf", views.timetables_file, {"fmt": "pdf"}, name="timetables_pdf"),
    path("performance/reports/service/", views.service_performance, name="service_performance"),
    path(
        "performance/reports/service.docx",
        views.service_performance_file,
        {"fmt": "docx"},
        name="service_performance_docx",
    ),
    path(
        "performance/reports/service.pdf",
        views.service_performance_file,
        {"fmt": "pdf"},
        name="service_performance_pdf",
    ),
    path("bodies/<slug:code>/forward-plan/paper/", views.forward_plan_page, name="forward_plan"),
    path("bodies/<slug:code>/forward-plan.docx", views.forward_plan_file, {"fmt": "docx"}, name="forward_plan_docx"),
    path("bodies/<slug:code>/forward-plan.pdf", views.forward_plan_file, {"fmt": "pdf"}, name="forward_plan_pdf"),
    path("budget/<int:pk>/paper/", views.budget_page, name="budget"),
    path("budget/<int:pk>/paper.docx", views.budget_file, {"fmt": "docx"}, name="budget_docx"),
    path("budget/<int:pk>/paper.pdf", views.budget_file, {"fmt": "pdf"}, name="budget_pdf"),
    path("minutes/<int:pk>/paper.docx", views.minutes_file, {"fmt": "docx"}, name="minutes_docx"),
    path("minutes/<int:pk>/paper.pdf", views.minutes_file, {"fmt": "pdf"}, name="minutes_pdf"),
    path("meetings/<int:pk>/subcommittee-report/", report_views.report_page, name="subcommittee_report"),
    path(
        "meetings/<int:pk>/subcommittee-report.docx",
        report_views.report_file,
        {"fmt": "docx"},
        name="subcommittee_docx",
    ),
    path(
        "meetings/<int:pk>/subcommittee-report.pdf", report_views.report_file, {"fmt": "pdf"}, name="subcommittee_pdf"
    ),
    path(
        "meetings/<int:pk>/subcommittee-report-appendix.pdf",
        report_views.appendix_file,
        {"fmt": "pdf"},
        name="subcommittee_appendix_pdf",
    ),
    path("meetings/<int:pk>/subcommittee-report/draft/", report_views.draft_edit, name="subcommittee_draft"),
    path("meetings/<int:pk>/subcommittee-report/items/<int:item>/", report_views.item_edit, name="subcommittee_item"),
    path("meetings/<int:pk>/subcommittee-report/issue/", report_views.issue, name="subcommittee_issue"),
    path("issued/<int:pk>/word/", views.issued_word, name="issued_word"),
    path("papers/issue/<slug:kind>/", issue_views.issue_any, name="issue"),
    path("meetings/<int:pk>/publish/", issue_views.publish_meeting, name="publish_meeting"),
    path("meetings/<int:pk>/pack/", pack_views.pack_page, name="pack"),
    path("meetings/<int:pk>/pack/build/", pack_views.pack_build, name="pack_build"),
    path("meetings/<int:pk>/pack/status.json", pack_views.pack_status, name="pack_status"),
    path("meetings/<int:pk>/pack.pdf", pack_views.pack_download, name="pack_pdf"),
]
