"""The workforce area's words in the glossary (`laget.core.glossary`): each figure's definition
as the code computes it (`figure_definitions`), with the reference date in use."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from laget.core.glossary import Term, register
from laget.domain import role_groups

#: The figures the glossary explains, in the order it lists them.
SHOWN = ("turnover_ks", "flows", "early_leavers", "sick_leave", "time_to_fill", "headcount", "fte")


def terms() -> list[Term]:
    from laget.workforce.years import figure_definitions

    definitions = figure_definitions()
    limits = {
        "fine": role_groups.BY_KEY["roles"].least,
        "groups": role_groups.BY_KEY["groups"].least,
    }
    return [
        *(Term.from_definition(definitions[key]) for key in SHOWN),
        Term(
            _("Rollegrupper (ansatte etter rolle utenfor tjenesten)"),
            _(
                "For en gruppe tjenester (en kommune, et nettverk, et fylke, landet) med færre "
                "enn %(fine)s ansatte vises ansatte etter rolle i tre grupper: ledelse (leder og "
                "stedfortreder), kjerneoppgaver i barnevernet, og andre roller (tiltak, "
                "administrasjon, annet). Under %(groups)s ansatte vises ingen fordeling. "
                "Formen velges 1. desember og holdes året ut (grovere med en gang om antallet "
                "faller under grensen). "
                "Grensene er Lagets eget valg, satt ut fra antallet ansatte, som selv er "
                "publisert; ingen kilde setter dem."
            )
            % limits,
        ),
    ]


def register_terms() -> None:
    register(_("Turnover, sykefravær og rekruttering"), terms, order=20)
