"""The publication layer's words in the glossary (`laget.core.glossary`): what «skjult» and
«ikke beregnet ennå» mean, with the smallest group the protection publishes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from laget.core.glossary import Term, register
from laget.domain.protection import MIN_N
from laget.domain.suppression import DOMINANCE_K, DOMINANCE_N

NUMBERS = {
    2: "to",
    3: "tre",
    4: "fire",
    5: "fem",
    6: "seks",
    7: "sju",
    8: "åtte",
    9: "ni",
    10: "ti",
}


def terms() -> list[Term]:
    smallest = NUMBERS.get(MIN_N, str(MIN_N))
    return [
        Term(
            _("Skjult"),
            _(
                "Et tall som ikke vises fordi det bygger på færre enn %(n)s personer, fordi det "
                "sammen med andre tall som vises, ville avslørt et slikt tall, fordi alle i "
                "gruppen har samme status (da ville tallet fortalt hver enkeltes status), eller "
                "fordi det er en sum (for eksempel samtaler) der de %(top)s største bidragene "
                "utgjør mer enn %(k)s %% av summen. Skjult betyr bare dette: tall som ikke er "
                "regnet ut ennå, står som «ikke beregnet ennå», og en tjeneste som er nyere enn "
                "utgivelsen, står som «med fra neste utgivelse»."
            )
            % {
                "n": smallest,
                "top": NUMBERS.get(DOMINANCE_N, DOMINANCE_N),
                "k": round(DOMINANCE_K * 100),
            },
        ),
        Term(
            _("Ikke beregnet ennå"),
            _(
                "Tallene utenfor tjenesten er ikke regnet ut for denne datoen ennå. De regnes ut "
                "av en egen prosess, og siden viser dem når de er klare."
            ),
        ),
        Term(
            _("Utgivelse"),
            _(
                "Tallene som deles utenfor tjenesten, gis ut for faste datoer: siste dag i hver "
                "måned og 1. desember (KS' telledato). En utgivelse går ut dagen etter datoen og "
                "endres ikke siden; rettelser kommer med neste. Tjenestens egne sider viser "
                "alltid registeret slik det er nå."
            ),
        ),
    ]


def register_terms() -> None:
    register(_("Tall som deles utenfor tjenesten"), terms, order=40)
