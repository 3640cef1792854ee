from django.contrib import admin

from laget.core.admin import AuditedAdminMixin
from laget.people.models import Employment, Person


class EmploymentInline(admin.TabularInline):
    model = Employment
    extra = 0


@admin.register(Person)
class PersonAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["family_name", "given_name", "is_synthetic"]
    search_fields = ["family_name", "given_name", "email"]
    list_filter = ["is_synthetic"]
    inlines = [EmploymentInline]
    raw_id_fields = ["user"]
