"""«Må sjekkes» (issue 24): what cannot be counted until it is checked — credits known only as
a sum, an education nobody has judged relevant — gives its own status when checking it could
give a better one. Persons made by hand; every status also from both population engines."""

from datetime import date

from laget.domain.competence import (
    Education,
    EducationLevel,
    FurtherEducation,
    FurtherEducationStatus,
    ShortfallKind,
    Status,
)
from laget.domain.competence.urgency import urgency_key
from laget.domain.tests.test_competence_engine import RULES_SUMMED
from laget.domain.tests.test_competence_v2 import BACHELOR, all_three, hired

TODAY = date(2026, 11, 23)
DONE = FurtherEducationStatus.COMPLETED
#: hired full time in 2015: more than four years by 2031
START = date(2015, 1, 1)


def course(credits, *, is_sum=False, assessed=True, relevant=True, name=""):
    return FurtherEducation(
        credits, relevant, DONE, date(2024, 6, 1), is_sum=is_sum, assessed=assessed, name=name
    )


def test_one_course_of_30_meets_the_credit_part():
    result = all_three(hired(START, further=(course(30),)), TODAY)
    assert result.status is Status.MEETS
    assert result.status_counted is None and result.status_if_confirmed is None


def test_two_courses_of_15_do_not_count_as_one_course_of_30():
    result = all_three(hired(START, further=(course(15), course(15))), TODAY)
    assert result.status is Status.AT_RISK
    assert [(s.kind, s.amount) for s in result.shortfalls] == [(ShortfallKind.CREDITS, 30)]
    assert result.credits_not_counted == 30


def test_a_sum_of_30_must_be_checked_and_says_what_is_missing():
    result = all_three(hired(START, further=(course(30, is_sum=True),)), TODAY)
    assert result.status is Status.NEEDS_CHECK
    assert (result.status_counted, result.status_if_confirmed) == (Status.AT_RISK, Status.MEETS)
    assert result.path == "transition"
    assert [(s.kind, s.amount, s.course_credits) for s in result.shortfalls] == [
        (ShortfallKind.CREDITS, 30, None),
        (ShortfallKind.CREDITS_TO_CHECK, 30, 30),
    ]
    assert result.met_on is None  # nothing is counted as met until it is checked


def test_the_courses_behind_a_sum_decide_once_they_are_registered():
    """The sum of 30 replaced by its courses: one of 30 meets it, two of 15 do not."""
    assert all_three(hired(START, further=(course(30),)), TODAY).status is Status.MEETS
    two = all_three(hired(START, further=(course(15), course(15))), TODAY)
    assert two.status is Status.AT_RISK


def test_a_sum_smaller_than_one_course_holds_none_so_nothing_is_to_check():
    result = all_three(hired(START, further=(course(20, is_sum=True),)), TODAY)
    assert result.status is Status.AT_RISK
    assert ShortfallKind.CREDITS_TO_CHECK not in {s.kind for s in result.shortfalls}
    assert result.credits_not_counted == 20


def test_a_sum_beside_a_course_of_30_changes_nothing():
    result = all_three(hired(START, further=(course(30), course(45, is_sum=True))), TODAY)
    assert result.status is Status.MEETS


def test_a_sum_counts_in_full_where_the_rule_set_sums_credits():
    result = all_three(hired(START, further=(course(30, is_sum=True),)), TODAY, RULES_SUMMED)
    assert result.status is Status.MEETS


def test_a_sum_that_could_not_help_leaves_the_status_as_it_is():
    """Half time since 2025: at risk for the experience, whatever the courses; the sum is
    still named as something to check."""
    result = all_three(hired(date(2025, 1, 1), fte=0.5, further=(course(30, is_sum=True),)), TODAY)
    assert result.status is Status.AT_RISK
    assert result.status_counted is None
    assert [s.kind for s in result.shortfalls] == [
        ShortfallKind.CREDITS,
        ShortfallKind.CREDITS_TO_CHECK,
        ShortfallKind.EXPERIENCE,
    ]


def test_a_master_nobody_has_judged_must_be_checked():
    unjudged = Education(
        EducationLevel.MASTER, False, date(2020, 6, 1), assessed=False, name="Master i ledelse"
    )
    result = all_three(hired(date(2024, 1, 1), educations=(unjudged,), further=()), TODAY)
    assert result.status is Status.NEEDS_CHECK
    assert (result.status_counted, result.status_if_confirmed) == (
        Status.AT_RISK,
        Status.MEETS,
    )
    assert result.path == "master"
    assert [(s.kind, s.what) for s in result.shortfalls] == [
        (ShortfallKind.MASTER, ""),
        (ShortfallKind.NOT_ASSESSED, "Master i ledelse"),
    ]


def test_a_course_nobody_has_judged_must_be_checked():
    unjudged = course(30, assessed=False, relevant=False, name="Traumebevisst praksis")
    result = all_three(hired(START, further=(unjudged,)), TODAY)
    assert result.status is Status.NEEDS_CHECK
    assert result.shortfalls[-1].what == "Traumebevisst praksis"


def test_judged_not_relevant_is_no_longer_to_check():
    judged = course(30, assessed=True, relevant=False, name="Traumebevisst praksis")
    result = all_three(hired(START, further=(judged,)), TODAY)
    assert result.status is Status.AT_RISK


def test_those_to_check_come_after_those_at_risk_and_before_the_exempt():
    at_risk = all_three(hired(START, further=()), TODAY)
    check = all_three(hired(START, further=(course(30, is_sum=True),)), TODAY)
    assert urgency_key(at_risk) < urgency_key(check)
    assert BACHELOR.assessed


def test_a_sum_under_way_must_be_checked_too_and_says_so():
    """30 credits under way, known only as a sum (the file's «… pågår»): if it is one course,
    the person will meet the requirement; it is named as what must be checked."""
    under_way = FurtherEducation(
        30, True, FurtherEducationStatus.IN_PROGRESS, date(2027, 6, 30), is_sum=True
    )
    result = all_three(hired(START, further=(under_way,)), TODAY)
    assert result.status is Status.NEEDS_CHECK
    assert (result.status_counted, result.status_if_confirmed) == (
        Status.AT_RISK,
        Status.WILL_MEET,
    )
    assert result.shortfalls[-1].kind is ShortfallKind.CREDITS_TO_CHECK


def test_a_withdrawn_sum_is_nothing_to_check():
    gone = FurtherEducation(30, True, FurtherEducationStatus.WITHDRAWN, None, is_sum=True)
    result = all_three(hired(START, further=(gone,)), TODAY)
    assert result.status is Status.AT_RISK
    assert ShortfallKind.CREDITS_TO_CHECK not in {s.kind for s in result.shortfalls}


def test_everything_to_check_is_named_whichever_path_is_shown():
    """A master nobody has judged and a sum: the master path is shown, the sum named too."""
    unjudged = Education(
        EducationLevel.MASTER, False, date(2020, 6, 1), assessed=False, name="Master i helsefag"
    )
    profile = hired(START, educations=(BACHELOR, unjudged), further=(course(30, is_sum=True),))
    result = all_three(profile, TODAY)
    assert result.status is Status.NEEDS_CHECK and result.path == "master"
    assert [s.kind for s in result.shortfalls] == [
        ShortfallKind.MASTER,
        ShortfallKind.CREDITS_TO_CHECK,
        ShortfallKind.NOT_ASSESSED,
    ]
