"""One date format everywhere (issue 28: «7.12.2025» beside «01.01.2031»): dd.mm.yyyy, with
the time as hh:mm where a moment is meant, the weekday before it where a day in the weeks ahead
is planned («torsdag 17.12.2026»). Read from every template and every module."""

import re
from pathlib import Path

import laget

ROOT = Path(laget.__file__).parent
ALLOWED = {"d.m.Y", "d.m.Y H:i", "l d.m.Y"}


def test_every_template_writes_dates_as_dd_mm_yyyy():
    found = {}
    for path in ROOT.rglob("*.html"):
        for fmt in re.findall(r'\|date:"([^"]*)"', path.read_text(encoding="utf-8")):
            found.setdefault(fmt, []).append(path.relative_to(ROOT).as_posix())
    assert found, "no template writes a date: the pattern no longer finds them"
    assert set(found) <= ALLOWED, {k: v[:3] for k, v in found.items() if k not in ALLOWED}


def test_every_module_writes_dates_as_dd_mm_yyyy():
    odd = []
    for path in ROOT.rglob("*.py"):
        if "tests" in path.parts:
            continue
        for fmt in re.findall(r'strftime\("([^"]*)"\)', path.read_text(encoding="utf-8")):
            dated = "%d" in fmt or "%m" in fmt or "%-d" in fmt
            if dated and fmt not in ("%d.%m.%Y", "%d.%m.%Y %H:%M", "%Y-%m-%dT%H:%M:%SZ"):
                odd.append((path.relative_to(ROOT).as_posix(), fmt))
    assert not odd, odd
