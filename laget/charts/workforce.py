"""Charts for the workforce overview: turnover, sick leave with its trend, applicants.

Suppressed figures arrive as None and are left out of the chart (the table beside it says
«skjult»)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from laget.charts.competence import (
    DAY,
    SCHEMA,
    _config,
    accounted,
    chart_title,
    count_axis,
    legend,
)
from laget.core.numbers import half_up

SERIES_COLOURS = ["#0062ba", "#b25c00", "#06893a", "#7a2e9a", "#4d4d4d"]


def _percent(value: Any) -> float | None:
    return None if value is None else round(float(value) * 100, 1)


def _whole_percent(value: Any) -> int:
    """A share in whole percent, rounded half up: as the turnover table prints it (a chart
    showing a finer figure than its table would print one the page does not)."""
    return int(half_up(float(value) * 100))


TURNOVER_SERIES = ["Sluttet i tjenesten (turnover)"]


def turnover_lines(rows: Sequence[tuple[int, Any]]) -> dict[str, Any]:
    """Leavers of the service (turnover) per year, in percent. (No «gjennomtrekk» beside it:
    no source Laget is built from defines one, and SSB publishes no table of it for the
    services.)"""
    values = [
        {"år": str(year), "mål": TURNOVER_SERIES[0], "prosent": _whole_percent(turnover)}
        for year, turnover in rows
        if turnover is not None
    ]
    return {
        "$schema": SCHEMA,
        **accounted(figures={"prosent": 0}),
        "title": chart_title("Turnover per år"),
        "description": (
            "Andelen som sluttet i tjenesten (turnover; den som går til en annen "
            "barneverntjeneste, har sluttet), i prosent, per år."
        ),
        "width": "container",
        "height": 240,
        "data": {"values": values},
        "mark": {"type": "line", "point": {"size": 70}},
        "encoding": {
            "x": {"field": "år", "type": "ordinal", "title": None, "axis": {"labelAngle": 0}},
            "y": {"field": "prosent", "type": "quantitative", "title": "Prosent"},
            # colour and dash on the same field make one legend showing both
            "color": {
                "field": "mål",
                "type": "nominal",
                "title": None,
                "scale": {"domain": TURNOVER_SERIES, "range": SERIES_COLOURS[:2]},
                "legend": legend(
                    TURNOVER_SERIES, symbolType="stroke", symbolStrokeWidth=3, symbolSize=500
                ),
            },
            "strokeDash": {
                "field": "mål",
                "type": "nominal",
                "title": None,
                "scale": {"domain": TURNOVER_SERIES, "range": [[1, 0], [6, 4]]},
                "legend": legend(
                    TURNOVER_SERIES, symbolType="stroke", symbolStrokeWidth=3, symbolSize=500
                ),
            },
            # whole percent, as in the table below it
            "tooltip": [
                {"field": "år", "type": "ordinal", "title": "År"},
                {"field": "mål", "type": "nominal", "title": "Mål"},
                {"field": "prosent", "type": "quantitative", "title": "Prosent", "format": ".0f"},
            ],
        },
        "config": _config(),
    }


def sick_leave_months(
    rows: Sequence[tuple[date, float | None, float | None]],
    *,
    references: dict[tuple[str, int], float],
) -> dict[str, Any]:
    """Monthly sick leave, the rolling 12 months, a linear trend, and reference values."""
    monthly = [
        {"måned": month.isoformat(), "serie": "Per måned", "prosent": _percent(rate)}
        for month, rate, _rolling in rows
        if rate is not None
    ]
    rolling = [
        {"måned": month.isoformat(), "serie": "Siste 12 måneder", "prosent": _percent(value)}
        for month, _rate, value in rows
        if value is not None
    ]
    labels = {"municipality": "Kommunen", "national": "Landet"}
    reference_values = [
        {
            "fra": date(year, 1, 1).isoformat(),
            "til": date(year, 12, 31).isoformat(),
            "serie": labels[scope],
            "prosent": _percent(rate),
        }
        for (scope, year), rate in sorted(references.items())
    ]
    x = {
        "field": "måned",
        "type": "temporal",
        "title": None,
        "axis": {"format": "%Y", "tickCount": "year"},
    }
    series = ["Per måned", "Siste 12 måneder", "Trend", "Kommunen", "Landet"]
    colour = {
        "field": "serie",
        "type": "nominal",
        "title": None,
        "sort": series,
        "scale": {"domain": series, "range": SERIES_COLOURS},
        "legend": legend(),
    }
    y = {"field": "prosent", "type": "quantitative", "title": "Sykefravær (%)"}
    # sick leave keeps one decimal (as in the tables): a tenth of a point matters at 8–10 %
    tooltip = [
        {"field": "serie", "type": "nominal", "title": "Serie"},
        {"field": "måned", "type": "temporal", "title": "Måned", "format": "%B %Y"},
        {"field": "prosent", "type": "quantitative", "title": "Prosent", "format": ".1f"},
    ]
    return {
        "$schema": SCHEMA,
        **accounted(
            own_rule={
                "prosent": "sykefravær per måned og siste 12 måneder: rater, skjult under fem "
                "personer bak dem (tabellene viser år og kvartal); referanseverdiene er SSBs "
                "publiserte"
            }
        ),
        "title": chart_title(
            "Sykefravær per måned",
            "Tapte dagsverk i prosent av avtalte; trenden er lineær over perioden",
        ),
        "description": "Sykefravær i prosent per måned, glidende 12 måneder, lineær trend og referanseverdier for kommunen og landet.",
        "width": "container",
        "height": 260,
        "layer": [
            {
                "data": {"values": monthly},
                "mark": {"type": "line", "point": True, "opacity": 0.6},
                "encoding": {"x": x, "y": y, "color": colour, "tooltip": tooltip},
            },
            {
                "data": {"values": rolling},
                "mark": {"type": "line", "strokeWidth": 3},
                "encoding": {"x": x, "y": y, "color": colour, "tooltip": tooltip},
            },
            {
                "data": {"values": monthly},
                "transform": [
                    {"regression": "prosent", "on": "måned"},
                    {"calculate": "'Trend'", "as": "serie"},
                ],
                "mark": {"type": "line", "strokeDash": [6, 4]},
                "encoding": {"x": x, "y": y, "color": colour},
            },
            {
                "data": {"values": reference_values},
                "mark": {"type": "rule", "strokeWidth": 2, "strokeDash": [2, 2]},
                "encoding": {
                    "x": {"field": "fra", "type": "temporal"},
                    "x2": {"field": "til"},
                    "y": {"field": "prosent", "type": "quantitative"},
                    "color": colour,
                    "tooltip": [
                        {"field": "serie", "type": "nominal", "title": "Referanse"},
                        {"field": "fra", "type": "temporal", "title": "År", "format": "%Y"},
                        {
                            "field": "prosent",
                            "type": "quantitative",
                            "title": "Prosent",
                            "format": ".1f",
                        },
                    ],
                },
            },
        ],
        "config": _config(),
    }


def applicants_per_vacancy(
    rows: Sequence[tuple[date, str, int, int | None]],
) -> dict[str, Any]:
    """Applicants and qualified applicants for each vacancy, by the day it was advertised."""
    values = [
        {"utlyst": day.isoformat(), "stilling": title, "søkere": n, "kvalifiserte": q}
        for day, title, n, q in rows
    ]
    x = {
        "field": "utlyst",
        "type": "temporal",
        "title": None,
        "axis": {"format": "%Y", "tickCount": "year"},
    }
    tooltip = [
        {"field": "stilling", "type": "nominal", "title": "Stilling"},
        {"field": "utlyst", "type": "temporal", "title": "Utlyst", "format": DAY},
        {"field": "søkere", "type": "quantitative", "title": "Søkere", "format": ",d"},
        {"field": "kvalifiserte", "type": "quantitative", "title": "Kvalifiserte", "format": ",d"},
    ]
    return {
        "$schema": SCHEMA,
        **accounted(
            own_rule={
                "søkere": "søkere per utlyst stilling: stillinger, ikke personer",
                "kvalifiserte": "kvalifiserte søkere per utlyst stilling: stillinger, ikke personer",
            }
        ),
        "title": chart_title("Søkere per utlyst stilling"),
        "description": "Antall søkere og kvalifiserte søkere per utlyst stilling, etter utlysningsdato.",
        "width": "container",
        "height": 240,
        "data": {"values": values},
        "transform": [
            {"fold": ["søkere", "kvalifiserte"], "as": ["hvem", "antall"]},
        ],
        "mark": {"type": "point", "filled": True, "size": 80},
        "encoding": {
            "x": x,
            "y": {
                "field": "antall",
                "type": "quantitative",
                "title": "Antall",
                "axis": count_axis(),
            },
            "color": {
                "field": "hvem",
                "type": "nominal",
                "title": None,
                "scale": {"range": SERIES_COLOURS[:2]},
                "legend": legend(),
            },
            "shape": {"field": "hvem", "type": "nominal", "title": None, "legend": legend()},
            "tooltip": tooltip,
        },
        "config": _config(),
    }
