"""What leaves a service about the flows of staff: turnover (those employed on the reference
date and gone a year later), hires and separations, by year, and the last year's turnover by
role, protected as one whole for every service and every group a page can show.

The same figures reach users outside the services on the service's page, the county's, a
network's, the nation's, the exports and the per-service rows: a county's leavers less its
shown services' must not give a hidden service's, nor a year's leavers less the shown roles
the leaders'. So, as with the competence figures (`laget.competence.publication`), every
service's and group's counts are one view, protected once per date and register revision,
and each page reads from it. Turnover is published as a share of those employed on the
reference date, which is published too: it gives the leavers back, and the stayers, so those
are in the view as well (never shown; protected when small).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from laget.competence.publication import competence_publication, service_unit
from laget.core.published import for_revision
from laget.domain import workforce as metrics
from laget.domain.protection import Protected, View, protect
from laget.domain.suppression import Figure
from laget.organisations.models import Service
from laget.people.models import RoleCategory
from laget.workforce.models import Hire, HireSource

#: Turnover is shown as a percent with one decimal: three decimals of the fraction.
SHARE_DECIMALS = 3
COUNTS = ("at_start", "leavers", "stayers", "hires", "separations")


def key(unit: str, year: int, metric: str, role: str | None = None) -> str:
    return f"{unit}|flows.{year}.{f'role.{role}.' if role else ''}{metric}"


def recruited(unit: str, source: str | None = None) -> str:
    """Those hired into the vacancies advertised in the five years, by where they came from."""
    return f"{unit}|flows.recruited{f'.{source}' if source else ''}"


@dataclass
class FlowsPublication:
    today: date
    years: list[int]
    protected: Protected
    units: dict[frozenset[int], str]

    def figure(self, services, year: int, metric: str, role: str | None = None) -> Figure:
        """A figure as published for a set of services («skjult» for a set that is no
        publishable group, whose totals nobody gets)."""
        unit = self.units.get(frozenset(s.pk for s in services))
        if unit is None or key(unit, year, metric, role) not in self.protected.view.cells:
            return Figure(None, 0, True)
        value, persons, hidden = self.protected.read(key(unit, year, metric, role))
        population = self.protected.view.cells[key(unit, year, "at_start", role)].persons
        if metric == "turnover" or not persons:
            # a rate, or a count of none, rests on the population it is taken from
            persons = population
        return Figure(value, persons, hidden, source=key(unit, year, metric, role))

    def recruited(self, services, source: str) -> Figure:
        """Those hired from `source` into the services' vacancies (a none rests on all)."""
        unit = self.units.get(frozenset(s.pk for s in services))
        if unit is None:
            return Figure(None, 0, True)
        value, persons, hidden = self.protected.read(recruited(unit, source))
        everyone = self.protected.view.cells[recruited(unit)].persons
        return Figure(value, persons or everyone, hidden, source=recruited(unit, source))

    def churn(self, services, year: int, figure: Figure) -> Figure:
        """SSB's churn gives hires and separations back with the head counts: hidden with
        them."""
        hidden = figure.suppressed or any(
            self.figure(services, year, metric).suppressed for metric in ("hires", "separations")
        )
        return Figure(figure.value, figure.n, hidden)


def _add_unit(view: View, unit: str, year: int, counts: dict[str, int], role: str | None) -> None:
    def k(metric: str) -> str:
        return key(unit, year, metric, role)

    for metric in ("at_start", "leavers", "stayers"):
        view.add(k(metric), counts[metric])
    view.total(k("at_start"), [k("leavers"), k("stayers")])
    view.share(k("turnover"), k("leavers"), k("at_start"), SHARE_DECIMALS)
    if role is None:
        view.add(k("hires"), counts["hires"])
        view.add(k("separations"), counts["separations"])


def build(today: date) -> FlowsPublication:
    from laget.workforce.selectors import reference_date, register_for, years_shown

    services = list(Service.objects.order_by("pk"))
    years = years_shown(today)
    month, day = reference_date()
    register = register_for(
        services, since=min(date(years[0] - 1, month, day), date(years[0] - 1, 12, 31)), today=today
    )
    turnover = metrics.turnover_ks_years(register, years, reference_month=month, reference_day=day)
    by_role = metrics.turnover_ks_years(
        register, [years[-1]], register.by_group_and_role, reference_month=month, reference_day=day
    )[years[-1]]
    counts: dict[tuple[int, int, str | None], dict[str, int]] = {}
    for year in years:
        churn = metrics.churn_between(register, *metrics.calendar_year(year))
        for service in services:
            t = turnover[year].get(service.pk, metrics.Turnover(0, 0))
            c = churn.get(service.pk, metrics.Churn(0, 0, 0, 0))
            counts[(service.pk, year, None)] = {
                "at_start": t.at_start,
                "leavers": t.leavers,
                "stayers": t.at_start - t.leavers,
                "hires": c.hires,
                "separations": c.separations,
            }
    for (service_id, role), t in by_role.items():
        counts[(service_id, years[-1], role)] = {
            "at_start": t.at_start,
            "leavers": t.leavers,
            "stayers": t.at_start - t.leavers,
        }
    hires = Counter(
        Hire.objects.filter(vacancy__advertised_on__year__gte=years[0]).values_list(
            "vacancy__service_id", "source"
        )
    )
    roles = list(RoleCategory.values)
    units = competence_publication(today).units
    view = View()
    for members, unit in sorted(units.items(), key=lambda item: (len(item[0]), item[1])):
        sources = [
            view.add(recruited(unit, s), sum(hires[(pk, s)] for pk in members))
            for s in HireSource.values
        ]
        view.add(recruited(unit), sum(view.cells[k].value for k in sources))
        view.total(recruited(unit), sources)
        if len(members) > 1:
            for s in [None, *HireSource.values]:
                view.total(recruited(unit, s), [recruited(service_unit(pk), s) for pk in members])
        for year in years:
            slices: list[str | None] = [None, *roles] if year == years[-1] else [None]
            for role in slices:
                summed = {
                    metric: sum(counts.get((pk, year, role), {}).get(metric, 0) for pk in members)
                    for metric in COUNTS
                }
                _add_unit(view, unit, year, summed, role)
                if len(members) > 1:
                    for metric in COUNTS if role is None else COUNTS[:3]:
                        view.total(
                            key(unit, year, metric, role),
                            [key(service_unit(pk), year, metric, role) for pk in sorted(members)],
                        )
        for metric in ("at_start", "leavers", "stayers"):
            # a person in two roles of one service counts in both: then the roles are no
            # partition, and the attacker has no sum either
            total = key(unit, years[-1], metric)
            parts = [key(unit, years[-1], metric, r) for r in roles]
            if view.cells[total].value == sum(view.cells[p].value for p in parts):
                view.total(total, parts)
    stayers = {k for k in view.cells if k.endswith(".stayers")}
    return FlowsPublication(
        today, years, protect(view, unpublished=stayers, scope=today.isoformat()), units
    )


def flows_publication(today: date) -> FlowsPublication:
    """The protected flows for `today`, once per register revision (kept for a day)."""
    return for_revision("flows-publication", today, build)
