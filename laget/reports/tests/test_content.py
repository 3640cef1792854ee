"""What the generated content shows: every section's blocks, suppression for a public
document, no names, and the inter-municipal label."""

from __future__ import annotations

import json

import pytest

from laget.domain.suppression import MIN_N
from laget.reports.content import build_content
from laget.reports.content.format import SUPPRESSED, Formatter, number
from laget.reports.models import ReportTemplate
from laget.reports.tests.helpers import TODAY
from tests.factories import ServiceFactory, staff, staff_with_register


def _content(service, municipality=None, comparisons=(), formatter=None):
    template = ReportTemplate.in_force(TODAY)
    return build_content(
        service=service,
        municipality=municipality or service.host_municipality,
        year=TODAY.year,
        as_of=TODAY,
        sections=template.sections,
        comparisons=list(comparisons),
        formatter=formatter,
    )


def test_norwegian_numbers():
    assert number(12345.678, 1) == "12\u00a0345,7"
    # half up, as on the pages (laget.core.numbers), not Python's half to even («7,2»)
    assert number(7.25, 1) == "7,3"


@pytest.mark.django_db
def test_the_template_is_data_with_bufdirs_seven_chapters():
    template = ReportTemplate.in_force(TODAY)
    top = [s["number"] for s in template.sections if s["level"] == 1]
    assert top == ["1", "2", "3", "4", "5", "6", "7", "8"]  # 8: who took part (KS Trøndelag)
    assert all(s["guidance"] for s in template.sections)


@pytest.mark.django_db
def test_a_service_of_twelve_shows_its_figures(world):
    staff_with_register(world.service_a, 6)  # 12 staff in all
    formatter = Formatter()
    content = _content(world.service_a, formatter=formatter)
    facts = dict(content["blocks"]["key_figures"][0]["items"])
    assert facts["Ansatte 23.11.2026"] == "12"
    assert facts["Årsverk"] == "12,0"
    staffing = content["blocks"]["staffing"][0]
    assert staffing["rows"][-1] == ["Alle", "12", "12,0"]
    assert not [f for f in formatter.figures if not f.suppressed and 0 < f.n < MIN_N]


@pytest.mark.django_db
def test_a_service_of_three_shows_nothing_that_rests_on_fewer_than_five(world):
    tiny = ServiceFactory(name="Liten tjeneste", slug="liten")
    employments = staff(tiny, 3)
    formatter = Formatter()
    content = _content(tiny, comparisons=["county", "national"], formatter=formatter)
    shown_below = [f for f in formatter.figures if not f.suppressed and 0 < f.n < MIN_N]
    # a zero the nation's own zero already says («nobody left in 2022») is news about nobody
    assert [f for f in shown_below if f.value != 0] == []
    assert sum(f.suppressed for f in formatter.figures) > 20
    facts = dict(content["blocks"]["key_figures"][0]["items"])
    assert facts["Ansatte 23.11.2026"] == SUPPRESSED
    text = json.dumps(content, ensure_ascii=False)
    for employment in employments:  # a public document: no names, ever
        assert employment.person.family_name not in text
    # nothing to point to when every figure is hidden: the report says why
    signals = content["blocks"]["signals"][0]["items"]
    assert "færre enn fem ansatte" in signals[0]


@pytest.mark.django_db
def test_no_names_even_when_the_service_is_large(world):
    employments = staff_with_register(world.service_a, 10)
    text = json.dumps(_content(world.service_a), ensure_ascii=False)
    for employment in employments:
        assert employment.person.family_name not in text
        assert employment.person.given_name not in text


@pytest.mark.django_db
def test_an_inter_municipal_service_labels_figures_that_are_the_whole_services(world):
    os = world.service_b.municipalities.get(number="3430")
    content = _content(world.service_b, os, comparisons=["municipality"])
    assert content["inter_municipal"] is True
    assert content["municipality"] == "Os"
    staffing = content["blocks"]["staffing"][0]
    assert "hele den interkommunale tjenesten Tjeneste B" in staffing["scope"]
    assert "ikke Os alene" in staffing["scope"]
    own = content["blocks"]["comparisons"][-1]
    assert own["scope"] == "Tall for Os kommune."


