"""A unit's form is chosen on 1 December and kept the year out (issue 27, item 1: «kept the
same across views and across releases»): a service that grows past a form's least is shown
finer from the next 1 December, one whose covered staff fall below its form's least coarser
at once (its band must stay five wide), and the protection takes from a kept form only what
it tells a reader."""

from __future__ import annotations

from datetime import date

import pytest

from laget.competence.publication import FORM_LEAST, FORM_MOST, competence_publication, service_unit
from laget.competence.publication.figures import forms_chosen_on
from laget.domain.competence import recoding
from tests.factories import ServiceFactory, staff_with_register

pytestmark = pytest.mark.django_db


def _form(day: date, service) -> str:
    return competence_publication(day).forms[service_unit(service.pk)]


def test_a_service_that_grows_keeps_its_form_until_1_december_and_one_that_shrinks_drops_at_once(
    world,
):
    service = ServiceFactory(name="Voksende", slug="voksende", members=["5001"])
    staff_with_register(service, 20, start_date=date(2015, 1, 1))
    ten = staff_with_register(service, 10, start_date=date(2025, 1, 15))
    for employment in ten[:7]:
        employment.end_date = date(2025, 12, 10)
        employment.save()
    assert _form(date(2024, 12, 1), service) == "halves"  # 20 covered
    # ten more from January: 30 covered, «to grupper» by their number, but the half is kept
    published = competence_publication(date(2025, 6, 30))
    assert published.counts[service.pk]["subject"] == 30
    assert published.forms[service_unit(service.pk)] == "halves"
    assert recoding.form_for(30).key == "two"
    # chosen afresh on 1 December, and kept after it
    assert _form(date(2025, 12, 1), service) == "two"
    # seven leave in December: 23 covered, below «to grupper»'s 24: the half at once
    published = competence_publication(date(2025, 12, 31))
    assert published.counts[service.pk]["subject"] == 23
    assert published.forms[service_unit(service.pk)] == "halves"


def test_the_day_the_forms_are_chosen():
    assert forms_chosen_on(date(2026, 6, 30)) == date(2025, 12, 1)
    assert forms_chosen_on(date(2026, 12, 1)) == date(2025, 12, 1)  # itself chooses afresh
    assert forms_chosen_on(date(2026, 12, 31)) == date(2026, 12, 1)


def test_a_kept_form_finer_than_the_figures_allow_is_never_used_and_says_no_upper_limit():
    # finer than the figures: never (the band of a half needs 12 covered)
    assert recoding.form_for(10, "two").key == "none"
    assert recoding.form_for(30, "halves").key == "halves"
    assert recoding.form_for(30, None).key == "two"
    # a form kept since 1 December tells a reader the least covered, not the most (they may
    # have grown); one chosen from today's figures, or fallen to, tells both
    halves = recoding.BY_KEY["halves"]
    assert not recoding.says_most(halves, "halves")
    assert recoding.says_most(halves, "two")
    assert recoding.says_most(halves, None)
    assert not recoding.says_most(recoding.BY_KEY["statuses"], None)  # nothing is finer


def test_where_a_kept_form_s_covered_staff_are_hidden_the_page_s_limits_say_only_its_least(
    world,
):
    """Frøya-like: three covered on 1 December, no distribution; the limits a hidden covered
    count gets from its form are its least (0) and, only where chosen today, its most."""
    small = ServiceFactory(name="Liten", slug="liten", members=["5001"])
    staff_with_register(small, 3, start_date=date(2015, 1, 1))
    competence_publication(date(2024, 12, 1))
    published = competence_publication(date(2025, 6, 30))
    u = service_unit(small.pk) + "|"
    assert published.forms[service_unit(small.pk)] == "none"
    assert u + "subject" in published.protected.hidden  # three: a small figure
    assert u + FORM_LEAST in published.protected.view.constants
    assert u + FORM_MOST not in published.protected.view.cells
    # chosen from the day's own figures (no 1 December before it), the form says both
    fresh = competence_publication(date(2024, 6, 30))
    assert u + FORM_MOST in fresh.protected.view.constants
