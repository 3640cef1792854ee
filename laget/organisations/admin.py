from django.contrib import admin

from laget.organisations.models import (
    County,
    GovernorOffice,
    LearningNetwork,
    Municipality,
    Service,
    ServiceUnit,
)


class ServiceUnitInline(admin.TabularInline):
    model = ServiceUnit
    extra = 0


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "host_municipality"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["municipalities"]
    autocomplete_fields = ["host_municipality"]
    inlines = [ServiceUnitInline]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "county"]
    list_filter = ["county"]
    search_fields = ["number", "name"]


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "governor_office"]


admin.site.register(GovernorOffice)


@admin.register(LearningNetwork)
class LearningNetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "county"]
    filter_horizontal = ["services"]
