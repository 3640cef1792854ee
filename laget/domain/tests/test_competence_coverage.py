"""The 2031 requirement beyond its paths: formal education in place, the roles a service
brings under it, exemptions (values written by hand)."""

from datetime import date

from laget.domain.competence import (
    Education,
    EducationLevel,
    EmploymentPeriod,
    PersonProfile,
    Status,
    evaluate,
)
from laget.domain.tests.competence_profiles import (
    BACHELOR,
    MASTER,
    RULES,
    RULES_SUMMED,
    TODAY,
    fe,
    person,
)

RECENT = (EmploymentPeriod(date(2024, 1, 1), None, 1.0),)


def test_a_bachelor_with_30_credits_and_three_years_has_the_education_in_place_but_not_met():
    result = evaluate(person(further=[fe(30)], employments=RECENT), RULES, TODAY)
    assert result.status is not Status.MEETS
    assert result.education_in_place


def test_two_15_credit_courses_put_the_education_in_place_only_when_credits_are_summed():
    profile = person(further=[fe(15), fe(15)])
    assert not evaluate(profile, RULES, TODAY).education_in_place
    assert evaluate(profile, RULES_SUMMED, TODAY).education_in_place


def test_a_master_under_way_is_not_education_in_place():
    under_way = Education(EducationLevel.MASTER, True, None, date(2027, 6, 1))
    assert not evaluate(person(educations=[BACHELOR, under_way]), RULES, TODAY).education_in_place


def test_staff_in_measures_are_covered_only_where_their_service_has_chosen_so():
    measures = person(role="measures", educations=[MASTER])
    assert evaluate(measures, RULES, TODAY).status is Status.NOT_SUBJECT
    chosen = PersonProfile(**{**vars(measures), "extra_roles": frozenset({"measures"})})
    assert evaluate(chosen, RULES, TODAY).status is Status.MEETS


def test_a_service_cannot_bring_a_role_the_rule_set_does_not_leave_open_under_the_requirement():
    admin = person(role="administrative", educations=[MASTER])
    chosen = PersonProfile(**{**vars(admin), "extra_roles": frozenset({"administrative"})})
    assert evaluate(chosen, RULES, TODAY).status is Status.NOT_SUBJECT


def test_an_exemption_is_its_own_status_with_what_the_rules_give_kept_beside_it():
    from laget.domain.competence.engine import exempted

    at_risk = evaluate(person(employments=RECENT), RULES, TODAY)
    result = exempted(at_risk, date(2032, 12, 31))
    assert result.status is Status.EXEMPT
    assert result.status_without_exemption is at_risk.status
    assert result.exempt_until == date(2032, 12, 31)
    assert result.shortfalls == at_risk.shortfalls  # what is missing is still said
    not_covered = evaluate(person(role="administrative"), RULES, TODAY)
    assert exempted(not_covered, date(2032, 12, 31)).status is Status.NOT_SUBJECT
    # exempted twice (a page that applies the exemption to a result that has it): still the
    # status the rules give beside it, never «uten unntaket: unntatt fra kravet» (issue 28)
    twice = exempted(result, date(2033, 6, 30))
    assert twice.status_without_exemption is at_risk.status
    assert twice.exempt_until == date(2033, 6, 30)


def test_exemptions_in_arrays_never_turn_anyone_into_meeting_it_and_leave_the_uncovered_alone():
    import numpy as np

    from laget.domain.competence.population import (
        evaluate_population,
        population_facts,
        with_exemptions,
    )

    people = [
        person(educations=[MASTER]),
        person(employments=RECENT),
        person(role="administrative"),
        person(),
    ]
    result = evaluate_population(population_facts(people, RULES, TODAY), RULES, TODAY)
    after = with_exemptions(result, np.array([True, True, True, False]))
    assert [Status(s) for s in after.status] == [
        Status.EXEMPT,
        Status.EXEMPT,
        Status.NOT_SUBJECT,
        Status(result.status[3]),
    ]
    assert after.counts()[Status.MEETS] == result.counts()[Status.MEETS] - 1
