from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class LagetAdminSite(admin.AdminSite):
    """The admin shows person-level data from every service: only Laget admins may enter."""

    site_header = "Laget – administrasjon"
    site_title = "Laget"

    def has_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_superuser


class LagetAdminConfig(AdminConfig):
    default_site = "laget.core.admin_site.LagetAdminSite"
