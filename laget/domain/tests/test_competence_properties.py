"""Invariants of the competence engine, and the population engine agreeing with it."""

from dataclasses import replace
from datetime import date, timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from laget.domain.competence import (
    Education,
    EducationLevel,
    EmploymentPeriod,
    FurtherEducation,
    FurtherEducationStatus,
    PersonProfile,
    Status,
    evaluate,
)
from laget.domain.competence.columns import PopulationColumns, population_facts_from_columns
from laget.domain.competence.engine import confirmed, to_check
from laget.domain.competence.population import (
    PopulationFacts,
    PopulationResult,
    evaluate_population,
    population_facts,
)
from laget.domain.tests.test_competence_engine import RULES, RULES_SUMMED
from laget.domain.tests.test_competence_v2 import RULES_V2, RULES_V2_WHOLE_PERIOD

days = st.integers(min_value=0, max_value=365 * 30).map(
    lambda d: date(2005, 1, 1) + timedelta(days=d)
)
# to 2032: after the deadline the transition rule is held to it
today_st = st.integers(min_value=0, max_value=365 * 8).map(
    lambda d: date(2025, 1, 1) + timedelta(days=d)
)

education = st.builds(
    lambda level, relevant, done, day: Education(
        level, relevant, day if done else None, None if done else day
    ),
    st.sampled_from(list(EducationLevel)),
    st.booleans(),
    st.booleans(),
    days,
)
further = st.builds(
    FurtherEducation,
    st.sampled_from([7.5, 10, 15, 20, 30, 60]),
    st.booleans(),
    st.sampled_from(list(FurtherEducationStatus)),
    st.one_of(st.none(), days),
)
employment = st.builds(
    lambda start, length, fte: EmploymentPeriod(
        start, None if length is None else start + timedelta(days=length), fte
    ),
    days,
    st.one_of(st.none(), st.integers(0, 365 * 10)),
    st.sampled_from([0.2, 0.5, 0.8, 1.0]),
)
#: the roles a person's service has brought under the requirement: none, the rule set's
#: optional one, or one the rule set does not let a service choose
extra_roles = st.sampled_from(
    [frozenset(), frozenset({"measures"}), frozenset({"administrative", "measures"})]
)
profiles = st.builds(
    PersonProfile,
    st.sampled_from(["leader", "deputy_leader", "core", "core", "core", "measures"]),
    st.lists(education, max_size=3).map(tuple),
    st.lists(further, max_size=4).map(tuple),
    st.lists(employment, min_size=1, max_size=3).map(tuple),
    st.sampled_from([0, 0, 6, 12.5, 24, 60]),
    extra_roles=extra_roles,
)
#: educations and further educations that may have to be checked: nobody has judged them
#: (`assessed` False), or credits known only as a sum
education_to_check = st.builds(
    lambda e, assessed: replace(e, assessed=assessed, relevant=e.relevant and assessed),
    education,
    st.booleans(),
)
further_to_check = st.builds(
    lambda f, assessed, is_sum: replace(
        f, assessed=assessed, relevant=f.relevant and assessed, is_sum=is_sum
    ),
    further,
    st.booleans(),
    st.booleans(),
)
profiles_to_check = st.builds(
    PersonProfile,
    st.sampled_from(["leader", "core", "core", "measures"]),
    st.lists(education_to_check, max_size=3).map(tuple),
    st.lists(further_to_check, max_size=4).map(tuple),
    st.lists(employment, min_size=1, max_size=3).map(tuple),
    st.sampled_from([0, 0, 6, 24, 60]),
    extra_roles=extra_roles,
)
#: anyone the register can hold: also no employment at all, several periods that overlap or
#: leave gaps (left and came back), part time, starts after today, courses of odd credits,
#: sums and what nobody has judged
any_profile = st.builds(
    PersonProfile,
    st.sampled_from(["leader", "deputy_leader", "core", "measures", "administrative", ""]),
    st.lists(st.one_of(education, education_to_check), max_size=3).map(tuple),
    st.lists(
        st.builds(
            FurtherEducation,
            st.sampled_from([0, 2.5, 7.5, 10, 15, 20, 29.9, 30, 0.1, 60]),
            st.booleans(),
            st.sampled_from(list(FurtherEducationStatus)),
            st.one_of(st.none(), days),
            is_sum=st.booleans(),
            assessed=st.booleans(),
        ),
        max_size=5,
    ).map(tuple),
    st.lists(employment, max_size=4).map(tuple),
    st.sampled_from([0, 0, 0.1, 6, 12.5, 24, 47.9, 60]),
    extra_roles=extra_roles,
)


