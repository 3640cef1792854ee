"""A view as protected: what is hidden, why, and the proof each small figure is safe."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from laget.domain.protection.ledger import consulted
from laget.domain.protection.pattern import Moves
from laget.domain.protection.view import View
from laget.domain.suppression import Figure


@dataclass(frozen=True)
class Protected:
    view: View
    hidden: frozenset[str]
    min_n: int
    #: the cells hidden as small (the rest of `hidden` protects them)
    primary: frozenset[str] = frozenset()
    #: cells never published, there only for the relations they are part of
    unpublished: frozenset[str] = frozenset()
    #: what the figures are about beyond their keys (the date they are taken on): views of
    #: different scopes are never put together (the same key is another figure there)
    scope: str = ""
    #: for each small cell the pattern search settled, the cells its perturbation moves: a
    #: view built around this one need not look again while it relates none of them anew
    certificates: Mapping[str, Moves] = field(default_factory=dict)
    #: the cells hidden for group disclosure (a category holding everyone: `disclosing`)
    grouped: frozenset[str] = frozenset()
    #: for each of those, the table that moves it down by one (`Moves`), where there is one
    down: Mapping[str, Moves] = field(default_factory=dict)

    def shown(self, key: str) -> float | None:
        """The value to publish, or None for «skjult»."""
        value, _persons, hidden = self.read(key)
        return None if hidden else value

    def figure(self, key: str) -> Figure:
        """A figure as published (see `read`), naming the cell it comes from."""
        value, persons, hidden = self.read(key)
        return Figure(value, persons, hidden, source=key)

    def read(self, key: str) -> tuple[float, int, bool]:
        """A figure as published: its value, the persons it rests on and whether it is
        hidden. Every page reads through here, so the open ledger learns what it was built
        from (see `ledger`)."""
        consulted(self)
        cell = self.view.cells[key]
        return cell.value, cell.persons, key in self.hidden
