"""Regularity of supervision (veiledning): planned against held sessions, gaps, and the flag
when someone has gone longer without supervision than their plan allows. No Django.

A person may have several plans over time (a plan that changes is a new plan from the day it
changes) and at once (an individual plan and a group). Each plan has a stepped frequency: the
default for new employees is weekly for six weeks, every two weeks until six months, then
monthly. Pauses (leave) are days on which no supervision is expected: they count neither
towards the planned number nor towards gaps.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from functools import cached_property
from itertools import pairwise
from typing import NamedTuple

DEFINITIONS = {
    "planned": (
        "Planlagte samtaler: for hver dag en plan gjelder (og den ansatte ikke har permisjon), "
        "1/intervall samtaler; summert og rundet ned."
    ),
    "held": (
        "Holdte samtaler: samtaler som ble holdt mens personen var ansatt i tjenesten, både "
        "individuelle og i gruppe; en gruppesamtale telles én gang for hver deltaker."
    ),
    "held_by_supervisor": (
        "Holdte samtaler etter hvem som veiledet: de samme samtalene som «holdte samtaler», "
        "fordelt på veilederens kategori i planen (leder, kollega, ekstern); summen er "
        "holdte samtaler."
    ),
    "longest_gap": (
        "Lengste opphold: flest dager uten en holdt samtale mens en plan gjaldt, fra planens "
        "start eller en samtale til neste samtale eller til i dag; permisjon regnes ikke med."
    ),
    "overdue": (
        "Forsinket: dager siden siste samtale er mer enn halvannen gang intervallet i planen "
        "som gjelder nå."
    ),
}

#: an ordinal after every date (a plan or step that does not end)
_NEVER = date.max.toordinal() + 2

GRACE = 1.5  # overdue when the gap is more than 1.5 × the planned interval


@dataclass(frozen=True)
class Step:
    """From the plan's start until `until_day` (exclusive; None: the rest), every `interval`."""

    until_day: int | None
    interval_days: int


#: Weekly for 6 weeks, every 2 weeks until 6 months, then monthly (as in England's
#: supported first year for social workers).
NEW_EMPLOYEE_STEPS = (Step(42, 7), Step(182, 14), Step(None, 30))


def steps_from_json(data: Sequence[dict]) -> tuple[Step, ...]:
    """Steps stored as [{"until_day": 42, "interval_days": 7}, ...]; checked here."""
    steps = tuple(Step(d.get("until_day"), int(d["interval_days"])) for d in data)
    if not steps:
        raise ValueError("a plan needs at least one step")
    previous = 0
    for index, step in enumerate(steps):
        if step.interval_days < 1:
            raise ValueError("the interval must be at least one day")
        last = index == len(steps) - 1
        if step.until_day is None and not last:
            raise ValueError("only the last step can run to the end")
        if step.until_day is not None and step.until_day <= previous:
            raise ValueError("the steps must follow each other in time")
        previous = step.until_day or previous
    return steps


def steps_to_json(steps: Iterable[Step]) -> list[dict]:
    return [{"until_day": s.until_day, "interval_days": s.interval_days} for s in steps]


#: intervals as people write them (bokmål); others as «hver 10. dag», «hver 5. uke»
_INTERVALS = {
    1: "daglig", 7: "ukentlig", 14: "annenhver uke", 21: "hver tredje uke",
    28: "hver fjerde uke", 30: "månedlig", 31: "månedlig",
}  # fmt: skip
_NUMBERS = (
    "",
    "en",
    "to",
    "tre",
    "fire",
    "fem",
    "seks",
    "sju",
    "åtte",
    "ni",
    "ti",
    "elleve",
    "tolv",
)
#: days in a month on average (365.25 / 12)
_MONTH = 30.4375


def _every(days: int) -> str:
    if days in _INTERVALS:
        return _INTERVALS[days]
    return f"hver {days // 7}. uke" if days % 7 == 0 else f"hver {days}. dag"


def _count(n: int) -> str:
    return _NUMBERS[n] if n < len(_NUMBERS) else str(n)


def _span(days: int) -> tuple[int, str] | None:
    """`days` as whole weeks or months (within a day), for «de første seks ukene»."""
    if days % 7 == 0 and days // 7 <= 12:
        return days // 7, "uke"
    months = round(days / _MONTH)
    if months and abs(days - months * _MONTH) <= 1.5:
        return months, "måned"
    if days % 7 == 0:
        return days // 7, "uke"
    return None