def same_facts(one: PopulationFacts, other: PopulationFacts) -> None:
    """Every array equal to the last bit (and of the same dtype)."""
    assert one.size == other.size
    for name, value in vars(one).items():
        theirs = getattr(other, name)
        if isinstance(value, PopulationFacts) or value is None:
            assert (value is None) == (theirs is None), name
            if value is not None:
                same_facts(value, theirs)
            continue
        if isinstance(value, dict):
            assert value.keys() == theirs.keys(), name
            pairs = [(value[k], theirs[k]) for k in value]
        else:
            pairs = [(value, theirs)]
        for mine, their in pairs:
            if isinstance(mine, np.ndarray):
                assert mine.dtype == their.dtype, name
                assert np.array_equal(mine, their), name
            else:
                assert mine == their, name


def same_result(one: PopulationResult, other: PopulationResult) -> None:
    assert np.array_equal(one.status, other.status)
    assert np.array_equal(one.path_index, other.path_index)
    assert np.array_equal(one.met_on, other.met_on)
    assert np.array_equal(one.education_in_place, other.education_in_place)


@settings(max_examples=300, deadline=None)
@given(profiles, today_st, st.sampled_from([7.5, 15, 30]))
def test_more_completed_credits_never_make_a_status_worse(profile, today, credits):
    before = evaluate(profile, RULES, today).status
    more = replace(
        profile,
        further_educations=(
            *profile.further_educations,
            FurtherEducation(
                credits, True, FurtherEducationStatus.COMPLETED, today - timedelta(days=1)
            ),
        ),
    )
    assert evaluate(more, RULES, today).status >= before


@settings(max_examples=300, deadline=None)
@given(profiles, today_st, st.sampled_from([1, 6, 12, 48]))
def test_more_prior_experience_never_makes_a_status_worse(profile, today, months):
    before = evaluate(profile, RULES, today).status
    more = replace(profile, prior_experience_months=profile.prior_experience_months + months)
    assert evaluate(more, RULES, today).status >= before


@settings(max_examples=300, deadline=None)
@given(profiles, today_st)
def test_an_extra_employment_period_never_makes_a_status_worse(profile, today):
    before = evaluate(profile, RULES, today).status
    earliest = min(p.start for p in profile.employments)
    more = replace(
        profile,
        employments=(
            *profile.employments,
            EmploymentPeriod(earliest - timedelta(days=400), earliest - timedelta(days=1), 0.5),
        ),
    )
    assert evaluate(more, RULES, today).status >= before


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(profiles, profiles_to_check), min_size=1, max_size=12),
    today_st,
    st.sampled_from([RULES, RULES_SUMMED, RULES_V2, RULES_V2_WHOLE_PERIOD]),
)
def test_the_population_engine_agrees_with_the_person_engine(population, today, rules):
    """Under both readings of the further-education rule (one course, or credits summed), and
    for those with something to check («må sjekkes»)."""
    results = [evaluate(p, rules, today) for p in population]
    vector = evaluate_population(population_facts(population, rules, today), rules, today)
    assert [Status(s) for s in vector.status] == [r.status for r in results]
    assert vector.education_in_place.tolist() == [r.education_in_place for r in results]
    # the third path: the same facts from columns (as the database gives them)
    columns = population_facts_from_columns(
        PopulationColumns.from_profiles(population), rules, today
    )
    same_result(evaluate_population(columns, rules, today), vector)
    paths = [rules.paths[i].key if i >= 0 else None for i in vector.path_index]
    # The population engine picks the path by status alone; when statuses tie, the person engine
    # may prefer a path with less left to do, so compare paths only where one path is best.
    for path, result in zip(paths, results, strict=True):
        statuses = [r.status for r in result.paths]
        if result.status is Status.NEEDS_CHECK:
            continue  # the path checking could open: the same tie, on the confirmed profile
        if statuses.count(max(statuses, default=Status.NOT_SUBJECT)) <= 1:
            assert path == result.path


