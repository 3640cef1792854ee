"""The migration that cleans the audit log written before it held no free text (core 0003):
old sentences that copied a user's text are rewritten, anything else the guard flags is
replaced by a neutral sentence, and text in the details is emptied."""

import importlib
from datetime import date

import pytest
from django.apps import apps

from laget.core.audit import audit_findings
from laget.core.models import AuditEntry

pytestmark = pytest.mark.django_db

migration = importlib.import_module("laget.core.migrations.0003_audit_log_without_free_text")
TODAY = date(2026, 11, 1)
CASE_TEXT = "Ola Nordmann f. 12.03.2015, fnr 12031512345"


def clean(summary: str, changes=None, *, action="update", object_type="") -> tuple[str, object]:
    return migration.cleaned_entry(
        action=action,
        object_type=object_type,
        summary=summary,
        changes=changes if changes is not None else {},
        get_model=apps.get_model,
        today=TODAY,
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (f"Endret utlyst stilling: {CASE_TEXT}", "Endret utlyst stilling"),
        (
            "Registrerte utlyst stilling: Kontakt for jenta heter Aisha",
            "Registrerte utlyst stilling",
        ),
        (f"Lagret veiledningsmal «{CASE_TEXT}»", "Lagret veiledningsmal"),
        (
            "La til tiltak i kompetanseplanen 2026: Kurs for Ola",
            "La til tiltak i kompetanseplanen 2026",
        ),
        ("Lagret karriereplan 2027 for Kari Nordmann", "Lagret karriereplan 2027"),
        (
            "Opprettet veiledningsplan «Aisha» for 3 ansatte",
            "Opprettet veiledningsplan for 3 ansatte",
        ),
        ("Fadder for Kari Nordmann: Ola Nordmann", "Endret fadder i introduksjonen"),
        ("Avsluttet veiledningsplan for Kari Nordmann", "Avsluttet veiledningsplan"),
        ("Registrerte sluttsamtale med Kari Nordmann", "Registrerte sluttsamtale"),
        (
            "Registrerte ansettelse i Kontaktperson for Aisha",
            "Registrerte ansettelse i utlyst stilling",
        ),
        ("Endret personopplysninger for Kari Nordmann", "Endret personopplysninger"),
        ("Endret ansettelsen til Kari Nordmann", "Endret ansettelsen"),
        ("Registrerte Kari Nordmann som ansatt", "Registrerte en ny ansatt"),
        ("Godkjent forslag fra Kari Nordmann: Ny utdanning", "Godkjent forslag: Ny utdanning"),
        # a file's name is the user's text, even when the guard finds nothing in it
        (
            "Forkastet opplastet ansattliste «ansatte-mars.xlsx»",
            "Forkastet en opplastet ansattliste",
        ),
        ("Forkastet opplastet sykefraværsfil «Aisha.csv»", "Forkastet en opplastet sykefraværsfil"),
    ],
)
def test_old_sentences_that_copied_text_are_rewritten(old, new):
    assert clean(old)[0] == new


def test_the_kind_of_object_is_named_where_the_old_sentence_named_the_object():
    assert clean("Admin: endret Ola Nordmann", object_type="people.Person")[0] == (
        "Admin: endret person"
    )
    deleted = clean(
        "Slettet videreutdanning «Barnevern 30 sp, Aisha» for Kari Nordmann",
        object_type="people.FurtherEducation",
    )
    assert deleted[0] == "Slettet videreutdanning"
    assert clean("La til utdanning for Kari Nordmann", object_type="people.Education")[0] == (
        "La til utdanning"
    )


def test_a_date_in_an_old_sentence_goes_to_the_details():
    summary, details = clean(
        "Slettet unntak fra kompetansekravet (gjaldt til 01.01.2025)", action="delete"
    )
    assert (summary, details) == (
        "Slettet unntak fra kompetansekravet",
        {"valid_until": "2025-01-01"},
    )
    summary, details = clean("Førte veiledningssamtale 2026-03-02 (Plan for Ola Nordmann)")
    assert (summary, details) == ("Førte veiledningssamtale", {"held_on": "2026-03-02"})


