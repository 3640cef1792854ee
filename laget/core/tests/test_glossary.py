"""One spelling of each term: the glossary page, and no page or message that says otherwise."""

from html import unescape
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse

from laget.core.glossary import AVOID, TERMS
from laget.workforce.selectors import WorkforceOverview

LAGET = Path(__file__).resolve().parents[2]
#: where other spellings are data, not wording: the case guard looks for every spelling
NOT_WORDING = ("tests", "migrations", "case_guard")


def _wording_files() -> list[Path]:
    files = [*LAGET.rglob("*.html"), *LAGET.rglob("*.py")]
    return [
        f
        for f in files
        if not set(f.relative_to(LAGET).parts) & set(NOT_WORDING) and f.name != "glossary.py"
    ]


def test_no_template_or_message_uses_a_spelling_the_glossary_avoids():
    files = _wording_files()
    assert len(files) > 100  # the search found the project
    found = [
        f"{f.relative_to(LAGET)}: «{word}»"
        for f in files
        for word in AVOID
        if word.lower() in f.read_text(encoding="utf-8").lower()
    ]
    assert not found


@pytest.mark.django_db
def test_the_glossary_is_open_to_everyone_and_lists_every_term(client):
    response = client.get(reverse("core:glossary"))
    assert response.status_code == 200
    html = unescape(response.content.decode())
    for term in TERMS:
        assert str(term.term) in html and str(term.meaning) in html
    assert reverse("core:glossary") in client.get(reverse("accounts:login")).content.decode()


@pytest.mark.django_db
@override_settings(LAGET_TURNOVER_REFERENCE_DATE="09-30")
def test_the_glossary_says_what_the_figures_are_computed_with(client):
    """One definition of each figure: the glossary's turnover is the text the workforce pages
    and the report show, with the reference date the figures are computed with."""
    html = unescape(client.get(reverse("core:glossary")).content.decode())
    shown = WorkforceOverview.__dataclass_fields__["definitions"].default_factory()  # type: ignore[misc]
    assert shown["turnover_ks"] in html and "(30. september) året før" in html
    assert shown["flows"] in html
    assert "1. desember" not in html
    assert "SSB-metode" not in html and "Gjennomtrekk (SSB" not in html
