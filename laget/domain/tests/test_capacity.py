"""The national capacity model reproduces section 3.5 of the 2022 mapping, and says why a
scenario is wrong."""

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laget.domain.projection.capacity import (
    REPORT_2022,
    ScenarioError,
    capacity,
    scenario_from_dict,
)


def test_the_reports_inputs_give_the_reports_figures():
    result = capacity(scenario_from_dict(REPORT_2022)).as_dict()
    assert result == {
        "bachelor_or_less": 5400,
        "non_compliant_now": 2700,
        "years_until_deadline": 8,
        "completions_until_deadline": 2000,
        "non_compliant_covered_by_further_education": 1000,
        "remaining_non_compliant": 1700,
        "leavers_per_year": 1280,
        "master_graduates_per_year": 300,
        "annual_master_shortfall": 980,
    }


def test_prioritising_non_compliant_staff_covers_more():
    prioritised = capacity(
        scenario_from_dict({**REPORT_2022, "share_of_completions_already_qualified": 0.0})
    )
    assert prioritised.non_compliant_covered_by_further_education == 2000
    assert prioritised.remaining_non_compliant == 700


def test_coverage_never_exceeds_the_need_and_shortfall_is_never_negative():
    result = capacity(
        scenario_from_dict(
            {
                **REPORT_2022,
                "further_education_completions_per_year": 1000,
                "master_graduates_per_year": 5000,
            }
        )
    )
    assert result.non_compliant_covered_by_further_education == 2700
    assert result.remaining_non_compliant == 0
    assert result.annual_master_shortfall == 0


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"annual_turnover": 20}, "skriv 20 % som 0.2"),
        ({"annual_turnover": "høy"}, "annual_turnover: må være en andel"),
        ({"staff_with_master": 7000}, "kan ikke være flere"),
        ({"deadline": "2031-13-01"}, "deadline: må være en dato"),
        ({"first_year": 2032}, "deadline: kan ikke være før first_year"),
        ({"further_education_completions_per_year": 250.5}, "må være et helt tall"),
        ({"staff_subject_to_requirement": -1}, "må være mellom 0"),
        ({"master_graduates_per_year": True}, "må være et helt tall"),
        ({"extra": 1}, "ukjente nøkler: extra"),
    ],
)
def test_bad_values_are_explained(change, message):
    with pytest.raises(ScenarioError) as error:
        scenario_from_dict({**REPORT_2022, **change})
    assert any(message in p for p in error.value.problems), error.value.problems


def test_missing_keys_are_listed():
    with pytest.raises(ScenarioError, match="mangler: annual_turnover, deadline"):
        scenario_from_dict(
            {k: v for k, v in REPORT_2022.items() if k not in ("annual_turnover", "deadline")}
        )


def test_every_fault_is_reported_at_once():
    with pytest.raises(ScenarioError) as error:
        scenario_from_dict({**REPORT_2022, "annual_turnover": 2, "staff_with_master": "mange"})
    assert len(error.value.problems) == 2


@given(st.floats(0, 1), st.floats(0, 1))
def test_more_turnover_never_lowers_the_master_shortfall(low, high):
    low, high = sorted((low, high))
    base = scenario_from_dict(REPORT_2022)
    assert (
        capacity(replace(base, annual_turnover=high)).annual_master_shortfall
        >= capacity(replace(base, annual_turnover=low)).annual_master_shortfall
    )
