"""A service's or a set of services' competence overview: the statuses, the timeline to the deadline, each figure as the reader may see it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from laget.accounts import access
from laget.charts.competence import StatusBar, TimelinePoint, status_distribution
from laget.charts.competence import timeline as timeline_chart
from laget.competence import publication
from laget.competence.models import CompetenceRuleSet
from laget.competence.profiles import (
    extra_roles_of,
)
from laget.competence.selectors.persons import (
    Evaluated,
    PersonStatus,
    evaluate_services,
    persons_by_urgency,
)
from laget.competence.series import SeriesPoint, series
from laget.competence.text import (
    STATUS_LABELS,
    STATUS_ORDER,
    STATUS_SHORT_LABELS,
    coverage_text,
    timeline_text,
)
from laget.domain.competence import RuleSet, Status, recoding
from laget.domain.suppression import Figure, unsuppressed
from laget.organisations.models import Service
from laget.people.models import RoleCategory


def timeline_dates(today: date, deadline: date) -> list[date]:
    """Each year-end from this year on, the last one being the deadline itself."""
    year_ends = [date(y, 12, 31) for y in range(today.year, deadline.year - 1)]
    return [d for d in year_ends if d >= today] + [deadline]


@dataclass(frozen=True)
class StatusRow:
    key: str
    label: str
    count: Figure
    share: Figure
    #: a merged category's short label and the status whose colour it takes (`recoding`)
    short: str = ""
    colour: str = ""


@dataclass
class CompetenceOverview:
    rules: RuleSet
    record: CompetenceRuleSet
    today: date
    suppressed_view: bool
    subject: Figure
    not_subject: Figure
    statuses: list[StatusRow]
    by_role: list[tuple[str, dict[str, Figure]]]
    by_path: list[tuple[str, dict[str, Figure]]]
    timeline: list[tuple[date, Figure, Figure]]
    status_chart: dict[str, Any]
    timeline_chart: dict[str, Any]
    persons: list[PersonStatus] = field(default_factory=list)
    #: for users outside the services: the figures kept on earlier dates (`series.series`)
    series: list[SeriesPoint] = field(default_factory=list)
    #: for users outside the services: the status figures in the unit's form (`recoding`)
    recoded: publication.Recoded | None = None
    #: figures for several services: the tables by role and path are shown per service
    detail_per_service: bool = False
    #: a service whose form shows less than the two groups: no statuses by role or path, and
    #: no timeline, outside the service (`publication.shows_status_tables`)
    status_tables_hidden: bool = False
    #: those covered whose formal education is in place (count, share of the covered)
    education_in_place: Figure = field(default_factory=lambda: Figure(None, 0, True))
    education_in_place_share: Figure = field(default_factory=lambda: Figure(None, 0, True))
    #: «Kravet er her regnet for …»
    coverage: str = ""
    #: what the timeline counts («Hvis planene holder og ingen slutter: …»)
    timeline_note: str = ""


def competence_overview(
    *,
    user,
    services: list[Service],
    today: date,
    with_persons: bool,
    evaluated: Evaluated | None = None,
) -> CompetenceOverview:
    """Aggregates for `services` (already scoped by the caller): live and exact for a user
    with person access to every one of them (with the person list when asked), else the
    protected figures every user outside the services sees (`publication`)."""
    if not all(access.has_person_access(user, s) for s in services):
        return published_overview(publication.competence_publication(today), services)
    evaluated = evaluated or evaluate_services(services, today)
    record, rules, result = evaluated.record, evaluated.rules, evaluated.result
    statuses = [Status(s) for s in result.status]
    subject_n = sum(s is not Status.NOT_SUBJECT for s in statuses)
    counts = {s: statuses.count(s) for s in STATUS_ORDER}
    status_rows = [
        StatusRow(
            s.key,
            str(STATUS_LABELS[s]),
            unsuppressed(counts[s], counts[s]),
            unsuppressed(counts[s] / subject_n * 100 if subject_n else None, counts[s]),
        )
        for s in STATUS_ORDER
    ]
    role_labels = dict(RoleCategory.choices)
    # every role the requirement covers in these services is a row, empty or not: which
    # rows a table has says nothing about the figures in it
    extra = extra_roles_of(s.pk for s in services)
    role_table: dict[str, dict[str, int]] = {
        str(label): {s.key: 0 for s in STATUS_ORDER}
        for key, label in role_labels.items()
        if any(rules.covers(key, extra[s.pk]) for s in services)
    }
    for role_category, status in zip(evaluated.keys.role_category, statuses, strict=True):
        if status is Status.NOT_SUBJECT:
            continue
        role_table[str(role_labels[role_category])][status.key] += 1
    path_table: dict[str, dict[str, int]] = {
        p.label: {Status.MEETS.key: 0, Status.WILL_MEET.key: 0} for p in rules.paths
    }
    for index, status in zip(result.path_index, statuses, strict=True):
        if status in (Status.MEETS, Status.WILL_MEET):
            path_table[rules.paths[index].label][status.key] += 1
    points = []
    for day in timeline_dates(today, rules.deadline):
        meeting = result.meeting_on(day)
        points.append(
            (
                day,
                unsuppressed(meeting, meeting),
                unsuppressed(meeting / subject_n * 100 if subject_n else None, meeting),
            )
        )
    overview = _overview(
        rules=rules,
        record=record,
        today=today,
        suppressed_view=False,
        subject=unsuppressed(subject_n, subject_n),
        not_subject=unsuppressed(len(statuses) - subject_n, len(statuses) - subject_n),
        statuses=status_rows,
        by_role=[(r, {k: unsuppressed(v, v) for k, v in c.items()}) for r, c in role_table.items()],
        by_path=[(p, {k: unsuppressed(v, v) for k, v in c.items()}) for p, c in path_table.items()],
        timeline=points,
        services=services,
        extra=extra,
    )
    in_place = int(result.education_in_place.sum())
    overview.education_in_place = unsuppressed(in_place, in_place)
    overview.education_in_place_share = unsuppressed(
        in_place / subject_n * 100 if subject_n else None, in_place
    )
    if with_persons:
        overview.persons = persons_by_urgency(evaluated)
    return overview


def _overview(
    *,
    statuses: list[StatusRow],
    timeline: list,
    subject: Figure,
    services: list[Service],
    extra: dict[int, frozenset[str]] | None = None,
    **fields,
) -> CompetenceOverview:
    """The overview with its two charts, drawn from the figures as they are shown (a hidden
    figure is left out of the chart, never drawn from the value behind it)."""
    extra = extra if extra is not None else extra_roles_of(s.pk for s in services)
    return CompetenceOverview(
        **fields,
        coverage=coverage_text(
            fields["rules"], {publication.service_unit(s.pk): extra[s.pk] for s in services}
        ),
        timeline_note=timeline_text([publication.service_unit(s.pk) for s in services]),
        subject=subject,
        statuses=statuses,
        timeline=timeline,
        status_chart=status_distribution(
            [
                StatusBar(
                    r.colour or r.key,
                    r.short or str(STATUS_SHORT_LABELS[Status[r.key.upper()]]),
                    None if r.count.shown is None else int(r.count.shown),
                )
                for r in statuses
            ],
            title="Status mot kompetansekravet",
        ),
        timeline_chart=timeline_chart(
            [
                TimelinePoint(
                    d,
                    None if f.shown is None else int(f.shown),
                    None if subject.shown is None else int(subject.shown),
                )
                for d, f, _ in timeline
            ],
            title="Antall som oppfyller kravet ved hvert årsskifte",
            deadline=fields["rules"].deadline,
        ),
    )


def published_overview(
    published: publication.CompetencePublication, services: list[Service]
) -> CompetenceOverview:
    """The overview as users outside the services see it: the status figures from the
    protected publication; for one service also its detail tables (by role, by path, the
    timeline), protected around them; for several, no detail tables (see `publication`)."""
    unit = published.unit_for(s.pk for s in services)
    recoded = published.recoded(unit)
    one = services[0].pk if len(services) == 1 else None
    detail = published.detail(one).figure if one is not None else None
    role_labels = dict(RoleCategory.choices)

    def share(figure_for, metric: str) -> Figure:
        count, cell = figure_for(unit, metric), figure_for(unit, metric + ".share")
        value = cell.value * 100 if cell.value is not None else None
        return Figure(value, count.n, cell.suppressed or count.suppressed, source=cell.source)

    by_role, by_path, timeline = [], [], []
    if detail is not None:
        covered = published.covered(one)  # type: ignore[arg-type]
        for role_key, label in role_labels.items():
            # every covered role is a row, whatever its figures: a row left out because it
            # is empty would tell what the hidden cells of the same row elsewhere hold
            if role_key in covered:
                cells = {s.key: detail(unit, publication.role(role_key, s)) for s in STATUS_ORDER}
                by_role.append((str(label), cells))
        by_path = [
            (
                path.label,
                {
                    s.key: detail(unit, publication.path(index, s))
                    for s in (Status.MEETS, Status.WILL_MEET)
                },
            )
            for index, path in enumerate(published.rules.paths)
        ]
        timeline = [
            (day, detail(unit, publication.timeline(day)), share(detail, publication.timeline(day)))
            for day in published.timeline_dates
        ]
    overview = _overview(
        rules=published.rules,
        record=published.record,
        today=published.as_of,
        suppressed_view=True,
        detail_per_service=detail is None,
        subject=published.figure(unit, "subject"),
        not_subject=published.figure(unit, "not_subject"),
        statuses=_form_rows(recoded),
        by_role=by_role,
        by_path=by_path,
        timeline=timeline,
        services=services,
    )
    overview.education_in_place = published.figure(unit, publication.EDUCATION_IN_PLACE)
    overview.education_in_place_share = share(published.figure, publication.EDUCATION_IN_PLACE)
    overview.series = series(unit)
    overview.recoded = recoded
    overview.status_tables_hidden = one is not None and not publication.shows_status_tables(
        recoded.form
    )
    return overview


def status_row(overview: CompetenceOverview, key: str) -> StatusRow:
    """The status table's row for a status (or merged category) key; a hidden row where the
    unit's form does not publish it on its own (`recoding`)."""
    found = next((row for row in overview.statuses if row.key == key), None)
    if found is not None:
        return found
    hidden = Figure(None, 0, True)
    return StatusRow(key, key, hidden, hidden)


#: the colour a merged category takes: its worst status's (`STATUS_COLOURS`)
_COLOURS = {
    recoding.CANNOT_OR_AT_RISK.key: Status.AT_RISK.key,
    recoding.CHECK_OR_EXEMPT.key: Status.NEEDS_CHECK.key,
    recoding.ON_TRACK_GROUP.key: Status.WILL_MEET.key,
    recoding.REST_GROUP.key: Status.AT_RISK.key,
}


def _form_rows(recoded: publication.Recoded) -> list[StatusRow]:
    """The status table's rows in the unit's form: its finest categories (the statuses, four
    groups, or the two groups), none where it shows no distribution."""
    rows = []
    for category, count, share in recoded.finer or recoded.categories:
        if len(category.statuses) == 1:
            s = category.statuses[0]
            rows.append(StatusRow(s.key, str(STATUS_LABELS[s]), count, share))
        else:
            key = category.key.removeprefix("group.")
            rows.append(
                StatusRow(key, category.label, count, share, category.label, _COLOURS[category.key])
            )
    return rows
