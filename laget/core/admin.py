from django.contrib import admin
from django.utils.translation import gettext as _

from laget.core.audit import audit_record
from laget.core.models import AuditAction, AuditEntry


class AuditedAdminMixin:
    """Writes admin changes to Laget's audit log as well as Django's admin log: which kind of
    object and which fields, never what the object is called or what a field says."""

    def construct_change_message(self, request, form, formsets, add=False):
        # the names of what changed, for `log_change` (Django's message names inline objects
        # by their text)
        request.laget_audit_fields = list(form.changed_data)
        request.laget_audit_inlines = sorted(
            {f.model._meta.model_name for f in formsets or () if f.has_changed()}
        )
        return super().construct_change_message(request, form, formsets, add)

    def log_addition(self, request, obj, message):
        audit_record(
            actor=request.user,
            action=AuditAction.CREATE,
            summary=_("Admin: opprettet %(what)s"),
            values={"what": type(obj)},
            obj=obj,
        )
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        audit_record(
            actor=request.user,
            action=AuditAction.UPDATE,
            summary=_("Admin: endret %(what)s"),
            values={"what": type(obj)},
            obj=obj,
            fields=getattr(request, "laget_audit_fields", ()),
            changes={"inlines": getattr(request, "laget_audit_inlines", [])},
        )
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            audit_record(
                actor=request.user,
                action=AuditAction.DELETE,
                summary=_("Admin: slettet %(what)s"),
                values={"what": type(obj)},
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