def _first(days: int) -> str:
    span = _span(days)
    if span is None:
        return f"de første {days} dagene"
    n, unit = span
    if n == 1:
        return "den første uken" if unit == "uke" else "den første måneden"
    return f"de første {_count(n)} {'ukene' if unit == 'uke' else 'månedene'}"


def _until(days: int) -> str:
    span = _span(days)
    if span is None:
        return f"til dag {days}"
    n, unit = span
    words = ("uke", "uker") if unit == "uke" else ("måned", "måneder")
    return f"til {_count(n)} {words[n != 1]} er gått"


def frequency_text(steps: Sequence[Step]) -> str:
    """A plan's frequency as people write it: «ukentlig de første seks ukene, deretter
    annenhver uke til seks måneder er gått, deretter månedlig» (issue 28: not «hver 7. dag til
    dag 42», nor «deretter hver 28. dag» with nothing before it)."""
    parts = []
    for index, step in enumerate(steps):
        interval = _every(step.interval_days)
        if index == 0:
            parts.append(
                interval if step.until_day is None else f"{interval} {_first(step.until_day)}"
            )
        elif step.until_day is None:
            parts.append(f"deretter {interval}")
        else:
            parts.append(f"deretter {interval} {_until(step.until_day)}")
    return ", ".join(parts)


@dataclass(frozen=True)
class Plan:
    start: date
    end: date | None  # last day; None while it runs
    steps: tuple[Step, ...]

    @cached_property
    def spans(self) -> tuple[tuple[int, int, int], ...]:
        """The plan as (first day, day after the last, interval), days as ordinals: a step
        each, clipped to the plan's end; the last interval goes on after steps that all end."""
        begin = self.start.toordinal()
        stop = self.end.toordinal() + 1 if self.end is not None else _NEVER
        found = []
        offset = 0
        for step in self.steps:
            until = step.until_day
            found.append((begin + offset, begin + until if until is not None else _NEVER,
                          step.interval_days))  # fmt: skip
            if until is None:
                break
            offset = until
        else:
            found.append((begin + offset, _NEVER, self.steps[-1].interval_days))
        return tuple((a, min(b, stop), i) for a, b, i in found if a < min(b, stop))

    def interval_on(self, day: date) -> int | None:
        """The planned interval on `day`, or None when the plan does not cover it."""
        if day < self.start or (self.end is not None and day > self.end):
            return None
        offset = (day - self.start).days
        for step in self.steps:
            if step.until_day is None or offset < step.until_day:
                return step.interval_days
        return self.steps[-1].interval_days  # steps that all end: the last frequency goes on


class Pause(NamedTuple):
    start: date
    end: date  # last day


class Session(NamedTuple):
    """A session as the counting reads it (a tuple: a large service has some 90,000 a year,
    and a tuple is made several times faster than a frozen dataclass)."""

    day: date
    held: bool
    kind: str = "case"  # case, process, role, method
    group: bool = False
    supervisor: str = "leader"  # leader, colleague, external


@dataclass(frozen=True)
class Regularity:
    planned: int
    held: int
    cancelled: int
    longest_gap_days: int | None
    days_since_last: int | None
    interval_now: int | None
    process_held: int
    group_held: int
    #: (supervisor category, held sessions), every category with at least one; adds up to held
    held_by_supervisor: tuple[tuple[str, int], ...] = ()

    @property
    def overdue(self) -> bool:
        return (
            self.interval_now is not None
            and self.days_since_last is not None
            and self.days_since_last > self.interval_now * GRACE
        )

    @property
    def held_share(self) -> float | None:
        return self.held / self.planned if self.planned else None

    def next_due(self, today: date) -> date | None:
        """When the next session is due by the plan in force today: an interval after the last
        held session (or the plan's start), counted in the days a plan covered and no pause
        did; before today when it is late. None without a plan in force."""
        if self.interval_now is None or self.days_since_last is None:
            return None
        return today + timedelta(days=self.interval_now - self.days_since_last)


def _interval(day: date, plans: Sequence[Plan]) -> int | None:
    """The shortest interval any plan asks for on `day` (individual and group together)."""
    intervals = [i for plan in plans if (i := plan.interval_on(day)) is not None]
    return min(intervals) if intervals else None