@pytest.mark.django_db
def test_a_single_municipality_service_needs_no_label(world):
    content = _content(world.service_a)
    assert content["inter_municipal"] is False
    assert content["blocks"]["staffing"][0]["scope"] == ""


@pytest.mark.django_db
def test_an_unknown_block_in_the_template_is_refused(world):
    with pytest.raises(ValueError, match="ukjent_blokk"):
        build_content(
            service=world.service_a,
            municipality=world.service_a.host_municipality,
            year=TODAY.year,
            as_of=TODAY,
            sections=[{"key": "x", "blocks": ["ukjent_blokk"]}],
            comparisons=[],
        )


@pytest.mark.django_db
def test_comparisons_with_the_county_and_the_nation(world):
    staff_with_register(world.service_a, 4)
    content = _content(world.service_a, comparisons=["county", "national"])
    rows = content["blocks"]["comparisons"][0]["rows"]
    labels = [r[0] for r in rows]
    assert labels[1] == "Tjenestene i Trøndelag" and labels[2].startswith("Tjenestene i landet")
    # Trøndelag: A (10) and B (6); the nation: A, B and C (6)
    assert rows[1][1:3] == ["2", "16"]
    assert rows[2][1:3] == ["3", "22"]


@pytest.mark.django_db
def test_the_competence_plans_measures_by_kind_and_status_without_names(world):
    from datetime import timedelta

    from laget.planning.models import CompetencePlan, Measure

    employments = staff_with_register(world.service_a, 12)
    plan = CompetencePlan.objects.create(service=world.service_a, year=TODAY.year)
    kinds = ["further_education"] * 6 + ["master"] * 3 + ["mentoring"] * 3
    for index, employment in enumerate(employments):
        Measure.objects.create(
            plan=plan,
            kind=kinds[index],
            person=employment.person,
            title=f"Videreutdanning for {employment.person.family_name}",
            credits=30,
            ends_on=TODAY - timedelta(days=30) if index < 6 else TODAY + timedelta(days=200),
            grant_outcome="granted" if index < 5 else "",
        )
    Measure.objects.create(plan=plan, kind="course", title="Kurs i samtaler med barn")
    formatter = Formatter()
    content = _content(world.service_a, formatter=formatter)
    table = {row[0]: row[1] for row in content["blocks"]["competence_plan"][0]["rows"]}
    # 3 and 3: both hidden, so neither can be worked out from the total; the measures list's
    # «videreutdanning eller master» is the same people, so 9 less a shown 6 would give the 3
    # master students, and 12 − 9 the 3 mentored: both tables are protected as one
    assert table["Masterstudium"] == SUPPRESSED
    assert table["Mentor/veiledning"] == SUPPRESSED
    assert table["Videreutdanning"] == SUPPRESSED
    assert content["blocks"]["measures"][0]["items"][1].endswith(f"master: {SUPPRESSED}")
    assert table["Alle tiltak for navngitte ansatte"] == "12"
    assert table["– av dem fullført"] == "6"
    assert table["– av dem pågår eller er planlagt"] == "6"
    grants = dict(content["blocks"]["competence_plan"][1]["items"])
    assert grants["Tiltak det er søkt tilskudd til"] == "5"
    measures = content["blocks"]["measures"][0]["items"]
    assert measures[0] == "Kurs i samtaler med barn (kurs uten studiepoeng)"
    text = json.dumps(content, ensure_ascii=False)
    assert "Videreutdanning for" not in text  # a person's measure is counted, never named
    assert not [f for f in formatter.figures if not f.suppressed and 0 < f.n < MIN_N]


