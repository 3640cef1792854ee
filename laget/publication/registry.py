"""What each area publishes, declared by the area itself in its `AppConfig.ready`: the layer asks
this registry and imports no area.

- a **filler** counts one property for every service on a date (`{service id: Counter}`), with
  the version of the rules it counted by;
- a **publication** is built for a date from the stored counts (and from the publications it
  reads, built before it in the same pass);
- a **set family** builds a publication about a set of services (a county's, a network's, one
  service's overview): which sets the worker keeps built for a date, and how to build one from
  the key a page stored when it asked for it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

Counts = dict[int, Counter[str]]
Build = Callable[[date], Any]


@dataclass(frozen=True)
class Inputs:
    """What the layer hands a publication's builder: the stored counts of the date, and the
    publications built before it in the same pass. A builder reads nothing else of the layer,
    so the worker's path runs down through it once: worker → builder → domain, and back."""

    day: date
    counts: Callable[[str], Counts]
    publication: Callable[[str], Any]


@dataclass(frozen=True)
class Filler:
    name: str
    count: Callable[[date], Counts]
    #: the version of the rules the counts were made by ("" when none applies)
    version: Callable[[date], str] | None = None


@dataclass(frozen=True)
class Publication:
    name: str
    build: Callable[[Inputs], Any]
    #: the publications it reads: built before it
    reads: tuple[str, ...] = ()


@dataclass(frozen=True)
class SetFamily:
    """Publications named «prefix:…» about sets of services."""

    prefix: str
    #: the sets kept built for (day, today, full): name -> key; `full` is False for a date
    #: that is only built because someone asked for it
    sets: Callable[[date, date, bool], dict[str, dict]]
    #: the builder of one set from its key (None: a service in it is gone)
    builder: Callable[[dict], Build | None]


_fillers: dict[str, Filler] = {}
_publications: dict[str, Publication] = {}
_families: dict[str, SetFamily] = {}


def filler(name: str, count: Callable[[date], Counts], *, version=None) -> None:
    _fillers[name] = Filler(name, count, version)


def publication(name: str, build: Callable[[Inputs], Any], *, reads: tuple[str, ...] = ()) -> None:
    _publications[name] = Publication(name, build, reads)


def set_family(prefix: str, sets, builder) -> None:
    _families[prefix] = SetFamily(prefix, sets, builder)


def fillers() -> dict[str, Filler]:
    return dict(_fillers)


def publications() -> dict[str, Callable[[Inputs], Any]]:
    """Every publication of the whole installation with its builder, each after the ones it
    reads (registration order otherwise)."""
    ordered: dict[str, Callable[[Inputs], Any]] = {}

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in ordered:
            return
        if name in path:
            raise ValueError(f"publications read each other in a circle: {' → '.join(path)}")
        item = _publications.get(name)
        if item is None:
            raise ValueError(f"{path[-1]} reads {name}, which no area has registered")
        for read in item.reads:
            visit(read, (*path, name))
        ordered[name] = item.build

    for name in _publications:
        visit(name, ())
    return ordered


def set_families() -> list[SetFamily]:
    return list(_families.values())


def family_of(name: str) -> SetFamily | None:
    """The family a stored or asked-for publication about a set of services belongs to."""
    return _families.get(name.split(":", 1)[0]) if ":" in name else None
