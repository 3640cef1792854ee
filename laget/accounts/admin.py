from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from laget.accounts.models import RoleAssignment, User
from laget.core.admin import AuditedAdminMixin


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["service", "municipality"]


@admin.register(User)
class LagetUserAdmin(AuditedAdminMixin, UserAdmin):
    inlines = [RoleAssignmentInline]
