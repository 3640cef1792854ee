from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "laget.reports"
    verbose_name = _("Tilstandsrapporter")

    def ready(self) -> None:
        from laget.reports import attention

        attention.register()
