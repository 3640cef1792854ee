"""What one user was shown: every protected view a page, export, chart or report read from.

The audit attacks everything a user can open about the same people. Rather than each test
listing what a page shows, the protected views record themselves when read (`Protected.read`)
into the ledger that is open (`recording`), so a crawl of the pages a county or national user
can open collects exactly what they were built from, and `combined` puts it together as the
attacker would: a figure shown anywhere is known; one hidden everywhere is unknown.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from laget.domain.protection.audit import MIN_N, Interval
from laget.domain.protection.view import View

if TYPE_CHECKING:
    from laget.domain.protection.protected import Protected
    from laget.domain.suppression import Figure


@dataclass(frozen=True)
class Statement:
    """A rule a page stated about a unit's figures (`laget.domain.protection.stated`): its
    name in the area's catalogue, and what the sentence said (the roles it covers)."""

    rule: str
    unit: str
    params: tuple = ()


@dataclass
class Ledger:
    """The protected views read while it was open, each once."""

    read: dict[int, Protected] = field(default_factory=dict)
    #: figures shown that no protected view gave (a rate, an average, or a figure the
    #: protection does not cover yet)
    unprotected: list[Figure] = field(default_factory=list)
    #: what was written out for each figure (its text, «12», «45,0 %», «skjult»), and for each
    #: number that is no figure (`plain`): a crawl checks that a page prints no other number
    written: list[str] = field(default_factory=list)
    plain: list[str] = field(default_factory=list)
    #: the rules the page stated beside its figures (`StatedText`)
    statements: list[Statement] = field(default_factory=list)

    def add(self, protected: Protected) -> None:
        self.read.setdefault(id(protected), protected)

    def by_scope(self) -> dict[str, list[Protected]]:
        """The views read, per scope (the date their figures are taken on)."""
        scopes: dict[str, list[Protected]] = {}
        for protected in self.read.values():
            scopes.setdefault(protected.scope, []).append(protected)
        return scopes


_open: ContextVar[tuple[Ledger, ...]] = ContextVar("laget_protection_ledgers", default=())


@contextmanager
def recording() -> Iterator[Ledger]:
    """Record the protected views read inside the block (nested blocks each get their own
    and also record into the outer ones)."""
    ledger = Ledger()
    token = _open.set((*_open.get(), ledger))
    try:
        yield ledger
    finally:
        _open.reset(token)


def consulted(protected: Protected) -> None:
    for ledger in _open.get():
        ledger.add(protected)


def shown(figure: Figure) -> None:
    """A figure is written out (a page, an export, a report): counted when no protected view
    gave it, so a crawl can tell the figures the protection covers from the rest."""
    if not figure.source and not figure.suppressed and figure.value is not None:
        for ledger in _open.get():
            ledger.unprotected.append(figure)


@dataclass(frozen=True)
class Combined:
    """Everything read, as one view.

    `hidden`: figures no view showed. `sensitive`: those resting on fewer than five persons
    (or a zero about a few), which the attacker must not pin down. `revealed`: figures one
    view hides as sensitive and another shows (a leak no arithmetic is needed for). `unpublished`:
    a member's figure no view published at all, but which a group's figure is the sum of (an
    attacker who knows which services a network has can subtract): its true value is not in
    the ledger, so it counts as exposed when the attacker can pin it below `min_n`."""

    view: View
    hidden: frozenset[str]
    revealed: frozenset[str]
    unpublished: frozenset[str]
    sensitive: frozenset[str]

    def exposed(self, intervals: Mapping[str, Interval], min_n: int = MIN_N) -> dict[str, Interval]:
        """The small figures the audit placed in an interval narrower than `min_n`, and the
        unpublished ones it placed so where the interval reaches below `min_n` (their values
        are unknown here; a sum of services pinned at 12 says nothing about a small number).
        A figure hidden only to protect another may be pinned down: it is no small number."""
        return {
            key: interval
            for key, interval in intervals.items()
            if interval.width < min_n - 1e-9
            and (key in self.sensitive or (key in self.unpublished and interval.low < min_n - 1e-9))
        }


def combined(
    protected: Iterable[Protected],
    groups: Mapping[str, Iterable[str]] | None = None,
) -> Combined:
    """What the views read tell an attacker together. Keys are `unit|metric`; `groups` maps
    a group's unit to its members' units (a network to its services), which the attacker
    knows: a group's count is the sum of its members' same count (shares are not summed)."""
    protected = list(protected)
    scopes = {p.scope for p in protected}
    if len(scopes) > 1:
        raise ValueError(f"views of different scopes cannot be put together: {sorted(scopes)}")
    view = View()
    shown: set[str] = set()
    hidden: set[str] = set()
    primary: set[str] = set()
    for p in protected:
        view.merge(p.view)
        hidden |= p.hidden
        primary |= p.primary  # small as the view that publishes it judged
        shown |= p.view.cells.keys() - p.hidden
    unpublished: set[str] = set()
    ratios = {share.key for share in view.shares}
    for group, members in (groups or {}).items():
        members = sorted(members)
        known = ratios | view.constants  # shares and constants are not summed
        for key in [k for k in view.cells if k.startswith(group + "|") and k not in known]:
            metric = key[len(group) + 1 :]
            parts = [f"{member}|{metric}" for member in members]
            for part in parts:
                if part not in view.cells:
                    view.add(part, 0, 0)  # unknown: its value is never used, only its bounds
                    unpublished.add(part)
            view.total(key, parts)
    view.sums = list(dict.fromkeys(view.sums))
    view.shares = list(dict.fromkeys(view.shares))
    view.bounds = list(dict.fromkeys(view.bounds))
    return Combined(
        view,
        frozenset((hidden - shown) | unpublished),
        frozenset(primary & shown),
        frozenset(unpublished),
        frozenset(primary),
    )


def written(text: str, *, figure: bool = True) -> None:
    """The text a figure (or, with `figure` False, a number that is no figure) was written
    out as: what a reader of the page sees."""
    for ledger in _open.get():
        (ledger.written if figure else ledger.plain).append(text)


def stated(statements: Iterable[Statement]) -> None:
    """Rules a sentence written out stated (`StatedText`): a crawl adds what they tell a
    reader to what it attacks."""
    for ledger in _open.get():
        ledger.statements.extend(statements)
