"""One spelling of each term: the glossary page, and no page or message that says otherwise."""

import json
from html import unescape
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from laget.competence.models import CompetenceRuleSet
from laget.competence.services import RULE_SETS
from laget.core.glossary import Term, avoided, terms
from laget.domain import supervision
from laget.domain.competence import Status
from laget.workforce.selectors import WorkforceOverview

LAGET = Path(__file__).resolve().parents[2]
#: where other spellings are data, not wording: the case guard looks for every spelling
NOT_WORDING = ("tests", "migrations", "case_guard")


def _wording_files() -> list[Path]:
    files = [*LAGET.rglob("*.html"), *LAGET.rglob("*.py")]
    return [
        f
        for f in files
        if not set(f.relative_to(LAGET).parts) & set(NOT_WORDING)
        and f.relative_to(LAGET).as_posix() != "core/glossary.py"
    ]


@pytest.mark.django_db
def test_no_template_or_message_uses_a_spelling_the_glossary_avoids():
    files = _wording_files()
    assert len(files) > 100  # the search found the project
    assert "barnevernstjeneste" in avoided()
    found = [
        f"{f.relative_to(LAGET)}: «{word}»"
        for f in files
        for word in avoided()
        if word.lower() in f.read_text(encoding="utf-8").lower()
    ]
    assert not found


@pytest.mark.django_db
def test_the_glossary_is_open_to_everyone_and_lists_every_term(client):
    response = client.get(reverse("core:glossary"))
    assert response.status_code == 200
    html = unescape(response.content.decode())
    listed = terms()
    assert len(listed) >= 25
    for term in listed:
        assert str(term.term) in html and str(term.meaning) in html
    assert reverse("core:glossary") in client.get(reverse("accounts:login")).content.decode()


@pytest.mark.django_db
@override_settings(LAGET_TURNOVER_REFERENCE_DATE="09-30")
def test_the_glossary_says_what_the_figures_are_computed_with(client):
    """One definition of each figure: the glossary's turnover is the text the workforce pages
    and the report show, with the reference date the figures are computed with."""
    html = unescape(client.get(reverse("core:glossary")).content.decode())
    shown = WorkforceOverview.__dataclass_fields__["definitions"].default_factory()  # type: ignore[misc]
    for key in ("turnover_ks", "flows", "sick_leave", "early_leavers", "time_to_fill"):
        term = Term.from_definition(shown[key])
        assert f'{term.term}</strong></dt><dd class="ds-paragraph">{term.meaning}' in html
    assert "(30. september) året før" in html
    for text in supervision.DEFINITIONS.values():
        assert Term.from_definition(text).meaning in html
    # the reference date is the setting's, nowhere KS's default (1 December is a release
    # date too, in «Utgivelse», which is another matter)
    for key in ("turnover_ks", "flows"):
        assert "1. desember" not in _term(html, str(Term.from_definition(shown[key]).term))
    assert "SSB-metode" not in html and "Gjennomtrekk (SSB" not in html


def _term(html: str, name: str) -> str:
    """The meaning the page gives a term."""
    start = html.index(f"<strong>{name}</strong>")
    start = html.index('<dd class="ds-paragraph">', start) + len('<dd class="ds-paragraph">')
    return html[start : html.index("</dd>", start)]


@pytest.mark.django_db
def test_the_requirement_and_the_statuses_are_read_off_the_rule_set_in_force(client):
    """The competence terms are generated from the rule set Laget computes with: a new version
    with another deadline and another way of counting credits changes the glossary at once."""
    html = unescape(client.get(reverse("core:glossary")).content.decode())
    requirement = _term(html, "Kompetansekravet")
    assert "fra 1. januar 2031: relevant mastergrad eller overgangsregel: relevant" in requirement
    assert "én relevant videreutdanning på minst 30 studiepoeng" in requirement
    assert "ledere, stedfortredere og ansatte med kjerneoppgaver" in requirement
    assert "ansatte i tiltak, avgjør kommunen" in requirement
    assert "(versjon 2)" in requirement
    assert "innen 1. januar 2031" in _term(html, "I faresonen")
    for label in (
        "Oppfyller kravet",
        "Vil oppfylle kravet hvis planene holder",
        "Må sjekkes",
        "Kan ikke oppfylle kravet innen fristen",
        "Ikke omfattet av kravet",
        "Unntatt fra kravet (vedtak om unntak)",
    ):
        assert _term(html, label)

    v2 = json.loads((RULE_SETS / "kompetansekrav-2031-v2.json").read_text(encoding="utf-8"))
    later = {
        **v2,
        "version": "3-test",
        "valid_from": "2026-01-01",
        "deadline": "2033-01-01",
        "credits_counting": "total",
        "applies_to": ["leader", "core"],
    }
    record = CompetenceRuleSet(definition=later)
    record.clean()  # reads name, version, dates off the definition, as the admin does
    record.save()
    html = unescape(client.get(reverse("core:glossary")).content.decode())
    requirement = _term(html, "Kompetansekravet")
    assert "fra 1. januar 2033" in requirement and "(versjon 3-test)" in requirement
    assert "legges sammen: minst 30 studiepoeng til sammen" in requirement
    assert "for ledere og ansatte med kjerneoppgaver." in requirement
    assert "innen 1. januar 2033" in _term(html, "Kan ikke oppfylle kravet innen fristen")
    assert "stedfortredere" in _term(html, "Ikke omfattet av kravet")


@pytest.mark.django_db
def test_skjult_names_the_protections_own_smallest_group(client, monkeypatch):
    from laget.publication import glossary

    monkeypatch.setattr(glossary, "MIN_N", 7)
    html = unescape(client.get(reverse("core:glossary")).content.decode())
    assert "færre enn sju personer" in _term(html, "Skjult")


def test_a_definition_names_its_figure_first():
    term = Term.from_definition("Årsverk: summen av stillingsprosentene")
    assert (term.term, term.meaning) == ("Årsverk", "Summen av stillingsprosentene")
    with pytest.raises(ValueError, match="names its figure first"):
        Term.from_definition("summen av stillingsprosentene")


def test_every_status_has_a_meaning():
    from laget.competence.profiles import rule_set_in_force  # noqa: F401 - app import check
    from laget.competence.text import STATUS_LABELS

    assert set(STATUS_LABELS) == set(Status)


@pytest.mark.django_db
def test_the_words_the_issue_found_missing_are_in_the_glossary():
    """Issue 28: the glossary lacked unntatt, formell utdanning på plass, fadder, debrief,
    overgangsregel and the 80 % interval, all used on the pages."""
    from laget.core.glossary import terms

    names = " | ".join(str(term.term) for term in terms())
    for word in (
        "Unntatt",
        "Formell utdanning på plass",
        "Fadder",
        "Debrief",
        "Overgangsregel",
        "80 %-intervall",
    ):
        assert word in names, word
