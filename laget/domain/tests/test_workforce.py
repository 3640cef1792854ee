"""Workforce metrics on small hand-made registers whose answers are worked out in the tests."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from laget.domain.recruitment import VacancySpan, median_days_to_fill, open_vacancies
from laget.domain.register import Period, Register
from laget.domain.sick_leave import SickLeave, rolling_twelve_months, sick_leave_by
from laget.domain.workforce import (
    AGE_BANDS,
    DEFINITIONS,
    calendar_year,
    churn_between,
    early_leavers_between,
    pooled_turnover,
    snapshot,
    total,
    turnover_between,
    turnover_ks,
    turnover_ks_years,
)

A, B = 1, 2  # two services


def test_ks_turnover_counts_who_is_gone_a_year_later():
    periods = [
        Period(1, date(2020, 1, 1), None),
        Period(2, date(2020, 1, 1), date(2024, 6, 30)),  # leaves
        Period(3, date(2020, 1, 1), None),
        Period(4, date(2020, 1, 1), None),
        Period(5, date(2024, 3, 1), None),  # new hire: not in the denominator
    ]
    result = turnover_ks(periods, 2024)
    assert (result.at_start, result.leavers, result.rate) == (4, 1, 0.25)
    assert result.definition in DEFINITIONS


def test_a_person_who_leaves_and_comes_back_is_not_a_ks_leaver_but_is_churn():
    periods = [
        Period(1, date(2020, 1, 1), date(2024, 2, 1)),
        Period(1, date(2024, 9, 1), None),
        Period(2, date(2020, 1, 1), None),
    ]
    assert turnover_ks(periods, 2024).leavers == 0
    churn = churn_between(Register(periods), *calendar_year(2024))[0]
    # one separation (February) and one hire (September); headcount 2 -> 2
    assert (churn.hires, churn.separations, churn.net_change) == (1, 1, 0)
    assert churn.rate == pytest.approx((1 + 1 - 0) / 2)


def test_the_reference_date_is_1_december_by_default_and_can_be_changed():
    periods = [
        Period(1, date(2020, 1, 1), date(2024, 11, 30)),
        Period(2, date(2020, 1, 1), date(2024, 12, 1)),
    ]
    result = turnover_ks(periods, 2024)
    assert (result.at_start, result.leavers) == (2, 1)  # person 2 is still employed on 1 December
    at_new_year = turnover_ks(periods, 2025, reference_month=1, reference_day=1)
    assert (at_new_year.at_start, at_new_year.leavers) == (2, 2)


def test_pooled_over_years_and_an_empty_service():
    periods = [Period(i, date(2018, 1, 1), date(2022, 6, 1) if i < 2 else None) for i in range(10)]
    pooled = pooled_turnover(periods, [2021, 2022, 2023])
    assert (pooled.at_start, pooled.leavers) == (28, 2)
    assert turnover_ks([], 2024).rate is None


def test_a_person_moving_between_two_services_leaves_one_and_is_hired_by_the_other():
    periods = [
        Period(1, date(2019, 1, 1), date(2024, 3, 31), group=A),
        Period(1, date(2024, 4, 1), None, group=B),
        Period(2, date(2019, 1, 1), None, group=A),
        Period(3, date(2019, 1, 1), None, group=B),
    ]
    register = Register(periods)
    turnover = turnover_ks_years(register, [2024])[2024]
    assert (turnover[A].at_start, turnover[A].leavers) == (2, 1)
    assert (turnover[B].at_start, turnover[B].leavers) == (1, 0)
    churn = churn_between(register, *calendar_year(2024))
    assert (churn[A].hires, churn[A].separations) == (0, 1)
    assert (churn[B].hires, churn[B].separations) == (1, 0)
    # pooled over both services the move still counts: turnover is leaving *the service*
    assert total(turnover.values()).leavers == 1


def test_churn_in_a_service_that_grows():
    """Four on 31 December 2023; three hired and one leaving in 2024: six at the end."""
    periods = [Period(i, date(2018, 1, 1), None) for i in range(1, 4)]
    periods += [
        Period(4, date(2018, 1, 1), date(2024, 5, 31)),  # separation
        Period(5, date(2024, 1, 1), None),  # hired on New Year's day: a hire in 2024
        Period(6, date(2024, 6, 1), None),
        Period(7, date(2024, 12, 31), None),  # hired on the last day: counted at the end
    ]
    churn = churn_between(Register(periods), *calendar_year(2024))[0]
    assert (churn.headcount_start, churn.headcount_end) == (4, 6)
    assert (churn.hires, churn.separations, churn.net_change) == (3, 1, 2)
    # (3 + 1 - |2|) / ((4 + 6) / 2) = 2 / 5
    assert churn.rate == pytest.approx(0.4)
    assert churn.definition == "flows"


def test_a_separation_on_new_years_eve_belongs_to_the_next_year():
    periods = [Period(1, date(2018, 1, 1), date(2023, 12, 31)), Period(2, date(2018, 1, 1), None)]
    register = Register(periods)
    assert churn_between(register, *calendar_year(2023))[0].separations == 0
    churn_2024 = churn_between(register, *calendar_year(2024))[0]
    assert (churn_2024.headcount_start, churn_2024.separations) == (2, 1)


def test_back_to_back_contracts_are_one_stay():
    periods = [
        Period(1, date(2020, 1, 1), date(2024, 6, 30)),
        Period(1, date(2024, 7, 1), date(2024, 12, 31)),
        Period(1, date(2025, 1, 1), None),
    ]
    churn = churn_between(Register(periods), *calendar_year(2024))[0]
    assert (churn.hires, churn.separations) == (0, 0)
    assert turnover_ks(periods, 2024).leavers == 0


def test_part_time_fte_and_two_concurrent_part_time_positions():
    periods = [
        Period(1, date(2020, 1, 1), None, fte=100),
        Period(2, date(2020, 1, 1), None, fte=50),
        Period(3, date(2020, 1, 1), None, fte=80),
        Period(4, date(2020, 1, 1), None, fte=50, role="core"),
        Period(4, date(2022, 1, 1), None, fte=30, role="measures"),
        Period(5, date(2020, 1, 1), date(2023, 1, 1), fte=100),  # gone
    ]
    shot = snapshot(Register(periods), date(2024, 12, 1))[0]
    assert shot.headcount == 4  # person 4 counts once
    assert shot.fte == pytest.approx(3.1)  # 1.0 + 0.5 + 0.8 + 0.5 + 0.3


def test_tenure_counts_the_continuous_stay_and_age_bands_use_the_year():
    periods = [
        Period(1, date(2014, 12, 2), None, birth_year=1995),  # 10 years on 1 Dec 2024, age 29
        Period(2, date(2023, 12, 2), None, birth_year=1980),  # 1 year, age 44
        Period(3, date(2010, 1, 1), date(2020, 1, 1), birth_year=1960),  # gone
        Period(3, date(2022, 12, 2), None, birth_year=1960),  # back: 2 years, age 64
        Period(4, date(2024, 1, 1), None),  # age unknown
    ]
    shot = snapshot(Register(periods), date(2024, 12, 1))[0]
    expected_days = (3653 + 366 + 731 + 336) / 365.25
    assert shot.tenure_years == pytest.approx(expected_days / 4)
    assert dict(zip(AGE_BANDS, shot.age_bands, strict=True)) == {
        "under 30": 1,
        "30–39": 0,
        "40–49": 1,
        "50–59": 0,
        "60 og over": 1,
        "ukjent": 1,
    }


def test_early_leavers_only_count_hires_old_enough_to_know():
    today = date(2026, 6, 1)
    periods = [
        Period(1, date(2023, 3, 1), date(2023, 6, 8)),  # left after 100 days
        Period(2, date(2023, 3, 1), date(2024, 7, 12)),  # left after 500 days
        Period(3, date(2023, 3, 1), None),  # stays
        Period(4, date(2023, 9, 1), date(2024, 8, 30)),  # day 365 is 2024-08-30: within 12
        Period(5, date(2023, 9, 1), date(2024, 8, 31)),  # worked the whole year: not within 12
        Period(6, date(2025, 9, 1), date(2025, 10, 1)),  # hired in 2025: outside the period
        Period(7, date(2020, 1, 1), None),  # not a hire
    ]
    early = early_leavers_between(Register(periods), *calendar_year(2023), today)[0]
    assert early.hires == 5
    assert (early.observed_12, early.left_12) == (5, 2)  # persons 1 and 4
    assert (early.observed_24, early.left_24) == (5, 4)  # also 2 and 5
    late = early_leavers_between(Register(periods), *calendar_year(2025), today)[0]
    assert (late.hires, late.observed_12, late.rate_12) == (1, 0, None)  # too early to know


def test_by_role_category():
    periods = [
        Period(1, date(2020, 1, 1), None, role="core"),
        Period(2, date(2020, 1, 1), date(2024, 3, 1), role="core"),
        Period(3, date(2020, 1, 1), None, role="leader"),
        # a konsulent who becomes fagleder: stays in the service (KS), changes category (churn)
        Period(4, date(2020, 1, 1), date(2024, 4, 30), role="core"),
        Period(4, date(2024, 5, 1), None, role="deputy_leader"),
    ]
    register = Register(periods)
    grouping = register.by_group_and_role
    turnover = turnover_ks_years(register, [2024], grouping)[2024]
    assert (turnover[(0, "core")].at_start, turnover[(0, "core")].leavers) == (3, 1)
    assert turnover[(0, "leader")].at_start == 1
    churn = churn_between(register, *calendar_year(2024), grouping)
    assert (churn[(0, "core")].separations, churn[(0, "deputy_leader")].hires) == (2, 1)
    by_service = churn_between(register, *calendar_year(2024))[0]
    assert (by_service.hires, by_service.separations) == (0, 1)


def test_turnover_between_any_two_dates():
    periods = [Period(1, date(2020, 1, 1), date(2024, 6, 30)), Period(2, date(2020, 1, 1), None)]
    half_year = turnover_between(Register(periods), date(2024, 1, 1), date(2024, 7, 1))[0]
    assert (half_year.at_start, half_year.leavers) == (2, 1)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1, 8),
            st.integers(0, 2500),
            st.one_of(st.none(), st.integers(0, 900)),
            st.sampled_from(["core", "leader"]),
        ),
        max_size=40,
    )
)
def test_headcount_change_is_hires_minus_separations(rows):
    base = date(2020, 1, 1)
    periods = [
        Period(
            person,
            base + timedelta(days=offset),
            None if length is None else base + timedelta(days=offset + length),
            role=role,
        )
        for person, offset, length, role in rows
    ]
    register = Register(periods)
    for grouping in (register.by_group, register.by_group_and_role):
        for churn in churn_between(
            register, date(2022, 1, 1), date(2022, 12, 31), grouping
        ).values():
            assert churn.net_change == churn.hires - churn.separations
            assert churn.rate is None or churn.rate >= 0


def test_sick_leave_rates_are_summed_days_not_averaged_rates():
    months = {
        date(2025, 1, 1): SickLeave(200, 6, 14, persons=10),  # 10 %
        date(2025, 2, 1): SickLeave(100, 2, 3, persons=10),  # 5 %
        date(2025, 4, 1): SickLeave(100, 0, 20, persons=11),  # 20 %
    }
    by_month = sick_leave_by(months, "month")
    assert by_month["2025-02"].rate == pytest.approx(0.05)
    by_quarter = sick_leave_by(months, "quarter")
    assert by_quarter["2025-K1"].rate == pytest.approx(25 / 300)  # not (10 % + 5 %) / 2
    assert by_quarter["2025-K1"].self_certified_rate == pytest.approx(8 / 300)
    year = sick_leave_by(months, "year")["2025"]
    assert year.rate == pytest.approx(45 / 400)
    assert year.doctor_certified_rate == pytest.approx(37 / 400)
    assert year.persons == 11
    assert SickLeave(0, 0, 0, persons=0).rate is None
    with pytest.raises(ValueError):
        sick_leave_by(months, "week")


def test_rolling_twelve_months_needs_a_full_year():
    months = {date(2024, m, 1): SickLeave(100, 5, 5, 10) for m in range(1, 13)}
    months[date(2025, 1, 1)] = SickLeave(100, 10, 30, 10)
    rolling = rolling_twelve_months(months)
    assert date(2024, 11, 1) not in rolling
    assert rolling[date(2024, 12, 1)] == pytest.approx(0.10)
    assert rolling[date(2025, 1, 1)] == pytest.approx((11 * 10 + 40) / 1200)


def test_vacancies_open_and_time_to_fill():
    vacancies = [
        VacancySpan(date(2025, 1, 10), date(2025, 3, 1)),  # 50 days
        VacancySpan(date(2025, 2, 1), date(2025, 2, 21)),  # 20 days
        VacancySpan(date(2025, 2, 15), None),  # open
        VacancySpan(date(2025, 1, 1), None, closed=date(2025, 2, 1)),  # withdrawn
        VacancySpan(date(2025, 5, 1), date(2025, 8, 9)),  # 100 days
    ]
    assert open_vacancies(vacancies, date(2025, 2, 16)) == 3
    assert open_vacancies(vacancies, date(2025, 4, 1)) == 1
    assert median_days_to_fill(vacancies) == (50.0, 3)
    assert median_days_to_fill([]) == (None, 0)
