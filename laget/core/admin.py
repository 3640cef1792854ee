from django.contrib import admin

from laget.core.audit import audit_record
from laget.core.models import AuditAction, AuditEntry


class AuditedAdminMixin:
    """Writes admin changes to Laget's audit log as well as Django's admin log."""

    def log_addition(self, request, obj, message):
        audit_record(
            actor=request.user,
            action=AuditAction.CREATE,
            summary=f"Admin: opprettet {obj}",
            obj=obj,
        )
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        audit_record(
            actor=request.user,
            action=AuditAction.UPDATE,
            summary=f"Admin: endret {obj}",
            obj=obj,
            changes={"admin": str(message)},
        )
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            audit_record(
                actor=request.user,
                action=AuditAction.DELETE,
                summary=f"Admin: slettet {obj}",
                obj=obj,
            )
        return super().log_deletions(request, queryset)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "summary", "service"]
    list_filter = ["action", "service"]
    search_fields = ["summary", "object_type", "object_id"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
