from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetenceConfig(AppConfig):
    name = "laget.competence"
    verbose_name = _("Kompetanse")

    def ready(self) -> None:
        from laget.competence import glossary, publishing

        publishing.register()
        glossary.register_terms()
