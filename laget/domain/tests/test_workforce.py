"""Turnover by the KS definition on small hand-made registers."""

from datetime import date

from laget.domain.workforce import Period, pooled_turnover, turnover_ks


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


def test_a_person_who_leaves_and_comes_back_is_not_a_leaver():
    periods = [
        Period(1, date(2020, 1, 1), date(2024, 2, 1)),
        Period(1, date(2024, 9, 1), None),
        Period(2, date(2020, 1, 1), None),
    ]
    assert turnover_ks(periods, 2024).leavers == 0


def test_the_reference_date_is_1_december_by_default():
    periods = [
        Period(1, date(2020, 1, 1), date(2024, 11, 30)),
        Period(2, date(2020, 1, 1), date(2024, 12, 1)),
    ]
    result = turnover_ks(periods, 2024)
    assert (result.at_start, result.leavers) == (2, 1)  # person 2 is still employed on 1 December


def test_pooled_over_years_and_an_empty_service():
    periods = [Period(i, date(2018, 1, 1), date(2022, 6, 1) if i < 2 else None) for i in range(10)]
    pooled = pooled_turnover(periods, [2021, 2022, 2023])
    assert (pooled.at_start, pooled.leavers) == (28, 2)
    assert turnover_ks([], 2024).rate is None
