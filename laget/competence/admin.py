from django.contrib import admin

from laget.competence.models import CompetenceRuleSet, Exemption


@admin.register(CompetenceRuleSet)
class CompetenceRuleSetAdmin(admin.ModelAdmin):
    """Admins add a new version when the law changes; a version in use is never edited."""

    list_display = ["name", "version", "valid_from", "deadline", "created_at"]
    readonly_fields = ["name", "version", "valid_from", "deadline", "created_at", "created_by"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Exemption)
class ExemptionAdmin(admin.ModelAdmin):
    list_display = [
        "service",
        "person",
        "position_title",
        "granted_by",
        "valid_from",
        "valid_until",
    ]
    list_filter = ["service"]
    search_fields = ["position_title", "granted_by", "person__family_name", "person__given_name"]
    raw_id_fields = ["person"]
    readonly_fields = ["created_at", "created_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
