"""The competence area's words in the glossary (`laget.core.glossary`), read off the rule set
in force: the requirement as the rule set states it, and each status as the engine gives it."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laget.competence.text import STATUS_LABELS, requirement_text, status_meanings
from laget.core.glossary import Term, register
from laget.domain.competence import Status

#: The statuses from the best down, then the two that stand apart.
GLOSSARY_ORDER = (
    Status.MEETS,
    Status.WILL_MEET,
    Status.AT_RISK,
    Status.NEEDS_CHECK,
    Status.CANNOT_MEET,
    Status.EXEMPT,
    Status.NOT_SUBJECT,
)


def terms() -> list[Term]:
    from laget.competence.profiles import rule_set_in_force

    try:
        _record, rules = rule_set_in_force(timezone.localdate())
    except LookupError:
        return [Term(_("Kompetansekravet"), _("Ingen regelsett for kravet er registrert ennå."))]
    meanings = status_meanings(rules)
    return [
        Term(_("Kompetansekravet"), requirement_text(rules)),
        *(Term(STATUS_LABELS[status], meanings[status]) for status in GLOSSARY_ORDER),
    ]


def register_terms() -> None:
    register(_("Kompetansekravet"), terms, order=10)
