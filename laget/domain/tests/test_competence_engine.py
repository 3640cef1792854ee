"""The 2031 competence requirement: every path and edge, with expected values written by hand."""

from datetime import date

import pytest

from laget.domain.competence import (
    Education,
    EducationLevel,
    EmploymentPeriod,
    RuleSetError,
    ShortfallKind,
    Status,
    evaluate,
    rule_set_from_dict,
)
from laget.domain.competence.dates import add_months, months_between
from laget.domain.competence.urgency import urgency_key
from laget.domain.tests.competence_profiles import (
    DEADLINE,
    DEFINITION,
    MASTER,
    RULES,
    RULES_SUMMED,
    TODAY,
    fe,
    kinds,
    person,
)

# Master path ------------------------------------------------------------------------------


def test_relevant_master_meets_the_requirement_now():
    result = evaluate(person(educations=[MASTER]), RULES, TODAY)
    assert (result.status, result.path, result.shortfalls) == (Status.MEETS, "master", ())
    assert result.met_on == date(2016, 6, 15)


def test_phd_counts_as_master():
    phd = Education(EducationLevel.PHD, True, date(2020, 1, 1))
    assert evaluate(person(educations=[phd]), RULES, TODAY).status is Status.MEETS


def test_master_in_an_irrelevant_field_does_not_count():
    irrelevant = Education(EducationLevel.MASTER, relevant=False, completed_on=date(2016, 6, 15))
    result = evaluate(
        person(
            educations=[irrelevant], employments=[EmploymentPeriod(date(2026, 8, 1), None, 1.0)]
        ),
        RULES,
        TODAY,
    )
    assert result.status is Status.AT_RISK  # a relevant master can still be taken in time
    assert result.path == "master"
    assert kinds(result) == [ShortfallKind.MASTER]
    assert result.shortfalls[0].start_by == date(2028, 1, 1)  # 36 months, beside work


def test_master_in_progress_finishing_before_the_deadline_will_meet():
    ongoing = Education(
        EducationLevel.MASTER, True, completed_on=None, expected_on=date(2028, 6, 15)
    )
    result = evaluate(
        person(educations=[ongoing], employments=[EmploymentPeriod(date(2026, 1, 1), None, 1.0)]),
        RULES,
        TODAY,
    )
    assert (result.status, result.path, result.met_on) == (
        Status.WILL_MEET,
        "master",
        date(2028, 6, 15),
    )


def test_master_finishing_after_the_deadline_does_not_help():
    late = Education(EducationLevel.MASTER, True, completed_on=None, expected_on=date(2031, 6, 15))
    result = evaluate(
        person(educations=[late], employments=[EmploymentPeriod(date(2027, 3, 1), None, 1.0)]),
        RULES,
        date(2029, 3, 1),
    )
    # Hired 2027 without experience (transition closed) and under 24 months left for a master.
    assert result.status is Status.CANNOT_MEET


# Transition path --------------------------------------------------------------------------


def test_bachelor_with_exactly_30_credits_and_four_years_meets():
    result = evaluate(person(further=[fe(30)]), RULES, TODAY)
    assert (result.status, result.path) == (Status.MEETS, "transition")


def test_version_1_wants_one_course_of_30_credits_and_says_so():
    """«en relevant videreutdanning tilsvarende minst 30 studiepoeng»: two 15s are not one 30."""
    assert DEFINITION["credits_counting"] == "one_course"
    result = evaluate(person(further=[fe(15), fe(15)]), RULES, TODAY)
    assert (result.status, result.path) == (Status.AT_RISK, "transition")
    [shortfall] = result.shortfalls
    assert (shortfall.kind, shortfall.amount) == (ShortfallKind.CREDITS, 30.0)
    assert result.credits_not_counted == 30.0
    assert result.credits_rule == (
        "Videreutdanningen må være én relevant videreutdanning på minst 30 studiepoeng; "
        "kortere emner legges ikke sammen."
    )
    one = evaluate(person(further=[fe(15), fe(30)]), RULES, TODAY)
    assert (one.status, one.credits_not_counted) == (Status.MEETS, 15.0)


