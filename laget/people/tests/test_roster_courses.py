"""Courses of further education in the staff list (issue 24, item 1): «Videreutdanning 1» to
«… 5», each with its name, credits, date and relevance, stored one by one; a sum only for what
the courses do not hold, and as a sum; bad numbers and dates refused with row and column; the
service's own export imports back unchanged. Educations are classified by the list of relevant
education (item 5)."""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from laget.people.models import Education, Employment, FurtherEducation
from laget.people.roster.columns import COLUMNS, COURSES
from laget.people.roster.exporting import roster_template, roster_xlsx_export
from laget.people.tests.roster_files import xlsx
from laget.people.tests.test_roster_import import TODAY, run, snapshot
from laget.people.tests.test_roster_import import row as full_row
from tests.factories import FurtherEducationFactory

pytestmark = pytest.mark.django_db
SUM = "Relevant videreutdanning fullført (studiepoeng)"


def row(number: str, *courses: tuple, **values) -> list[str]:
    """A row without the base row's sum of 15, with courses (name, credits, date[, relevant])."""
    cells = {"employee_number": number, "further_completed_credits": "", **values}
    for n, course in enumerate(courses, start=1):
        for part, value in zip(("name", "credits", "completed", "relevant"), course, strict=False):
            cells[f"course_{n}_{part}"] = value
    return full_row(**cells)


def further_of(number: str) -> list[tuple]:
    person = Employment.objects.get(employee_number=number).person
    rows = person.further_educations.values_list(
        "course", "credits", "ends_on", "is_sum", "relevant", "relevance_basis", "source"
    )
    return sorted(rows, key=lambda r: (r[2] is None, r[2] or date.min, r[0]))


def test_the_template_has_five_courses_and_explains_them():
    headers = [c.header for c in COLUMNS]
    assert COURSES == 5
    for n in range(1, 6):
        for part in ("navn", "studiepoeng", "fullført", "relevant"):
            assert f"Videreutdanning {n} – {part}" in headers
    workbook = load_workbook(io.BytesIO(roster_template()))
    explained = [
        cell for line in workbook["Forklaring"].iter_rows(values_only=True) for cell in line if cell
    ]
    assert "Videreutdanning 1 – studiepoeng" in explained
    assert "Emnets studiepoeng: over 0 og høyst 300." in explained
    text = " ".join(str(c) for c in explained)
    assert "to emner på 15 er ikke nok" in text
    assert "status «må sjekkes» til emnene er registrert" in text


def test_each_course_is_stored_as_a_course_classified_by_the_list(world):
    report = run(
        world,
        xlsx(
            [
                row(
                    "1",
                    ("Vurdering av barnets beste", "30", "15.06.2024"),
                    ("Kommunikasjon med barn", "7,5", "01.12.2022"),
                    ("Traumebevisst omsorg", "15", "", "ja"),
                    ("Økonomistyring", "10", "01.06.2020", "nei"),
                )
            ]
        ),
    )
    assert report.ok and report.created == 1
    assert further_of("1") == [
        ("Økonomistyring", Decimal("10.0"), date(2020, 6, 1), False, False, "assessed", "import"),
        (
            "Kommunikasjon med barn",
            Decimal("7.5"),
            date(2022, 12, 1),
            False,
            False,
            "not_assessed",
            "import",
        ),
        (
            "Vurdering av barnets beste",
            Decimal("30.0"),
            date(2024, 6, 15),
            False,
            True,
            "list",
            "import",
        ),
        ("Traumebevisst omsorg", Decimal("15.0"), None, False, True, "assessed", "import"),
    ]
    listed = FurtherEducation.objects.get(course="Vurdering av barnets beste")
    assert (listed.relevance_entry, listed.relevance_version) == ("vu-barnets-beste", "1")


def test_a_sum_is_stored_only_for_what_the_courses_do_not_hold(world):
    run(
        world,
        xlsx(
            [
                row(
                    "1",
                    ("Juss i barnevernfaglig arbeid", "30", "01.06.2023"),
                    **{"further_completed_credits": "45"},
                )
            ]
        ),
    )
    assert [(c, credits, is_sum) for c, credits, _d, is_sum, *_ in further_of("1")] == [
        ("Juss i barnevernfaglig arbeid", Decimal("30.0"), False),
        ("Relevant videreutdanning (fra HR-import)", Decimal("15.0"), True),
    ]


def test_importing_the_same_courses_again_changes_nothing(world):
    content = xlsx([row("1", ("Juss i barnevernfaglig arbeid", "30", "01.06.2023"))])
    run(world, content)
    first = snapshot()
    report = run(world, content)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    assert snapshot() == first


def test_a_course_registered_by_hand_is_not_added_again(world):
    run(world, xlsx([row("1")]))
    person = Employment.objects.get(employee_number="1").person
    FurtherEducationFactory(person=person, course="Barnevernledelse", credits=Decimal(30))
    run(world, xlsx([row("1", ("barnevernledelse", "30", "01.06.2021"))]))
    assert list(person.further_educations.values_list("course", "source")) == [
        ("Barnevernledelse", "manual")
    ]


