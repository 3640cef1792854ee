"""A population as flat columns, reduced to `PopulationFacts` without a loop per person.

`population.population_facts` reduces profiles one person at a time; at the national scale
building the profiles costs far more than the engine. Here a population comes as the rows a
database query gives: one array per column, persons by index (0 to size - 1), and every fact is
reduced with grouped numpy operations. The facts are the same, to the last bit, as
`population_facts` gives for the same persons (sums are taken in the order the person engine
takes them, so floating-point rounding agrees too).

Rows of one person must come in the order the person's profile lists them (employments by
start, further education as the register orders it); rows of different persons may be
interleaved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from laget.domain.competence.engine import ENDED
from laget.domain.competence.model import (
    PENDING,
    SECURED,
    EducationLevel,
    FurtherEducationStatus,
    PersonProfile,
)
from laget.domain.competence.population import PopulationFacts
from laget.domain.competence.rules import NEVER, RuleSet, TransitionPath

LEVELS = len(EducationLevel)


def _ints(values: Sequence | np.ndarray) -> np.ndarray:
    return np.asarray(values, dtype=np.int64).reshape(-1)


def _floats(values: Sequence | np.ndarray) -> np.ndarray:
    return np.asarray(values, dtype=np.float64).reshape(-1)


def _bools(values: Sequence | np.ndarray) -> np.ndarray:
    return np.asarray(values, dtype=bool).reshape(-1)


def _strings(values: Sequence | np.ndarray) -> np.ndarray:
    return np.asarray(values, dtype=object).reshape(-1)


@dataclass(frozen=True)
class PopulationColumns:
    """Persons and their register rows as columns. Days are proleptic ordinals; NEVER stands
    for no date (an employment that goes on, an education without a completion date)."""

    # one element per person
    role_category: np.ndarray  # str
    prior_experience_months: np.ndarray  # float, full-time months before the employments
    #: the person's role is one their service has brought under the requirement
    #: (`PersonProfile.extra_roles`); counts only for the rule set's optional roles
    brought_under: np.ndarray  # bool
    # one element per employment period
    employment_person: np.ndarray  # person index
    employment_start: np.ndarray
    employment_end: np.ndarray  # the last day; NEVER when it goes on
    employment_fte: np.ndarray  # fraction 0–1
    # one element per education
    education_person: np.ndarray
    education_level: np.ndarray  # EducationLevel value
    education_relevant: np.ndarray  # bool
    education_completed: np.ndarray  # NEVER while in progress
    education_expected: np.ndarray  # NEVER when not given
    # one element per further education
    further_person: np.ndarray
    further_credits: np.ndarray  # float
    further_relevant: np.ndarray  # bool
    further_status: np.ndarray  # FurtherEducationStatus value (str)
    further_ends: np.ndarray  # NEVER when not given
    further_is_sum: np.ndarray  # bool: a sum from a file (`FurtherEducation.is_sum`)
    #: bool: somebody has judged whether it is relevant (`Education.assessed`)
    education_assessed: np.ndarray
    further_assessed: np.ndarray

    @property
    def size(self) -> int:
        return len(self.role_category)

    @classmethod
    def build(
        cls,
        *,
        role_category: Sequence | np.ndarray,
        prior_experience_months: Sequence | np.ndarray,
        brought_under: Sequence | np.ndarray | None = None,
        employment_person: Sequence | np.ndarray = (),
        employment_start: Sequence | np.ndarray = (),
        employment_end: Sequence | np.ndarray = (),
        employment_fte: Sequence | np.ndarray = (),
        education_person: Sequence | np.ndarray = (),
        education_level: Sequence | np.ndarray = (),
        education_relevant: Sequence | np.ndarray = (),
        education_completed: Sequence | np.ndarray = (),
        education_expected: Sequence | np.ndarray = (),
        further_person: Sequence | np.ndarray = (),
        further_credits: Sequence | np.ndarray = (),
        further_relevant: Sequence | np.ndarray = (),
        further_status: Sequence | np.ndarray = (),
        further_ends: Sequence | np.ndarray = (),
        further_is_sum: Sequence | np.ndarray | None = None,
        education_assessed: Sequence | np.ndarray | None = None,
        further_assessed: Sequence | np.ndarray | None = None,
    ) -> PopulationColumns:
        """The columns with the dtypes the reduction expects (anything array-like in)."""

        def flags(
            values: Sequence | np.ndarray | None, like: Sequence | np.ndarray, default: bool
        ) -> np.ndarray:
            if values is None:
                return np.full(len(_ints(like)), default, dtype=bool)
            return _bools(values)

        return cls(
            role_category=_strings(role_category),
            prior_experience_months=_floats(prior_experience_months),
            brought_under=(
                np.zeros(len(role_category), dtype=bool)
                if brought_under is None
                else _bools(brought_under)
            ),
            employment_person=_ints(employment_person),
            employment_start=_ints(employment_start),
            employment_end=_ints(employment_end),
            employment_fte=_floats(employment_fte),
            education_person=_ints(education_person),
            education_level=_ints(education_level),
            education_relevant=_bools(education_relevant),
            education_completed=_ints(education_completed),
            education_expected=_ints(education_expected),
            further_person=_ints(further_person),
            further_credits=_floats(further_credits),
            further_relevant=_bools(further_relevant),
            further_status=_strings(further_status),
            further_ends=_ints(further_ends),
            further_is_sum=flags(further_is_sum, further_person, False),
            education_assessed=flags(education_assessed, education_person, True),
            further_assessed=flags(further_assessed, further_person, True),
        )

    @classmethod
    def from_profiles(cls, profiles: Sequence[PersonProfile]) -> PopulationColumns:
        """The columns of some profiles (a loop per person: for tests and benchmarks)."""

        def day(value: date | None) -> int:
            return NEVER if value is None else value.toordinal()

        employments = [(i, p) for i, profile in enumerate(profiles) for p in profile.employments]
        educations = [(i, e) for i, profile in enumerate(profiles) for e in profile.educations]
        further = [(i, f) for i, profile in enumerate(profiles) for f in profile.further_educations]
        return cls.build(
            role_category=[p.role_category for p in profiles],
            prior_experience_months=[p.prior_experience_months for p in profiles],
            brought_under=[p.role_category in p.extra_roles for p in profiles],
            employment_person=[i for i, _ in employments],
            employment_start=[day(p.start) for _, p in employments],
            employment_end=[day(p.end) for _, p in employments],
            employment_fte=[p.fte for _, p in employments],
            education_person=[i for i, _ in educations],
            education_level=[int(e.level) for _, e in educations],
            education_relevant=[e.relevant for _, e in educations],
            education_completed=[day(e.completed_on) for _, e in educations],
            education_expected=[day(e.expected_on) for _, e in educations],
            further_person=[i for i, _ in further],
            further_credits=[f.credits for _, f in further],
            further_relevant=[f.relevant for _, f in further],
            further_status=[str(f.status) for _, f in further],
            further_ends=[day(f.ends_on) for _, f in further],
            further_is_sum=[f.is_sum for _, f in further],
            education_assessed=[e.assessed for _, e in educations],
            further_assessed=[f.assessed for _, f in further],
        )

    def to_check(self, rules: RuleSet) -> np.ndarray:
        """`engine.to_check` for everyone: a bool per person."""
        out = np.zeros(self.size, dtype=bool)
        degrees = ~self.education_assessed & (self.education_level >= EducationLevel.BACHELOR)
        out[self.education_person[degrees]] = True
        out[self.further_person[~self.further_assessed]] = True
        smallest = rules.smallest_counting_course
        if smallest > 0:
            sums = (
                self.further_is_sum
                & self.further_relevant
                & self.further_assessed
                & ~np.isin(self.further_status, [s.value for s in ENDED])
                & (self.further_credits >= smallest)
            )
            out[self.further_person[sums]] = True
        return out

    def confirmed(self, persons: np.ndarray) -> PopulationColumns:
        """`engine.confirmed` for the persons given (indices, ascending), who become persons
        0 to len - 1: each sum is one course, what nobody has judged is relevant."""
        new_index = np.full(self.size, -1, dtype=np.int64)
        new_index[persons] = np.arange(len(persons))

        def rows(person: np.ndarray) -> np.ndarray:
            return new_index[person] >= 0

        e, f, m = (
            rows(self.education_person),
            rows(self.further_person),
            rows(self.employment_person),
        )
        return PopulationColumns(
            role_category=self.role_category[persons],
            prior_experience_months=self.prior_experience_months[persons],
            brought_under=self.brought_under[persons],
            employment_person=new_index[self.employment_person[m]],
            employment_start=self.employment_start[m],
            employment_end=self.employment_end[m],
            employment_fte=self.employment_fte[m],
            education_person=new_index[self.education_person[e]],
            education_level=self.education_level[e],
            education_relevant=(self.education_relevant | ~self.education_assessed)[e],
            education_completed=self.education_completed[e],
            education_expected=self.education_expected[e],
            further_person=new_index[self.further_person[f]],
            further_credits=self.further_credits[f],
            further_relevant=(self.further_relevant | ~self.further_assessed)[f],
            further_status=self.further_status[f],
            further_ends=self.further_ends[f],
            further_is_sum=np.zeros(int(f.sum()), dtype=bool),
            education_assessed=np.ones(int(e.sum()), dtype=bool),
            further_assessed=np.ones(int(f.sum()), dtype=bool),
        )


def _experience_days(
    columns: PopulationColumns, prior_days: np.ndarray, until: int, pro_rata: bool = True
) -> np.ndarray:
    """`engine.experience_days` for everyone: FTE-weighted days up to (not including) `until`,
    added to the prior experience period by period in the profile's order."""
    total = prior_days.copy()
    # the day after the last, or `until` (NEVER + 1 would overflow: take the minimum first)
    end = np.minimum(columns.employment_end, until - 1) + 1
    days = end - columns.employment_start
    # np.add.at adds in row order: the same sum, rounding included, as the person engine's
    np.add.at(
        total,
        columns.employment_person,
        np.where(days > 0, days * (columns.employment_fte if pro_rata else 1.0), 0.0),
    )
    return total


