"""Regularity counted a stretch at a time (issue 28, item 8) gives what the definition gives
counted day by day, whatever the plans, steps, pauses and sessions, and is fast enough for a
service of 5,000 staff."""

import math
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from laget.domain.supervision import NEW_EMPLOYEE_STEPS, Pause, Plan, Session, Step, regularity

START = date(2026, 1, 1)


def by_day(plans, sessions, *, start, end, pauses=()):
    """The definitions (`DEFINITIONS`), read literally: every day from `start` to `end`."""
    planned, covered, gap, longest = 0.0, 0, 0, 0
    held_days = {s.day for s in sessions if s.held and start <= s.day <= end}
    day = start
    while day <= end:
        paused = any(p.start <= day <= p.end for p in pauses)
        rates = [1 / i for plan in plans if (i := plan.interval_on(day)) is not None]
        if not paused and rates:
            covered += 1
            planned += sum(rates)
            gap = 0 if day in held_days else gap + 1
            longest = max(longest, gap)
        day += timedelta(days=1)
    return (
        math.floor(planned + 1e-9),
        longest if covered else None,
        gap if covered else None,
    )


offsets = st.integers(min_value=0, max_value=400)


@st.composite
def steps(draw):
    count = draw(st.integers(min_value=1, max_value=3))
    ends = sorted(draw(st.sets(st.integers(min_value=1, max_value=300), min_size=count - 1,
                               max_size=count - 1)))  # fmt: skip
    last = draw(st.one_of(st.none(), st.integers(min_value=301, max_value=400)))
    intervals = draw(st.lists(st.integers(min_value=1, max_value=45), min_size=count,
                              max_size=count))  # fmt: skip
    return tuple(Step(u, i) for u, i in zip([*ends, last], intervals, strict=True))


@st.composite
def plans(draw):
    first = draw(offsets)
    length = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=300)))
    end = None if length is None else START + timedelta(days=first + length)
    return Plan(START + timedelta(days=first), end, draw(steps()))


@st.composite
def pauses(draw):
    first = draw(offsets)
    return Pause(START + timedelta(days=first), START + timedelta(days=first + draw(offsets) // 4))


sessions = st.builds(
    lambda d, held: Session(START + timedelta(days=d), held=held), offsets, st.booleans()
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(plans(), max_size=3),
    st.lists(sessions, max_size=25),
    st.lists(pauses(), max_size=3),
    st.integers(min_value=0, max_value=100),
    st.integers(min_value=0, max_value=420),
)
def test_counting_by_stretches_agrees_with_counting_day_by_day(
    plans_, sessions_, pauses_, first, length
):
    start = START + timedelta(days=first)
    end = start + timedelta(days=length)
    result = regularity(plans_, sessions_, start=start, end=end, pauses=pauses_)
    expected = by_day(plans_, sessions_, start=start, end=end, pauses=pauses_)
    assert (result.planned, result.longest_gap_days, result.days_since_last) == expected


def test_a_year_is_counted_in_stretches_not_days(monkeypatch):
    """A year under a plan for new employees with a session a month asks the plan for its
    interval once a stretch (about two a session), not once a day: 365 asks were what made a
    service of 5,000 staff take seconds (issue 28; the timing is in `bench/bench_pages.py`)."""
    asked = []
    interval_on = Plan.interval_on

    def counted(plan, day):
        asked.append(day)
        return interval_on(plan, day)

    monkeypatch.setattr(Plan, "interval_on", counted)
    end = date(2026, 12, 6)
    begin = end - timedelta(days=364)
    held = [Session(begin + timedelta(days=30 * k), held=True) for k in range(12)]
    result = regularity(
        [Plan(begin, None, NEW_EMPLOYEE_STEPS)], held, start=begin, end=end,
        pauses=[Pause(begin + timedelta(days=100), begin + timedelta(days=120))],
    )  # fmt: skip
    assert result.held == 12 and result.planned > 12
    assert len(asked) <= 2 * 12 + 8, len(asked)


def test_the_next_session_is_due_an_interval_after_the_last_and_late_when_before_today():
    today = date(2026, 12, 7)
    plan = Plan(today - timedelta(days=100), None, (Step(None, 14),))
    recent = regularity([plan], [Session(today - timedelta(days=4), True)], start=plan.start,
                        end=today)  # fmt: skip
    assert recent.next_due(today) == today + timedelta(days=10)
    late = regularity([plan], [Session(today - timedelta(days=20), True)], start=plan.start,
                      end=today)  # fmt: skip
    assert late.next_due(today) == today - timedelta(days=6)
    # a pause moves it on: the days paused are no days without supervision
    paused = regularity(
        [plan], [Session(today - timedelta(days=20), True)], start=plan.start, end=today,
        pauses=[Pause(today - timedelta(days=15), today - timedelta(days=6))],
    )  # fmt: skip
    assert paused.next_due(today) == today + timedelta(days=4)
    assert regularity([], [], start=plan.start, end=today).next_due(today) is None
