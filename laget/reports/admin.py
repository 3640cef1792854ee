from django.contrib import admin

from laget.reports.models import ReportTemplate, StatusReport


@admin.register(ReportTemplate)
class ReportTemplateAdmin(admin.ModelAdmin):
    """A new version of Bufdir's template is added, never edited: reports keep theirs."""

    list_display = ["version", "title", "valid_from"]

    def get_readonly_fields(self, request, obj=None):
        return ["version", "title", "valid_from", "source", "sections"] if obj else []

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StatusReport)
class StatusReportAdmin(admin.ModelAdmin):
    """For looking up; the reports are written and their status changed in the app."""

    list_display = ["year", "service", "municipality", "status", "updated_at"]
    list_filter = ["status", "year"]
    readonly_fields = [f.name for f in StatusReport._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
