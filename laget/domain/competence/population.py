"""A whole population at once: the same rules as `engine`, vectorised with numpy.

`PopulationFacts` holds one array per fact, one element per person. Building it from profiles
(`population_facts`) is a Python loop done once; evaluating it (`evaluate_population`) is pure
array arithmetic, fast enough for the national scale and any number of timeline dates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

import numpy as np

from laget.domain.competence.engine import CHECKABLE, confirmed, facts_for, to_check
from laget.domain.competence.model import EducationLevel, PersonProfile, Status
from laget.domain.competence.rules import NEVER, RuleSet, TransitionPath


@dataclass(frozen=True)
class PopulationFacts:
    size: int
    subject: np.ndarray  # bool
    first_start: np.ndarray  # day ordinal; NEVER when no employment
    prior_experience_days: np.ndarray
    experience_days_now: np.ndarray
    experience_days_at_deadline: np.ndarray
    experience_days_at_deadline_full_time: np.ndarray
    degree_on: dict[EducationLevel, np.ndarray]  # relevant degree; day ordinal, NEVER when none
    any_degree_on: dict[EducationLevel, np.ndarray]  # degree in any field
    credits_done: np.ndarray
    credits_secured: np.ndarray  # done or secured, completing by the deadline
    credits_with_pending: np.ndarray  # also counting applications without a place
    credits_secured_on: dict[float, np.ndarray]  # day the secured credits reach a threshold
    credits_with_pending_on: dict[float, np.ndarray]  # the same if applications get places
    #: after the deadline: the same population's facts on the deadline (the transition rule
    #: is held to them); None on or before it
    at_deadline: PopulationFacts | None = None
    #: the persons (by index) with something to check (`engine.to_check`), and their facts if
    #: it holds (`engine.confirmed`), in that order; None when nobody has anything to check
    to_check: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    confirmed: PopulationFacts | None = None


def population_facts(
    profiles: Sequence[PersonProfile], rules: RuleSet, today: date, *, checks: bool = True
) -> PopulationFacts:
    """Reduce profiles to arrays for `rules` on `today` (once per population and day); with
    `checks`, also the facts of those with something to check, as if it held."""
    thresholds = sorted({p.min_credits for p in rules.paths if isinstance(p, TransitionPath)})
    n = len(profiles)
    subject = np.zeros(n, dtype=bool)
    first_start = np.full(n, NEVER, dtype=np.int64)
    floats = {
        name: np.zeros(n)
        for name in ("prior", "now", "deadline", "full", "done", "secured", "pending")
    }
    degree_on = {level: np.full(n, NEVER, dtype=np.int64) for level in EducationLevel}
    any_degree_on = {level: np.full(n, NEVER, dtype=np.int64) for level in EducationLevel}
    secured_on = {t: np.full(n, NEVER, dtype=np.int64) for t in thresholds}
    pending_on = {t: np.full(n, NEVER, dtype=np.int64) for t in thresholds}
    deadline = max(rules.deadline, today)
    for i, profile in enumerate(profiles):
        f = facts_for(profile, rules, today)
        subject[i] = f.subject
        if f.first_start is not None:
            first_start[i] = f.first_start.toordinal()
        floats["prior"][i] = f.prior_experience_days
        floats["now"][i] = f.experience_days_now
        floats["deadline"][i] = f.experience_days_at_deadline
        floats["full"][i] = f.experience_days_at_deadline_full_time
        floats["done"][i] = f.credits_done
        floats["secured"][i] = f.credits_secured_by(deadline)
        floats["pending"][i] = f.credits_with_pending_by(deadline)
        for level, day in f.degree_dates.items():
            if day is not None:
                degree_on[level][i] = day.toordinal()
        for level, day in f.any_degree_dates.items():
            if day is not None:
                any_degree_on[level][i] = day.toordinal()
        for t in thresholds:
            day = f.credits_secured_date(t)
            if day is not None:
                secured_on[t][i] = day.toordinal()
            day = f.credits_with_pending_date(t)
            if day is not None:
                pending_on[t][i] = day.toordinal()
    return PopulationFacts(
        size=n,
        subject=subject,
        first_start=first_start,
        prior_experience_days=floats["prior"],
        experience_days_now=floats["now"],
        experience_days_at_deadline=floats["deadline"],
        experience_days_at_deadline_full_time=floats["full"],
        degree_on=degree_on,
        any_degree_on=any_degree_on,
        credits_done=floats["done"],
        credits_secured=floats["secured"],
        credits_with_pending=floats["pending"],
        credits_secured_on=secured_on,
        credits_with_pending_on=pending_on,
        at_deadline=(
            population_facts(profiles, rules, rules.deadline, checks=False)
            if today > rules.deadline
            else None
        ),
        **(_checks(profiles, rules, today) if checks else {}),
    )


def _checks(profiles: Sequence[PersonProfile], rules: RuleSet, today: date) -> dict:
    index = np.array(
        [i for i, profile in enumerate(profiles) if to_check(profile, rules)], dtype=np.int64
    )
    if not len(index):
        return {}
    hopeful = [confirmed(profiles[i]) for i in index.tolist()]
    return {"to_check": index, "confirmed": population_facts(hopeful, rules, today, checks=False)}


@dataclass(frozen=True)
class PopulationResult:
    status: np.ndarray  # Status values as int8
    path_index: np.ndarray  # index into rules.paths of the path used or closest; -1 if not subject
    met_on: np.ndarray  # day ordinal when the requirement is (or will be, if plans hold) met
    #: a path's formal education done today, experience aside (False when not subject)
    education_in_place: np.ndarray

    def counts(self) -> dict[Status, int]:
        values = np.bincount(self.status, minlength=len(Status))
        return {status: int(values[status]) for status in Status}

    def meeting_on(self, day: date) -> int:
        """How many meet the requirement on `day` if plans hold and nobody leaves."""
        return int(np.count_nonzero(self.met_on <= day.toordinal()))


def evaluate_population(facts: PopulationFacts, rules: RuleSet, today: date) -> PopulationResult:
    """Status for every person, as `engine.evaluate` would give it, in array arithmetic."""
    best_status = np.full(facts.size, -1, dtype=np.int8)
    best_path = np.full(facts.size, -1, dtype=np.int8)
    met_on = np.full(facts.size, NEVER, dtype=np.int64)
    in_place = np.zeros(facts.size, dtype=bool)
    for index, path in enumerate(rules.paths):
        in_place |= path.education_in_place_arrays(facts, today)
        met_now, by_deadline, reachable, path_met_on = path.evaluate_arrays(facts, rules, today)
        status = np.where(
            met_now,
            Status.MEETS,
            np.where(
                by_deadline,
                Status.WILL_MEET,
                np.where(reachable, Status.AT_RISK, Status.CANNOT_MEET),
            ),
        ).astype(np.int8)
        better = status > best_status
        best_status = np.where(better, status, best_status)
        best_path = np.where(better, index, best_path)
        met_on = np.minimum(met_on, path_met_on)
    best_status = np.where(facts.subject, best_status, Status.NOT_SUBJECT).astype(np.int8)
    best_path = np.where(facts.subject, best_path, -1).astype(np.int8)
    met_on = np.where(facts.subject, met_on, NEVER)
    if facts.confirmed is not None:
        # «må sjekkes» where what must be checked, if it holds, gives a better status
        hopeful = evaluate_population(facts.confirmed, rules, today)
        counted = best_status[facts.to_check]
        better = np.isin(counted, [int(s) for s in CHECKABLE]) & (hopeful.status > counted)
        checked = facts.to_check[better]
        best_status[checked] = Status.NEEDS_CHECK
        best_path[checked] = hopeful.path_index[better]
    return PopulationResult(best_status, best_path, met_on, in_place & facts.subject)


def with_exemptions(result: PopulationResult, exempt: np.ndarray) -> PopulationResult:
    """The result with the covered persons in `exempt` (bool per person) given their own
    status, EXEMPT (`engine.exempted`); the rest as the rules give."""
    covered = exempt & (result.status != Status.NOT_SUBJECT)
    return replace(result, status=np.where(covered, Status.EXEMPT, result.status).astype(np.int8))


def without_plans(facts: PopulationFacts, today: date) -> PopulationFacts:
    """The same people if no study now planned or under way is ever completed: only what is
    done counts, and experience keeps accruing."""
    today_ord = today.toordinal()

    def done(days: np.ndarray) -> np.ndarray:
        return np.where(days <= today_ord, days, NEVER)

    reached = {
        t: np.where(facts.credits_done >= t, np.minimum(on, today_ord), NEVER)
        for t, on in facts.credits_secured_on.items()
    }
    return replace(
        facts,
        confirmed=facts.confirmed and without_plans(facts.confirmed, today),
        degree_on={level: done(days) for level, days in facts.degree_on.items()},
        credits_secured=facts.credits_done,
        credits_with_pending=facts.credits_done,
        credits_secured_on=reached,
        credits_with_pending_on=reached,
    )


def with_pending_admitted(facts: PopulationFacts) -> PopulationFacts:
    """The same people if every pending application got a place (admission that puts those
    who do not meet the requirement first)."""
    return replace(
        facts,
        confirmed=facts.confirmed and with_pending_admitted(facts.confirmed),
        credits_secured=facts.credits_with_pending,
        credits_secured_on=facts.credits_with_pending_on,
    )
