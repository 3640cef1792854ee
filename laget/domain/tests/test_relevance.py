"""The shared list of relevant education (issue 24, item 5): versioned data, a source for every
entry, and names looked up the same way wherever they come from."""

import json
from pathlib import Path

import pytest

from laget.domain.competence import EducationLevel
from laget.domain.competence.relevance import (
    ASSESSED,
    FURTHER,
    NOT_ASSESSED,
    ON_LIST,
    Classification,
    RelevanceListError,
    classify,
    lookup_key,
    relevance_list_from_dict,
)

DATA = Path(__file__).resolve().parents[2] / "competence" / "data"
V1 = json.loads((DATA / "relevant-utdanning-v1.json").read_text(encoding="utf-8"))
LISTED = relevance_list_from_dict(V1)


def test_version_1_holds_only_what_the_sources_support_each_with_its_source():
    assert LISTED.version == "1"
    assert [(e.kind, e.key) for e in LISTED.entries] == [
        ("bachelor", "bachelor-barnevern"),
        ("bachelor", "bachelor-sosialt-arbeid"),
        ("master", "master-barnevern"),
        ("master", "master-barnevernsarbeid"),
        ("further", "vu-barnets-beste"),
        ("further", "vu-juss"),
        ("further", "vu-relasjonskompetanse"),
        ("further", "vu-veiledning"),
        ("further", "vu-minoritetskompetanse"),
        ("further", "vu-barnevernledelse"),
    ]
    assert set(LISTED.sources) == {
        "barnevernsloven",
        "kartlegging-2022",
        "kompetansestrategi-2018",
        "ks-trondelag-2024",
    }
    for entry in LISTED.entries:
        assert entry.sources and entry.decision and entry.counts_as
        assert all(ref.source in LISTED.sources and ref.quote for ref in entry.sources)
    # the further-education programmes are those of the 2022 mapping's table 3-2, 30 each
    assert {e.credits for e in LISTED.of_kind(FURTHER)} == {30}
    # nothing the sources do not name as relevant: no vernepleier, no other masters
    assert LISTED.find("bachelor", "Vernepleie") is None


@pytest.mark.parametrize(
    ("level", "field", "key"),
    [
        (EducationLevel.BACHELOR, "Barnevern", "bachelor-barnevern"),
        (EducationLevel.BACHELOR, "Bachelor i barnevern", "bachelor-barnevern"),
        (EducationLevel.BACHELOR, "barnevernspedagog", "bachelor-barnevern"),
        (EducationLevel.BACHELOR, "Bachelor i barnevern (barnevernspedagog)", "bachelor-barnevern"),
        (EducationLevel.BACHELOR, "Sosialt arbeid", "bachelor-sosialt-arbeid"),
        (EducationLevel.BACHELOR, "  SOSIONOM ", "bachelor-sosialt-arbeid"),
        (EducationLevel.MASTER, "Barnevern", "master-barnevern"),
        (EducationLevel.MASTER, "Master i barnevernsarbeid", "master-barnevernsarbeid"),
        (EducationLevel.MASTER, "Sosialt arbeid", None),
        (EducationLevel.BACHELOR, "Vernepleie", None),
        (EducationLevel.BACHELOR, "Barnevernsarbeid", None),
        (EducationLevel.PHD, "Barnevern", None),
        (EducationLevel.VOCATIONAL, "Barnevern", None),
        (EducationLevel.BACHELOR, "", None),
    ],
)
def test_a_degree_is_looked_up_by_its_level_and_field(level, field, key):
    entry = LISTED.find_education(level, field)
    assert (entry.key if entry else None) == key


@pytest.mark.parametrize(
    ("course", "key"),
    [
        ("Vurdering av barnets beste", "vu-barnets-beste"),
        ("Nasjonal videreutdanning i barnevernfaglig veiledning", "vu-veiledning"),
        ("Barnevern i et minoritetsperspektiv", "vu-minoritetskompetanse"),
        ("Juss i barnevernsfaglig arbeid", "vu-juss"),
        ("Barnevernledelse", "vu-barnevernledelse"),
        ("Kommunikasjon med barn", None),
        ("Relevant videreutdanning (fra HR-import)", None),
    ],
)
def test_a_course_is_looked_up_by_its_name(course, key):
    entry = LISTED.find(FURTHER, course)
    assert (entry.key if entry else None) == key


def test_the_words_before_a_degrees_subject_do_not_tell_degrees_apart():
    assert lookup_key("Master i barnevernsarbeid") == "barnevernsarbeid"
    assert lookup_key("Bachelorgrad i sosialt arbeid") == "sosialt arbeid"
    assert lookup_key("Barnevern, bachelor") == "barnevern bachelor"


def test_on_the_list_it_is_relevant_else_the_leader_decides_or_nobody_has():
    entry = LISTED.entry("bachelor-barnevern")
    assert classify(entry, False, "1") == Classification(True, ON_LIST, "bachelor-barnevern", "1")
    assert classify(None, True, "1") == Classification(True, ASSESSED, "", "1")
    assert classify(None, False, "1") == Classification(False, ASSESSED, "", "1")
    nobody = classify(None, None, "1")
    assert nobody == Classification(False, NOT_ASSESSED, "", "1") and not nobody.assessed


def test_a_source_is_cited_with_its_document_place_and_words():
    ref = LISTED.entry("bachelor-barnevern").sources[0]
    assert LISTED.cited(ref) == (
        "Hvordan snu sykefravær og turnover i kommunale barnevernstjenester i Trøndelag? "
        "(arbeidsgruppe i KS Trøndelag, juni 2024), kapittelet Kompetanseutvikling: "
        "«Grunnutdanningen innen barnevern er i dag en 3-årig bachelorgrad i barnevern»"
    )


def test_every_fault_of_a_definition_is_reported_at_once():
    broken = {
        **V1,
        "version": "",
        "entries": [
            {**V1["entries"][0], "sources": []},
            {**V1["entries"][1], "kind": "phd"},
            {**V1["entries"][1], "key": "to", "names": ["barnevern"]},
            {
                **V1["entries"][4],
                "key": "vu-x",
                "sources": [{"source": "blogg", "where": "x", "quote": "y"}],
            },
        ],
    }
    with pytest.raises(RelevanceListError) as raised:
        relevance_list_from_dict(broken)
    assert raised.value.problems == [
        "liste.version: må fylles ut",
        "entries[0].sources: hver oppføring må ha minst én kilde",
        "entries[1].kind: må være en av bachelor, master, further, fikk 'phd'",
        "entries[2].names: «barnevern» står også på «bachelor-barnevern»",
        "entries[3].sources[0].source: «blogg» er ikke blant listens kilder",
    ]
