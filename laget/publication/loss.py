"""The information a date's publications lose to the protection (issue 27, item 3): for each
publication stored for the date, its published cells counted once (`domain.protection.loss`),
and the tables it hides whole. `laget publication loss --date …` prints it; `bench/bench_loss.py`
measures it for the demo and the synthetic nation."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from datetime import date
from typing import Any

from laget.domain.protection import Protected
from laget.domain.protection.loss import Loss, measure
from laget.domain.suppression import Figure


def publication_loss(day: date) -> dict[str, Loss]:
    """The loss of every publication stored for `day`, by name (sets of services included)."""
    from laget.publication.models import StoredPublication
    from laget.publication.published import stored

    found: dict[str, Loss] = {}
    for name in (
        StoredPublication.objects.filter(end_time=day)
        .order_by("name")
        .values_list("name", flat=True)
    ):
        data = stored(name, day, exact=True)
        if data is None:
            continue
        views: list[Protected] = []
        whole, own, own_hidden = 0, 0, 0
        for item in _views(data, set()):
            if item is None:
                whole += 1
            elif isinstance(item, Figure):
                own += 1
                own_hidden += item.suppressed
            else:
                views.append(item)
        # units in a coarser form than the finest (`laget.domain.competence.recoding`)
        forms = getattr(data, "forms", None) or {}
        recoded = sum(form != "statuses" for form in forms.values())
        found[name] = measure(
            views, hidden_whole=whole, own_rule=(own, own_hidden), recoded=recoded
        )
    return found


def by_family(found: dict[str, Loss]) -> dict[str, Loss]:
    """The losses of the sets of services (`workforce:…`, `projection:…`) added up per family,
    named with how many sets they are (`workforce (29 sett)`); a publication about the whole
    installation stays as it is."""
    families: dict[str, list[Loss]] = {}
    for name, loss in found.items():
        families.setdefault(name.split(":", 1)[0], []).append(loss)
    return {
        (family if len(losses) == 1 else f"{family} ({len(losses)} sett)"): sum(losses, Loss())
        for family, losses in sorted(families.items())
    }


def _views(obj: Any, seen: set[int]) -> Iterator[Protected | Figure | None]:
    """Every protected view a publication holds (None for a table hidden whole: a field
    `protected` that is None), each object once, and every figure no protected view gave
    (a rate or a mean hidden by its own rule)."""
    if obj is None or isinstance(obj, (str, bytes, int, float, date)) or id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, Protected):
        yield obj
        return
    if isinstance(obj, Figure):
        if obj.computed and not obj.source and (obj.suppressed or obj.value is not None):
            yield obj
        return
    parts = getattr(obj, "release_parts", None)
    if callable(parts):  # a publication that keeps some of itself packed says what it holds
        yield from _views(parts(), seen)
        return
    if isinstance(obj, Mapping):
        for value in obj.values():
            yield from _views(value, seen)
        return
    if isinstance(obj, (list, tuple, set, frozenset)):
        for value in obj:
            yield from _views(value, seen)
        return
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        values = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
        if "protected" in values and values["protected"] is None:
            yield None  # a table hidden whole
        for name, value in values.items():
            if name != "counts":
                yield from _views(value, seen)
