"""The words the pages use, one spelling and one meaning each: shown to everyone at
/ordliste/, and `avoided()` holds every template and message to them (a test reads them all).

The glossary is generated from the definitions the code computes with, not written beside
them. `core` writes only the words that name no figure and no rule (the service, the plans, the
report). Each area registers its own terms from `AppConfig.ready` (`register`): the competence
area from the rule set in force, the workforce and supervision areas from their figure
catalogues (`laget.domain.workforce.definitions`, `laget.domain.sick_leave.DEFINITIONS`, …),
the publication layer from the protection's own rule. The terms are built when the page is
rendered, so a new rule-set version or another reference date shows at once."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

StrOrPromise = str | Promise


@dataclass(frozen=True)
class Term:
    term: StrOrPromise
    meaning: StrOrPromise
    #: spellings and wordings the pages must not use for it
    avoid: tuple[str, ...] = ()

    @classmethod
    def from_definition(cls, definition: str, *, avoid: tuple[str, ...] = ()) -> Term:
        """A term from a figure's definition as the code keeps it: «Navn: betydning»."""
        name, separator, meaning = definition.partition(": ")
        if not separator:
            raise ValueError(f"A definition names its figure first («Navn: …»): {definition!r}")
        return cls(name, meaning[:1].upper() + meaning[1:], avoid)


@dataclass(frozen=True)
class Group:
    title: StrOrPromise
    terms: tuple[Term, ...]


#: Words that name no figure and no rule: written here, once.
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
)

#: (order, title, source) for each area's terms, in the order the page lists them
_SOURCES: list[tuple[int, StrOrPromise, Callable[[], Iterable[Term]]]] = []


def register(title: StrOrPromise, source: Callable[[], Iterable[Term]], *, order: int) -> None:
    """An area's terms under a heading: `source` builds them from the area's definitions when
    the glossary is read. Registering the same heading twice replaces it (a reloaded app)."""
    _SOURCES[:] = [entry for entry in _SOURCES if str(entry[1]) != str(title)]
    _SOURCES.append((order, title, source))
    _SOURCES.sort(key=lambda entry: entry[0])


def glossary() -> list[Group]:
    """Every term, grouped: the service's words first, then each area's, built now."""
    groups = [Group(_("Tjenesten og arbeidet"), TERMS)]
    groups += [Group(title, tuple(source())) for _order, title, source in _SOURCES]
    return groups


def terms() -> list[Term]:
    return [term for group in glossary() for term in group.terms]


def avoided() -> tuple[str, ...]:
    """What no page says: the spellings the glossary avoids. (Nor does a select offer Django's
    «---------»: it says «Velg …»; the form crawl checks every page with a form.)"""
    return tuple(word for term in terms() for word in term.avoid)
