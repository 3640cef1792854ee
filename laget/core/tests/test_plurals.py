"""Issue 28, item 6: one way to say a number of things, Django's ngettext with nb forms
(`{% blocktranslate count %}` in templates): no «1 veiledningssamtaler», «1 kommentarer». A
number written straight before a plural noun, outside a count block, is the mistake."""

from __future__ import annotations

import re
from pathlib import Path

import laget

ROOT = Path(laget.__file__).parent
#: a count block, whose forms Django picks by the number
COUNTED = re.compile(r"{% blocktranslate [^%]*\bcount\b.*?{% endblocktranslate %}", re.S)
#: a number from the context, then a noun in the plural (the nouns Laget counts whose plural
#: differs: «1 svar», «1 tiltak», «1 studiepoeng» are right as they are)
NOUNS = (
    "ansatte|samtaler|veiledningssamtaler|kommentarer|tjenester|personer|plasser|punkter|"
    "kommuner|søknader|stillinger|tabeller|planer|måneder|dager|uker|semestre|simuleringer"
)
STRAIGHT = re.compile(r"{{ ?[\w.|:\"-]+ ?}}(?:&nbsp;| )(" + NOUNS + r")\b")


def _straight(text: str) -> list[str]:
    return [m.group(0) for m in STRAIGHT.finditer(COUNTED.sub("", text))]


def test_no_template_writes_a_number_before_a_plural_outside_a_count_block():
    found = {
        path.relative_to(ROOT).as_posix(): hits
        for path in ROOT.rglob("*.html")
        if (hits := _straight(path.read_text(encoding="utf-8")))
    }
    assert not found, found


def test_the_check_finds_the_mistake_and_passes_a_count_block():
    assert _straight("<p>{{ n }} kommentarer</p>") == ["{{ n }} kommentarer"]
    assert _straight("{{ overview.count }}&nbsp;ansatte") == ["{{ overview.count }}&nbsp;ansatte"]
    counted = (
        "{% blocktranslate count n=c %}{{ n }} kommentar{% plural %}{{ n }} kommentarer"
        "{% endblocktranslate %}"
    )
    assert _straight(counted) == []
