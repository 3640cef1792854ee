"""What the protection costs readers (issue 27): the information lost, counted the way
statistics offices report it beside a protected table.

For a set of protected views (those of one publication share cells: a service's detail tables
hold the status figures around it), each published cell is counted once, by its key: shown,
hidden as small (primary: it rests on fewer than five persons) or hidden to protect a small one
(secondary), and the persons behind the secondary cells, the cost a better protection (recoding,
an optimal partner choice) can lower. A secondary cell resting on `LARGE` persons or more is
counted apart: the issue's promise is that such a figure is hidden only as the partner the
audit needs. Tables hidden whole (no protection could keep the figures around them as
published) are counted by the caller.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from laget.domain.protection.protected import Protected

#: A figure resting on this many persons is large: hiding it loses the most.
LARGE = 50


@dataclass(frozen=True)
class Loss:
    """Published cells of some views, each once: shown, hidden as small, hidden as partner."""

    cells: int = 0
    primary: int = 0
    secondary: int = 0
    #: persons behind the secondary cells (summed over cells: a total and its parts each count)
    secondary_persons: int = 0
    #: secondary cells resting on `LARGE` persons or more
    large_secondary: int = 0
    #: tables hidden whole, as the caller counted them
    hidden_whole: int = 0
    #: figures no protected view gives (a rate or a mean, hidden by its own rule), and of
    #: them those hidden, as the caller counted them
    own_rule: int = 0
    own_rule_hidden: int = 0
    #: units published in a coarser form than the finest (statuses merged, or a band):
    #: global recoding, as the caller counted them
    recoded: int = 0
    #: the keys of the large secondary cells, for a reader of the report
    large_keys: tuple[str, ...] = field(default=(), compare=False)

    @property
    def hidden(self) -> int:
        return self.primary + self.secondary

    def __add__(self, other: Loss) -> Loss:
        return Loss(
            self.cells + other.cells,
            self.primary + other.primary,
            self.secondary + other.secondary,
            self.secondary_persons + other.secondary_persons,
            self.large_secondary + other.large_secondary,
            self.hidden_whole + other.hidden_whole,
            self.own_rule + other.own_rule,
            self.own_rule_hidden + other.own_rule_hidden,
            self.recoded + other.recoded,
            self.large_keys + other.large_keys,
        )


def measure(
    views: Iterable[Protected],
    *,
    hidden_whole: int = 0,
    own_rule: tuple[int, int] = (0, 0),
    recoded: int = 0,
    large: int = LARGE,
) -> Loss:
    """The loss over `views`, each published cell counted once by its key (hidden when a view
    that publishes it hides it: the views of one publication agree on that); a constant (a
    band's end) is no figure and is not counted."""
    persons: dict[str, int] = {}
    primary: set[str] = set()
    secondary: set[str] = set()
    for protected in views:
        for key, cell in protected.view.cells.items():
            if key in protected.unpublished or key in protected.view.constants:
                continue
            persons.setdefault(key, cell.persons)
            if key in protected.primary:
                primary.add(key)
            elif key in protected.hidden:
                secondary.add(key)
    secondary -= primary
    large_keys = tuple(sorted(k for k in secondary if persons[k] >= large))
    return Loss(
        cells=len(persons),
        primary=len(primary),
        secondary=len(secondary),
        secondary_persons=sum(persons[k] for k in secondary),
        large_secondary=len(large_keys),
        hidden_whole=hidden_whole,
        own_rule=own_rule[0],
        own_rule_hidden=own_rule[1],
        recoded=recoded,
        large_keys=large_keys,
    )
