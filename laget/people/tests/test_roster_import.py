"""Roster import: every error at once, all-or-nothing, idempotent, and the mapping step."""

from datetime import date
from decimal import Decimal

import pytest

from laget.core.models import AuditEntry
from laget.core.tabular import TabularFileError, read_table
from laget.people.models import Education, Employment, FurtherEducation, Person, PriorExperience
from laget.people.roster.importing import roster_import
from laget.people.roster.mapping import guess_mapping
from laget.people.tests.roster_files import HEADERS, csv_bytes, row, xlsx
from tests.factories import EducationFactory, FurtherEducationFactory, ServiceFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)


def run(world, content: bytes, name="roster.xlsx", *, apply=True, service=None, user="leader"):
    table = read_table(name, content)
    return roster_import(
        actor=world.user(user),
        service=service or world.service_a,
        table=table,
        mapping=guess_mapping(table.headers),
        today=TODAY,
        apply=apply,
    )


def snapshot():
    return (
        sorted(Person.objects.values_list("given_name", "family_name", "email", "birth_year")),
        sorted(
            Employment.objects.values_list(
                "employee_number", "position_title", "fte_percent", "start_date", "end_date"
            )
        ),
        Education.objects.count(),
        FurtherEducation.objects.count(),
        PriorExperience.objects.count(),
    )


# Twenty kinds of bad rows, each with the error it must give.
BAD_ROWS = [
    (row(employee_number=""), "Ansattnummer", "må fylles ut"),
    (row(employee_number="2", given_name=""), "Fornavn", "må fylles ut"),
    (row(employee_number="3", role_category="sjef"), "Rollekategori", "«sjef» er ikke gyldig"),
    (row(employee_number="4", fte_percent="hundre"), "Stillingsprosent", "er ikke et tall"),
    (row(employee_number="5", fte_percent="120"), "Stillingsprosent", "høyst 100"),
    (row(employee_number="6", fte_percent="0"), "Stillingsprosent", "over 0"),
    (row(employee_number="7", start_date="31.02.2020"), "Startdato", "er ikke en dato"),
    (row(employee_number="8", start_date="01.01.2030"), "Startdato", "fram i tid"),
    (row(employee_number="9", end_date="01.01.2018"), "Sluttdato", "før startdato"),
    (row(employee_number="10", end_reason="Ny jobb"), "Sluttårsak", "sluttårsak uten sluttdato"),
    (row(employee_number="11", unit="Månen"), "Enhet", "er ikke en enhet i tjenesten"),
    (row(employee_number="12", email="kari(at)kommune"), "E-post", "er ikke en e-postadresse"),
    (row(employee_number="13", birth_year="12345678901"), "Fødselsår", "fødselsnummer"),
    (
        row(employee_number="14", education_level="lisens"),
        "Høyeste utdanning",
        "«lisens» er ikke gyldig",
    ),
    (
        row(employee_number="15", education_relevant="kanskje"),
        "Relevant utdanning",
        "må være ja eller nei",
    ),
    (
        row(employee_number="16", education_completed="01.01.2029"),
        "Utdanning fullført",
        "fram i tid",
    ),
    (
        row(employee_number="17", further_completed_credits="tretti"),
        "Relevant videreutdanning fullført (studiepoeng)",
        "er ikke et tall",
    ),
    (
        row(employee_number="18", further_completed_credits="-15"),
        "Relevant videreutdanning fullført (studiepoeng)",
        "minst 0",
    ),
    (
        row(employee_number="19", further_in_progress_credits="15"),
        "Videreutdanning forventet fullført",
        "må fylles ut når videreutdanning pågår",
    ),
    (
        row(employee_number="20", prior_experience_months="mange"),
        "Tidligere barnevernserfaring (måneder)",
        "er ikke et tall",
    ),
    (row(employee_number="21", given_name="x" * 101), "Fornavn", "er for lang"),
    (row(employee_number="1001"), "Ansattnummer", "står også på rad"),
]


def test_twenty_kinds_of_bad_rows_give_every_error_and_change_nothing(world):
    good = [row(employee_number="1001")]
    before = snapshot()
    report = run(world, xlsx(good + [bad for bad, _, _ in BAD_ROWS]))
    assert not report.ok and not report.applied
    found = {(e.row, e.column) for e in report.errors}
    for index, (_bad, column, message) in enumerate(BAD_ROWS):
        file_row = index + 3  # header is row 1, the good row is row 2
        matches = [e for e in report.errors if e.row == file_row and e.column == column]
        assert matches, f"row {file_row}: no error for {column}"
        assert any(message in e.message for e in matches), (file_row, [e.message for e in matches])
    assert len(found) >= len(BAD_ROWS)
    assert snapshot() == before
    assert not AuditEntry.objects.exists()


def test_two_people_with_one_name_and_birth_year_are_told_apart_by_their_numbers(world):
    """The employee number is what identifies an employee: two Kari Nordmann born 1985 with
    numbers 1 and 2 are two people, and the file imports back unchanged."""
    content = xlsx([row(employee_number="1"), row(employee_number="2")])
    report = run(world, content)
    assert report.ok and report.applied and report.created == 2, report.errors
    again = run(world, content)
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_a_repeated_employee_number_is_refused_as_such(world):
    report = run(world, xlsx([row(employee_number="7"), row(employee_number="7")]))
    assert [(e.row, e.message) for e in report.errors] == [(3, "7 står også på rad 2")]


