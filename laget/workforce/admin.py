from django.contrib import admin

from laget.workforce.models import SickLeaveReference


@admin.register(SickLeaveReference)
class SickLeaveReferenceAdmin(admin.ModelAdmin):
    """Reference values the services compare their sick leave with (SSB/KS, the municipality).
    Sick leave itself, exit interviews and vacancies are kept by the services in Laget's pages."""

    list_display = ["scope", "municipality", "year", "rate_percent", "source"]
    list_filter = ["scope", "year"]
    autocomplete_fields = ["municipality"]
