"""Issue 16, item 6: the template's example person is never imported, and headers from other
HR systems are guessed right."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from laget.core.tabular import read_table
from laget.people.models import Employment, Person
from laget.people.roster.exporting import roster_template
from laget.people.roster.importing import roster_import
from laget.people.roster.mapping import guess_mapping
from laget.people.tests.roster_files import HEADERS, csv_bytes, row, xlsx

TODAY = date(2026, 11, 23)
EXAMPLE_ROW = [
    "10234",
    "Kari",
    "Nordmann",
    "kari.nordmann@kommune.no",
    "1985",
    "Barnevernskonsulent",
    "kjerne",
    "",
    "100",
    "01.08.2019",
    "",
    "",
    "bachelor",
    "Barnevern",
    "ja",
    "NTNU",
    "15.06.2012",
    "",
    "15",
    "30.06.2027",
    "12",
    "Bufetat",
    # «Videreutdanning 1» (name, credits, date, relevant), then four courses left empty
    "Vurdering av barnets beste",
    "30",
    "15.06.2024",
    "",
    *[""] * 16,
]


def _import(world, content: bytes, name: str = "mal.xlsx", *, apply: bool = False):
    table = read_table(name, content)
    return roster_import(
        actor=world.user("leader"),
        service=world.service_a,
        table=table,
        mapping=guess_mapping(table.headers),
        today=TODAY,
        apply=apply,
    )


@pytest.mark.django_db
def test_the_template_as_downloaded_is_refused_with_its_example_row_named(world):
    persons = Person.objects.count()
    report = _import(world, roster_template(), apply=True)
    assert not report.ok and not report.applied
    assert [str(e) for e in report.errors] == [
        "Rad 2: er eksempelraden fra malen (Kari Nordmann, ansattnummer 10234), ikke en ansatt: "
        "slett raden før du importerer"
    ]
    assert Person.objects.count() == persons


@pytest.mark.django_db
def test_a_copy_of_the_example_row_is_refused_among_real_rows(world):
    """Pasted below real staff, in a CSV, the example is still the example; the others are fine."""
    content = csv_bytes(
        [
            row(employee_number="R1", given_name="Ola", email="ola@kommune.no"),
            EXAMPLE_ROW,
            row(employee_number="R2", given_name="Per", email="per@kommune.no"),
        ]
    )
    report = _import(world, content, "liste.csv")
    assert [(e.row, e.column) for e in report.errors] == [(3, "")]
    assert "eksempelraden" in report.errors[0].message
    # a real Kari Nordmann with her own employee number is imported as usual
    assert _import(world, xlsx([row(employee_number="4711")]), apply=True).created == 1
    assert Employment.objects.filter(employee_number="4711").exists()


@pytest.mark.django_db
def test_the_command_on_the_template_as_downloaded_exits_1_and_names_the_example(world, tmp_path):
    path = tmp_path / "ansattliste-mal.xlsx"
    path.write_bytes(roster_template())
    err, out = StringIO(), StringIO()
    with pytest.raises(CommandError, match="Ingenting importert: 1 feil") as error:
        call_command(
            "import-roster", str(path), "--service", "a", "--dry-run", stderr=err, stdout=out
        )
    assert error.value.returncode == 1
    assert err.getvalue().splitlines() == [
        "Rad 2: er eksempelraden fra malen (Kari Nordmann, ansattnummer 10234), ikke en ansatt: "
        "slett raden før du importerer"
    ]


def test_the_template_s_example_row_is_the_one_the_refusal_knows():
    table = read_table("mal.xlsx", roster_template())
    assert table.headers == HEADERS
    assert [cells for _number, cells in table.rows] == [EXAMPLE_ROW]


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Stilling %", "fte_percent"),
        ("Stillingsprosent", "fte_percent"),
        ("Stilling i %", "fte_percent"),
        ("Navn fornavn", "given_name"),
        ("Navn etternavn", "family_name"),
    ],
)
def test_a_header_from_another_hr_system_is_guessed(header, key):
    headers = ["Ansattnr", "Stilling", header, "Startdato"]
    mapping = guess_mapping(headers)
    assert mapping[key] == 2
    assert mapping["position_title"] == 1  # «Stilling» alone is still the title
    assert [k for k, position in mapping.items() if position == 2] == [key]


def test_a_csv_with_both_percentage_headers_and_navn_fornavn_maps_them_all():
    headers = ["Ansattnr", "Navn fornavn", "Etternavn", "Stilling", "Stilling %", "Startdato"]
    mapping = guess_mapping(headers)
    assert (mapping["given_name"], mapping["position_title"], mapping["fte_percent"]) == (1, 3, 4)


@pytest.mark.django_db
def test_the_check_lists_every_person_with_what_will_change(world, client):
    """New, unchanged, or changed with each field's old and new value; the page shows it."""
    from django.urls import reverse

    from laget.people.roster.preview import FieldChange

    first = [
        row(employee_number="P1", given_name="Ola", email="ola@kommune.no"),
        row(employee_number="P2", given_name="Per", email="per@kommune.no"),
    ]
    _import(world, xlsx(first), apply=True)
    second = [
        row(employee_number="P1", given_name="Ola", email="ola@kommune.no"),
        row(employee_number="P2", given_name="Per", email="per@kommune.no", fte_percent="80"),
        row(employee_number="P3", given_name="Kari", family_name="Hansen"),
    ]
    report = _import(world, xlsx(second))
    shown = {p.employee_number: p for p in report.persons}
    assert [
        (p.name, p.change) for p in sorted(report.persons, key=lambda p: p.employee_number)
    ] == [
        ("Ola Nordmann", "unchanged"),
        ("Per Nordmann", "changed"),
        ("Kari Hansen", "new"),
    ]
    assert shown["P2"].fields == [FieldChange("stillingsprosent", "100", "80")]
    # the audit keeps names of fields, never values (ids aside, which may contain «80»)
    assert [
        {k: v for k, v in c.items() if k not in ("person", "employment")} for c in report.changes
    ] == [
        {"change": "new"},
        {"change": "changed", "fields": ["fte_percent"]},
    ]

    from laget.people.models import RosterImport

    table = read_table("liste.xlsx", xlsx(second))
    pending = RosterImport.objects.create(
        service=world.service_a,
        file_name="liste.xlsx",
        table=table.to_json(),
        mapping=guess_mapping(table.headers),
    )
    client.force_login(world.user("leader"))
    page = client.get(
        reverse("roster:preview", kwargs={"pk": world.service_a.pk, "import_id": pending.pk})
    ).content.decode()
    assert "Stillingsprosent: 100 → 80" in page and "Ny ansatt" in page and "Uendret" in page
