"""Version 2 of the 2031 rule set: the Act of 2021 cited, its readings named, the transition
rule held to 1 January 2031, and no 2027 rule of its own. Persons made by hand."""

import json
from datetime import date
from pathlib import Path

from laget.domain.competence import (
    Education,
    EducationLevel,
    EmploymentPeriod,
    FurtherEducation,
    FurtherEducationStatus,
    PersonProfile,
    ShortfallKind,
    Status,
    evaluate,
    rule_set_from_dict,
)
from laget.domain.competence.columns import PopulationColumns, population_facts_from_columns
from laget.domain.competence.population import evaluate_population, population_facts

RULE_SETS = Path(__file__).resolve().parents[2] / "competence" / "rulesets"
V2 = json.loads((RULE_SETS / "kompetansekrav-2031-v2.json").read_text(encoding="utf-8"))
RULES_V2 = rule_set_from_dict(V2)
#: the other reading of «fire års arbeidserfaring»: every day counts, whatever the share
RULES_V2_WHOLE_PERIOD = rule_set_from_dict({**V2, "experience_counting": "whole_period"})

BACHELOR = Education(EducationLevel.BACHELOR, relevant=True, completed_on=date(2020, 6, 15))
COURSE = FurtherEducation(30, True, FurtherEducationStatus.COMPLETED, date(2026, 6, 1))


def hired(start, fte=1.0, prior=0.0, educations=(BACHELOR,), further=(COURSE,)):
    return PersonProfile(
        "core",
        tuple(educations),
        tuple(further),
        (EmploymentPeriod(start, None, fte),),
        prior,
    )


def all_three(profile, today, rules=RULES_V2):
    """The person engine's status, checked against the population engine's from profiles and
    from columns."""
    result = evaluate(profile, rules, today)
    vector = evaluate_population(population_facts([profile], rules, today), rules, today)
    columns = population_facts_from_columns(
        PopulationColumns.from_profiles([profile]), rules, today
    )
    from_columns = evaluate_population(columns, rules, today)
    assert Status(vector.status[0]) is result.status
    assert Status(from_columns.status[0]) is result.status
    return result


def test_version_2_cites_the_act_of_2021_in_force_and_names_its_readings():
    assert RULES_V2.version == "2"
    assert RULES_V2.legal_paragraph == "barnevernsloven (2021) § 3-3"
    assert "18. juni 2021 nr. 97" in RULES_V2.legal_source
    assert "minst fire års arbeidserfaring fra barnevernet" in RULES_V2.legal_text
    keys = [r.key for r in RULES_V2.readings]
    assert keys == [
        "credits_counting",
        "experience_counting",
        "experience_roles",
        "deadline",
        "coverage",
    ]
    assert all(r.act_text and r.reading for r in RULES_V2.readings)
    assert (RULES_V2.experience_counting, RULES_V2.experience_roles) == ("pro_rata", "any_role")


def test_the_march_2027_hire_with_a_month_before_does_not_meet_it_on_1_june_2031():
    # 1 month before + 46 months from 1 March 2027 to 1 January 2031 = 47 of the 48 required;
    # the five months after the deadline do not count for the transition rule.
    profile = hired(date(2027, 3, 1), prior=1)
    result = all_three(profile, date(2031, 6, 1))
    assert result.status is Status.CANNOT_MEET
    assert [s.kind for s in result.shortfalls] == [ShortfallKind.EXPERIENCE]
    assert result.shortfalls[0].amount == 1
    assert result.shortfalls[0].start_by is None


def test_the_march_2027_hire_stays_short_every_year_after_the_deadline():
    profile = hired(date(2027, 3, 1), prior=1)
    for year in (2031, 2032, 2035):
        assert all_three(profile, date(year, 12, 31)).status is Status.CANNOT_MEET


def test_hired_full_time_on_1_january_2027_has_exactly_48_months_and_meets_it():
    profile = hired(date(2027, 1, 1))
    assert all_three(profile, date(2027, 1, 1)).status is Status.WILL_MEET
    result = all_three(profile, date(2031, 1, 1))
    assert (result.status, result.met_on) == (Status.MEETS, date(2031, 1, 1))
    assert all_three(profile, date(2031, 6, 1)).status is Status.MEETS
    transition = next(p for p in result.paths if p.key == "transition")
    assert transition.shortfalls == ()


def test_hired_on_2_january_2027_is_a_day_short():
    result = all_three(hired(date(2027, 1, 2)), date(2031, 6, 1))
    assert result.status is Status.CANNOT_MEET
    assert [s.kind for s in result.shortfalls] == [ShortfallKind.EXPERIENCE]


def test_a_bachelor_or_a_course_finished_after_the_deadline_does_not_count_for_the_transition():
    late_bachelor = Education(EducationLevel.BACHELOR, relevant=True, completed_on=date(2031, 3, 1))
    profile = hired(date(2020, 1, 1), educations=[late_bachelor])
    assert all_three(profile, date(2031, 6, 1)).status is Status.CANNOT_MEET
    late_course = FurtherEducation(30, True, FurtherEducationStatus.COMPLETED, date(2031, 5, 1))
    profile = hired(date(2020, 1, 1), further=[late_course])
    result = all_three(profile, date(2031, 6, 1))
    assert result.status is Status.CANNOT_MEET
    assert [s.kind for s in result.shortfalls] == [ShortfallKind.CREDITS]


def test_a_master_finished_after_the_deadline_meets_it_from_then():
    master = Education(EducationLevel.MASTER, relevant=True, completed_on=date(2031, 5, 1))
    profile = hired(date(2029, 1, 1), educations=[BACHELOR, master], further=())
    assert all_three(profile, date(2031, 4, 1)).status is Status.CANNOT_MEET
    assert all_three(profile, date(2031, 6, 1)).status is Status.MEETS


def test_part_time_counts_pro_rata_or_in_full_as_the_rule_set_reads_it():
    # 50 % from 1 January 2025: six years by the deadline, 36 full-time months pro rata
    # (12 short: at risk, full time from now would reach it), 72 months in full.
    profile = hired(date(2025, 1, 1), fte=0.5)
    pro_rata = all_three(profile, date(2026, 12, 1))
    assert pro_rata.status is Status.AT_RISK
    assert round(pro_rata.experience_months_at_deadline) == 36
    assert [(s.kind, s.amount) for s in pro_rata.shortfalls] == [(ShortfallKind.EXPERIENCE, 12)]
    whole = all_three(profile, date(2026, 12, 1), RULES_V2_WHOLE_PERIOD)
    assert whole.status is Status.WILL_MEET


def test_an_unknown_reading_is_refused():
    import pytest

    from laget.domain.competence import RuleSetError

    with pytest.raises(RuleSetError) as error:
        rule_set_from_dict({**V2, "experience_counting": "weekly", "readings": [{"key": "x"}]})
    assert len(error.value.problems) == 2
