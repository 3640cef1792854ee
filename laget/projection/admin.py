from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext as _

from laget.core.audit import audit_record
from laget.core.models import AuditAction
from laget.projection.models import ServiceGoal


@admin.register(ServiceGoal)
class ServiceGoalAdmin(admin.ModelAdmin):
    """A service's own goal for the share meeting the requirement at the deadline (no source
    sets one): who set it and when are recorded from the request, never typed in."""

    list_display = ["service", "percent", "set_by", "set_at"]
    readonly_fields = ["set_by", "set_at"]
    autocomplete_fields = ["service"]

    def save_model(self, request, obj, form, change):
        obj.set_by, obj.set_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)
        audit_record(
            actor=request.user,
            action=AuditAction.UPDATE if change else AuditAction.CREATE,
            obj=obj,
            service=obj.service,
            summary=_("Satte tjenestens eget mål for kompetansekravet til %(p)d %%"),
            values={"p": obj.percent},
        )
