"""The competence area's words in the glossary (`laget.core.glossary`), read off the rule set
in force: the requirement as the rule set states it, and each status as the engine gives it."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from laget.competence.text import STATUS_LABELS, requirement_text, status_meanings
from laget.core.glossary import Term, register
from laget.domain.competence import Status, recoding

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
        Term(
            _("Vises som (statusene utenfor tjenesten)"),
            _(
                "Hvor fint statusene vises for en tjeneste, kommune, et nettverk, et fylke eller "
                "landet, avhenger av hvor mange kravet omfatter der: alle statusene fra "
                "%(statuses)s, fire grupper fra %(four)s (kan ikke eller i faresonen; må sjekkes "
                "eller unntatt; vil oppfylle; oppfyller), to grupper fra %(two)s (oppfyller eller "
                "vil oppfylle; resten) og bare intervallet fra %(halves)s; under %(halves)s vises "
                "ingen fordeling. Antallet omfattet vises selv, så formen sier ikke noe et skjult "
                "tall holder. Formen velges 1. desember og holdes året ut, så tallene kan "
                "sammenlignes fra måned til måned; faller antallet omfattet under formens grense, "
                "vises en grovere form med en gang. Grensene er Lagets eget valg."
            )
            % LEAST,
        ),
        Term(
            _("Formell utdanning på plass"),
            _(
                "Relevant master, eller relevant bachelor med videreutdanningen regelsettet "
                "krever, i dag, uansett erfaring: det kartleggingen av kompetansebehov i 2022 "
                "telte (58 %). «Oppfyller kravet» krever i tillegg fire års erfaring."
            ),
        ),
        Term(
            _("Overgangsregel"),
            _(
                "Veien til kravet uten master: relevant bachelor, minst fire års erfaring fra "
                "barnevernet innen fristen og minst 30 studiepoeng relevant videreutdanning "
                "(barnevernsloven § 3-3). Den vurderes per fristen."
            ),
        ),
        Term(
            _("Forventet andel og 80 %-intervall"),
            _(
                "Framskrivingen simulerer hvem som fullfører planlagte studier og hvem som "
                "slutter, mange ganger. Forventet andel er gjennomsnittet av simuleringene; "
                "80 %-intervallet rommer 8 av 10 av dem."
            ),
        ),
        Term(
            _("Intervall (firedel, halvdel)"),
            _(
                "Hvilken firedel (under %(two)s omfattet: hvilken halvdel) andelen som oppfyller "
                "eller vil oppfylle kravet ligger i, for eksempel «minst 75 %%». Det vises fra "
                "%(halves)s omfattet, også der de eksakte tallene er skjult, og rommer alltid "
                "minst fem personer."
            )
            % LEAST,
        ),
    ]


#: the fewest covered staff each form is used for (`recoding.FORMS`), as the terms say them
LEAST = {form.key: form.least for form in recoding.FORMS}


def register_terms() -> None:
    register(_("Kompetansekravet"), terms, order=10)
