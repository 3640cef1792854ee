"""Many services side by side (a county's, a network's, the nation's): each service's state, exact, banded or hidden."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from laget.accounts import access
from laget.competence import publication
from laget.competence.selectors.overview import (
    CompetenceOverview,
    competence_overview,
    published_overview,
)
from laget.competence.selectors.persons import evaluate_services
from laget.competence.text import (
    STATUS_ORDER,
)
from laget.domain.competence import Status, recoding
from laget.domain.suppression import Figure, unsuppressed
from laget.organisations.models import Service


@dataclass(frozen=True)
class ServiceCompetenceRow:
    service: Service
    subject: Figure
    cells: dict[str, Figure]  # status key -> count
    meets_share: Figure
    #: the status figures in the service's form (`laget.domain.competence.recoding`)
    recoded: publication.Recoded

    @property
    def state(self) -> str:
        """How the row reaches its reader (issue 27, item 4): `Recoded.state`."""
        return self.recoded.state


#: How a row of the per-service table reaches its reader (`publication.Recoded.state`).
STATES = ("exact", "banded", "hidden")


def row_states(rows: list[ServiceCompetenceRow]) -> dict[str, int]:
    """How many rows of the per-service table are shown exact, as a band, or hidden."""
    return {state: sum(row.state == state for row in rows) for state in STATES}


def _live_recoded(counts: dict[str, int]) -> publication.Recoded:
    """Every status of a service as counted, for an administrator (no form, nothing hidden)."""
    subject = sum(counts.values())
    form = recoding.FORMS[0]
    categories = []
    for category in form.categories:
        value = sum(counts[s.key] for s in category.statuses)
        share = value / subject * 100 if subject else None
        categories.append((category, unsuppressed(value, value), unsuppressed(share, value)))
    return publication.Recoded(form, unsuppressed(subject, subject), categories, None)


def competence_across_services(
    *, user, services: list[Service], today: date
) -> tuple[CompetenceOverview, list[ServiceCompetenceRow]]:
    """The combined picture for many services (county, nation) and one row per service.
    An administrator sees them live; everyone else the protected publication, where a set
    of services that is no publishable group has no combined figures."""
    if access.access_for(user).is_admin:
        evaluated = evaluate_services(services, today)
        combined = competence_overview(
            user=user, services=services, today=today, with_persons=False, evaluated=evaluated
        )
        by_service: dict[int, dict[str, int]] = {
            s.pk: {st.key: 0 for st in STATUS_ORDER} for s in services
        }
        for service_id, status in zip(
            evaluated.keys.service_id.tolist(), evaluated.result.status, strict=True
        ):
            if Status(status) is not Status.NOT_SUBJECT:
                by_service[service_id][Status(status).key] += 1
        rows = []
        for service in services:
            counts = by_service[service.pk]
            subject = sum(counts.values())
            meets = counts[Status.MEETS.key]
            rows.append(
                ServiceCompetenceRow(
                    service,
                    unsuppressed(subject, subject),
                    {k: unsuppressed(v, v) for k, v in counts.items()},
                    unsuppressed(meets / subject * 100 if subject else None, meets),
                    _live_recoded(counts),
                )
            )
        return combined, rows
    published = publication.competence_publication(today)
    combined = published_overview(published, services)
    rows = []
    for service in services:
        unit = published.unit_for([service.pk])
        meets_count = published.figure(unit, publication.status(Status.MEETS))
        share = published.figure(unit, publication.status(Status.MEETS) + ".share")
        rows.append(
            ServiceCompetenceRow(
                service,
                published.figure(unit, "subject"),
                {s.key: published.figure(unit, publication.status(s)) for s in STATUS_ORDER},
                Figure(
                    share.value * 100 if share.value is not None else None,
                    meets_count.n,
                    share.suppressed or meets_count.suppressed,
                    source=share.source,
                ),
                published.recoded(unit),
            )
        )
    return combined, rows
