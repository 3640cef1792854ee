"""The same Vega-Lite specs the pages show, rendered to PNG or SVG for documents (the
tilstandsrapport) with vl-convert, which embeds Vega in Rust: no browser, no Node at run time.

A page's spec is `"width": "container"` (it fills the column); a document has no container,
so it gets a fixed width here. Every chart has a description, which becomes its alt text.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import vl_convert

DOCUMENT_WIDTH = 640  # pixels at scale 1: about 16 cm at 100 dpi


@cache
def locale() -> dict[str, Any]:
    """Norwegian number and date formats, shared with the pages' charts (`frontend/charts.js`)."""
    return json.loads((Path(__file__).with_name("nb_NO.json")).read_text(encoding="utf-8"))


def for_document(spec: dict[str, Any], width: int = DOCUMENT_WIDTH) -> dict[str, Any]:
    """A copy of `spec` with container widths made fixed and a white background."""
    fixed = copy.deepcopy(spec)

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("width") == "container":
                node["width"] = width
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(fixed)
    fixed.setdefault("background", "white")
    return fixed


def chart_png(spec: dict[str, Any], *, scale: float = 2, width: int = DOCUMENT_WIDTH) -> bytes:
    """PNG bytes; scale 2 keeps text sharp when printed."""
    return vl_convert.vegalite_to_png(
        for_document(spec, width),
        scale=scale,
        format_locale=locale()["number"],
        time_format_locale=locale()["time"],
    )


def chart_svg(spec: dict[str, Any], *, width: int = DOCUMENT_WIDTH) -> str:
    return vl_convert.vegalite_to_svg(
        for_document(spec, width),
        format_locale=locale()["number"],
        time_format_locale=locale()["time"],
    )


def alt_text(spec: dict[str, Any]) -> str:
    """The chart's description (every spec in laget/charts has one), else its title."""
    description = spec.get("description")
    if description:
        return str(description)
    title = spec.get("title")
    return str(title.get("text") if isinstance(title, dict) else title or "Diagram")
