"""Charts for the competence requirement."""

from __future__ import annotations

from collections.abc import Sequence
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
}


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
        "title": {"text": title, "subtitle": subtitle, "anchor": "start"},
        "description": title,
        "width": "container",
        "height": {"step": 32},
        "data": {"values": values},
        "mark": {"type": "bar", "tooltip": True},
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
                "axis": {"tickMinStep": 1},
            },
            "color": {
                "field": "key",
                "type": "nominal",
                "scale": {"domain": list(STATUS_COLOURS), "range": list(STATUS_COLOURS.values())},
                "legend": None,
            },
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
        "title": {
            "text": title,
            "subtitle": "Hvis planene holder og ingen slutter",
            "anchor": "start",
        },
        "description": title,
        "width": "container",
        "height": 220,
        "data": {"values": values},
        "layer": [
            {
                "mark": {
                    "type": "line",
                    "point": True,
                    "tooltip": True,
                    "color": STATUS_COLOURS["will_meet"],
                },
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
                        "axis": {"tickMinStep": 1},
                    },
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
