"""What a report's blocks are built from: the service, the municipality, the day the figures
are taken on, and each app's selector, asked once and shared between blocks.

The report is a public document, so every selector is asked as the public would ask: by a
user without person access (`PUBLIC`). Every figure then passes small-number suppression,
whoever produces the report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser

from laget.competence.selectors import CompetenceOverview, competence_overview
from laget.organisations.models import Municipality, Service
from laget.planning.models import CompetencePlan
from laget.projection.selectors import ServiceProjection, service_projection
from laget.reports.content.format import Formatter
from laget.supervision.selectors import ServiceSupervision, service_supervision
from laget.workforce.selectors import WorkforceOverview, workforce_overview

PUBLIC = AnonymousUser()
T = TypeVar("T")


def figures_date(year: int, today: date) -> date:
    """The day the register is read on: today for this year's report; for an earlier year's,
    the turn of the year after it, so the year itself counts as complete (its turnover, sick
    leave and the five years up to it)."""
    return today if year >= today.year else date(year + 1, 1, 1)


@dataclass
class Context:
    service: Service
    municipality: Municipality
    year: int
    as_of: date
    comparisons: list[str]
    out: Formatter = field(default_factory=Formatter)
    #: results shared between the reports of one batch (same day): a service's figures are
    #: the same in each member municipality's report, the county's in every county report
    shared: dict[tuple, Any] = field(default_factory=dict)

    def once(self, key: tuple, compute: Callable[[], T]) -> T:
        key = (*key, self.as_of)
        if key not in self.shared:
            self.shared[key] = compute()
        return self.shared[key]

    @cached_property
    def members(self) -> list[Municipality]:
        return list(self.service.municipalities.order_by("name"))

    @property
    def inter_municipal(self) -> bool:
        return len(self.members) > 1

    @cached_property
    def scope(self) -> str:
        """The label on every block whose figures are the whole service's."""
        if not self.inter_municipal:
            return ""
        names = ", ".join(m.name for m in self.members)
        return (
            f"Tallene gjelder hele den interkommunale tjenesten {self.service.name} "
            f"({names}), ikke {self.municipality.name} alene: Laget registrerer de ansatte "
            "på tjenesten, ikke på kommunene den betjener."
        )

    @cached_property
    def workforce(self) -> WorkforceOverview:
        return self.once(
            ("workforce", self.service.pk),
            lambda: workforce_overview(user=PUBLIC, services=[self.service], today=self.as_of),
        )

    @cached_property
    def competence(self) -> CompetenceOverview:
        return self.once(
            ("competence", self.service.pk),
            lambda: competence_overview(
                user=PUBLIC, services=[self.service], today=self.as_of, with_persons=False
            ),
        )

    @cached_property
    def projection(self) -> ServiceProjection:
        return self.once(
            ("projection", self.service.pk),
            lambda: service_projection(user=PUBLIC, service=self.service, today=self.as_of),
        )

    @cached_property
    def supervision(self) -> ServiceSupervision:
        return self.once(
            ("supervision", self.service.pk),
            lambda: service_supervision(user=PUBLIC, service=self.service, today=self.as_of),
        )

    @cached_property
    def plan(self) -> CompetencePlan | None:
        return (
            CompetencePlan.objects.filter(service=self.service, year__lte=self.year)
            .order_by("-year")
            .prefetch_related("measures")
            .first()
        )