@settings(max_examples=300, deadline=None)
@given(profiles_to_check, today_st, st.sampled_from([RULES, RULES_SUMMED, RULES_V2]))
def test_must_be_checked_only_when_checking_could_give_a_better_status(profile, today, rules):
    """«Må sjekkes» says the status lies between what is counted and what checking could give;
    anyone else's status is the same whether what must be checked holds or not."""
    result = evaluate(profile, rules, today)
    hopeful = evaluate(confirmed(profile), rules, today)
    if result.status is Status.NEEDS_CHECK:
        assert to_check(profile, rules)
        assert result.status_counted is not None and result.status_if_confirmed is not None
        assert result.status_counted < result.status_if_confirmed == hopeful.status
        assert result.status_if_confirmed <= Status.MEETS
        assert result.met_on is None or result.status_counted is Status.WILL_MEET
    else:
        assert result.status_counted is None and result.status_if_confirmed is None
        if result.status in (Status.CANNOT_MEET, Status.AT_RISK, Status.WILL_MEET):
            assert hopeful.status == result.status
    assert hopeful.status is not Status.NEEDS_CHECK


@settings(max_examples=300, deadline=None)
@given(profiles, today_st, st.sampled_from([RULES, RULES_SUMMED, RULES_V2]))
def test_with_nothing_to_check_nothing_must_be_checked(profile, today, rules):
    assert not to_check(profile, rules)
    assert evaluate(profile, rules, today).status is not Status.NEEDS_CHECK


@settings(max_examples=300, deadline=None)
@given(
    st.lists(any_profile, max_size=12),
    today_st,
    st.sampled_from([RULES, RULES_SUMMED, RULES_V2, RULES_V2_WHOLE_PERIOD]),
)
def test_facts_from_columns_are_the_facts_from_profiles(population, today, rules):
    """Reduced with grouped array operations instead of a loop per person, every fact is the
    same to the last bit (sums are taken in the person engine's order)."""
    same_facts(
        population_facts_from_columns(PopulationColumns.from_profiles(population), rules, today),
        population_facts(population, rules, today),
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(profiles, min_size=1, max_size=8), today_st)
def test_people_met_by_a_date_agree_with_met_on(population, today):
    vector = evaluate_population(population_facts(population, RULES, today), RULES, today)
    results = [evaluate(p, RULES, today) for p in population]
    meets_today = sum(r.status is Status.MEETS for r in results)
    assert vector.meeting_on(today) == meets_today


@settings(max_examples=300, deadline=None)
@given(profiles, today_st)
def test_one_course_is_never_easier_than_credits_summed(profile, today):
    """Every course that counts as one course also counts in a sum; never the other way."""
    one_course = evaluate(profile, RULES, today)
    summed = evaluate(profile, RULES_SUMMED, today)
    assert summed.status >= one_course.status
    if all(f.credits >= 30 for f in profile.further_educations):
        assert summed.status == one_course.status


@settings(max_examples=300, deadline=None)
@given(profiles, today_st, st.sampled_from([RULES, RULES_SUMMED, RULES_V2, RULES_V2_WHOLE_PERIOD]))
def test_meeting_the_requirement_means_the_formal_education_is_in_place(profile, today, rules):
    """«Oppfyller» needs the education and the experience; the education alone is what the
    2022 mapping counted, so it is never rarer than meeting the requirement."""
    result = evaluate(profile, rules, today)
    if result.status is Status.MEETS:
        assert result.education_in_place
    if result.status is Status.NOT_SUBJECT:
        assert not result.education_in_place


@settings(max_examples=200, deadline=None)
@given(profiles, today_st)
def test_a_service_can_bring_only_the_rule_sets_optional_roles_under_the_requirement(
    profile, today
):
    covered = evaluate(profile, RULES, today).status is not Status.NOT_SUBJECT
    by_rule_set = profile.role_category in RULES.applies_to
    chosen = profile.role_category in RULES.optional_roles & profile.extra_roles
    assert covered == (by_rule_set or chosen)
