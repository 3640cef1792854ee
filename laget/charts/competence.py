"""Charts for the competence requirement."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"

#: Status colours with enough contrast against white (WCAG 1.4.11 non-text contrast, 3:1).
STATUS_COLOURS = {
    "meets": "#06893a",
    "will_meet": "#0062ba",
    "at_risk": "#b25c00",
    "cannot_meet": "#c01b1b",
    "exempt": "#6c4fa1",
    "needs_check": "#5c6b73",
}


DAY = "%d.%m.%Y"

#: The chart's whole width: its container's on a page (the plot's own `width` shrinks as
#: titles and legends grow, which would feed back into them), the fixed width in a document.
CHART_WIDTH = "(containerSize()[0] || width)"
#: Below this chart width (CSS px) legends stack in one column; a 320 px screen gives about 284.
NARROW = 480
#: Average character widths at the default title sizes (13 px bold, 11 px), on the wide side,
#: and the chart widths below which a title gets the room of the one before: a title never
#: runs past the chart.
TITLE_CHAR_PX, SUBTITLE_CHAR_PX = 8.2, 6.8
BREAKPOINTS = (400, 560, 800)
ROOM = (270, 390, 550, 790)


def _fitted(text: str, char_px: float) -> str | dict[str, str]:
    """`text`, or an expression choosing lines that fit the chart's width (Vega draws an array
    as lines; it never wraps by itself)."""
    variants: list[tuple[int | None, list[str]]] = []
    for below, room in zip((*BREAKPOINTS, None), ROOM, strict=True):
        lines = textwrap.wrap(text, max(12, int((room - 10) / char_px)))
        if not variants or variants[-1][1] != lines:
            variants.append((below, lines))
        else:
            variants[-1] = (below, lines)
    if len(variants) == 1 and len(variants[0][1]) == 1:
        return text
    expression = json.dumps(variants[-1][1], ensure_ascii=False)
    for below, lines in reversed(variants[:-1]):
        condition = f"{CHART_WIDTH} < {below}"
        expression = f"{condition} ? {json.dumps(lines, ensure_ascii=False)} : {expression}"
    return {"expr": expression}


def chart_title(text: str, subtitle: str = "") -> dict[str, Any]:
    """A chart title (and subtitle) broken into lines that fit the chart, 320 px screens too."""
    params: dict[str, Any] = {"text": _fitted(text, TITLE_CHAR_PX), "anchor": "start"}
    if subtitle:
        params["subtitle"] = _fitted(subtitle, SUBTITLE_CHAR_PX)
    return params


#: Characters of a legend label on a narrow chart (its plot is about 215 px wide on a phone).
LEGEND_CHARS = 26


def legend(labels: Sequence[str] = (), **extra: Any) -> dict[str, Any]:
    """A legend below the chart: two columns, one on a narrow chart, where any of `labels`
    longer than a line is drawn on two lines instead of being cut off."""
    params: dict[str, Any] = {
        "orient": "bottom",
        "columns": {"expr": f"{CHART_WIDTH} < {NARROW} ? 1 : 2"},
        "labelLimit": {"expr": f"max({CHART_WIDTH} - 40, 120)"},
        **extra,
    }
    long = {
        label: textwrap.wrap(label, LEGEND_CHARS) for label in labels if len(label) > LEGEND_CHARS
    }
    if long:
        lines = json.dumps(long, ensure_ascii=False)
        params["labelExpr"] = (
            f"{CHART_WIDTH} < {NARROW} && {lines}[datum.label] ? {lines}[datum.label] : datum.label"
        )
    return params


def count_axis(**extra: Any) -> dict[str, Any]:
    """An axis of persons: whole numbers only, with thousands separated («2 500»)."""
    return {"tickMinStep": 1, "format": ",d", **extra}


def _config() -> dict[str, Any]:
    return {
        "font": FONT,
        "axis": {"labelFontSize": 13, "titleFontSize": 13},
        "legend": {
            "labelFontSize": 13,
            "titleFontSize": 13,
            "orient": "bottom",
            "labelLimit": 400,
            "columns": 2,
        },
        "view": {"stroke": None},
    }


def accounted(
    figures: Mapping[str, int] | None = None, own_rule: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """What a chart's numbers are, for a reader model that reads charts as well as tables
    (issue 26): `figures`, the fields whose values are figures the table beside the chart
    prints (with the decimals it prints them with); `own_rule`, the fields whose values are
    no such figure, each with why it may be drawn (a rate hidden by its own rule, a model's
    result, a published reference). Kept in the spec's `usermeta`, which Vega-Lite ignores."""
    return {
        "usermeta": {"laget": {"figures": dict(figures or {}), "own_rule": dict(own_rule or {})}}
    }


