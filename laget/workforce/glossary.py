"""The workforce area's words in the glossary (`laget.core.glossary`): each figure's definition
as the code computes it (`figure_definitions`), with the reference date in use."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from laget.core.glossary import Term, register

#: The figures the glossary explains, in the order it lists them.
SHOWN = ("turnover_ks", "flows", "early_leavers", "sick_leave", "time_to_fill", "headcount", "fte")


def terms() -> list[Term]:
    from laget.workforce.selectors import figure_definitions

    definitions = figure_definitions()
    return [Term.from_definition(definitions[key]) for key in SHOWN]


def register_terms() -> None:
    register(_("Turnover, sykefravær og rekruttering"), terms, order=20)
