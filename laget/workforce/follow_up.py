"""Why people leave (exit interviews, summed per year) and how the service recruits
(vacancies, time to fill, where new staff come from), for the workforce overview."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from laget.domain import recruitment
from laget.domain.suppression import Figure
from laget.organisations.models import Service
from laget.workforce.figures import Shown
from laget.workforce.models import (
    IMPORTANT,
    Destination,
    ExitInterview,
    ExitReason,
    ExitReasonRating,
    Hire,
    HireSource,
    Vacancy,
    WouldReturn,
)


@dataclass(frozen=True)
class ReasonRow:
    reason: str
    label: str
    by_year: list[Figure]  # share rating it important, per year
    total: Figure


@dataclass(frozen=True)
class Recruitment:
    advertised: Figure
    open_now: Figure
    median_days: Figure
    mean_applicants: Figure
    mean_qualified: Figure
    master_required_share: Figure
    hires_by_source: list[tuple[str, Figure, Figure]]  # label, hires, mean years of experience
    vacancies: list[Vacancy]  # person access only


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def exits(services: list[Service], years: list[int], shown: Shown) -> dict[str, Any]:
    # rows, not objects: a county's or the nation's are tens of thousands
    held = ExitInterview.objects.filter(
        employment__service__in=services, held_on__year__gte=years[0]
    )
    interviews = {
        pk: (held_on.year, destination, would_return)
        for pk, held_on, destination, would_return in held.values_list(
            "pk", "held_on", "destination", "would_return"
        )
    }
    per_year: Counter[int] = Counter(year for year, _d, _w in interviews.values())
    important: dict[str, Counter[int]] = defaultdict(Counter)
    for interview_id, reason in ExitReasonRating.objects.filter(
        interview__in=held, importance__in=IMPORTANT
    ).values_list("interview_id", "reason"):
        important[reason][interviews[interview_id][0]] += 1
    total_n = sum(per_year[y] for y in years)
    reasons = []
    for reason, label in ExitReason.choices:
        counts = important[reason]
        reasons.append(
            ReasonRow(
                reason,
                str(label),
                [
                    shown(counts[y] / per_year[y] if per_year[y] else None, per_year[y])
                    for y in years
                ],
                shown(sum(counts[y] for y in years) / total_n if total_n else None, total_n),
            )
        )
    reasons.sort(key=lambda row: -(row.total.value or 0))
    in_years = [(d, w) for year, d, w in interviews.values() if year in years]
    destination_counts = Counter(d for d, _w in in_years)
    return_counts = Counter(w for _d, w in in_years)
    return {
        "reasons": reasons,
        "interviews_by_year": [shown(per_year[y], per_year[y]) for y in years],
        "destinations": _labelled(
            shown, {str(label): destination_counts[key] for key, label in Destination.choices}
        ),
        "would_return": _labelled(
            shown, {str(label): return_counts[key] for key, label in WouldReturn.choices}
        ),
    }


def _labelled(shown: Shown, counts: dict[str, int]) -> dict[str, Figure]:
    if not sum(counts.values()):
        return {}
    return shown.breakdown(counts)


def recruitment_figures(
    services: list[Service], years: list[int], today: date, shown: Shown
) -> Recruitment:
    advertised = Vacancy.objects.filter(service__in=services, advertised_on__year__gte=years[0])
    # rows, not objects, but for those who may see the vacancies themselves
    rows = list(
        advertised.values_list(
            "advertised_on",
            "filled_on",
            "closed_on",
            "applicants",
            "qualified_applicants",
            "requirement",
        )
    )
    spans = [recruitment.VacancySpan(a, f, c) for a, f, c, *_rest in rows]
    median, filled = recruitment.median_days_to_fill(spans)
    n = len(rows)
    applicants = [row[3] for row in rows if row[3] is not None]
    qualified = [row[4] for row in rows if row[4] is not None]
    hires_by_source: dict[str, list[float]] = defaultdict(list)
    for source, years_of_experience in Hire.objects.filter(vacancy__in=advertised).values_list(
        "source", "experience_years"
    ):
        hires_by_source[source].append(float(years_of_experience))
    required = sum(1 for row in rows if row[5] == "master_required")
    vacancies = (
        list(
            advertised.select_related("service")
            .prefetch_related("hires")
            .order_by("-advertised_on", "pk")
        )
        if shown.open_view
        else []
    )
    return Recruitment(
        advertised=shown(n, n),
        open_now=shown(recruitment.open_vacancies(spans, today), n),
        median_days=shown(median, filled),
        mean_applicants=shown(mean(applicants), len(applicants)),
        mean_qualified=shown(mean(qualified), len(qualified)),
        master_required_share=shown(required / n if n else None, n),
        hires_by_source=[
            (
                str(label),
                shown(len(hires_by_source[key]), len(hires_by_source[key])),
                shown(mean(hires_by_source[key]), len(hires_by_source[key])),
            )
            for key, label in HireSource.choices
            if hires_by_source[key]
        ],
        vacancies=vacancies,
    )
