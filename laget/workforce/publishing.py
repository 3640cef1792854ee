"""What the workforce area publishes outside the services, registered in the publication layer
(`laget.publication.registry`, from `WorkforceConfig.ready`): the flows of staff and the exit
interviews of every service, their protected publications, and the overview of a set of
services for users outside them."""

from __future__ import annotations

from collections import Counter
from datetime import date

from laget.publication.registry import Build, Counts


def register() -> None:
    from laget.publication import registry
    from laget.workforce import exits_published, flows

    registry.filler(flows.NAME, flows_counts)
    registry.filler(exits_published.NAME, exits_counts)
    registry.publication(flows.NAME, flows.build, reads=("competence",))
    registry.publication(exits_published.NAME, exits_published.build, reads=("competence",))
    registry.set_family("workforce", overview_sets, overview_builder)


def overview_sets(day: date, today: date, full: bool) -> dict[str, dict]:
    """The overviews users outside the services open most, kept built with a row per service:
    the nation, each governor's office, county and learning network, and each service."""
    from laget.organisations.models import Service
    from laget.organisations.selectors import outside_sets
    from laget.workforce.selectors import outside_name

    if not full:
        return {}
    sets = [*outside_sets(), *([s] for s in Service.objects.order_by("pk"))]
    return {
        outside_name(services, True): {"services": [s.pk for s in services], "per_service": True}
        for services in sets
    }


def overview_builder(key: dict) -> Build | None:
    from laget.organisations.selectors import services_by_ids
    from laget.workforce.selectors import outside_overview_build

    services = services_by_ids(key.get("services", []))
    if services is None:
        return None
    return outside_overview_build(services, per_service=bool(key.get("per_service")))


def flows_counts(today: date) -> Counts:
    """Every service's flows for the years shown: those employed on the reference date, the
    leavers among them and the stayers, hires and separations; the last year also by role;
    and those hired into its vacancies by where they came from."""
    from laget.domain import workforce as metrics
    from laget.organisations.models import Service
    from laget.workforce.flows import COUNTS
    from laget.workforce.models import Hire
    from laget.workforce.years import reference_date, register_for, years_shown

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
    counts: Counts = {s.pk: Counter() for s in services}
    for year in years:
        churn = metrics.churn_between(register, *metrics.calendar_year(year))
        for service_id, c in counts.items():
            t = turnover[year].get(service_id, metrics.Turnover(0, 0))
            ch = churn.get(service_id, metrics.Churn(0, 0, 0, 0))
            values = (t.at_start, t.leavers, t.at_start - t.leavers, ch.hires, ch.separations)
            for metric, value in zip(COUNTS, values, strict=True):
                c[f"{year}.{metric}"] = value
    for (service_id, role), t in by_role.items():
        c = counts[service_id]
        c[f"{years[-1]}.role.{role}.at_start"] = t.at_start
        c[f"{years[-1]}.role.{role}.leavers"] = t.leavers
        c[f"{years[-1]}.role.{role}.stayers"] = t.at_start - t.leavers
    for service_id, source in Hire.objects.filter(
        vacancy__advertised_on__year__gte=years[0]
    ).values_list("vacancy__service_id", "source"):
        counts[service_id][f"recruited.{source}"] += 1
    return counts


def exits_counts(today: date) -> Counts:
    """Every service's exit interviews in the years shown: per year, and over the years each
    reason rated important, each destination and each answer to «would you come back»."""
    from laget.workforce.models import IMPORTANT, ExitInterview, ExitReasonRating
    from laget.workforce.years import years_shown

    years = years_shown(today)
    counts: Counts = {}
    service_of = {}
    for pk, service_id, held_on, destination, would_return in ExitInterview.objects.filter(
        held_on__year__in=years
    ).values_list("pk", "employment__service_id", "held_on", "destination", "would_return"):
        c = counts.setdefault(service_id, Counter())
        c[f"interviews.{held_on.year}"] += 1
        c["interviews"] += 1
        c[f"destination.{destination}"] += 1
        c[f"return.{would_return}"] += 1
        service_of[pk] = service_id
    for interview_id, reason in ExitReasonRating.objects.filter(
        interview__held_on__year__in=years, importance__in=IMPORTANT
    ).values_list("interview_id", "reason"):
        counts[service_of[interview_id]][f"reason.{reason}"] += 1
    return counts
