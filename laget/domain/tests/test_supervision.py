"""Regularity of supervision on small hand-made cases with the answers written out."""

from datetime import date, timedelta

import pytest

from laget.domain.supervision import (
    NEW_EMPLOYEE_STEPS,
    Pause,
    Plan,
    Session,
    Step,
    check_in_summary,
    regularity,
    steps_from_json,
    steps_to_json,
)

FORTNIGHTLY = (Step(None, 14),)


def test_a_fortnightly_plan_over_twelve_weeks():
    start = date(2026, 1, 5)
    plan = Plan(start, None, FORTNIGHTLY)
    sessions = [Session(start + timedelta(days=d), held=True) for d in (0, 14, 28, 56, 70)]
    result = regularity([plan], sessions, start=start, end=start + timedelta(days=83))
    # 84 days / 14 = 6 planned; held 5; the gap 28 -> 56 has 27 days without
    assert (result.planned, result.held, result.cancelled) == (6, 5, 0)
    assert result.longest_gap_days == 27
    assert result.days_since_last == 13  # day 71..83
    assert not result.overdue  # 13 <= 1.5 × 14


def test_cancelled_sessions_count_as_cancelled_not_held():
    start = date(2026, 1, 5)
    sessions = [
        Session(start, held=True),
        Session(start + timedelta(days=14), held=False),  # cancelled: the gap goes on
        Session(start + timedelta(days=28), held=True),
    ]
    result = regularity(
        [Plan(start, None, FORTNIGHTLY)], sessions, start=start, end=start + timedelta(days=41)
    )
    assert (result.planned, result.held, result.cancelled) == (3, 2, 1)
    assert result.longest_gap_days == 27


def test_a_plan_that_changes_is_two_plans():
    """Weekly in January, then monthly (30 days) from 1 February to 2 March."""
    weekly = Plan(date(2026, 1, 1), date(2026, 1, 31), (Step(None, 7),))
    monthly = Plan(date(2026, 2, 1), None, (Step(None, 30),))
    result = regularity([weekly, monthly], [], start=date(2026, 1, 1), end=date(2026, 3, 2))
    # 31/7 + 30/30 = 4.43 + 1 = 5.43 -> 5
    assert result.planned == 5
    assert result.interval_now == 30
    assert result.days_since_last == 61 and result.overdue


def test_the_stepped_plan_for_new_employees():
    start = date(2026, 1, 1)
    plan = Plan(start, None, NEW_EMPLOYEE_STEPS)
    assert plan.interval_on(start) == 7
    assert plan.interval_on(start + timedelta(days=41)) == 7
    assert plan.interval_on(start + timedelta(days=42)) == 14
    assert plan.interval_on(start + timedelta(days=182)) == 30
    assert plan.interval_on(start - timedelta(days=1)) is None
    # a year: 42/7 + 140/14 + 183/30 = 6 + 10 + 6.1 -> 22
    year = regularity([plan], [], start=start, end=start + timedelta(days=364))
    assert year.planned == 22


def test_a_pause_counts_neither_as_planned_nor_as_a_gap():
    start = date(2026, 1, 5)
    plan = Plan(start, None, FORTNIGHTLY)
    sessions = [Session(start, held=True), Session(start + timedelta(days=70), held=True)]
    pause = Pause(start + timedelta(days=14), start + timedelta(days=55))  # 42 days of leave
    result = regularity(
        [plan], sessions, start=start, end=start + timedelta(days=83), pauses=[pause]
    )
    # 84 - 42 = 42 days with a plan: 3 planned; the gap between the two sessions is 69 days
    # of which 42 are leave: 27
    assert result.planned == 3
    assert result.longest_gap_days == 27


def test_group_sessions_count_for_each_member_and_plans_add_up():
    """An individual plan every four weeks and a monthly group: both are expected."""
    start = date(2026, 3, 1)
    individual = Plan(start, None, (Step(None, 28),))
    group = Plan(start, None, (Step(None, 30),))
    sessions = [
        Session(date(2026, 3, 10), held=True, kind="process", group=True),
        Session(date(2026, 3, 20), held=True, kind="case"),
        Session(date(2026, 4, 9), held=True, kind="process", group=True),
    ]
    result = regularity([individual, group], sessions, start=start, end=date(2026, 4, 27))
    # 58 days: 58/28 + 58/30 = 2.07 + 1.93 = 4.0 -> 4
    assert (result.planned, result.held) == (4, 3)
    assert (result.process_held, result.group_held) == (2, 2)
    assert result.interval_now == 28  # the shortest interval in force


