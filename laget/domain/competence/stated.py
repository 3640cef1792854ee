"""The rules the competence pages state beside their figures, as relations (issue 26).

«Kravet er her regnet for …» and the timeline «hvis planene holder og ingen slutter» are
written out as `StatedText` with these rules' statements (`laget.competence.text`). The crawl
builds the reader's knowledge from the statements the pages it opened recorded, and fails on
a page printing one of the `PHRASES` without them; the protection declares the same relations
(`laget.competence.publication`), so what it protects against and what the attack knows are
the page's words, in one place.

Cells are keyed as the competence publication keys them (`unit|status.meets`,
`unit|role.core.at_risk`, `unit|staff_role.core`, `unit|timeline.2030-12-31`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from laget.domain.protection.ledger import Statement
from laget.domain.protection.stated import Rule
from laget.domain.protection.view import View

__all__ = ["PHRASES", "RULES", "coverage", "covers", "timeline", "timeline_stated"]

#: The competence tables' roles and statuses, as the publication keys them.
ROLES = ("leader", "deputy_leader", "core", "measures", "administrative", "other")
STATUSES = ("cannot_meet", "at_risk", "needs_check", "will_meet", "meets", "exempt")


def coverage(view: View, unit: str, covered: Iterable[str]) -> None:
    """«Kravet er her regnet for …» (`covered`: the roles it names for the unit): a covered
    role's staff are its status cells (nobody in it is outside the requirement); a role not
    covered has nobody in any status."""
    covered = set(covered)
    u = unit + "|"
    for role in ROLES:
        cells = [u + f"role.{role}.{s}" for s in STATUSES]
        present = [k for k in cells if k in view.cells]
        if not present:
            continue
        if role in covered:
            if u + f"staff_role.{role}" in view.cells and len(present) == len(cells):
                view.total(u + f"staff_role.{role}", cells)
        else:
            for key in present:
                view.total(key, [])


def timeline(view: View, unit: str) -> None:
    """The timeline «hvis planene holder og ingen slutter», with the statuses beside it (the
    glossary says what each means): those who meet the requirement today meet it at every
    year-end; the count never falls from one year-end to the next; at the deadline it holds
    everyone who will meet it if plans hold, and nobody but them, those who meet it, and
    those whose status is their own («må sjekkes», «unntatt»)."""
    u = unit + "|"
    keys = sorted(k for k in view.cells if k.startswith(u + "timeline.") and ".share" not in k)
    meets, will_meet = u + "status.meets", u + "status.will_meet"
    if not keys or meets not in view.cells or will_meet not in view.cells:
        return
    view.at_most([meets], [keys[0]])
    for earlier, later in itertools.pairwise(keys):
        view.at_most([earlier], [later])
    view.at_most([meets, will_meet], [keys[-1]])
    own = [k for k in (u + "status.needs_check", u + "status.exempt") if k in view.cells]
    view.at_most([keys[-1]], [meets, will_meet, *own])


#: Each rule a competence page can state, by name.
RULES: dict[str, Rule] = {"coverage": coverage, "timeline": timeline}

#: Words by which a reader recognises each rule on a page: a page printing them must have
#: recorded the statement (written out through `StatedText`), or the crawl fails. The
#: timeline's are its table's caption: a page naming the notion without its figures (the
#: projection compares its shares with it) states nothing about them.
PHRASES: dict[str, str] = {
    "coverage": "Kravet er her regnet for",
    "timeline": "Oppfyller kravet, hvis planene holder og ingen slutter",
}


def covers(unit: str, covered: Iterable[str]) -> Statement:
    """«Kravet er her regnet for …» about `unit`, covering the roles `covered`."""
    return Statement("coverage", unit, (tuple(sorted(covered)),))


def timeline_stated(unit: str) -> Statement:
    """The timeline's explanation, printed beside `unit`'s timeline."""
    return Statement("timeline", unit, ())