@pytest.mark.django_db
def test_a_member_municipality_gets_its_own_figures_from_the_units_that_serve_it(world):
    from laget.organisations.models import ServiceUnit

    os = world.service_b.municipalities.get(number="3430")
    holtalen = world.service_b.municipalities.get(number="5026")
    team_os = ServiceUnit.objects.create(service=world.service_b, name="Team Os", municipality=os)
    staff(world.service_b, 5, unit=team_os)
    content = _content(world.service_b, os)
    own = content["blocks"]["municipality_figures"][0]
    assert own["title"].startswith("Tall for Os: Team Os")
    assert own["scope"] == "Tall for Os kommune."
    items = dict(own["items"])
    assert items["Ansatte"] == "5" and items["Årsverk"] == "5,0"
    # the whole service's figures are there too, labelled as such: 6 + 5
    assert dict(content["blocks"]["key_figures"][0]["items"])["Ansatte 23.11.2026"] == "11"
    other = _content(world.service_b, holtalen)["blocks"]["municipality_figures"][0]
    assert "ingen enhet registrert for Holtålen" in other["paragraphs"][0]


@pytest.mark.django_db
def test_a_unit_can_only_serve_one_of_the_services_municipalities(world):
    from django.core.exceptions import ValidationError

    from laget.organisations.models import ServiceUnit

    unit = ServiceUnit(
        service=world.service_b, name="Team Bergen", municipality=world.service_c.host_municipality
    )
    with pytest.raises(ValidationError, match="betjener ikke"):
        unit.full_clean()


@pytest.mark.django_db
def test_a_batch_shares_figures_and_gets_the_same_content(world, django_assert_max_num_queries):
    os, holtalen = (world.service_b.municipalities.get(number=n) for n in ("3430", "5026"))
    alone = [
        _content(world.service_b, m, comparisons=["county", "national"]) for m in (os, holtalen)
    ]
    shared: dict = {}
    template = ReportTemplate.in_force(TODAY)

    def batch(municipality):
        return build_content(
            service=world.service_b,
            municipality=municipality,
            year=TODAY.year,
            as_of=TODAY,
            sections=template.sections,
            comparisons=["county", "national"],
            shared=shared,
        )

    first = batch(os)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as second_queries:
        second = batch(holtalen)
    with CaptureQueriesContext(connection) as alone_queries:
        _content(world.service_b, holtalen, comparisons=["county", "national"])
    assert [first, second] == alone
    assert len(second_queries) < len(alone_queries) / 2
    rows = first["blocks"]["comparisons"][0]["rows"]
    # Os lies in Innlandet: its report compares with the services there
    assert [r[0] for r in rows][1:] == ["Tjenestene i Innlandet", "Tjenestene i landet (i Laget)"]


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_the_staff(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from laget.publication.refresh import refresh

    def queries() -> int:
        refresh(TODAY, days=[TODAY])  # the figures stored, as the pass after a change does
        with CaptureQueriesContext(connection) as captured:
            _content(world.service_a, comparisons=["county", "national", "municipality"])
        return len(captured)

    staff_with_register(world.service_a, 4)
    queries()  # the first asks for the municipality's county, then it is known
    small = queries()
    staff_with_register(world.service_a, 40)
    assert queries() == small


def test_last_years_report_reads_the_register_at_the_turn_of_the_year():
    from datetime import date

    from laget.reports.content.context import figures_date
    from laget.workforce.years import last_complete_year

    assert figures_date(2026, date(2026, 11, 23)) == date(2026, 11, 23)
    as_of = figures_date(2025, date(2026, 2, 10))
    assert as_of == date(2026, 1, 1)
    assert last_complete_year(as_of) == 2025  # the report's own year is the last one shown


@pytest.mark.django_db
def test_the_staffing_table_s_total_does_not_give_the_small_roles_back(world):
    """Trondheim's 2025 report hid the leader and deputy rows, but «Alle 104» less the other
    rows gave them."""
    staff(world.service_a, 20)
    staff(world.service_a, 1, role_category="leader")
    staff(world.service_a, 2, role_category="deputy_leader")
    formatter = Formatter()
    content = _content(world.service_a, formatter=formatter)
    rows = {row[0]: row[1] for row in content["blocks"]["staffing"][0]["rows"]}
    assert rows["Leder"] == SUPPRESSED and rows["Stedfortreder"] == SUPPRESSED
    shown = [int(v) for label, v in rows.items() if label != "Alle" and v != SUPPRESSED]
    if rows["Alle"] != SUPPRESSED:
        # what is left of the total after the shown rows is shared by at least 5 persons
        assert int(rows["Alle"]) - sum(shown) >= 5
