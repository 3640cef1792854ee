"""Rule sets as data, and the paths to meeting a requirement as small rule objects.

Like Django's password validators, each path checks one way of meeting the requirement and
reports everything that is missing; the engine runs every path. Each path works on one
person's facts (`evaluate`) and on a whole population's arrays (`evaluate_arrays`), so the
explained result and the vectorised figures come from the same rule.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Protocol

import numpy as np

from laget.domain.competence.dates import add_months, months_between
from laget.domain.competence.model import (
    EducationLevel,
    PathResult,
    Reading,
    Shortfall,
    ShortfallKind,
)

if TYPE_CHECKING:
    from laget.domain.competence.engine import PersonFacts
    from laget.domain.competence.population import PopulationFacts


class Path(Protocol):
    @property
    def key(self) -> str: ...

    @property
    def label(self) -> str: ...

    def distance(self, shortfalls: Sequence[Shortfall]) -> float:
        """How much is left to do, in months, to rank paths of equal status."""
        ...

    def evaluate(self, facts: PersonFacts, rules: RuleSet, today: date) -> PathResult: ...

    def education_in_place(self, facts: PersonFacts, today: date) -> bool:
        """Whether the path's formal education is done today, experience and the closing of
        the path aside (what the 2022 mapping's figure 3-2 counts)."""
        ...

    def education_in_place_arrays(self, facts: PopulationFacts, today: date) -> np.ndarray: ...

    def evaluate_arrays(
        self, facts: PopulationFacts, rules: RuleSet, today: date
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(met_now, met_by_deadline, reachable, met_on as day ordinals; NEVER when not met)."""
        ...


#: How further education counts towards the transition rule (`RuleSet.credits_counting`).
ONE_COURSE = "one_course"
TOTAL = "total"
CREDITS_COUNTING = (ONE_COURSE, TOTAL)

#: How child welfare work counts as experience (`RuleSet.experience_counting`): PRO_RATA (days
#: times the position share) or WHOLE_PERIOD (every day of a period, whatever the share).
PRO_RATA = "pro_rata"
WHOLE_PERIOD = "whole_period"
EXPERIENCE_COUNTING = (PRO_RATA, WHOLE_PERIOD)
#: Which roles' work counts (`RuleSet.experience_roles`): ANY_ROLE is every role in a child
#: welfare service, administration included (the register keeps no role per past period).
ANY_ROLE = "any_role"
EXPERIENCE_ROLES = (ANY_ROLE,)


#: Day ordinal standing for "never" in arrays.
NEVER = np.iinfo(np.int64).max


@dataclass(frozen=True)
class RuleSet:
    name: str
    version: str
    legal_source: str
    valid_from: date
    deadline: date
    applies_to: frozenset[str]
    experience_years: int
    paths: tuple[Path, ...]
    #: the date of the legal text this version follows, and where that text stands now
    source_date: date | None = None
    status_note: str = ""
    #: roles each service decides on: outside the requirement unless the service brings them
    #: under it (`PersonProfile.extra_roles`); the municipalities have not all decided
    optional_roles: frozenset[str] = frozenset()
    #: how further education counts: ONE_COURSE (one course of at least the path's credits,
    #: as the Act's «en relevant videreutdanning» reads) or TOTAL (credits summed over courses)
    credits_counting: str = "total"
    #: how work counts as experience (PRO_RATA or WHOLE_PERIOD) and whose work (ANY_ROLE)
    experience_counting: str = PRO_RATA
    experience_roles: str = ANY_ROLE
    #: the paragraph of the Act in force the rule set follows, its words, and the readings
    #: taken where they leave a choice
    legal_paragraph: str = ""
    legal_text: str = ""
    readings: tuple[Reading, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.name} (versjon {self.version})"

    @property
    def experience_pro_rata(self) -> bool:
        return self.experience_counting == PRO_RATA

    @property
    def smallest_counting_course(self) -> float:
        """Credits a single course must have to count at all (0: every course counts)."""
        if self.credits_counting != ONE_COURSE:
            return 0.0
        return max((p.min_credits for p in self.paths if isinstance(p, TransitionPath)), default=0)

    @property
    def credits_rule_text(self) -> str:
        """How further education was counted, for every person's explanation."""
        credits = self.smallest_counting_course or max(
            (p.min_credits for p in self.paths if isinstance(p, TransitionPath)), default=0
        )
        amount = f"{credits:g}".replace(".", ",")
        if self.credits_counting == ONE_COURSE:
            return (
                f"Videreutdanningen må være én relevant videreutdanning på minst {amount} "
                "studiepoeng; kortere emner legges ikke sammen."
            )
        return (
            f"Relevant videreutdanning legges sammen: minst {amount} studiepoeng til sammen, "
            "også fra flere emner."
        )

    @property
    def source_text(self) -> str:
        """Which text the rule set follows and whether it is under revision, for every place
        that names the rule set."""
        follows = (
            f"Laget følger kravet slik det står i teksten av {self.source_date:%d.%m.%Y}."
            if self.source_date
            else ""
        )
        return " ".join(part for part in (follows, self.status_note) if part)

    def covers(self, role_category: str, extra_roles: frozenset[str] = frozenset()) -> bool:
        """Whether the requirement covers a role, given the roles a service has brought under
        it (only the rule set's optional roles can be)."""
        return role_category in self.applies_to or (
            role_category in self.optional_roles and role_category in extra_roles
        )

    @property
    def required_experience_days(self) -> int:
        """Days in the `experience_years` calendar years before the deadline (1461 for four)."""
        return (self.deadline - add_months(self.deadline, -12 * self.experience_years)).days

    @property
    def days_per_month(self) -> float:
        return self.required_experience_days / (12 * self.experience_years)


def _months_left(today: date, deadline: date) -> int:
    return months_between(today, deadline)


DAYS_PER_MONTH = 30.4375


def _months_until(day_ordinal: float, today_ordinal: int) -> float:
    """Months (rounded up, of average length) from today to a later day."""
    return math.ceil((day_ordinal - today_ordinal) / DAYS_PER_MONTH)


@dataclass(frozen=True)
class DegreePath:
    """A relevant degree at `min_level` or above, completed by the deadline.

    A degree that builds on another (a master on a bachelor, in any field) adds the time to
    take the prerequisite first, for a person who has not got it.
    """

    key: str
    label: str
    min_level: EducationLevel
    months_to_complete: int
    prerequisite_level: EducationLevel | None = None
    prerequisite_months: int = 0

    def months_needed(self, prerequisite_on: date | None, today: date) -> float:
        if self.prerequisite_level is None or (
            prerequisite_on is not None and prerequisite_on <= today
        ):
            return self.months_to_complete
        if prerequisite_on is not None:
            return (
                _months_until(prerequisite_on.toordinal(), today.toordinal())
                + self.months_to_complete
            )
        return self.prerequisite_months + self.months_to_complete

    def evaluate(self, facts: PersonFacts, rules: RuleSet, today: date) -> PathResult:
        deadline = rules.deadline
        degree_on = facts.degree_on(self.min_level)
        met_now = degree_on is not None and degree_on <= today
        met_by_deadline = degree_on is not None and degree_on <= deadline
        prerequisite_on = (
            facts.any_degree_on(self.prerequisite_level) if self.prerequisite_level else None
        )
        reachable = met_by_deadline or (
            _months_left(today, deadline) >= self.months_needed(prerequisite_on, today)
        )
        shortfalls: list[Shortfall] = []
        if not met_by_deadline:
            if self.prerequisite_level is not None and prerequisite_on is None:
                start_by = add_months(
                    deadline, -(self.prerequisite_months + self.months_to_complete)
                )
                shortfalls.append(
                    Shortfall(
                        ShortfallKind.PREREQUISITE,
                        deadline,
                        start_by=start_by if start_by >= today else None,
                    )
                )
            kind = (
                ShortfallKind.MASTER
                if self.min_level >= EducationLevel.MASTER
                else ShortfallKind.BACHELOR
            )
            start_by = add_months(deadline, -self.months_to_complete)
            shortfalls.append(
                Shortfall(kind, deadline, start_by=start_by if start_by >= today else None)
            )
        return PathResult(
            self.key,
            self.label,
            met_now,
            met_by_deadline,
            reachable,
            degree_on if met_by_deadline else None,
            tuple(shortfalls),
        )

    def education_in_place(self, facts: PersonFacts, today: date) -> bool:
        degree_on = facts.degree_on(self.min_level)
        return degree_on is not None and degree_on <= today

    def education_in_place_arrays(self, facts: PopulationFacts, today: date) -> np.ndarray:
        return facts.degree_on[self.min_level] <= today.toordinal()

    def evaluate_arrays(
        self, facts: PopulationFacts, rules: RuleSet, today: date
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        today_ord = today.toordinal()
        degree_on = facts.degree_on[self.min_level]
        met_now = degree_on <= today_ord
        met_by_deadline = degree_on <= rules.deadline.toordinal()
        needed = np.full(facts.size, float(self.months_to_complete))
        if self.prerequisite_level is not None:
            prerequisite_on = facts.any_degree_on[self.prerequisite_level]
            missing = prerequisite_on == NEVER
            later = ~missing & (prerequisite_on > today_ord)
            needed[missing] = self.prerequisite_months + self.months_to_complete
            needed[later] = (
                np.ceil((prerequisite_on[later] - today_ord) / DAYS_PER_MONTH)
                + self.months_to_complete
            )
        reachable = met_by_deadline | (_months_left(today, rules.deadline) >= needed)
        return met_now, met_by_deadline, reachable, np.where(met_by_deadline, degree_on, NEVER)

    def distance(self, shortfalls: Sequence[Shortfall]) -> float:
        if not shortfalls:
            return 0.0
        prerequisite = any(s.kind is ShortfallKind.PREREQUISITE for s in shortfalls)
        return float(self.months_to_complete + (self.prerequisite_months if prerequisite else 0))


@dataclass(frozen=True)
class TransitionPath:
    """The transition rule: a relevant degree at `min_level`, `experience_years` of child welfare
    work by the deadline and `min_credits` of relevant further education."""

    key: str
    label: str
    min_level: EducationLevel
    degree_months_to_complete: int
    min_credits: float
    months_per_30_credits: int
    closed_for_new_hires_from: date | None

    def _credit_months(self, missing: float) -> int:
        return math.ceil(missing / 30 - 1e-9) * self.months_per_30_credits if missing > 0 else 0

    def education_in_place(self, facts: PersonFacts, today: date) -> bool:
        degree_on = facts.degree_on(self.min_level)
        return (
            degree_on is not None and degree_on <= today and facts.credits_done >= self.min_credits
        )

    def education_in_place_arrays(self, facts: PopulationFacts, today: date) -> np.ndarray:
        return (facts.degree_on[self.min_level] <= today.toordinal()) & (
            facts.credits_done >= self.min_credits
        )

    def evaluate(self, facts: PersonFacts, rules: RuleSet, today: date) -> PathResult:
        if facts.at_deadline is not None:
            # A transition rule: what was held on the deadline decides every later date.
            held = self.evaluate(facts.at_deadline, rules, rules.deadline)
            met = held.met_now
            return PathResult(
                self.key,
                self.label,
                met,
                met,
                met,
                held.met_on if met else None,
                tuple(replace(s, start_by=None) for s in held.shortfalls),
            )
        deadline = rules.deadline
        required = rules.required_experience_days
        if self.closed_for_new_hires_from and facts.hired_without_experience_on_or_after(
            self.closed_for_new_hires_from
        ):
            closed = Shortfall(
                ShortfallKind.PATH_CLOSED, deadline, closed_from=self.closed_for_new_hires_from
            )
            return PathResult(self.key, self.label, False, False, False, None, (closed,))
        months_left = _months_left(today, deadline)
        degree_on = facts.degree_on(self.min_level)
        degree_ok = degree_on is not None and degree_on <= deadline
        credits_now = facts.credits_done
        credits_secured = facts.credits_secured_by(deadline)
        credits_with_pending = facts.credits_with_pending_by(deadline)
        exp_now, exp_deadline = facts.experience_days_now, facts.experience_days_at_deadline

        met_now = (
            degree_on is not None
            and degree_on <= today
            and credits_now >= self.min_credits
            and exp_now >= required
        )
        met_by_deadline = (
            degree_ok and credits_secured >= self.min_credits and exp_deadline >= required
        )
        missing_credits = max(0.0, self.min_credits - credits_secured)
        # Studies follow each other: the degree first, then the further education.
        degree_months = 0 if degree_ok else self.degree_months_to_complete
        credit_months = (
            0 if credits_with_pending >= self.min_credits else self._credit_months(missing_credits)
        )
        reachable = met_by_deadline or (
            months_left >= degree_months + credit_months
            and facts.experience_days_at_deadline_full_time >= required
        )
        shortfalls: list[Shortfall] = []
        if not degree_ok:
            start_by = add_months(deadline, -self.degree_months_to_complete)
            shortfalls.append(
                Shortfall(
                    ShortfallKind.BACHELOR,
                    deadline,
                    start_by=start_by if start_by >= today else None,
                )
            )
        if missing_credits > 0:
            start_by = add_months(deadline, -self._credit_months(missing_credits))
            shortfalls.append(
                Shortfall(
                    ShortfallKind.CREDITS,
                    deadline,
                    amount=missing_credits,
                    start_by=start_by if start_by >= today else None,
                )
            )
            pending = credits_with_pending - credits_secured
            if pending > 0:
                shortfalls.append(
                    Shortfall(ShortfallKind.CREDITS_NOT_SECURED, deadline, amount=pending)
                )
            if facts.credits_as_sum > 0:
                shortfalls.append(
                    Shortfall(
                        ShortfallKind.CREDITS_TO_CHECK,
                        deadline,
                        amount=facts.credits_as_sum,
                        course_credits=self.min_credits,
                    )
                )
        if exp_deadline < required:
            # Whole months, rounded up; a calendar fraction of a day is not a month.
            missing_months = max(
                1, math.ceil(round((required - exp_deadline) / rules.days_per_month, 1))
            )
            shortfalls.append(
                Shortfall(ShortfallKind.EXPERIENCE, deadline, amount=float(missing_months))
            )
        met_on = None
        if met_by_deadline:
            dates = [
                degree_on,
                facts.credits_secured_date(self.min_credits),
                facts.experience_date(required),
            ]
            met_on = max(d for d in dates if d is not None)
        return PathResult(
            self.key, self.label, met_now, met_by_deadline, reachable, met_on, tuple(shortfalls)
        )

    def evaluate_arrays(
        self, facts: PopulationFacts, rules: RuleSet, today: date
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        if facts.at_deadline is not None:
            held, _, _, held_on = self.evaluate_arrays(facts.at_deadline, rules, rules.deadline)
            return held, held, held, np.where(held, held_on, NEVER)
        deadline = rules.deadline.toordinal()
        today_ord = today.toordinal()
        required = rules.required_experience_days
        months_left = _months_left(today, rules.deadline)
        open_ = np.ones(facts.size, dtype=bool)
        if self.closed_for_new_hires_from is not None:
            open_ = ~(
                (facts.first_start >= self.closed_for_new_hires_from.toordinal())
                & (facts.prior_experience_days <= 0)
            )
        degree_on = facts.degree_on[self.min_level]
        degree_ok = degree_on <= deadline
        met_now = (
            open_
            & (degree_on <= today_ord)
            & (facts.credits_done >= self.min_credits)
            & (facts.experience_days_now >= required)
        )
        met_by_deadline = (
            open_
            & degree_ok
            & (facts.credits_secured >= self.min_credits)
            & (facts.experience_days_at_deadline >= required)
        )
        missing = np.maximum(0.0, self.min_credits - facts.credits_secured)
        credit_months = np.where(
            facts.credits_with_pending >= self.min_credits,
            0.0,
            np.ceil(missing / 30 - 1e-9) * self.months_per_30_credits,
        )
        degree_months = np.where(degree_ok, 0, self.degree_months_to_complete)
        reachable = met_by_deadline | (
            open_
            & (months_left >= degree_months + credit_months)
            & (facts.experience_days_at_deadline_full_time >= required)
        )
        # The day experience reaches the requirement, by linear accrual from today to the deadline.
        rate = (facts.experience_days_at_deadline - facts.experience_days_now) / max(
            deadline - today_ord, 1
        )
        short = np.maximum(required - facts.experience_days_now, 0.0)
        accruing = (short == 0) | (rate > 0)
        exp_on = np.full(facts.size, NEVER, dtype=np.int64)
        exp_on[accruing] = today_ord + np.ceil(
            short[accruing] / np.where(rate[accruing] > 0, rate[accruing], 1.0)
        )
        met_on = np.maximum.reduce(
            [degree_on, facts.credits_secured_on[self.min_credits], np.minimum(exp_on, deadline)]
        )
        return met_now, met_by_deadline, reachable, np.where(met_by_deadline, met_on, NEVER)

    def distance(self, shortfalls: Sequence[Shortfall]) -> float:
        total = 0.0
        for s in shortfalls:
            if s.kind is ShortfallKind.PATH_CLOSED:
                return math.inf
            if s.kind is ShortfallKind.BACHELOR:
                total += self.degree_months_to_complete
            elif s.kind is ShortfallKind.CREDITS:
                total += self._credit_months(s.amount or 0)
            elif s.kind is ShortfallKind.EXPERIENCE:
                total += s.amount or 0
        return total