def _degree_dates(
    columns: PopulationColumns, size: int, today: int
) -> tuple[dict[EducationLevel, np.ndarray], dict[EducationLevel, np.ndarray]]:
    """For each level, the earliest day a degree at or above it is (or is expected) done:
    relevant degrees, and degrees in any field."""
    completed, expected = columns.education_completed, columns.education_expected
    on = np.where(
        completed != NEVER, completed, np.where(expected >= today, expected, NEVER)
    )  # an expected day that has passed without completion does not count

    def by_level(rows: np.ndarray) -> dict[EducationLevel, np.ndarray]:
        table = np.full((size, LEVELS), NEVER, dtype=np.int64)
        np.minimum.at(
            table, (columns.education_person[rows], columns.education_level[rows]), on[rows]
        )
        # a degree at a level satisfies every level below it
        at_or_above = np.minimum.accumulate(table[:, ::-1], axis=1)[:, ::-1]
        return {level: np.ascontiguousarray(at_or_above[:, level]) for level in EducationLevel}

    everything = np.ones(len(on), dtype=bool)
    relevant = columns.education_relevant & columns.education_assessed
    return by_level(relevant), by_level(everything)


def _running_sums(person: np.ndarray, values: np.ndarray) -> np.ndarray:
    """For rows grouped by person (each person's rows together, in order), the sum of the
    person's values up to and including each row, added one at a time as a loop over a list
    would (a loop over ranks within a person, not over persons)."""
    out = np.empty(len(values))
    if not len(values):
        return out
    starts = np.flatnonzero(np.r_[True, person[1:] != person[:-1]])
    lengths = np.diff(np.r_[starts, len(values)])
    by_length = np.argsort(-lengths, kind="stable")
    starts, lengths = starts[by_length], lengths[by_length]
    running = np.zeros(len(starts))
    for rank in range(int(lengths[0])):
        live = int(np.searchsorted(-lengths, -rank, side="left"))  # lengths > rank
        rows = starts[:live] + rank
        running[:live] += values[rows]
        out[rows] = running[:live]
    return out