def regularity(
    plans: Sequence[Plan],
    sessions: Sequence[Session],
    *,
    start: date,
    end: date,
    pauses: Sequence[Pause] = (),
) -> Regularity:
    """One person's supervision from `start` to `end` (today, usually), both included.

    Planned: every plan counts on its own (a person with an individual plan every two weeks
    and a monthly group is expected at both). Gaps: days covered by some plan, not paused,
    between held sessions.

    Counted a stretch at a time (issue 28, item 8): between two days on which something the
    counting reads may change (a plan or one of its steps begins or ends, a pause begins or
    ends, a session is held: its day a stretch of its own) every day counts the same, so a year
    is a few dozen stretches, not 365 days. Days are ordinals (integers) and each plan is read
    as its spans (`Plan.spans`), walked forward once; the planned number is summed exactly
    (fractions) and rounded down."""
    first_day, after_end = start.toordinal(), end.toordinal() + 1
    held_days = {
        s.day.toordinal() for s in sessions if s.held and start <= s.day <= end
    }  # fmt: skip
    paused = [(p.start.toordinal(), p.end.toordinal() + 1) for p in pauses]
    spans = [plan.spans for plan in plans]
    bounds = {first_day, after_end}
    for plan_spans in spans:
        for a, b, _every in plan_spans:
            bounds.add(a)
            bounds.add(b)
    for a, b in paused:
        bounds.add(a)
        bounds.add(b)
    for day in held_days:
        bounds.add(day)
        bounds.add(day + 1)
    changes = sorted(d for d in bounds if first_day <= d <= after_end)
    at = [0] * len(spans)  # each plan's span the walk has reached
    days_at: Counter[int] = Counter()  # days planned at each interval
    covered_days = 0
    gap = longest = 0
    for first, after in pairwise(changes):
        if any(a <= first < b for a, b in paused):
            continue
        covered = False
        length = after - first
        for k, plan_spans in enumerate(spans):
            i = at[k]
            while i < len(plan_spans) and plan_spans[i][1] <= first:
                i += 1
            at[k] = i
            if i < len(plan_spans) and plan_spans[i][0] <= first:
                days_at[plan_spans[i][2]] += length
                covered = True
        if not covered:
            continue
        covered_days += length
        gap = 0 if first in held_days else gap + length
        longest = max(longest, gap)
    in_window = [s for s in sessions if start <= s.day <= end]
    held = [s for s in in_window if s.held]
    return Regularity(
        planned=math.floor(sum(Fraction(days, i) for i, days in days_at.items())),
        held=len(held),
        cancelled=len(in_window) - len(held),
        longest_gap_days=longest if covered_days else None,
        days_since_last=gap if covered_days else None,
        interval_now=_interval(end, plans),
        process_held=sum(1 for s in held if s.kind == "process"),
        group_held=sum(1 for s in held if s.group),
        held_by_supervisor=tuple(sorted(Counter(s.supervisor for s in held).items())),
    )


# ---------------------------------------------------------------------------------------------
# Check-ins: how useful the supervision was, employees' view against leaders'


@dataclass(frozen=True)
class CheckInSummary:
    n: int
    means: tuple[float | None, ...]  # one per question


def check_in_summary(answers: Sequence[tuple[int, ...]], questions: int = 3) -> CheckInSummary:
    """Mean score (1–5) per question over the answers given."""
    means = []
    for q in range(questions):
        scores = [a[q] for a in answers if a[q] is not None]
        means.append(sum(scores) / len(scores) if scores else None)
    return CheckInSummary(len(answers), tuple(means))


#: The scale of a check-in answer.
SCALE = (1, 5)


def answers_step(n: int, min_n: int) -> str:
    """How many have answered so far, in steps that cannot be differenced: «ingen», «færre
    enn 5» or «5 eller flere» (an exact count beside a mean gives each new answer away:
    6 × the sixth mean − 5 × the fifth)."""
    if n == 0:
        return "ingen"
    return f"færre enn {min_n}" if n < min_n else f"{min_n} eller flere"


def says_everyone(mean: float | None, decimals: int = 1) -> bool:
    """Group disclosure for a mean of answers on the scale: shown at an end of the scale
    (rounded, «5,0» or «1,0»), it says that everyone, or all but a few of many, gave that
    answer, so it tells each person's answer though it rests on five or more."""
    return mean is not None and round(mean, decimals) in SCALE