def test_no_plan_means_nothing_planned_and_no_flag():
    result = regularity(
        [], [Session(date(2026, 1, 5), held=True)], start=date(2026, 1, 1), end=date(2026, 2, 1)
    )
    assert (result.planned, result.held, result.longest_gap_days, result.overdue) == (
        0,
        1,
        None,
        False,
    )
    assert result.held_share is None


def test_steps_are_checked_and_round_trip():
    assert steps_from_json(steps_to_json(NEW_EMPLOYEE_STEPS)) == NEW_EMPLOYEE_STEPS
    for bad in (
        [],
        [{"until_day": None, "interval_days": 0}],
        [{"until_day": None, "interval_days": 7}, {"until_day": 50, "interval_days": 14}],
        [{"until_day": 40, "interval_days": 7}, {"until_day": 30, "interval_days": 14}],
    ):
        with pytest.raises(ValueError):
            steps_from_json(bad)


def test_check_in_means():
    summary = check_in_summary([(5, 4, 3), (3, 4, 1), (4, 4, 2)])
    assert summary.n == 3
    assert summary.means == (4.0, 4.0, 2.0)


def test_held_sessions_by_supervisor_are_the_held_sessions_and_add_up():
    """Cancelled sessions and sessions outside the window (before the person was employed)
    count neither as held nor under a supervisor."""
    start = date(2026, 1, 5)
    sessions = [
        Session(start - timedelta(days=3), held=True, supervisor="leader"),  # before employment
        Session(start, held=True, supervisor="leader"),
        Session(start + timedelta(days=7), held=True, supervisor="external", group=True),
        Session(start + timedelta(days=14), held=False, supervisor="colleague"),  # cancelled
        Session(start + timedelta(days=21), held=True, supervisor="leader"),
        Session(start + timedelta(days=99), held=True, supervisor="colleague"),  # after end
    ]
    result = regularity(
        [Plan(start - timedelta(days=30), None, FORTNIGHTLY)],
        sessions,
        start=start,
        end=start + timedelta(days=41),
    )
    assert (result.held, result.cancelled) == (3, 1)
    assert result.held_by_supervisor == (("external", 1), ("leader", 2))
    assert sum(n for _category, n in result.held_by_supervisor) == result.held


def test_answers_are_counted_in_steps_that_cannot_be_differenced():
    from laget.domain.supervision import answers_step

    assert [answers_step(n, 5) for n in (0, 1, 4, 5, 6, 40)] == [
        "ingen",
        "færre enn 5",
        "færre enn 5",
        "5 eller flere",
        "5 eller flere",
        "5 eller flere",
    ]


def test_a_mean_at_an_end_of_the_scale_says_what_everyone_answered():
    from laget.domain.supervision import check_in_summary, says_everyone

    everyone_five = check_in_summary([(5, 3, 1)] * 6)
    assert [says_everyone(m) for m in everyone_five.means] == [True, False, True]
    # 4.96 is shown «5,0»: of 25 answers, all but one were 5
    assert says_everyone(124 / 25) and not says_everyone(4.9) and not says_everyone(None)


def test_a_plan_s_frequency_is_written_as_people_write_it():
    """Issue 28: «hver 7. dag til dag 42» is «ukentlig de første seks ukene», and a plan of one
    step is not «deretter hver 28. dag» with nothing before it."""
    from laget.domain.supervision import NEW_EMPLOYEE_STEPS, Step, frequency_text

    assert frequency_text(NEW_EMPLOYEE_STEPS) == (
        "ukentlig de første seks ukene, deretter annenhver uke til seks måneder er gått, "
        "deretter månedlig"
    )
    assert frequency_text([Step(None, 28)]) == "hver fjerde uke"
    assert frequency_text([Step(91, 14), Step(None, 45)]) == (
        "annenhver uke de første tre månedene, deretter hver 45. dag"
    )
    assert frequency_text([Step(7, 1), Step(100, 10), Step(None, 35)]) == (
        "daglig den første uken, deretter hver 10. dag til dag 100, deretter hver 5. uke"
    )
