from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "laget.people"
    verbose_name = _("Personer og ansettelser")

    def ready(self) -> None:
        from laget.people import revision

        revision.connect()
