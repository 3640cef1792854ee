"""How finely a unit's statuses are published: global recoding before suppression (issue 27).

Statistics offices merge categories before they hide cells: where five categories are too
fine for a table's size, two are published, or an open band («minst halvparten»). Laget
chooses each unit's form (a service, a municipality, a network, a county, the nation) from the
number of staff the requirement covers there, a figure that is itself published, so the form
tells a reader nothing a hidden figure holds; it is the same on every page and in every export
that shows the unit. The limits are Laget's own choice, set so that each form's categories are
mostly five or more in units of its size (the demo and a national-size register, README:
«What the protection costs readers»); no source sets them.

Every form of 12 or more covered also publishes a band of «oppfyller eller vil oppfylle»: the
quarter (halves below 24 covered) its share lies in. Each band is at least five persons wide in
every unit it is given for, so it needs nothing hidden and stays shown where the exact figures
are hidden to protect a small one: a county sees where each such service stands.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from laget.domain.competence.model import Status
from laget.domain.held_form import finest_held

#: The statuses of the covered in table order, as each form splits them.
COVERED = (
    Status.CANNOT_MEET,
    Status.AT_RISK,
    Status.NEEDS_CHECK,
    Status.WILL_MEET,
    Status.MEETS,
    Status.EXEMPT,
)
#: «oppfyller eller vil oppfylle»: the two statuses that reach the requirement by the deadline
ON_TRACK = (Status.WILL_MEET, Status.MEETS)
#: the rest of the covered (kan ikke, i faresonen, må sjekkes, unntatt)
REST = tuple(s for s in COVERED if s not in ON_TRACK)


@dataclass(frozen=True)
class Category:
    """A published category: one status, or several merged."""

    key: str
    label: str
    statuses: tuple[Status, ...]


def _single(status: Status, label: str) -> Category:
    return Category(f"status.{status.key}", label, (status,))


CANNOT = _single(Status.CANNOT_MEET, "Kan ikke")
AT_RISK = _single(Status.AT_RISK, "I faresonen")
NEEDS_CHECK = _single(Status.NEEDS_CHECK, "Må sjekkes")
WILL_MEET = _single(Status.WILL_MEET, "Vil oppfylle")
MEETS = _single(Status.MEETS, "Oppfyller")
EXEMPT = _single(Status.EXEMPT, "Unntatt")
CANNOT_OR_AT_RISK = Category(
    "group.cannot_or_at_risk", "Kan ikke eller i faresonen", (Status.CANNOT_MEET, Status.AT_RISK)
)
CHECK_OR_EXEMPT = Category(
    "group.check_or_exempt", "Må sjekkes eller unntatt", (Status.NEEDS_CHECK, Status.EXEMPT)
)
ON_TRACK_GROUP = Category("group.on_track", "Oppfyller eller vil oppfylle", ON_TRACK)
REST_GROUP = Category("group.rest", "Resten av de omfattede", REST)
#: every merged category a unit's view holds, whatever its form (each the sum of its statuses)
MERGED = (CANNOT_OR_AT_RISK, CHECK_OR_EXEMPT, ON_TRACK_GROUP, REST_GROUP)


@dataclass(frozen=True)
class Form:
    key: str
    #: what the page says it shows
    label: str
    #: the fewest covered staff the form is used for
    least: int
    categories: tuple[Category, ...]
    #: the band of «oppfyller eller vil oppfylle» published beside them: its parts (4:
    #: quarters, 2: halves; 0: none)
    band: int


FORMS = (
    Form(
        "statuses",
        "alle statusene",
        200,
        (CANNOT, AT_RISK, NEEDS_CHECK, WILL_MEET, MEETS, EXEMPT, ON_TRACK_GROUP, REST_GROUP),
        4,
    ),
    Form(
        "four",
        "fire grupper",
        50,
        (CANNOT_OR_AT_RISK, CHECK_OR_EXEMPT, WILL_MEET, MEETS, ON_TRACK_GROUP, REST_GROUP),
        4,
    ),
    Form("two", "to grupper", 24, (ON_TRACK_GROUP, REST_GROUP), 4),
    Form("halves", "intervall (halvdeler)", 12, (), 2),
    Form("none", "ingen fordeling", 0, (), 0),
)
BY_KEY = {form.key: form for form in FORMS}


def form_for(covered: int, held: str | None = None) -> Form:
    """The finest form for a unit with `covered` staff under the requirement, no finer than
    the form it was `held` at (its form on 1 December, kept the year out: a unit grows finer
    only then, and coarser at once when its covered staff fall below its form's least, so
    every band stays at least five wide)."""
    return finest_held(FORMS, covered, held, "covered staff")


def says_most(form: Form, held: str | None) -> bool:
    """Whether a reader can tell from `form` that the covered staff are below the next finer
    form's least: not where it is the form held since 1 December (they may have grown)."""
    return held != form.key and FORMS.index(form) > 0


@dataclass(frozen=True)
class Band:
    """Where «oppfyller eller vil oppfylle» lies: the `index`th of `parts` equal shares of the
    covered, as persons `low` to `high` (both included) and as the share the page prints."""

    index: int
    parts: int
    low: int
    high: int

    @property
    def percent(self) -> tuple[int, int]:
        """The band's share, in whole percent: from (included) and to (excluded, but for the
        last band, which includes everyone)."""
        step = 100 // self.parts
        return self.index * step, (self.index + 1) * step

    @property
    def text(self) -> str:
        start, end = self.percent
        if self.index == self.parts - 1:
            return f"minst {start} %"
        if self.index == 0:
            return f"under {end} %"
        return f"{start} %–under {end} %"


def band(value: int, covered: int, parts: int) -> Band:
    """The band of `value` of `covered` in `parts` equal shares: the index `parts × value /
    covered` rounded down (the last includes everyone), and the persons it can hold."""
    if parts < 1 or covered < 1 or not 0 <= value <= covered:
        raise ValueError(f"no band for {value} of {covered} in {parts} parts")
    index = min(parts * value // covered, parts - 1)
    low = math.ceil(index * covered / parts)
    high = covered if index == parts - 1 else math.ceil((index + 1) * covered / parts) - 1
    return Band(index, parts, low, high)


def narrowest_band(covered: int, parts: int) -> int:
    """The fewest persons a band of `covered` in `parts` can hold, less one: how far a reader
    is from knowing the figure (the width `audit` checks)."""
    return min(
        band(v, covered, parts).high - band(v, covered, parts).low for v in range(covered + 1)
    )
