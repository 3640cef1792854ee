"""What a page says beside its figures, as relations a reader can use (issue 26, item 3).

A page does not only print figures: it prints rules that tie them together («Kravet er her
regnet for ledere, stedfortredere og ansatte med kjerneoppgaver»: a covered role's staff are
its status cells). Every such sentence is written out as a `StatedText` (a `str`) that records
its `Statement`s in the ledger open when it is written (`ledger.stated`), the way the figure
tags record their figures. A crawl builds the reader's knowledge from what the pages it opened
stated (`apply`, with the area's catalogue of rules: `laget.domain.competence.stated`), not
from what the protected views declare.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from laget.domain.protection.ledger import Statement, stated
from laget.domain.protection.view import View

__all__ = ["StatedText", "Statement", "apply"]

#: A rule a page can state: what it tells a reader about one unit's cells.
Rule = Callable[..., None]


def apply(view: View, statements: Iterable[Statement], rules: Mapping[str, Rule]) -> None:
    """Add to `view` what `statements` tell a reader about the units it has cells of (a
    statement of a rule `rules` does not know is an error: a page stated something no
    relation accounts for)."""
    units = {key.split("|", 1)[0] for key in view.cells}
    for statement in dict.fromkeys(statements):
        if statement.rule not in rules:
            raise KeyError(f"a page stated «{statement.rule}», which no rule accounts for")
        if statement.unit in units:
            rules[statement.rule](view, statement.unit, *statement.params)
    view.sums = list(dict.fromkeys(view.sums))
    view.bounds = list(dict.fromkeys(view.bounds))


class StatedText(str):
    """A sentence stating rules (`statements`): written out (a template, an f-string, `str`),
    it records them in the ledger that is open, as the figure tags record their figures."""

    statements: tuple[Statement, ...]

    def __new__(cls, text: str, statements: Iterable[Statement]) -> StatedText:
        made = super().__new__(cls, text)
        made.statements = tuple(statements)
        return made

    def __str__(self) -> str:
        stated(self.statements)
        return str.__str__(self)

    def __format__(self, spec: str) -> str:
        stated(self.statements)
        return str.__format__(str.__str__(self), spec)

    def __reduce__(self) -> tuple[type[StatedText], tuple[str, tuple[Statement, ...]]]:
        return (StatedText, (str.__str__(self), self.statements))
