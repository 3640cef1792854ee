"""Chart images for documents, one PNG per spec, made once per process and spec."""

from __future__ import annotations

import base64
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from typing import Any

from laget.charts.render import chart_png


@lru_cache(maxsize=256)
def _png(spec_json: str) -> bytes:
    return chart_png(json.loads(spec_json))


def png(spec: dict[str, Any]) -> bytes:
    return _png(json.dumps(spec, sort_keys=True, ensure_ascii=False))


_TINY = {
    "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
    "data": {"values": [{"x": 1}]},
    "mark": "point",
    "encoding": {"x": {"field": "x", "type": "quantitative"}},
}
_warm = threading.Event()


def warm_up() -> None:
    """Start vl-convert's engine in the background (about 0.6 s the first time in a process),
    so a download from the report page does not wait for it."""
    if not _warm.is_set():
        _warm.set()
        threading.Thread(target=png, args=(_TINY,), daemon=True).start()


def prerender(specs: list[dict[str, Any]]) -> None:
    """Render the charts side by side (vl-convert releases the GIL); later calls hit the cache."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(png, specs))


def charts_of(document) -> list[dict[str, Any]]:
    return [b["spec"] for s in document.sections for b in s.blocks if b["kind"] == "chart"]


def data_uri(spec: dict[str, Any]) -> str:
    return "data:image/png;base64," + base64.b64encode(png(spec)).decode("ascii")
