"""A stored publication as the plain cells a reader outside the services gets: every figure it
publishes (its value and the persons it rests on when shown, or that it is hidden and why),
every relation between them, and what it names (services, rule set, dates), by a path from
the publication's root. What is never published (the raw counts it was built from, the value
of a hidden cell, cells kept only for their relations) is left out.

`laget publication show --date … --json` prints it, and the test of the publication layer
compares the demo's release with a copy stored once (`laget/publication/tests/`), so that a
change of the code that builds publications shows every cell it changes.
"""

from __future__ import annotations

import dataclasses
import enum
import math
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from laget.domain.protection import Protected
from laget.domain.suppression import Figure

#: Fields of a publication that hold what it was built from, never what it publishes.
NOT_PUBLISHED = frozenset({"counts"})

Cell = dict[str, Any]


def release_cells(name: str, data: Any) -> Iterator[tuple[str, Cell]]:
    """Every published cell of the publication `name`, by path, in a stable order."""
    yield from _walk(name, data, set())


def _number(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float, Decimal)) or hasattr(value, "item"):
        number = float(value)
        if math.isnan(number):
            return "NaN"
        return round(number, 9)
    return value


def _walk(path: str, obj: Any, seen: set[int]) -> Iterator[tuple[str, Cell]]:
    if obj is None or isinstance(obj, (bool, int, float, Decimal, str)) or hasattr(obj, "item"):
        yield path, {"value": _number(obj)}
        return
    if isinstance(obj, (date, datetime)):
        yield path, {"value": obj.isoformat()}
        return
    if isinstance(obj, enum.Enum):
        yield path, {"value": _number(obj.value)}
        return
    if isinstance(obj, Figure):
        yield path, _figure(obj)
        return
    if isinstance(obj, Protected):
        yield from _protected(path, obj)
        return
    if hasattr(obj, "_meta") and hasattr(obj, "pk"):  # a model instance: what it names
        yield path, {"value": f"{obj._meta.label}:{obj.pk}"}
        return
    if id(obj) in seen:
        return
    seen = seen | {id(obj)}
    if isinstance(obj, Mapping):
        for key in sorted(obj, key=_key):
            yield from _walk(f"{path}[{_key(key)}]", obj[key], seen)
        return
    if isinstance(obj, (set, frozenset)):
        yield path, {"value": sorted(_key(item) for item in obj)}
        return
    if isinstance(obj, (list, tuple)):
        for index, item in enumerate(obj):
            yield from _walk(f"{path}[{index}]", item, seen)
        return
    if dataclasses.is_dataclass(obj):
        fields = [f.name for f in dataclasses.fields(obj)]
    elif hasattr(obj, "__dict__"):
        fields = sorted(vars(obj))
    else:
        yield path, {"value": repr(obj)}
        return
    for field_name in fields:
        if field_name in NOT_PUBLISHED or field_name.startswith("_"):
            continue
        yield from _walk(f"{path}.{field_name}", getattr(obj, field_name), seen)


def _key(key: Any) -> str:
    if isinstance(key, (set, frozenset)):
        return ",".join(str(item) for item in sorted(key))
    return str(key)


def _figure(figure: Figure) -> Cell:
    if not figure.computed:
        return {"computed": False}
    if figure.suppressed:
        return {"hidden": True}
    return {"value": _number(figure.value), "persons": figure.n}


def _protected(path: str, protected: Protected) -> Iterator[tuple[str, Cell]]:
    """The cells of a protected view as published, and its relations (among published cells:
    a relation through a cell never published is the protection's own business)."""
    published = {k for k in protected.view.cells if k not in protected.unpublished}
    for key in sorted(published):
        cell = protected.view.cells[key]
        if key in protected.hidden:
            why = "small" if key in protected.primary else "secondary"
            yield f"{path}|{key}", {"hidden": True, "why": why}
        else:
            yield f"{path}|{key}", {"value": _number(cell.value), "persons": cell.persons}
    relations = [
        f"{s.total} = {' + '.join(s.parts)}"
        for s in protected.view.sums
        if s.total in published and all(p in published for p in s.parts)
    ]
    relations += [
        f"{s.key} = {s.numerator} / {s.denominator} ({s.decimals})"
        for s in protected.view.shares
        if s.key in published
    ]
    yield f"{path}#relations", {"value": sorted(set(relations))}
    yield f"{path}#min_n", {"value": protected.min_n}


def release(day: date) -> dict[str, dict[str, Cell]]:
    """Every publication stored for `day`, as published cells by name and path."""
    from laget.core.published import stored
    from laget.counts.models import StoredPublication

    names = StoredPublication.objects.filter(end_time=day).order_by("name")
    found: dict[str, dict[str, Cell]] = {}
    for name in names.values_list("name", flat=True):
        data = stored(name, day)
        if data is not None:
            found[name] = dict(release_cells(name, data))
    return found