def test_credits_add_up_across_courses_when_the_rule_set_sums_them():
    result = evaluate(person(further=[fe(15), fe(7.5), fe(7.5)]), RULES_SUMMED, TODAY)
    assert result.status is Status.MEETS and result.credits_not_counted == 0
    assert result.credits_rule == (
        "Relevant videreutdanning legges sammen: minst 30 studiepoeng til sammen, også fra "
        "flere emner."
    )


def test_a_definition_without_the_choice_sums_and_a_wrong_choice_is_refused():
    before = {k: v for k, v in DEFINITION.items() if k != "credits_counting"}
    assert rule_set_from_dict(before).credits_counting == "total"
    with pytest.raises(RuleSetError, match="credits_counting: må være en av one_course, total"):
        rule_set_from_dict({**DEFINITION, "credits_counting": "some"})


def test_missing_credits_are_stated_with_amount_and_dates():
    result = evaluate(person(further=[fe(15)]), RULES_SUMMED, TODAY)
    assert (result.status, result.path) == (Status.AT_RISK, "transition")
    [shortfall] = result.shortfalls
    assert (shortfall.kind, shortfall.amount) == (ShortfallKind.CREDITS, 15.0)
    assert (shortfall.complete_by, shortfall.start_by) == (DEADLINE, date(2030, 1, 1))


def test_irrelevant_further_education_does_not_count():
    result = evaluate(person(further=[fe(30, relevant=False)]), RULES, TODAY)
    assert result.shortfalls[0].amount == 30.0


def test_further_education_in_progress_finishing_before_the_deadline_will_meet():
    result = evaluate(person(further=[fe(30, "in_progress", date(2027, 6, 30))]), RULES, TODAY)
    assert (result.status, result.met_on) == (Status.WILL_MEET, date(2027, 6, 30))


def test_further_education_in_progress_finishing_after_the_deadline_does_not_count():
    result = evaluate(person(further=[fe(30, "in_progress", date(2031, 6, 30))]), RULES, TODAY)
    assert result.status is Status.AT_RISK  # another course can still be taken in time
    assert result.shortfalls[0].amount == 30.0
    late = evaluate(
        person(further=[fe(30, "in_progress", date(2031, 6, 30))]), RULES, date(2030, 6, 1)
    )
    assert late.status is Status.CANNOT_MEET  # under 12 months left for 30 credits


def test_an_application_without_a_place_is_at_risk_not_will_meet():
    result = evaluate(person(further=[fe(30, "waitlisted", date(2027, 12, 31))]), RULES, TODAY)
    assert result.status is Status.AT_RISK
    assert kinds(result) == [ShortfallKind.CREDITS, ShortfallKind.CREDITS_NOT_SECURED]
    assert result.shortfalls[1].amount == 30.0


def test_failed_and_withdrawn_further_education_count_for_nothing():
    result = evaluate(person(further=[fe(30, "failed"), fe(30, "withdrawn")]), RULES, TODAY)
    assert result.shortfalls[0].amount == 30.0


def test_four_years_reached_on_the_deadline_day_will_meet():
    # 12 months before, then full time from 01.01.2028: 12 + 36 = 48 months on 01.01.2031.
    profile = person(
        further=[fe(30)], employments=[EmploymentPeriod(date(2028, 1, 1), None, 1.0)], prior=12
    )
    result = evaluate(profile, RULES, date(2028, 1, 1))
    assert result.status is Status.WILL_MEET
    assert result.met_on == DEADLINE
    assert result.experience_months_at_deadline == pytest.approx(48.0, abs=0.05)


def test_one_day_short_of_four_years_cannot_use_the_transition_rule():
    profile = person(
        further=[fe(30)], employments=[EmploymentPeriod(date(2028, 1, 2), None, 1.0)], prior=12
    )
    result = evaluate(profile, RULES, date(2028, 1, 2))
    transition = next(p for p in result.paths if p.key == "transition")
    assert transition.status is Status.CANNOT_MEET
    assert [s.amount for s in transition.shortfalls if s.kind is ShortfallKind.EXPERIENCE] == [1.0]
    # 35 months left: too little for a master beside work (36), so it cannot be met.
    assert (result.status, result.path) == (Status.CANNOT_MEET, "transition")