def test_a_valid_file_creates_the_register(world):
    content = xlsx(
        [
            row(
                employee_number="1",
                further_in_progress_credits="15",
                further_expected_end="30.06.2027",
                prior_experience_months="12",
                prior_experience_from="Bufetat",
            ),
            row(
                employee_number="2",
                given_name="Ola",
                birth_year="1990",
                role_category="leder",
                fte_percent="80,5",
                education_level="master",
                end_date="31.12.2026",
                end_reason="Oppsagt",
            ),
        ]
    )
    report = run(world, content)
    assert report.applied and (report.created, report.updated, report.unchanged) == (2, 0, 0)
    kari = Employment.objects.get(service=world.service_a, employee_number="1")
    assert kari.person.educations.get().level == "bachelor"
    assert sorted(kari.person.further_educations.values_list("status", "credits")) == [
        ("completed", Decimal("15.0")),
        ("in_progress", Decimal("15.0")),
    ]
    assert kari.person.prior_experiences.get().months == Decimal("12.0")
    ola = Employment.objects.get(service=world.service_a, employee_number="2")
    assert (ola.role_category, ola.fte_percent, ola.end_date) == (
        "leader",
        Decimal("80.5"),
        date(2026, 12, 31),
    )
    assert AuditEntry.objects.get().summary == "Importerte ansattliste: 2 nye, 0 endret, 0 uendret"


def test_importing_the_same_file_again_changes_nothing(world):
    content = xlsx(
        [row(employee_number="1"), row(employee_number="2", given_name="Ola", birth_year="1990")]
    )
    run(world, content)
    first = snapshot()
    report = run(world, content)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 2)
    assert snapshot() == first


def test_a_changed_row_updates_the_person_in_place(world):
    run(world, xlsx([row(employee_number="1")]))
    report = run(
        world,
        xlsx(
            [
                row(
                    employee_number="1",
                    family_name="Nordmann-Hansen",
                    further_completed_credits="30",
                )
            ]
        ),
    )
    assert (report.created, report.updated) == (0, 1)
    employment = Employment.objects.get(service=world.service_a, employee_number="1")
    assert employment.person.family_name == "Nordmann-Hansen"
    assert employment.person.further_educations.get().credits == Decimal("30.0")
    created, changed = AuditEntry.objects.order_by("pk")
    assert created.changes["persons"] == [
        {"person": employment.person_id, "employment": employment.pk, "change": "new"}
    ]
    # which person and which fields changed, never the values (names, birth year are personal)
    assert changed.changes["persons"] == [
        {
            "person": employment.person_id,
            "employment": employment.pk,
            "change": "changed",
            "fields": ["education_records", "family_name"],
        }
    ]
    assert "Nordmann-Hansen" not in str(changed.changes)


def test_records_registered_by_hand_are_not_duplicated_by_a_file_stating_totals(world):
    run(world, xlsx([row(employee_number="1", further_completed_credits="")]))
    person = Employment.objects.get(employee_number="1").person
    FurtherEducationFactory(person=person, credits=Decimal("15"))  # registered in Laget
    EducationFactory(person=person, level="master", completed_on=date(2020, 6, 1))
    run(world, xlsx([row(employee_number="1", further_completed_credits="30")]))
    assert sorted(person.further_educations.values_list("source", "credits")) == [
        ("import", Decimal("15.0")),
        ("manual", Decimal("15.0")),
    ]


def test_dry_run_reports_but_writes_nothing(world):
    before = snapshot()
    report = run(world, xlsx([row(employee_number="1")]), apply=False)
    assert report.ok and report.created == 1 and not report.applied
    assert snapshot() == before


def test_csv_with_semicolons_comma_decimals_and_windows_encoding(world):
    content = csv_bytes(
        [row(employee_number="1", given_name="Åse", fte_percent="50,0")], encoding="cp1252"
    )
    report = run(world, content, name="hr-eksport.csv")
    assert report.applied
    employment = Employment.objects.get(employee_number="1")
    assert (employment.person.given_name, employment.fte_percent) == ("Åse", Decimal("50.0"))


def test_headers_from_another_system_are_recognised_or_left_for_mapping(world):
    headers = [
        "Ansattnr",
        "Fornavn",
        "Etternavn",
        "Stilling",
        "Rolle",
        "Stillingsandel",
        "Ansatt fra",
        "Avdelingskode",
    ]
    mapping = guess_mapping(headers)
    assert (
        mapping["employee_number"] == 0
        and mapping["position_title"] == 3
        and mapping["start_date"] == 6
    )
    assert mapping["unit"] is None  # "Avdelingskode" is not a known name


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("roster.pdf", b"%PDF-1.4", "Bare .xlsx- og .csv-filer"),
        ("roster.xlsx", b"not a zip at all", "er ikke en Excel-fil"),
        ("roster.xlsx", b"PK\x03\x04broken", "Excel-filen kunne ikke leses"),
        ("roster.csv", b"", "Filen er tom"),
        ("roster.csv", ";".join(HEADERS).encode(), "ingen rader"),
    ],
)
def test_unreadable_files_are_explained(name, content, message):
    with pytest.raises(TabularFileError, match=message):
        read_table(name, content)


def test_only_the_services_own_leaders_may_import(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        run(world, xlsx([row()]), user="municipal")
    with pytest.raises(PermissionDenied):
        run(world, xlsx([row()]), service=ServiceFactory(), user="leader")
    assert not Employment.objects.filter(employee_number="1001").exists()
