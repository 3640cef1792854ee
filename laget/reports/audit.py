"""What a finalised report published, as data, and the audit of reports already sent.

At finalisation the protected views the report's figures were read from (the ledger) are
stored in its snapshot as plain JSON: the report's own service's cells (the value and the
persons each rests on), the sums and shares between them, which cells were hidden and which
of those were hidden as resting on fewer than five persons. A hidden cell is stored without
its value or persons: the audit never needs them (shown cells are the constants, hidden ones
the unknowns), and a stored snapshot then holds nothing the report did not publish.

The audit puts together the reports published about the same people at the same date (each
member municipality's report of an inter-municipal service) as an attacker would: a figure
shown in one is known; one hidden in all is unknown. It fails when a hidden figure can be
placed in an interval narrower than five, or when one report shows a figure another hides as
small. As in the protection itself, only the small figures must stay uncertain: a figure
hidden only to protect another may be worked out. Pure Python (no Django): the callers store
the outcome.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from laget.domain.competence import stated
from laget.domain.protection import MIN_N, AtMost, Protected, Share, View, audit, narrowest

FORMAT = 1


def published_view(
    protecteds: Iterable[Protected], unit: str, covered: Iterable[str] | None = None
) -> dict:
    """The cells of `unit` (`service:<id>`) in the protected views read, and the relations
    among them, as JSON. Relations reaching other units (a county's total over its services)
    are left out: the report prints its service's figures, and the groups' figures are
    protected with every service's where they are published. `covered`: the roles the
    report says the requirement covers («Kravet er her regnet for …»), kept for the audit."""
    prefix = f"{unit}|"
    view = View()
    hidden: set[str] = set()
    primary: set[str] = set()
    for protected in protecteds:
        own = {k for k in protected.view.cells if k.startswith(prefix)}
        if not own:
            continue
        for key in own:
            view.cells.setdefault(key, protected.view.cells[key])
        view.sums += [
            s for s in protected.view.sums if {s.total, *s.parts} <= own and s not in view.sums
        ]
        view.shares += [
            s
            for s in protected.view.shares
            if {s.key, s.numerator, s.denominator} <= own and s not in view.shares
        ]
        view.bounds += [b for b in protected.view.bounds if set(b.members) <= own]
        hidden |= protected.hidden & own
        primary |= protected.primary & own
    view.bounds = list(dict.fromkeys(view.bounds))
    return view_to_json(view, hidden, primary, covered)


def view_to_json(
    view: View,
    hidden: Iterable[str],
    primary: Iterable[str] = (),
    covered: Iterable[str] | None = None,
) -> dict:
    """A view and what of it was hidden, as plain JSON (hidden cells without their figures)."""
    hidden = set(hidden)
    extra: dict = {} if covered is None else {"covered": sorted(covered)}
    return {
        **extra,
        "format": FORMAT,
        "cells": {
            key: None if key in hidden else [cell.value, cell.persons]
            for key, cell in sorted(view.cells.items())
        },
        "sums": [[s.total, list(s.parts)] for s in view.sums],
        "shares": [[s.key, s.numerator, s.denominator, s.decimals] for s in view.shares],
        "bounds": [[list(b.smaller), list(b.larger)] for b in view.bounds],
        "hidden": sorted(hidden),
        "primary": sorted(set(primary) & hidden),
    }


@dataclass(frozen=True)
class Stored:
    """A stored view read back: the hidden cells are in `view` as unknowns (zero)."""

    view: View
    hidden: frozenset[str]
    primary: frozenset[str]
    #: the roles the report says the requirement covers (None: not stored with it)
    covered: frozenset[str] | None = None


def view_from_json(data: dict) -> Stored:
    """The inverse of `view_to_json`; a malformed view is a ValueError, never a pass."""
    try:
        if data["format"] != FORMAT:
            raise ValueError(f"unknown format {data['format']!r}")
        hidden = frozenset(data["hidden"])
        view = View()
        for key, cell in data["cells"].items():
            if (cell is None) != (key in hidden):
                raise ValueError(f"cell {key!r}: hidden without being marked, or the reverse")
            view.add(key, *(cell or (0, 0)))
        for total, parts in data["sums"]:
            view.total(total, parts)
        view.shares = [Share(*share) for share in data["shares"]]
        view.bounds = [AtMost(tuple(low), tuple(high)) for low, high in data.get("bounds", [])]
        covered = frozenset(data["covered"]) if "covered" in data else None
        known = view.cells.keys()
        for s in view.sums:
            if not {s.total, *s.parts} <= known:
                raise ValueError(f"sum {s.total!r} names a cell the view does not have")
        for share in view.shares:
            if not {share.key, share.numerator, share.denominator} <= known:
                raise ValueError(f"share {share.key!r} names a cell the view does not have")
        for bound in view.bounds:
            if not set(bound.members) <= known:
                raise ValueError("an inequality names a cell the view does not have")
        primary = frozenset(data["primary"])
    except (KeyError, TypeError) as error:
        raise ValueError(f"not a stored view: {error!r}") from None
    if not hidden <= known or not primary <= hidden:
        raise ValueError("hidden cells the view does not have")
    return Stored(view, hidden, primary, covered)


@dataclass(frozen=True)
class Outcome:
    """The audit of one report: whether it failed, why (in Norwegian, never a hidden figure),
    how many views and hidden cells were attacked and the narrowest interval found."""

    failed: bool
    finding: str
    views: int
    hidden: int
    narrowest: float | None  # None: nothing hidden, or nothing to attack


UNCHECKABLE = (
    "Kan ikke kontrolleres: rapporten ble ferdigstilt før Laget lagret hvilke tall den "
    "publiserte, så det kan ikke vises at ingen skjult tall kan regnes ut."
)

CONFLICTING = (
    "Kan ikke kontrolleres: rapportene fra tjenesten med samme tallgrunnlag viser ulike tall "
    "for det samme (registeret ble endret mellom ferdigstillingene)."
)


def audit_published(
    stored: list[dict | None], covered: list[frozenset[str] | None] | None = None
) -> list[Outcome]:
    """The audit of reports about the same people at the same date, one outcome per report
    in the order given. A report without a stored view (finalised before this check) fails:
    it cannot be shown safe. The others are attacked together, with what each report says
    beside its figures: the roles the requirement covers (stored with the view, else
    `covered`, as the caller reads it off the rule set and the service)."""
    views: list[Stored | None] = []
    for index, data in enumerate(stored):
        try:
            view = view_from_json(data) if data is not None else None
        except ValueError:
            view = None
        if view is not None and view.covered is None and covered is not None:
            view = Stored(view.view, view.hidden, view.primary, covered[index])
        views.append(view)
    known = [v for v in views if v is not None]
    shared = _attack(known) if known else None
    return [
        shared if v is not None and shared is not None else _uncheckable(data)
        for v, data in zip(views, stored, strict=True)
    ]


def coverage_relations(view: View, covered: Iterable[str]) -> None:
    """What «Kravet er her regnet for …» tells a reader (`stated.coverage`), for every service
    whose cells the view has."""
    units = {key.split("|", 1)[0] for key in view.cells if key.startswith("service:")}
    for unit in sorted(units):
        stated.coverage(view, unit, covered)
    view.sums = list(dict.fromkeys(view.sums))


def _uncheckable(data: dict | None) -> Outcome:
    finding = UNCHECKABLE if data is None else "Kan ikke kontrolleres: tallgrunnlaget er skadet."
    return Outcome(True, finding, 0, 0, None)


def _attack(stored: list[Stored]) -> Outcome:
    view = View()
    shown: set[str] = set()
    hidden: set[str] = set()
    primary: set[str] = set()
    conflicting = False
    for s in stored:
        for key, cell in s.view.cells.items():
            if key in s.hidden:
                view.cells.setdefault(key, cell)
                continue
            if key in shown and view.cells[key] != cell:
                conflicting = True
            view.cells[key] = cell  # a shown value wins over a stored unknown
            shown.add(key)
        view.sums += [r for r in s.view.sums if r not in view.sums]
        view.shares += [r for r in s.view.shares if r not in view.shares]
        view.bounds += [r for r in s.view.bounds if r not in view.bounds]
        if s.covered is not None:
            coverage_relations(view, s.covered)
        hidden |= s.hidden
        primary |= s.primary
    if conflicting:
        return Outcome(True, CONFLICTING, len(stored), 0, None)
    unknown = hidden - shown
    revealed = primary & shown
    intervals = audit(view, unknown, only=primary & unknown)
    # a figure hidden only to protect another may be worked out: it is no small number
    small = {k: i for k, i in intervals.items() if k in primary}
    exposed = [k for k, i in small.items() if i.width < MIN_N - 1e-9]
    width = narrowest(small)
    findings = []
    if exposed:
        findings.append(
            f"{len(exposed)} skjult{'e' if len(exposed) > 1 else ''} tall kan regnes ut fra "
            "tallene som er vist, nær nok til å se om det gjelder færre enn fem personer."
        )
    if revealed:
        findings.append(
            f"{len(revealed)} tall som er skjult fordi det gjelder færre enn fem personer, "
            "vises i en annen rapport fra tjenesten med samme tallgrunnlag."
        )
    if not findings:
        findings.append(
            "Bestått: ingen skjult tall kan regnes ut fra tallene som er vist."
            if unknown
            else "Bestått: ingen tall er skjult."
        )
    return Outcome(
        bool(exposed or revealed),
        " ".join(findings),
        len(stored),
        len(unknown),
        None if math.isinf(width) else width,
    )
