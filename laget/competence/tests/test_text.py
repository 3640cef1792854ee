"""What a person's shortfalls say in Norwegian."""

from datetime import date

from laget.competence.text import shortfall_text
from laget.domain.competence.model import Shortfall, ShortfallKind

CREDITS = Shortfall(ShortfallKind.CREDITS, date(2031, 1, 1), amount=30, start_by=date(2027, 1, 1))


def test_a_shortfall_says_when_to_start_while_the_requirement_can_be_met():
    assert shortfall_text(CREDITS) == (
        "mangler 30 studiepoeng relevant videreutdanning innen 01.01.2031 "
        "(må starte senest 01.01.2027)"
    )


def test_someone_who_cannot_meet_it_gets_no_start_date_that_promises_otherwise():
    text = shortfall_text(CREDITS, reachable=False)
    assert text == "mangler 30 studiepoeng relevant videreutdanning innen 01.01.2031"