@dataclass(frozen=True)
class StatusBar:
    key: str
    label: str
    count: int | None  # None when suppressed


def status_distribution(bars: Sequence[StatusBar], *, title: str) -> dict[str, Any]:
    """Horizontal bars, one per status; suppressed statuses are left out and said so."""
    values = [
        {"status": b.label, "key": b.key, "antall": b.count} for b in bars if b.count is not None
    ]
    hidden = [b.label for b in bars if b.count is None]
    subtitle = f"Skjult: {', '.join(hidden)}" if hidden else ""
    return {
        "$schema": SCHEMA,
        **accounted(figures={"antall": 0}),
        "title": chart_title(title, subtitle),
        "description": title,
        "width": "container",
        "height": {"step": 32},
        "data": {"values": values},
        "mark": {"type": "bar"},
        "encoding": {
            "y": {
                "field": "status",
                "type": "nominal",
                "sort": [b.label for b in bars],
                "title": None,
            },
            "x": {
                "field": "antall",
                "type": "quantitative",
                "title": "Antall personer",
                "axis": count_axis(),
            },
            "color": {
                "field": "key",
                "type": "nominal",
                "scale": {"domain": list(STATUS_COLOURS), "range": list(STATUS_COLOURS.values())},
                "legend": None,
            },
            "tooltip": [
                {"field": "status", "type": "nominal", "title": "Status"},
                {"field": "antall", "type": "quantitative", "title": "Antall", "format": ",d"},
            ],
        },
        "config": _config(),
    }


@dataclass(frozen=True)
class TimelinePoint:
    day: date
    meeting: int | None  # None when hidden
    subject: int | None  # None when hidden: the chart has no line for it


def timeline(points: Sequence[TimelinePoint], *, title: str, deadline: date) -> dict[str, Any]:
    """How many meet the requirement at each year-end if plans hold and nobody leaves."""
    values = [
        {"dato": p.day.isoformat(), "oppfyller": p.meeting, "omfattet": p.subject}
        for p in points
        if p.meeting is not None
    ]
    return {
        "$schema": SCHEMA,
        **accounted(figures={"oppfyller": 0, "omfattet": 0}),
        "title": chart_title(title, "Hvis planene holder og ingen slutter"),
        "description": title,
        "width": "container",
        "height": 220,
        "data": {"values": values},
        "layer": [
            {
                "mark": {"type": "line", "point": True, "color": STATUS_COLOURS["will_meet"]},
                "encoding": {
                    "x": {
                        "field": "dato",
                        "type": "temporal",
                        "title": None,
                        "axis": {"format": "%Y", "tickCount": "year"},
                    },
                    "y": {
                        "field": "oppfyller",
                        "type": "quantitative",
                        "title": "Oppfyller kravet",
                        "axis": count_axis(),
                    },
                    "tooltip": [
                        {"field": "dato", "type": "temporal", "title": "Dato", "format": DAY},
                        {
                            "field": "oppfyller",
                            "type": "quantitative",
                            "title": "Oppfyller kravet",
                            "format": ",d",
                        },
                    ],
                },
            },
            *(
                [
                    {
                        "mark": {
                            "type": "rule",
                            "strokeDash": [4, 4],
                            "color": "#444",
                            "aria": False,
                        },
                        "encoding": {"y": {"datum": points[0].subject}},
                    }
                ]
                if points and points[0].subject is not None
                else []
            ),
            deadline_rule(deadline),
        ],
        "config": _config(),
    }


def deadline_rule(deadline: date) -> dict[str, Any]:
    """A red vertical line at the deadline (decorative: the tables carry the numbers)."""
    return {
        "mark": {"type": "rule", "color": STATUS_COLOURS["cannot_meet"], "aria": False},
        "encoding": {
            "x": {
                "datum": {"year": deadline.year, "month": deadline.month, "date": deadline.day},
                "type": "temporal",
            }
        },
    }
