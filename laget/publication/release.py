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
from typing import TYPE_CHECKING, Any

from laget.domain.protection import Protected
from laget.domain.suppression import Figure
from laget.publication.calendar import (
    is_release_day,
)

#: Fields of a publication that hold what it was built from, never what it publishes.
NOT_PUBLISHED = frozenset({"counts"})

Cell = dict[str, Any]

if TYPE_CHECKING:
    from laget.publication.models import Release, ReleaseCell


def release_cells(name: str, data: Any) -> Iterator[tuple[str, Cell]]:
    """Every published cell of the publication `name`, by path, in a stable order; a view's
    relations as one cell of text («a = b + c», «s = n / d (3)»)."""
    for path, cell in _walk(name, data, set()):
        if "relations" in cell:
            yield path, {"value": sorted({_relation_text(r) for r in cell["relations"]})}
        else:
            yield path, cell


def _relation_text(relation: dict) -> str:
    if relation["kind"] == "at_most":
        operands = relation["operands"]
        return f"{' + '.join(operands['smaller'])} ≤ {' + '.join(operands['larger'])}"
    if relation["kind"] == "sum":
        return f"{relation['result']} = {' + '.join(relation['operands'])}"
    numerator, denominator = relation["operands"]
    return f"{relation['result']} = {numerator} / {denominator} ({relation['decimals']})"


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
        if obj and all(isinstance(k, (set, frozenset)) for k in obj) and _names(obj.values()):
            # sets of services by the unit they are published under (`units`): each unit with
            # its services, keyed by the unit (the nation's set is no path a release can store)
            for key in sorted(obj, key=lambda k: obj[k]):
                yield from _walk(f"{path}[{obj[key]}]", sorted(key), seen)
            return
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
    parts = getattr(obj, "release_parts", None)
    if callable(parts):  # a publication that keeps some of itself packed says what it holds
        for field_name, value in parts().items():
            yield from _walk(f"{path}.{field_name}", value, seen)
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


def _names(values: Any) -> bool:
    """Whether `values` are distinct names (so they can key what they name)."""
    values = list(values)
    return all(isinstance(v, str) for v in values) and len(set(values)) == len(values)


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
    relations: list[dict[str, Any]] = [
        {"kind": "sum", "result": r.total, "operands": list(r.parts), "decimals": None}
        for r in protected.view.sums
        if r.total in published and all(p in published for p in r.parts)
    ]
    relations += [
        {
            "kind": "share",
            "result": r.key,
            "operands": [r.numerator, r.denominator],
            "decimals": r.decimals,
        }
        for r in protected.view.shares
        if r.key in published
    ]
    relations += [
        {
            "kind": "at_most",
            "result": "",
            "operands": {"smaller": list(b.smaller), "larger": list(b.larger)},
            "decimals": None,
        }
        for b in protected.view.bounds
        if all(k in published for k in b.members)
    ]
    yield f"{path}#relations", {"relations": relations}
    yield f"{path}#min_n", {"value": protected.min_n}


def live(day: date) -> dict[str, dict[str, Cell]]:
    """Every publication stored for `day` now, as published cells by name and path (read
    from the stored publications, so only with the code that built them)."""
    from laget.publication.models import StoredPublication
    from laget.publication.published import stored

    names = StoredPublication.objects.filter(end_time=day).order_by("name")
    found: dict[str, dict[str, Cell]] = {}
    for name in names.values_list("name", flat=True):
        data = stored(name, day, exact=True)
        if data is not None:
            found[name] = dict(release_cells(name, data))
    return found


class ReleaseOut(Exception):
    """A release of a fixed date that has gone out: frozen, never stored again."""

    def __init__(self, day: date):
        super().__init__(
            f"Utgivelsen per {day.isoformat()} er ute og endres ikke; rettelser kommer med "
            "neste utgivelse."
        )
        self.day = day


def is_out(day: date, today: date) -> bool:
    """Whether the release of `day` has gone out: a fixed date that is over, stored."""
    from laget.publication.models import Release

    return is_release_day(day) and day < today and Release.objects.filter(end_time=day).exists()


