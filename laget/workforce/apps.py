from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkforceConfig(AppConfig):
    name = "laget.workforce"
    verbose_name = _("Turnover, sykefravær og rekruttering")

    def ready(self) -> None:
        from laget.workforce import glossary, publishing

        publishing.register()
        glossary.register_terms()
