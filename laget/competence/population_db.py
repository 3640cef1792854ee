"""The competence engine's input straight from the register: a handful of `values_list`
queries read into numpy columns, reduced by `laget.domain.competence.columns` with no model
instance and no loop per person.

`profiles.with_register` and `profile_for` build the same persons as objects, one at a time:
that is the path for a person's page, where every shortfall is explained. Aggregates (status
figures, the timeline, the projection, the publication) need only the arrays, and at the
national scale building them this way is many times faster.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    FloatField,
    IntegerField,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce

from laget.competence.profiles import LEVELS, PlannedStudy
from laget.domain.competence import EducationLevel, FurtherEducationStatus, RuleSet
from laget.domain.competence.columns import PopulationColumns, population_facts_from_columns
from laget.domain.competence.population import PopulationFacts
from laget.domain.competence.rules import NEVER
from laget.organisations.models import Service
from laget.people.models import (
    Education,
    Employment,
    FurtherEducation,
    PriorExperience,
    RelevanceBasis,
)

EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


@dataclass(frozen=True)
class StaffKeys:
    """Who the arrays are about: one element per person, in the order of `person_id`
    (ascending), with the current employment `current_staff` would choose for the person."""

    person_id: np.ndarray  # int64, ascending
    employment_id: np.ndarray
    service_id: np.ndarray
    role_category: np.ndarray  # str (object)
    birth_year: np.ndarray  # int64; 0 when not given

    def __len__(self) -> int:
        return len(self.person_id)

    def rows(self) -> list[tuple[int, str, int]]:
        """(service id, role category, birth year or 0) for each person, as Python values."""
        return list(
            zip(
                self.service_id.tolist(),
                self.role_category.tolist(),
                self.birth_year.tolist(),
                strict=True,
            )
        )


def current_employments(service_ids: Iterable[int], today: date) -> QuerySet[Employment]:
    """Employments in the services that are current on `today` (a person may have several)."""
    return Employment.objects.active_on(today).filter(service_id__in=list(service_ids))


def read_columns(query: QuerySet, width: int) -> list[Sequence]:
    """The query's rows as `width` columns, read from the cursor: no model instances and none
    of Django's per-value converters (dates come as ISO text and numpy parses them in C).

    The garbage collector waits while the rows are read: a row is a tuple, and hundreds of
    thousands of new tuples would set it off again and again (over the whole heap) for
    nothing, since rows hold no cycles. That halves the time to read the national register."""
    sql, params = query.query.sql_with_params()
    collecting = gc.isenabled()
    gc.disable()
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return list(zip(*rows, strict=True)) if rows else [() for _ in range(width)]
    finally:
        if collecting:
            gc.enable()


def iso_days(values: Sequence) -> np.ndarray:
    """ISO dates (or None) as day ordinals, NEVER for None. Numpy parses the text in C; a
    None among the values would send it down a path ten times slower, so those are set
    aside first."""
    text = np.array(values, dtype=object)
    missing = np.equal(text, np.array(None, dtype=object))
    text[missing] = "1970-01-01"
    days = text.astype("datetime64[D]").astype(np.int64) + EPOCH_ORDINAL
    return np.where(missing, NEVER, days)


def _ints(values: Sequence) -> np.ndarray:
    return np.asarray(values, dtype=np.int64)


def _floats(values: Sequence) -> np.ndarray:
    return np.asarray(values, dtype=np.float64)


def _bools(values: Sequence) -> np.ndarray:
    return np.asarray(values, dtype=bool)


def _objects(values: Sequence) -> np.ndarray:
    return np.asarray(values, dtype=object)


def _iso(field: str) -> Cast:
    return Cast(field, CharField())


def _float(field: str) -> Cast:
    return Cast(field, FloatField())


def _level() -> Case:
    return Case(
        *(When(level=name, then=Value(int(level))) for name, level in LEVELS.items()),
        default=Value(int(EducationLevel.NONE)),
        output_field=IntegerField(),
    )


def _staff(service_ids: list[int], today: date) -> StaffKeys:
    """The current staff: per person the current employment with the highest FTE, the
    earliest registered among equals (as `selectors.current_staff` chooses)."""
    person, employment, service, role, fte, birth_year = read_columns(
        current_employments(service_ids, today)
        .order_by()
        .values_list(
            "person_id",
            "pk",
            "service_id",
            "role_category",
            _float("fte_percent"),
            Coalesce("person__birth_year", 0),
        ),
        6,
    )
    person_ids = np.asarray(person, dtype=np.int64)
    employment_ids = np.asarray(employment, dtype=np.int64)
    # by person, then FTE, then newest first: the last row of each person is the one chosen
    order = np.lexsort((-employment_ids, np.asarray(fte, dtype=np.float64), person_ids))
    by_person = person_ids[order]
    chosen = order[np.r_[by_person[1:] != by_person[:-1], True]] if len(order) else order
    return StaffKeys(
        person_id=person_ids[chosen],
        employment_id=employment_ids[chosen],
        service_id=np.asarray(service, dtype=np.int64)[chosen],
        role_category=np.asarray(role, dtype=object)[chosen],
        birth_year=np.asarray(birth_year, dtype=np.int64)[chosen],
    )


def _index(keys: StaffKeys, person: Sequence) -> tuple[np.ndarray, np.ndarray]:
    """Each row's person index, and which rows belong to the staff at all (a row read after
    the register changed may not)."""
    ids = np.asarray(person, dtype=np.int64)
    if not len(keys):
        return np.zeros(len(ids), dtype=np.int64), np.zeros(len(ids), dtype=bool)
    index = np.minimum(np.searchsorted(keys.person_id, ids), len(keys) - 1)
    return index, keys.person_id[index] == ids


def brought_under(keys: StaffKeys) -> np.ndarray:
    """Per person: whether their role is one their service has brought under the requirement
    (`Service.requirement_extra_roles`), one query."""
    covered = np.zeros(len(keys), dtype=bool)
    for service_id, roles in Service.objects.filter(
        pk__in=set(keys.service_id.tolist())
    ).values_list("pk", "requirement_extra_roles"):
        if roles:
            covered |= (keys.service_id == service_id) & np.isin(keys.role_category, list(roles))
    return covered


def population_arrays(
    service_ids: Iterable[int],
    today: date,
    rules: RuleSet,
    planned: Mapping[int, tuple[PlannedStudy, ...]] | None = None,
) -> tuple[StaffKeys, PopulationFacts]:
    """The current staff of the services and the population engine's facts about them, from
    six queries whatever their number (the staff, the services' choices of roles, four
    registers). `planned` adds competence-plan measures (person id -> studies) as studies
    under way, as `profiles.profile_for` does."""
    ids = list(service_ids)
    keys = _staff(ids, today)
    staff = current_employments(ids, today).values("person_id")
    n = len(keys)

    def rows_of(model, *columns) -> tuple[np.ndarray, list[np.ndarray]]:
        """Each row's person index, and the (expression, array maker) `columns` of the rows
        that belong to the staff."""
        person, *values = read_columns(
            model.objects.filter(person__in=staff)
            .order_by()
            .values_list("person_id", *(expression for expression, _ in columns)),
            1 + len(columns),
        )
        index, ok = _index(keys, person)
        return index[ok], [make(v)[ok] for (_, make), v in zip(columns, values, strict=True)]

    # Each person's periods in the profile's order (start, then pk): the experience sums are
    # then taken in the same order, rounding included. Sorted here rather than by the database.
    e_person, (e_start, e_end, e_fte, e_pk) = rows_of(
        Employment,
        (_iso("start_date"), iso_days),
        (_iso("end_date"), iso_days),
        (_float("fte_percent"), _floats),
        ("pk", _ints),
    )
    e_order = np.lexsort((e_pk, e_start, e_person))

    ed_person, (level, relevant, completed, expected, ed_basis) = rows_of(
        Education,
        (_level(), _ints),
        ("relevant", _bools),
        (_iso("completed_on"), iso_days),
        (_iso("expected_on"), iso_days),
        ("relevance_basis", _objects),
    )

    # Further education as the register orders it (ends_on, then pk; where a missing end
    # goes depends on the database), which is the profile's order.
    fe_person, (credits, fe_relevant, status, fe_ends, fe_pk, fe_sum, fe_basis) = rows_of(
        FurtherEducation,
        (_float("credits"), _floats),
        ("relevant", _bools),
        ("status", _objects),
        (_iso("ends_on"), iso_days),
        ("pk", _ints),
        ("is_sum", _bools),
        ("relevance_basis", _objects),
    )
    missing_last = connection.features.nulls_order_largest
    fe_key = np.where(fe_ends == NEVER, NEVER if missing_last else -1, fe_ends)
    fe_order = np.lexsort((fe_pk, fe_key, fe_person))

    pe_person, (months,) = rows_of(PriorExperience, (_float("months"), _floats))
    # summed in tenths of a month (the register's precision): exact, as the Decimal sum is
    tenths = np.zeros(n, dtype=np.int64)
    np.add.at(tenths, pe_person, np.rint(months * 10).astype(np.int64))

    # competence-plan measures: after the person's registered studies, as profile_for adds them
    position = {pid: i for i, pid in enumerate(keys.person_id.tolist())} if planned else {}
    studies = [
        (position[pid], study)
        for pid, items in (planned or {}).items()
        if pid in position
        for study in items
    ]
    masters = [(i, s) for i, s in studies if s.master]
    courses = [(i, s) for i, s in studies if not s.master]

    def then(registered: np.ndarray, added: list, dtype: type | str) -> np.ndarray:
        return np.concatenate([registered.astype(dtype), np.asarray(added, dtype=dtype)])

    columns = PopulationColumns.build(
        role_category=keys.role_category,
        prior_experience_months=tenths / 10,
        brought_under=brought_under(keys),
        employment_person=e_person[e_order],
        employment_start=e_start[e_order],
        employment_end=e_end[e_order],
        employment_fte=e_fte[e_order] / 100,
        education_person=then(ed_person, [i for i, _ in masters], np.int64),
        education_level=then(level, [int(EducationLevel.MASTER)] * len(masters), np.int64),
        education_relevant=then(relevant, [True] * len(masters), bool),
        education_completed=then(completed, [NEVER] * len(masters), np.int64),
        education_expected=then(expected, [s.ends_on.toordinal() for _, s in masters], np.int64),
        further_person=then(fe_person[fe_order], [i for i, _ in courses], np.int64),
        further_credits=then(credits[fe_order], [s.credits for _, s in courses], np.float64),
        further_relevant=then(fe_relevant[fe_order], [True] * len(courses), bool),
        further_status=then(
            status[fe_order], [FurtherEducationStatus.IN_PROGRESS.value] * len(courses), object
        ),
        further_ends=then(fe_ends[fe_order], [s.ends_on.toordinal() for _, s in courses], np.int64),
        further_is_sum=then(fe_sum[fe_order], [False] * len(courses), bool),
        education_assessed=then(
            ed_basis != RelevanceBasis.NOT_ASSESSED, [True] * len(masters), bool
        ),
        further_assessed=then(
            fe_basis[fe_order] != RelevanceBasis.NOT_ASSESSED, [True] * len(courses), bool
        ),
    )
    return keys, population_facts_from_columns(columns, rules, today)
