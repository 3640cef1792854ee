"""The guard against case-identifying information in supervision notes."""

import pytest

from laget.domain.case_guard import find_case_information


def kinds(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in find_case_information(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Drøftet saken til 12039912345 og videre plan.",
        "Fnr 120399 12345 ble nevnt.",
        "D-nummer 52039912345 i notatet.",
    ],
)
def test_national_identity_numbers_are_caught(text):
    assert [k for k, _t in kinds(text)] == ["fnr"]


def test_eleven_digits_that_cannot_be_a_date_are_not_an_identity_number():
    assert kinds("Saksnummer 99999999999 i arkivet") == []


@pytest.mark.parametrize("text", ["Barnet er født 03.04.2015.", "Gutten, f. 2015, bor hjemme."])
def test_dates_of_birth_are_caught(text):
    assert "birth_date" in [k for k, _t in kinds(text)]


def test_names_inside_a_sentence_and_common_first_names_are_caught():
    found = kinds("Vi snakket om hvordan mor til Sofie reagerte. Ole var også med.")
    assert ("name", "Sofie") in found and ("name", "Ole") in found


def test_ordinary_norwegian_text_passes():
    text = (
        "Prosessveiledning om belastning etter en krevende uke. Vi snakket om grensesetting, "
        "samarbeid med BUP og Bufetat, og om hvordan jeg kan be om hjelp. Neste samtale på "
        "tirsdag. Per uke blir det to samtaler fram til jul, per i dag går det bra."
    )
    assert kinds(text) == [("name", "Per")]  # the first word: a name or «per uke»; warned once


def test_a_capitalised_word_after_a_full_stop_is_not_a_name():
    assert kinds("Vi tok opp arbeidsmengde. Kollegaene var enige.") == []


def test_each_name_is_reported_once():
    assert kinds("Møte med Hansen. Så ringte Hansen igjen.") == [("name", "Hansen")]


def test_public_text_allows_place_names_but_not_first_names_or_numbers():
    from laget.domain.case_guard import find_identifying

    kinds = [
        (f.kind, f.text)
        for f in find_identifying(
            "Tjenesten i Trondheim samarbeider med Bufetat. Kari sluttet 12.03.2019, 01017012345."
        )
    ]
    assert ("name", "Trondheim") not in kinds
    assert ("name", "Kari") in kinds
    assert ("birth_date", "12.03.2019") in kinds
    assert ("fnr", "01017012345") in kinds