BAD_COURSES = [
    (("Emne", "-5", "01.06.2024"), "Videreutdanning 1 – studiepoeng", "over 0 og høyst 300"),
    (("Emne", "0", "01.06.2024"), "Videreutdanning 1 – studiepoeng", "over 0 og høyst 300"),
    (("Emne", "301", "01.06.2024"), "Videreutdanning 1 – studiepoeng", "fikk 301"),
    (("Emne", "tretti", "01.06.2024"), "Videreutdanning 1 – studiepoeng", "er ikke et tall"),
    (("Emne", "", "01.06.2024"), "Videreutdanning 1 – studiepoeng", "må fylles ut"),
    (("Emne", "30", "01.06.2027"), "Videreutdanning 1 – fullført", "01.06.2027 er fram i tid"),
    (("Emne", "30", "31.02.2024"), "Videreutdanning 1 – fullført", "er ikke en dato"),
    (("", "30", "01.06.2024"), "Videreutdanning 1 – navn", "må fylles ut"),
    (("Emne", "30", "01.06.2024", "kanskje"), "Videreutdanning 1 – relevant", "ja eller nei"),
]


@pytest.mark.parametrize(("course", "column", "message"), BAD_COURSES)
def test_a_bad_course_is_refused_with_its_row_and_column_and_nothing_is_written(
    world, course, column, message
):
    before = snapshot()
    report = run(world, xlsx([row("1"), row("2", course)]))
    assert not report.ok and not report.applied
    assert [(e.row, e.column) for e in report.errors] == [(3, column)]
    assert message in report.errors[0].message
    assert snapshot() == before


def test_every_bad_course_of_a_file_is_reported_at_once(world):
    report = run(
        world,
        xlsx(
            [
                row("1", ("Emne", "-5", "01.06.2024"), ("Emne", "15", "01.01.2030")),
                row("2", ("A", "30", "01.06.2024"), further_completed_credits="15"),
            ]
        ),
    )
    assert [(e.row, e.column) for e in report.errors] == [
        (2, "Videreutdanning 1 – studiepoeng"),
        (2, "Videreutdanning 2 – navn"),
        (2, "Videreutdanning 2 – fullført"),
        (3, SUM),
    ]
    assert "står også som videreutdanning 1" in report.errors[1].message
    assert "summen (15) er mindre enn emnene på raden (30 studiepoeng)" in report.errors[3].message


@pytest.mark.parametrize(
    ("level", "field", "said", "expected"),
    [
        ("bachelor", "Sosialt arbeid", "", (True, "list", "bachelor-sosialt-arbeid")),
        ("bachelor", "Barnevern", "nei", (True, "list", "bachelor-barnevern")),
        ("master", "Barnevernsarbeid", "", (True, "list", "master-barnevernsarbeid")),
        ("bachelor", "Vernepleie", "ja", (True, "assessed", "")),
        ("bachelor", "Vernepleie", "nei", (False, "assessed", "")),
        ("bachelor", "Vernepleie", "", (False, "not_assessed", "")),
    ],
)
def test_the_education_in_a_file_is_classified_by_the_list(world, level, field, said, expected):
    run(
        world,
        xlsx([row("1", education_level=level, education_field=field, education_relevant=said)]),
    )
    education = Education.objects.get()
    assert (
        education.relevant,
        education.relevance_basis,
        education.relevance_entry,
    ) == expected


def test_the_export_writes_the_courses_and_imports_back_unchanged(world):
    """Courses from a file (on the list, judged, not judged), courses registered by hand, a
    sum: the service's own export imports back with nothing changed."""
    run(
        world,
        xlsx(
            [
                row(
                    "1",
                    ("Vurdering av barnets beste", "30", "15.06.2024"),
                    ("Kommunikasjon med barn", "7,5", "01.12.2022"),
                    ("Økonomistyring", "10", "01.06.2020", "nei"),
                    education_field="Vernepleie",
                    education_relevant="",
                    further_completed_credits="52,5",
                ),
                row("2", further_completed_credits="30"),
            ]
        ),
    )
    person = Employment.objects.get(employee_number="2").person
    for name in ("Barnevernfaglig veiledning", "Samtaler med barn"):
        FurtherEducationFactory(person=person, course=name, credits=Decimal(15))
    for number, employment in enumerate(
        Employment.objects.filter(service=world.service_a, employee_number=""), start=1
    ):
        employment.employee_number = f"A{number}"  # the world's staff, without numbers
        employment.save()
    before = snapshot(), further_of("1"), further_of("2")
    _name, content = roster_xlsx_export(
        actor=world.user("leader"), service=world.service_a, today=TODAY
    )
    sheet = load_workbook(io.BytesIO(content))["Ansatte"]
    headers = [c.value for c in sheet[1]]
    lines = [
        dict(zip(headers, (c.value for c in line), strict=True))
        for line in sheet.iter_rows(min_row=2)
    ]
    first = next(line for line in lines if line["Ansattnummer"] == "1")
    assert first["Videreutdanning 1 – navn"] == "Økonomistyring"
    assert first["Videreutdanning 1 – relevant"] == "nei"
    assert first["Videreutdanning 2 – navn"] == "Kommunikasjon med barn"
    assert first["Videreutdanning 2 – relevant"] is None  # not judged: left empty
    assert first["Videreutdanning 3 – studiepoeng"] == 30
    assert first["Relevant utdanning"] is None
    assert first[SUM] == 52.5  # every course not judged irrelevant, and the sum of 15
    report = run(world, content, name="eksport.xlsx")
    assert report.ok, report.errors
    assert (report.created, report.updated, report.unchanged) == (0, 0, 8), [
        (p.employee_number, p.fields) for p in report.persons if p.fields
    ]
    assert (snapshot(), further_of("1"), further_of("2")) == before


def test_the_upload_page_says_how_courses_and_sums_are_read(client, world):
    from html import unescape

    from django.urls import reverse

    client.force_login(world.user("leader"))
    html = unescape(
        client.get(reverse("roster:upload", kwargs={"pk": world.service_a.pk})).content.decode()
    )
    assert "«Videreutdanning 1» til «Videreutdanning 5»" in html
    assert "gir status «må sjekkes» til emnene er registrert" in html