def test_part_time_experience_counts_pro_rata():
    # Half time from 01.01.2025: 72 months × 0.5 = 36 months by the deadline, 12 short.
    profile = person(further=[fe(30)], employments=[EmploymentPeriod(date(2025, 1, 1), None, 0.5)])
    result = evaluate(profile, RULES, TODAY)
    transition = next(p for p in result.paths if p.key == "transition")
    assert [(s.kind, s.amount) for s in transition.shortfalls] == [(ShortfallKind.EXPERIENCE, 12.0)]
    assert result.experience_months_at_deadline == pytest.approx(36.0, abs=0.05)
    # Full time from today would reach 4 years, so it is at risk, not lost.
    assert transition.status is Status.AT_RISK


def test_missing_experience_is_stated_in_months():
    # 39 months at the deadline from 01.10.2027, plus nothing before: 9 months short.
    profile = person(
        further=[fe(30)], employments=[EmploymentPeriod(date(2027, 10, 1), None, 1.0)], prior=0.5
    )
    result = evaluate(profile, RULES, date(2027, 10, 1))
    transition = next(p for p in result.paths if p.key == "transition")
    assert [(s.kind, s.amount) for s in transition.shortfalls] == [(ShortfallKind.EXPERIENCE, 9.0)]


def test_employment_that_ends_before_the_deadline_stops_accruing():
    profile = person(
        further=[fe(30)], employments=[EmploymentPeriod(date(2025, 1, 1), date(2026, 12, 31), 1.0)]
    )
    result = evaluate(profile, RULES, TODAY)
    assert result.experience_months_at_deadline == pytest.approx(24.0, abs=0.05)


def test_an_end_on_the_last_day_a_date_can_have_counts_as_no_end():
    """HR systems write 31.12.9999 for an open end; found by the form fuzz as a server error."""
    open_end = person(further=[fe(30)], employments=[EmploymentPeriod(date(2015, 1, 1), None, 1.0)])
    last_day = person(
        further=[fe(30)], employments=[EmploymentPeriod(date(2015, 1, 1), date.max, 1.0)]
    )
    assert evaluate(last_day, RULES, TODAY) == evaluate(open_end, RULES, TODAY)


def test_hired_in_2027_without_experience_can_only_meet_it_with_a_master():
    profile = person(further=[fe(30)], employments=[EmploymentPeriod(date(2027, 1, 1), None, 1.0)])
    result = evaluate(profile, RULES, date(2027, 1, 1))
    transition = next(p for p in result.paths if p.key == "transition")
    assert transition.status is Status.CANNOT_MEET
    assert [s.kind for s in transition.shortfalls] == [ShortfallKind.PATH_CLOSED]
    assert transition.shortfalls[0].closed_from == date(2027, 1, 1)
    assert (result.status, result.path) == (Status.AT_RISK, "master")


def test_hired_in_2027_with_earlier_experience_keeps_the_transition_rule():
    profile = person(
        further=[fe(30)], employments=[EmploymentPeriod(date(2027, 1, 1), None, 1.0)], prior=6
    )
    assert evaluate(profile, RULES, date(2027, 1, 1)).status is Status.WILL_MEET


def test_hired_in_2026_without_experience_is_not_closed_out():
    profile = person(
        further=[fe(30)], employments=[EmploymentPeriod(date(2026, 12, 31), None, 1.0)]
    )
    assert evaluate(profile, RULES, date(2026, 12, 31)).status is Status.WILL_MEET


def test_no_relevant_education_and_little_time_cannot_meet():
    none = Education(EducationLevel.UPPER_SECONDARY, False, date(2000, 6, 1))
    result = evaluate(person(educations=[none]), RULES, date(2029, 6, 1))
    assert result.status is Status.CANNOT_MEET


def test_roles_outside_the_requirement_are_not_subject():
    for role in ("measures", "administrative", "other"):
        result = evaluate(person(role=role, educations=[]), RULES, TODAY)
        assert (result.status, result.path, result.shortfalls) == (Status.NOT_SUBJECT, None, ())


def test_leaders_and_deputies_are_subject():
    for role in ("leader", "deputy_leader"):
        assert evaluate(person(role=role, further=[fe(15)]), RULES, TODAY).status is Status.AT_RISK


def test_after_the_deadline_only_met_or_not():
    assert evaluate(person(further=[fe(15)]), RULES, date(2031, 3, 1)).status is Status.CANNOT_MEET
    assert evaluate(person(further=[fe(30)]), RULES, date(2031, 3, 1)).status is Status.MEETS


