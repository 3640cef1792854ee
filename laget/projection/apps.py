from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectionConfig(AppConfig):
    name = "laget.projection"
    verbose_name = _("Framskriving mot 2031")

    def ready(self) -> None:
        from laget.projection import publishing

        publishing.register()