def release_store(day: date, *, today: date | None = None) -> Release:
    """Store what is published for `day` now as its release, in tables, in one transaction.
    A release of a fixed date (`is_release_day`) that is over is frozen once stored: it is
    never replaced (`ReleaseOut`), and a correction to that date goes out with the next one.
    Another date's (an operator's `laget publication release`) may be stored again."""
    from django.utils import timezone as tz

    if is_out(day, today or tz.localdate()):
        raise ReleaseOut(day)
    from django.db import transaction
    from django.utils import timezone

    from laget.domain.protection import MIN_N, VERSION
    from laget.publication.models import (
        Release,
        ReleaseCell,
        ReleaseRelation,
        ServiceCount,
        StoredPublication,
    )
    from laget.publication.published import stored

    publications = StoredPublication.objects.filter(end_time=day).order_by("name")
    if not publications.exists():
        raise LookupError(f"Ingenting er beregnet per {day.isoformat()}.")
    oldest = publications.order_by("revision", "built_at").values_list("revision", "built_at")
    revision, built_at = oldest[0]
    rule_sets = ServiceCount.objects.filter(end_time=day).exclude(rule_set="")
    with transaction.atomic():
        Release.objects.filter(end_time=day).delete()
        release = Release.objects.create(
            end_time=day,
            revision=revision,
            built_at=built_at,
            stored_at=timezone.now(),
            rule_set=rule_sets.values_list("rule_set", flat=True).first() or "",
            protection=VERSION,
            min_n=MIN_N,
        )
        cells: list[ReleaseCell] = []
        relations: list[ReleaseRelation] = []
        for name in publications.values_list("name", flat=True):
            data = stored(name, day, exact=True)
            if data is None:
                continue
            for path, cell in _walk(name, data, set()):
                path = path[len(name) :]
                if "relations" in cell:
                    relations += [
                        ReleaseRelation(
                            release=release,
                            publication=name,
                            view=path[: -len("#relations")],
                            kind=r["kind"],
                            result=r["result"],
                            operands=r["operands"],
                            decimals=r["decimals"],
                        )
                        for r in cell["relations"]
                    ]
                else:
                    cells.append(_row(release, name, path, cell))
        ReleaseCell.objects.bulk_create(cells, batch_size=5000)
        ReleaseRelation.objects.bulk_create(relations, batch_size=5000)
    return release


def _row(release: Release, name: str, path: str, cell: Cell) -> ReleaseCell:
    from laget.publication.models import ReleaseCell

    if len(path) > 300:
        raise ValueError(f"{name}{path[:80]}…: a path longer than 300 characters")
    if cell.get("computed") is False:
        why = ReleaseCell.Why.NOT_COMPUTED
    elif cell.get("hidden"):
        why = cell.get("why", ReleaseCell.Why.HIDDEN)
    else:
        why = ReleaseCell.Why.SHOWN
    return ReleaseCell(
        release=release,
        publication=name,
        path=path,
        value=cell.get("value"),
        persons=cell.get("persons"),
        why=why,
    )


def stored_release(day: date) -> dict[str, dict[str, Cell]] | None:
    """The release stored for `day`, read from its tables alone (None: none is), in the shape
    `live` gives."""
    from laget.publication.models import Release, ReleaseCell

    release = Release.objects.filter(end_time=day).first()
    if release is None:
        return None
    found: dict[str, dict[str, Cell]] = {}
    for name, path, value, persons, why in release.cells.order_by(
        "publication", "path"
    ).values_list("publication", "path", "value", "persons", "why"):
        if why == ReleaseCell.Why.NOT_COMPUTED:
            cell: Cell = {"computed": False}
        elif why == ReleaseCell.Why.HIDDEN:
            cell = {"hidden": True}
        elif why:
            cell = {"hidden": True, "why": why}
        elif persons is None:
            cell = {"value": value}
        else:
            cell = {"value": value, "persons": persons}
        found.setdefault(name, {})[name + path] = cell
    texts: dict[tuple[str, str], set[str]] = {}
    for name, view, kind, result, operands, decimals in release.relations.values_list(
        "publication", "view", "kind", "result", "operands", "decimals"
    ):
        relation = {"kind": kind, "result": result, "operands": operands, "decimals": decimals}
        texts.setdefault((name, view), set()).add(_relation_text(relation))
    for name, cells in found.items():  # a protected view's relations, none included
        for path in [p for p in cells if p.endswith("#min_n")]:
            view = path[len(name) : -len("#min_n")]
            cells[f"{name}{view}#relations"] = {"value": sorted(texts.get((name, view), ()))}
    return {name: dict(sorted(cells.items())) for name, cells in sorted(found.items())}