def test_every_result_names_its_rule_set():
    assert (
        evaluate(person(), RULES, TODAY).rule_set
        == "Kompetansekrav i kommunalt barnevern fra 2031 (versjon 1)"
    )


def test_urgency_puts_those_who_cannot_meet_first_then_the_earliest_start():
    irrelevant_master = Education(
        EducationLevel.MASTER, relevant=False, completed_on=date(2016, 6, 15)
    )
    results = [
        evaluate(person(educations=[MASTER]), RULES, TODAY),
        evaluate(person(further=[fe(15)]), RULES, TODAY),
        evaluate(person(educations=[irrelevant_master]), RULES, TODAY),
        evaluate(person(educations=[]), RULES, TODAY),
    ]
    ordered = sorted(results, key=urgency_key)
    assert [r.status for r in ordered] == [
        Status.CANNOT_MEET,
        Status.AT_RISK,
        Status.AT_RISK,
        Status.MEETS,
    ]
    # A relevant master must be started by 01.01.2028; 15 credits by 01.01.2030.
    assert [s.kind for s in ordered[1].shortfalls] == [ShortfallKind.MASTER]
    assert [s.kind for s in ordered[2].shortfalls] == [ShortfallKind.CREDITS]


def test_without_any_degree_there_is_no_time_left_for_one_and_then_the_rest():
    # A bachelor beside work (48 months) and then a master (36) or 30 credits (12): over 49 months.
    result = evaluate(person(educations=[]), RULES, TODAY)
    assert result.status is Status.CANNOT_MEET
    master = next(p for p in result.paths if p.key == "master")
    assert [s.kind for s in master.shortfalls] == [ShortfallKind.PREREQUISITE, ShortfallKind.MASTER]
    # Five years earlier there was time: bachelor and then further education.
    assert evaluate(person(educations=[]), RULES, date(2021, 11, 23)).status is Status.AT_RISK


def test_a_bachelor_in_progress_counts_as_the_prerequisite_for_a_master():
    studying = Education(
        EducationLevel.BACHELOR, relevant=False, completed_on=None, expected_on=date(2027, 6, 15)
    )
    result = evaluate(
        person(educations=[studying], employments=[EmploymentPeriod(date(2026, 1, 1), None, 1.0)]),
        RULES,
        date(2026, 6, 1),
    )
    master = next(p for p in result.paths if p.key == "master")
    assert master.reachable  # 13 months to the bachelor, then 36 for a master: within 55 months


# Rule sets as data ------------------------------------------------------------------------


def test_a_new_rule_set_version_changes_the_result_without_code():
    stricter = {**DEFINITION, "version": "2", "paths": [DEFINITION["paths"][0]]}
    rules = rule_set_from_dict(stricter)
    result = evaluate(person(further=[fe(30)]), rules, TODAY)
    assert result.status is Status.AT_RISK and result.rule_set.endswith("(versjon 2)")


def test_a_later_deadline_is_data_too():
    later = rule_set_from_dict({**DEFINITION, "version": "3", "deadline": "2033-01-01"})
    result = evaluate(person(further=[fe(15)]), later, TODAY)
    assert result.shortfalls[0].complete_by == date(2033, 1, 1)


def test_a_broken_rule_set_reports_every_fault():
    broken = {
        "name": "",
        "version": "1",
        "valid_from": "i fjor",
        "deadline": "2031-01-01",
        "applies_to": [],
        "paths": [{"kind": "magic", "key": "x", "label": "X"}],
    }
    with pytest.raises(RuleSetError) as error:
        rule_set_from_dict(broken)
    problems = error.value.problems
    assert any(p.startswith("name") for p in problems)
    assert any(p.startswith("legal_source") for p in problems)
    assert any("i fjor" in p for p in problems)
    assert any(p.startswith("applies_to") for p in problems)
    assert any("magic" in p for p in problems)


def test_calendar_helpers():
    assert add_months(date(2031, 1, 1), -24) == date(2029, 1, 1)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert months_between(date(2027, 1, 1), date(2031, 1, 1)) == 48
    assert months_between(date(2027, 1, 2), date(2031, 1, 1)) == 47
    assert RULES.required_experience_days == 1461