def test_text_in_the_details_is_emptied_and_listed():
    summary, details = clean(
        "Endret personopplysninger for Kari Nordmann",
        {"given_name": ["Kari", "Ola"], "birth_year": ["1985", "1980"]},
        object_type="people.Person",
    )
    assert summary == "Endret personopplysninger"
    assert details == {
        "given_name": [None, None],
        "birth_year": ["1985", "1980"],
        "withheld": ["given_name"],
    }
    _, details = clean(
        "Registrerte Kari Nordmann som ansatt",
        {"employee_number": "12031512345", "start_date": "2026-01-05", "fte_percent": "100"},
    )
    assert details == {
        "employee_number": None,  # eleven digits: an identity number, not a number
        "start_date": "2026-01-05",
        "fte_percent": "100",
        "withheld": ["employee_number"],
    }


def test_a_flagged_summary_of_no_known_sentence_is_replaced_by_what_changed():
    summary, details = clean(
        f"Noe om {CASE_TEXT}",
        {"end_reason": ["", "Flyttet med jenta (2015)"], "end_date": [None, "2026-06-30"]},
        object_type="people.Employment",
    )
    assert summary == "Endret ansettelse (sluttårsak, sluttdato)"
    assert details["withheld"] == ["summary", "end_reason"]
    assert clean(f"Noe om {CASE_TEXT}", action="create")[0] == (
        "(innhold fjernet: kunne inneholde saksopplysninger)"
    )


@pytest.mark.parametrize(
    ("summary", "changes"),
    [
        ("Status: Utkast → Ferdigstilt", {}),
        ("Importerte ansattliste: 2 nye, 0 endret, 0 uendret", {"rows": 2, "persons": []}),
        ("Oppdaterte kompetanseplanen 2026: mapping", {"text_changed": ["mapping_notes"]}),
        (
            "Lagret tekst etter advarsel om mulige saksopplysninger, bekreftet av brukeren",
            {"case_guard_override": ["fnr", "name"]},
        ),
        (
            "Endret ansettelsen (sluttdato, sluttårsak)",
            {"fields": ["end_date"], "end_date": [None, "2026-12-31"]},
        ),
    ],
)
def test_an_entry_without_text_is_left_as_it_is(summary, changes):
    assert clean(summary, changes) == (summary, changes)


def test_the_migration_cleans_the_log_once_and_leaves_nothing_the_guard_flags():
    rows = [
        ("update", "workforce.Vacancy", f"Endret utlyst stilling: {CASE_TEXT}", {}),
        ("delete", "people.RosterImport", "Forkastet opplastet ansattliste «ansatte.xlsx»", {}),
        (
            "update",
            "people.Person",
            "Endret personopplysninger for Kari Nordmann",
            {"given_name": ["Kari", "Ola"]},
        ),
        ("create", "", f"Noe om {CASE_TEXT}", {"note": CASE_TEXT}),
        ("update", "reports.StatusReport", "Status: Utkast → Ferdigstilt", {}),
    ]
    for action, object_type, summary, changes in rows:
        AuditEntry.objects.create(
            action=action, object_type=object_type, summary=summary, changes=changes
        )
    assert migration.clean_audit_log(AuditEntry, apps.get_model, TODAY) == 4
    assert migration.clean_audit_log(AuditEntry, apps.get_model, TODAY) == 0  # once is enough
    entries = AuditEntry.objects.order_by("pk")
    assert [e.summary for e in entries] == [
        "Endret utlyst stilling",
        "Forkastet en opplastet ansattliste",
        "Endret personopplysninger",
        "(innhold fjernet: kunne inneholde saksopplysninger)",
        "Status: Utkast → Ferdigstilt",
    ]
    for entry in entries:
        assert audit_findings(entry.summary, entry.changes, today=TODAY) == []
        assert "Nordmann" not in str(entry.changes) and "12031512345" not in str(entry.changes)
