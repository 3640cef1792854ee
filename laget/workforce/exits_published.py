"""What leaves a service about its exit interviews, protected as one whole for every service
and group: how many were held each year, and over the five years what the leavers said
mattered, where they went and whether they would come back.

A network's interviews less its shown services' must not give a hidden service's, nor a
shown share of a shown number of interviews a reason two leavers gave. So the counts behind
every figure are one view (the share of a reason gives its count back, and the count of
those who did not give it: both are in the view, the second never shown). Outside the service
the reasons are published over the five years only, not per year: per year they would rest
on a handful of interviews almost everywhere.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from laget.competence.publication import NAME as COMPETENCE
from laget.competence.publication import service_unit
from laget.domain.protection import Protected, View, protect
from laget.domain.suppression import Figure
from laget.publication.published import published
from laget.publication.registry import Inputs
from laget.workforce.models import (
    Destination,
    ExitReason,
    WouldReturn,
)

#: The stored counts and the publication built from them.
NAME = "exits"
#: Reasons are shown as whole percent: two decimals of the fraction.
SHARE_DECIMALS = 2


def key(unit: str, metric: str) -> str:
    return f"{unit}|exits.{metric}"


@dataclass
class ExitsPublication:
    years: list[int]
    protected: Protected
    units: dict[frozenset[int], str]

    def figure(self, services, metric: str) -> Figure:
        """`metric`: `interviews.<year>`, `interviews`, `reason.<r>.share`,
        `destination.<d>`, `return.<w>`. A count of none rests on the interviews."""
        ids = frozenset(s.pk for s in services)
        unit = self.units.get(ids)
        if unit is None and any(frozenset({pk}) not in self.units for pk in ids):
            return Figure(None, 0, True, computed=False)  # a service newer than the figures
        if unit is None or key(unit, metric) not in self.protected.view.cells:
            return Figure(None, 0, True)
        value, persons, hidden = self.protected.read(key(unit, metric))
        if metric.endswith(".share") or not persons:
            persons = self.protected.view.cells[key(unit, "interviews")].persons
        return Figure(value, persons, hidden, source=key(unit, metric))


def _add_unit(view: View, unit: str, years: list[int], counts: Counter[str]) -> None:
    def k(metric: str) -> str:
        return key(unit, metric)

    view.add(k("interviews"), counts["interviews"])
    view.total(
        k("interviews"), [view.add(k(f"interviews.{y}"), counts[f"interviews.{y}"]) for y in years]
    )
    for reason in ExitReason.values:
        said = view.add(k(f"reason.{reason}"), counts[f"reason.{reason}"])
        rest = view.add(
            k(f"reason.{reason}.not"), counts["interviews"] - counts[f"reason.{reason}"]
        )
        view.total(k("interviews"), [said, rest])
        view.share(k(f"reason.{reason}.share"), said, k("interviews"), SHARE_DECIMALS)
    for prefix, values in (("destination", Destination.values), ("return", WouldReturn.values)):
        view.total(
            k("interviews"),
            [view.add(k(f"{prefix}.{v}"), counts[f"{prefix}.{v}"]) for v in values],
        )


def build(inputs: Inputs) -> ExitsPublication:
    from laget.workforce.years import years_shown

    today = inputs.day
    years = years_shown(today)
    counts = inputs.counts(NAME)
    units = inputs.publication(COMPETENCE).units
    view = View()
    for members, unit in units.items():
        summed: Counter[str] = sum((counts.get(pk, Counter()) for pk in members), Counter())
        _add_unit(view, unit, years, summed)
    for members, unit in units.items():
        if len(members) > 1:
            for cell in [k for k in view.cells if k.startswith(f"{unit}|")]:
                metric = cell.split("|", 1)[1]
                if not metric.endswith(".share"):
                    view.total(cell, [f"{service_unit(pk)}|{metric}" for pk in sorted(members)])
    rests = {k for k in view.cells if k.endswith(".not")}
    return ExitsPublication(years, protect(view, unpublished=rests, scope=today.isoformat()), units)


def exits_publication(today: date) -> ExitsPublication:
    """The protected exit interviews for `today`, once per register revision (an interview
    saved is a change to the register's history)."""
    return published(NAME, today)
