"""One person at a time: status, the path used or closest, and every missing piece."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from laget.domain.competence.model import (
    PENDING,
    SECURED,
    Education,
    EducationLevel,
    FurtherEducation,
    FurtherEducationStatus,
    PathResult,
    PersonProfile,
    Result,
    Shortfall,
    ShortfallKind,
    Status,
)
from laget.domain.competence.rules import RuleSet


@dataclass(frozen=True)
class PersonFacts:
    """What the rules need to know about one person, reduced from the profile for one rule set
    and one day. Experience is counted in FTE-weighted days (see `experience_days`)."""

    subject: bool
    first_start: date | None
    prior_experience_days: float
    experience_days_now: float
    experience_days_at_deadline: float
    experience_days_at_deadline_full_time: float
    degree_dates: dict[EducationLevel, date | None]  # relevant degrees
    any_degree_dates: dict[EducationLevel, date | None]  # degrees in any field
    credits_done: float
    #: completed relevant credits known only as a sum, not counted by the one-course reading
    credits_as_sum: float
    credit_events: tuple[tuple[date, float, bool], ...]  # (date, credits, secured), sorted
    profile: PersonProfile
    today: date

    def degree_on(self, level: EducationLevel) -> date | None:
        return self.degree_dates[level]

    def any_degree_on(self, level: EducationLevel) -> date | None:
        return self.any_degree_dates[level]

    def hired_without_experience_on_or_after(self, cutoff: date) -> bool:
        return (
            self.first_start is not None
            and self.first_start >= cutoff
            and self.prior_experience_days <= 0
        )

    def credits_secured_by(self, day: date) -> float:
        return sum(c for d, c, secured in self.credit_events if secured and d <= day)

    def credits_with_pending_by(self, day: date) -> float:
        return sum(c for d, c, _ in self.credit_events if d <= day)

    def credits_secured_date(self, threshold: float) -> date | None:
        total = 0.0
        for day, credits, secured in self.credit_events:
            if secured:
                total += credits
                if total >= threshold:
                    return day
        return None if threshold > 0 else self.today

    def credits_with_pending_date(self, threshold: float) -> date | None:
        """When credits reach `threshold` if pending applications also get a place."""
        total = 0.0
        for day, credits, _secured in self.credit_events:
            total += credits
            if total >= threshold:
                return day
        return None if threshold > 0 else self.today

    def experience_date(self, required: float) -> date | None:
        """The first day on which experience (counted up to, not including, that day) reaches
        `required`, if current employments continue."""
        if self.experience_days_now >= required:
            return self.today
        low, high = self.today, self.today + timedelta(days=366 * 60)
        if (
            experience_days(self.profile, high, self._days_per_month, pro_rata=self._pro_rata)
            < required
        ):
            return None
        while low < high:
            mid = low + (high - low) // 2
            if (
                experience_days(self.profile, mid, self._days_per_month, pro_rata=self._pro_rata)
                >= required
            ):
                high = mid
            else:
                low = mid + timedelta(days=1)
        return low

    _days_per_month: float = 30.4375
    _pro_rata: bool = True
    #: after the deadline: the same person's facts on the deadline, to which the transition
    #: rule's experience, degree and credits are held (None on or before it)
    at_deadline: PersonFacts | None = None


def experience_days(
    profile: PersonProfile, until: date, days_per_month: float, *, pro_rata: bool = True
) -> float:
    """Child welfare experience up to (not including) `until`, in full-time days.

    Each employment period counts its calendar days times its FTE (part-time counts pro rata)
    or, with `pro_rata` False (the rule set's WHOLE_PERIOD reading), every calendar day;
    prior experience is given in full-time months. Periods without an end are taken to go on.
    """
    total = profile.prior_experience_months * days_per_month
    for period in profile.employments:
        # the day after the last, without stepping past 9999-12-31 (an HR system's open end)
        end = until if period.end is None or period.end >= until else period.end + timedelta(1)
        if end > period.start:
            total += (end - period.start).days * (period.fte if pro_rata else 1.0)
    return total


def _full_time_from(
    profile: PersonProfile, today: date, deadline: date, days_per_month: float, pro_rata: bool
) -> float:
    """Experience by the deadline if the person worked full time from today on."""
    return experience_days(profile, today, days_per_month, pro_rata=pro_rata) + max(
        0, (deadline - today).days
    )


def counts_as_relevant(item: Education | FurtherEducation) -> bool:
    """Relevant, and judged so: what nobody has judged counts as not relevant until then."""
    return item.relevant and item.assessed


def to_check(profile: PersonProfile, rules: RuleSet) -> bool:
    """Whether the profile holds something that cannot be counted until it is checked: a sum
    of credits (under the one-course reading), or an education nobody has judged."""
    return any(_unjudged_degree(e) for e in profile.educations) or any(
        not f.assessed or _sum_to_check(f, rules) for f in profile.further_educations
    )


#: Further education that will never count, whatever is checked.
ENDED = frozenset({FurtherEducationStatus.FAILED, FurtherEducationStatus.WITHDRAWN})


def _sum_to_check(item: FurtherEducation, rules: RuleSet) -> bool:
    """A relevant sum of credits the one-course reading cannot count, done or planned, that
    could hold a course of its own (a sum smaller than one counting course holds none)."""
    return (
        item.is_sum
        and counts_as_relevant(item)
        and item.status not in ENDED
        and 0 < rules.smallest_counting_course <= item.credits
    )


def _unjudged_degree(education: Education) -> bool:
    """A degree nobody has judged (below a bachelor, no path asks whether it is relevant)."""
    return not education.assessed and education.level >= EducationLevel.BACHELOR


def confirmed(profile: PersonProfile) -> PersonProfile:
    """The profile if what must be checked holds: each sum is one course, and each education
    nobody has judged is relevant."""
    return replace(
        profile,
        educations=tuple(
            e if e.assessed else replace(e, relevant=True, assessed=True)
            for e in profile.educations
        ),
        further_educations=tuple(
            replace(f, is_sum=False, relevant=f.relevant or not f.assessed, assessed=True)
            for f in profile.further_educations
        ),
    )


def _degree_dates(
    profile: PersonProfile, today: date, *, relevant_only: bool = True
) -> dict[EducationLevel, date | None]:
    """For each level, the earliest day a degree at or above it is (or is expected) done."""
    dates: dict[EducationLevel, date | None] = {}
    for level in EducationLevel:
        candidates = []
        for education in profile.educations:
            if (relevant_only and not counts_as_relevant(education)) or education.level < level:
                continue
            if education.completed_on is not None:
                candidates.append(education.completed_on)
            elif education.expected_on is not None and education.expected_on >= today:
                candidates.append(education.expected_on)
        dates[level] = min(candidates, default=None)
    return dates


def _credit_events(
    profile: PersonProfile, today: date, smallest: float = 0.0
) -> tuple[float, tuple[tuple[date, float, bool], ...]]:
    """Credits done, and when each counting course is (or will be) done. With `smallest`, a
    course of fewer credits does not count (the rule set's one-course reading)."""
    done = 0.0
    events = []
    for item in profile.further_educations:
        if not counts_as_relevant(item) or item.credits <= 0 or item.credits < smallest:
            continue
        if item.is_sum and smallest > 0:
            continue
        if item.status is FurtherEducationStatus.COMPLETED:
            day = item.ends_on or today
            if day <= today:
                done += item.credits
            events.append((min(day, today) if day <= today else day, item.credits, True))
        elif item.status in SECURED and item.ends_on is not None and item.ends_on >= today:
            events.append((item.ends_on, item.credits, True))
        elif item.status in PENDING and item.ends_on is not None and item.ends_on >= today:
            events.append((item.ends_on, item.credits, False))
    return done, tuple(sorted(events, key=lambda e: (e[0], not e[2])))


def facts_for(profile: PersonProfile, rules: RuleSet, today: date) -> PersonFacts:
    per_month = rules.days_per_month
    pro_rata = rules.experience_pro_rata
    credits_done, events = _credit_events(profile, today, rules.smallest_counting_course)
    deadline = max(rules.deadline, today)
    facts = PersonFacts(
        subject=rules.covers(profile.role_category, profile.extra_roles),
        first_start=min((p.start for p in profile.employments), default=None),
        prior_experience_days=profile.prior_experience_months * per_month,
        experience_days_now=experience_days(profile, today, per_month, pro_rata=pro_rata),
        experience_days_at_deadline=experience_days(
            profile, deadline, per_month, pro_rata=pro_rata
        ),
        experience_days_at_deadline_full_time=_full_time_from(
            profile, today, deadline, per_month, pro_rata
        ),
        degree_dates=_degree_dates(profile, today),
        any_degree_dates=_degree_dates(profile, today, relevant_only=False),
        credits_done=credits_done,
        credits_as_sum=sum(
            item.credits for item in profile.further_educations if _sum_to_check(item, rules)
        ),
        credit_events=events,
        profile=profile,
        today=today,
        _days_per_month=per_month,
        _pro_rata=pro_rata,
        at_deadline=(facts_for(profile, rules, rules.deadline) if today > rules.deadline else None),
    )
    return facts


def _closest(results: list[tuple[PathResult, float]]) -> PathResult:
    """Best status first; among equals, the least left to do; then rule-set order."""
    order = sorted(enumerate(results), key=lambda item: (-item[1][0].status, item[1][1], item[0]))
    return order[0][1][0]


#: The statuses checking can improve on (those below MEETS of the covered).
CHECKABLE = (Status.CANNOT_MEET, Status.AT_RISK, Status.WILL_MEET)


def evaluate(profile: PersonProfile, rules: RuleSet, today: date) -> Result:
    """Evaluate one person against one rule set on `today`.

    What cannot be counted until it is checked (a sum of credits, an education nobody has
    judged) counts as not there; when checking it could give a better status, the status is
    NEEDS_CHECK («må sjekkes»), with both statuses and what is missing on the path checking
    could open."""
    result = _evaluate(profile, rules, today)
    if result.status not in CHECKABLE or not to_check(profile, rules):
        return result
    unjudged: list[Education | FurtherEducation] = [
        e for e in profile.educations if _unjudged_degree(e)
    ]
    unjudged += [f for f in profile.further_educations if not f.assessed]
    notes = tuple(
        Shortfall(ShortfallKind.NOT_ASSESSED, rules.deadline, what=item.name) for item in unjudged
    )
    # a sum to check is named whichever path is shown (the transition path finds it)
    sums = [
        s for p in result.paths for s in p.shortfalls if s.kind is ShortfallKind.CREDITS_TO_CHECK
    ]
    hopeful = _evaluate(confirmed(profile), rules, today)

    def with_notes(shortfalls: tuple[Shortfall, ...]) -> tuple[Shortfall, ...]:
        named = any(s.kind is ShortfallKind.CREDITS_TO_CHECK for s in shortfalls)
        return shortfalls + tuple(sums[:1] if not named else ()) + notes

    if hopeful.status <= result.status:
        return replace(result, shortfalls=with_notes(result.shortfalls))
    path = next(p for p in result.paths if p.key == hopeful.path)
    return replace(
        result,
        status=Status.NEEDS_CHECK,
        path=path.key,
        path_label=path.label,
        shortfalls=with_notes(path.shortfalls),
        status_counted=result.status,
        status_if_confirmed=hopeful.status,
    )


def _evaluate(profile: PersonProfile, rules: RuleSet, today: date) -> Result:
    facts = facts_for(profile, rules, today)
    per_month = rules.days_per_month
    exp_now = facts.experience_days_now / per_month
    exp_deadline = facts.experience_days_at_deadline / per_month
    if not facts.subject:
        return Result(
            Status.NOT_SUBJECT,
            None,
            None,
            (),
            rules.label,
            exp_now,
            exp_deadline,
            None,
            rule_set_note=rules.source_text,
            legal_paragraph=rules.legal_paragraph,
            readings=rules.readings,
        )
    smallest = rules.smallest_counting_course
    not_counted = sum(
        item.credits
        for item in profile.further_educations
        if counts_as_relevant(item)
        and item.status is FurtherEducationStatus.COMPLETED
        and 0 < item.credits < smallest
    )
    path_results = [path.evaluate(facts, rules, today) for path in rules.paths]
    scored = [
        (r, path.distance(r.shortfalls)) for r, path in zip(path_results, rules.paths, strict=True)
    ]
    best = _closest(scored)
    met = [r.met_on for r in path_results if r.met_on is not None]
    return Result(
        status=best.status,
        path=best.key,
        path_label=best.label,
        shortfalls=best.shortfalls if best.status is not Status.MEETS else (),
        rule_set=rules.label,
        experience_months_now=exp_now,
        experience_months_at_deadline=exp_deadline,
        met_on=min(met, default=None),
        paths=tuple(path_results),
        rule_set_note=rules.source_text,
        credits_rule=rules.credits_rule_text,
        credits_not_counted=float(not_counted),
        education_in_place=any(path.education_in_place(facts, today) for path in rules.paths),
        legal_paragraph=rules.legal_paragraph,
        readings=rules.readings,
    )


def exempted(result: Result, until: date) -> Result:
    """The result for a covered person under an exemption until `until`: its own status,
    with what the rules give kept beside it (a person not covered stays not covered)."""
    if result.status is Status.NOT_SUBJECT:
        return result
    # once is enough: a result exempted already keeps the status the rules gave (issue 28:
    # «uten unntaket: unntatt fra kravet»)
    without = result.status_without_exemption if result.status is Status.EXEMPT else None
    return replace(
        result,
        status=Status.EXEMPT,
        exempt_until=until,
        status_without_exemption=without or result.status,
    )


__all__ = [
    "CHECKABLE",
    "PersonFacts",
    "confirmed",
    "counts_as_relevant",
    "evaluate",
    "exempted",
    "experience_days",
    "facts_for",
    "to_check",
]
