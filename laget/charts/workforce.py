"""Charts for the workforce overview: turnover, sick leave with its trend, applicants.

Suppressed figures arrive as None and are left out of the chart (the table beside it says
«skjult»)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from laget.charts.competence import SCHEMA, _config

SERIES_COLOURS = ["#0062ba", "#b25c00", "#06893a", "#7a2e9a", "#4d4d4d"]


def _percent(value: Any) -> float | None:
    return None if value is None else round(float(value) * 100, 1)


def turnover_lines(rows: Sequence[tuple[int, Any, Any]]) -> dict[str, Any]:
    """Leavers of the service (turnover) and churn (SSB) per year, in percent."""
    values = [
        {"år": str(year), "mål": name, "prosent": _percent(value)}
        for year, turnover, churn in rows
        for name, value in (
            ("Sluttet i tjenesten (turnover)", turnover),
            ("Gjennomtrekk (SSB)", churn),
        )
        if value is not None
    ]
    return {
        "$schema": SCHEMA,
        "title": {"text": "Turnover og gjennomtrekk per år", "anchor": "start"},
        "description": (
            "Andelen som sluttet i tjenesten (turnover; den som går til en annen "
            "barneverntjeneste, har sluttet) og gjennomtrekk etter SSBs metode, i prosent, per år."
        ),
        "width": "container",
        "height": 240,
        "data": {"values": values},
        "mark": {"type": "line", "point": {"size": 70}, "tooltip": True},
        "encoding": {
            "x": {"field": "år", "type": "ordinal", "title": None, "axis": {"labelAngle": 0}},
            "y": {"field": "prosent", "type": "quantitative", "title": "Prosent"},
            "color": {
                "field": "mål",
                "type": "nominal",
                "title": None,
                "scale": {"range": SERIES_COLOURS[:2]},
            },
            "strokeDash": {"field": "mål", "type": "nominal", "legend": None},
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
    }
    y = {"field": "prosent", "type": "quantitative", "title": "Sykefravær (%)"}
    return {
        "$schema": SCHEMA,
        "title": {
            "text": "Sykefravær per måned",
            "anchor": "start",
            "subtitle": "Tapte dagsverk i prosent av avtalte; trenden er lineær over perioden",
        },
        "description": "Sykefravær i prosent per måned, glidende 12 måneder, lineær trend og referanseverdier for kommunen og landet.",
        "width": "container",
        "height": 260,
        "layer": [
            {
                "data": {"values": monthly},
                "mark": {"type": "line", "point": True, "tooltip": True, "opacity": 0.6},
                "encoding": {"x": x, "y": y, "color": colour},
            },
            {
                "data": {"values": rolling},
                "mark": {"type": "line", "strokeWidth": 3, "tooltip": True},
                "encoding": {"x": x, "y": y, "color": colour},
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
                        {"field": "serie", "title": "Referanse"},
                        {"field": "prosent", "title": "Prosent"},
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
        {"field": "stilling", "title": "Stilling"},
        {"field": "utlyst", "type": "temporal", "title": "Utlyst", "format": "%d.%m.%Y"},
        {"field": "søkere", "title": "Søkere"},
        {"field": "kvalifiserte", "title": "Kvalifiserte"},
    ]
    return {
        "$schema": SCHEMA,
        "title": {"text": "Søkere per utlyst stilling", "anchor": "start"},
        "description": "Antall søkere og kvalifiserte søkere per utlyst stilling, etter utlysningsdato.",
        "width": "container",
        "height": 240,
        "data": {"values": values},
        "transform": [
            {"fold": ["søkere", "kvalifiserte"], "as": ["hvem", "antall"]},
        ],
        "mark": {"type": "point", "filled": True, "size": 80, "tooltip": True},
        "encoding": {
            "x": x,
            "y": {"field": "antall", "type": "quantitative", "title": "Antall"},
            "color": {
                "field": "hvem",
                "type": "nominal",
                "title": None,
                "scale": {"range": SERIES_COLOURS[:2]},
            },
            "shape": {"field": "hvem", "type": "nominal", "legend": None},
            "tooltip": tooltip,
        },
        "config": _config(),
    }
