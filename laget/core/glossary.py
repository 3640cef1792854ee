"""The words the pages use, one spelling and one meaning each: shown to everyone at
/ordliste/, and `AVOID` holds every template and message to them (a test reads them all).

A term that names a figure takes its meaning from the definition the code computes the figure
with (`laget.domain.workforce.definitions`, with the configured reference date), so the glossary
cannot say one thing while the figure counts another."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from laget.domain import workforce

StrOrPromise = str | Promise


def _figure_definition(key: str) -> str:
    month, day = (int(part) for part in settings.LAGET_TURNOVER_REFERENCE_DATE.split("-"))
    return workforce.definitions((month, day))[key]


#: The definition of a figure as the code computes it, read when the page is rendered
figure_definition = lazy(_figure_definition, str)


@dataclass(frozen=True)
class Term:
    term: StrOrPromise
    meaning: StrOrPromise
    #: spellings and wordings the pages must not use for it
    avoid: tuple[str, ...] = ()


TERMS = (
    Term(
        _("Barneverntjenesten"),
        _(
            "Den kommunale tjenesten etter barnevernsloven. En interkommunal "
            "barneverntjeneste betjener flere kommuner; hver av dem er tjenestens kommune."
        ),
        avoid=("barnevernstjeneste",),
    ),
    Term(
        _("Kompetansekravet"),
        _(
            "Kravet til dem som utfører barnevernsoppgaver fra 1. januar 2031: relevant "
            "master, eller relevant bachelor med minst fire års erfaring fra barnevernet og "
            "minst 30 studiepoeng relevant videreutdanning. Kravet er på høring; sidene sier "
            "hvilken versjon Laget regner etter."
        ),
    ),
    Term(_("Oppfyller kravet"), _("Har i dag den utdanningen og erfaringen kravet stiller.")),
    Term(
        _("Vil oppfylle kravet hvis planene holder"),
        _(
            "Oppfyller ikke kravet i dag, men gjør det før fristen hvis utdanningen som er "
            "planlagt blir fullført og personen blir i tjenesten."
        ),
    ),
    Term(
        _("I faresonen"),
        _(
            "Kan rekke kravet før fristen, men bare hvis det som mangler (videreutdanning, "
            "master) startes snart: siden sier senest når."
        ),
    ),
    Term(
        _("Må sjekkes"),
        _(
            "Det som er registrert, kan ikke regnes med før noen har sjekket det, og sjekken "
            "kan gi en bedre status: studiepoeng som bare er kjent som en sum (regelsettet leser "
            "kravet som én videreutdanning på minst 30 studiepoeng, så emnene må registreres), "
            "eller en utdanning som ikke står på listen over relevant utdanning og som lederen "
            "ikke har vurdert. Siden sier hva som må sjekkes, og statusen slik det er registrert."
        ),
    ),
    Term(
        _("Kan ikke oppfylle kravet innen fristen"),
        _("Rekker ikke kravet før fristen, selv med det som kan startes nå."),
    ),
    Term(
        _("Ikke omfattet av kravet"),
        _("Stillinger regelsettet ikke regner med (for eksempel merkantile stillinger)."),
    ),
    Term(_("Turnover"), figure_definition("turnover_ks")),
    Term(_("Tilganger og avganger"), figure_definition("flows")),
    Term(_("Sykefravær"), _("Tapte dagsverk i prosent av avtalte dagsverk.")),
    Term(
        _("Veiledning"),
        _("Faste samtaler mellom en ansatt og en veileder om arbeidet, etter en veiledningsplan."),
    ),
    Term(
        _("Registrere en samtale"),
        _("Å skrive inn en veiledningssamtale som er holdt eller avlyst."),
        avoid=("Før samtalen", "Før en samtale", "samtaler ført"),
    ),
    Term(
        _("Introduksjon"),
        _("Opplæringen av en nyansatt de første ukene, med punkter som hakes av."),
    ),
    Term(
        _("Kompetanseplan"),
        _("Tjenestens plan for videreutdanning, master og kurs, per ansatt."),
        avoid=("plan(er)",),
    ),
    Term(
        _("Tilstandsrapport"),
        _(
            "Rapporten kommunestyret skal få minst én gang i året om tilstanden i "
            "barneverntjenesten, etter Bufdirs mal."
        ),
    ),
    Term(
        _("Skjult"),
        _(
            "Et tall som ikke vises fordi det bygger på færre enn fem personer, eller fordi det "
            "sammen med andre tall som vises, ville avslørt et slikt tall."
        ),
    ),
)

#: What no page says: the spellings the glossary avoids. (Nor does a select offer Django's
#: «---------»: it says «Velg …»; the form crawl checks every page with a form.)
AVOID = tuple(word for term in TERMS for word in term.avoid)
