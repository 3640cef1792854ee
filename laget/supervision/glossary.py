"""The supervision area's words in the glossary (`laget.core.glossary`): its figures'
definitions as `laget.domain.supervision` computes them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from laget.core.glossary import Term, register
from laget.domain import supervision

#: the onboarding's and the debriefs' words (issue 28: used on the pages, missing here)
WORDS = (
    Term(
        _("Fadder"),
        _(
            "En erfaren kollega lederen utpeker til å følge en nyansatt gjennom "
            "introduksjonen: vise rutiner og fagsystem, ta med på samtaler og hjemmebesøk."
        ),
    ),
    Term(
        _("Debrief"),
        _(
            "En samtale som tilbys en ansatt etter en krevende hendelse (trusler, vold, en "
            "akuttplassering), for å bearbeide den. Laget fører når den ble tilbudt og holdt, "
            "aldri hva saken gjaldt."
        ),
    ),
)


def terms() -> list[Term]:
    return [Term.from_definition(text) for text in supervision.DEFINITIONS.values()] + list(WORDS)


def register_terms() -> None:
    register(_("Veiledning"), terms, order=30)
