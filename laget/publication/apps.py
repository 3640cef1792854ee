from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationConfig(AppConfig):
    """What leaves a service: stored counts, protected publications, the worker that keeps them
    current, and the registry each area fills with its own (`laget.publication.registry`).

    The label stays «counts», the app's name before it held the whole publication layer, so
    that its tables and migrations carry over unchanged."""

    name = "laget.publication"
    label = "counts"
    verbose_name = _("Publisering")

    def ready(self) -> None:
        from django.conf import settings

        from laget.domain.protection import optimal
        from laget.publication import glossary

        glossary.register_terms()
        optimal.ENABLED = settings.LAGET_PROTECT_OPTIMAL
