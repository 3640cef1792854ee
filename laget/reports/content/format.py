"""Figures written out for a public document, and the blocks a section is made of.

A block is plain JSON (it is frozen into the report when finalised): facts (label and value),
tables, charts (a Vega-Lite spec with its alt text), and short texts. Every number passes
through `Formatter`, which writes «skjult» for a figure resting on fewer than five
persons and keeps every figure it wrote, so tests can check that none rests on fewer.
"""

from __future__ import annotations

from typing import Any

from laget.charts.render import alt_text
from laget.core.numbers import norwegian
from laget.domain.protection import ledger
from laget.domain.suppression import Figure

SUPPRESSED = "skjult"
MISSING = "–"

Block = dict[str, Any]


def number(value: float, decimals: int = 0) -> str:
    """12345.678 -> «12 345,7»: rounded half up and written as on the pages."""
    return norwegian(value, decimals)


class Formatter:
    def __init__(self) -> None:
        self.figures: list[Figure] = []

    def _check(self, figure: Figure) -> str | None:
        self.figures.append(figure)
        ledger.shown(figure)
        if figure.suppressed:
            return SUPPRESSED
        if figure.value is None:
            return MISSING
        return None

    def num(self, figure: Figure, decimals: int = 0, suffix: str = "") -> str:
        return self._check(figure) or f"{number(float(figure.value), decimals)}{suffix}"  # type: ignore[arg-type]

    def share(self, figure: Figure, decimals: int = 0) -> str:
        """A share between 0 and 1, as percent."""
        return self._check(figure) or f"{number(float(figure.value) * 100, decimals)}\u00a0%"  # type: ignore[arg-type]

    def percent(self, figure: Figure, decimals: int = 0) -> str:
        """A value already in percent."""
        return self._check(figure) or f"{number(float(figure.value), decimals)}\u00a0%"  # type: ignore[arg-type]


def facts(title: str, items: list[tuple[str, str]], note: str = "", scope: str = "") -> Block:
    return {
        "kind": "facts",
        "title": title,
        "items": [list(i) for i in items],
        "note": note,
        "scope": scope,
    }


def table(
    title: str, columns: list[str], rows: list[list[str]], note: str = "", scope: str = ""
) -> Block:
    return {
        "kind": "table",
        "title": title,
        "columns": columns,
        "rows": rows,
        "note": note,
        "scope": scope,
    }


def chart(title: str, spec: dict[str, Any], note: str = "", scope: str = "") -> Block:
    return {
        "kind": "chart",
        "title": title,
        "spec": spec,
        "alt": alt_text(spec),
        "note": note,
        "scope": scope,
    }


def bullets(title: str, items: list[str], note: str = "", scope: str = "") -> Block:
    return {"kind": "bullets", "title": title, "items": items, "note": note, "scope": scope}


def text(paragraphs: list[str], title: str = "", scope: str = "") -> Block:
    return {"kind": "text", "title": title, "paragraphs": paragraphs, "note": "", "scope": scope}