def _first_day_reaching(
    person: np.ndarray,
    day: np.ndarray,
    running: np.ndarray,
    threshold: float,
    size: int,
    today: int,
) -> np.ndarray:
    """The day of each person's first row whose running sum reaches `threshold` (rows in day
    order); NEVER when none does, today for a threshold of nothing and no row at all."""
    on = np.full(size, NEVER, dtype=np.int64)
    reached = running >= threshold
    np.minimum.at(on, person[reached], day[reached])
    if threshold <= 0:
        on[on == NEVER] = today
    return on


def population_facts_from_columns(
    columns: PopulationColumns, rules: RuleSet, today: date, *, checks: bool = True
) -> PopulationFacts:
    """The facts of `rules` on `today` for a population given as columns: what
    `population.population_facts` gives for the same persons' profiles."""
    n = columns.size
    today_ord = today.toordinal()
    deadline = max(rules.deadline, today)
    deadline_ord = deadline.toordinal()
    per_month = rules.days_per_month
    thresholds = sorted({p.min_credits for p in rules.paths if isinstance(p, TransitionPath)})

    subject = np.isin(columns.role_category, sorted(rules.applies_to)) | (
        columns.brought_under & np.isin(columns.role_category, sorted(rules.optional_roles))
    )
    first_start = np.full(n, NEVER, dtype=np.int64)
    np.minimum.at(first_start, columns.employment_person, columns.employment_start)
    prior_days = columns.prior_experience_months * per_month
    now = _experience_days(columns, prior_days, today_ord, rules.experience_pro_rata)
    at_deadline = _experience_days(columns, prior_days, deadline_ord, rules.experience_pro_rata)
    full_time = now + max(0, deadline_ord - today_ord)
    degree_on, any_degree_on = _degree_dates(columns, n, today_ord)

    # Further education (engine._credit_events): which courses count, and when each is done.
    credits, status, ends = columns.further_credits, columns.further_status, columns.further_ends
    counts = (
        columns.further_relevant
        & columns.further_assessed
        & (credits > 0)
        & (credits >= rules.smallest_counting_course)
    )
    if rules.smallest_counting_course > 0:
        counts &= ~columns.further_is_sum
    completed = counts & (status == FurtherEducationStatus.COMPLETED.value)
    still_to_end = counts & (ends != NEVER) & (ends >= today_ord)
    secured = still_to_end & np.isin(status, [s.value for s in SECURED])
    pending = still_to_end & np.isin(status, [s.value for s in PENDING])
    completed_on = np.where(ends == NEVER, today_ord, ends)
    credits_done = np.zeros(n)
    done = completed & (completed_on <= today_ord)
    np.add.at(credits_done, columns.further_person[done], credits[done])

    # The events, as the engine sorts them: by person, day, secured before pending, then order.
    rows = np.flatnonzero(completed | secured | pending)
    is_secured = (completed | secured)[rows]
    day = np.where(completed, completed_on, ends)[rows]
    person = columns.further_person[rows]
    order = np.lexsort((rows, ~is_secured, day, person))
    person, day, amount, is_secured = (
        person[order],
        day[order],
        credits[rows][order],
        is_secured[order],
    )

    by_deadline = day <= deadline_ord
    credits_secured = np.zeros(n)
    np.add.at(credits_secured, person[is_secured & by_deadline], amount[is_secured & by_deadline])
    credits_with_pending = np.zeros(n)
    np.add.at(credits_with_pending, person[by_deadline], amount[by_deadline])

    running_all = _running_sums(person, amount)
    s_person, s_day = person[is_secured], day[is_secured]
    running_secured = _running_sums(s_person, amount[is_secured])
    secured_on = {
        t: _first_day_reaching(s_person, s_day, running_secured, t, n, today_ord)
        for t in thresholds
    }
    pending_on = {
        t: _first_day_reaching(person, day, running_all, t, n, today_ord) for t in thresholds
    }
    return PopulationFacts(
        size=n,
        subject=subject,
        first_start=first_start,
        prior_experience_days=prior_days,
        experience_days_now=now,
        experience_days_at_deadline=at_deadline,
        experience_days_at_deadline_full_time=full_time,
        degree_on=degree_on,
        any_degree_on=any_degree_on,
        credits_done=credits_done,
        credits_secured=credits_secured,
        credits_with_pending=credits_with_pending,
        credits_secured_on=secured_on,
        credits_with_pending_on=pending_on,
        at_deadline=(
            population_facts_from_columns(columns, rules, rules.deadline, checks=False)
            if today > rules.deadline
            else None
        ),
        **(_checks(columns, rules, today) if checks else {}),
    )


def _checks(columns: PopulationColumns, rules: RuleSet, today: date) -> dict:
    index = np.flatnonzero(columns.to_check(rules)).astype(np.int64)
    if not len(index):
        return {}
    hopeful = columns.confirmed(index)
    return {
        "to_check": index,
        "confirmed": population_facts_from_columns(hopeful, rules, today, checks=False),
    }
