"""Figures for one viewer: all of them for the service's leaders and HR, and for everyone
else only those resting on at least 5 persons (with complementary suppression)."""

from __future__ import annotations

from laget.domain.suppression import (
    Figure,
    persons_behind,
    share_of,
    suppress,
    suppress_breakdown,
    unsuppressed,
)


class Shown:
    """Makes Figures for one viewer: unsuppressed for person access, else n < 5 hidden."""

    def __init__(self, open_view: bool):
        self.open_view = open_view

    def __call__(self, value, n: int) -> Figure:
        return unsuppressed(value, n) if self.open_view else suppress(value, n)

    def breakdown(self, counts: dict[str, int]) -> dict[str, Figure]:
        if self.open_view:
            return {k: unsuppressed(v, v) for k, v in counts.items()}
        return suppress_breakdown(counts)

    def count(self, count: int, population: int) -> Figure:
        """A count of persons out of a population (leavers of those employed): it rests on
        the persons it counts, or, for none of them, on the population."""
        if self.open_view:
            return unsuppressed(count, count)
        return suppress(count, persons_behind(count, population))

    def share(self, count: int, population: int) -> Figure:
        """A share of persons whose population is published (turnover: leavers over those
        employed): hidden when the persons it counts, or the rest, are fewer than five."""
        if self.open_view:
            return unsuppressed(count / population if population else None, population)
        return share_of(count, population)
