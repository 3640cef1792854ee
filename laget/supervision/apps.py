from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "laget.supervision"
    verbose_name = _("Veiledning og introduksjon")

    def ready(self) -> None:
        from laget.supervision import (
            glossary,
            receivers,  # noqa: F401 - connects to employee_hired
        )

        glossary.register_terms()
