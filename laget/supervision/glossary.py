"""The supervision area's words in the glossary (`laget.core.glossary`): its figures'
definitions as `laget.domain.supervision` computes them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from laget.core.glossary import Term, register
from laget.domain import supervision


def terms() -> list[Term]:
    return [Term.from_definition(text) for text in supervision.DEFINITIONS.values()]


def register_terms() -> None:
    register(_("Veiledning"), terms, order=30)
