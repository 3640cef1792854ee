"""Finding every suppressible figure in an overview, for the tests of the suppression rule."""

import dataclasses
from collections.abc import Iterator

from laget.domain.suppression import Figure


def all_figures(obj) -> Iterator[Figure]:
    """Every Figure anywhere in `obj` (dataclasses, dicts, lists and tuples, nested)."""
    if isinstance(obj, Figure):
        yield obj
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for field in dataclasses.fields(obj):
            yield from all_figures(getattr(obj, field.name))
    elif isinstance(obj, dict):
        for value in obj.values():
            yield from all_figures(value)
    elif isinstance(obj, list | tuple):
        for value in obj:
            yield from all_figures(value)


def shown_below(obj, min_n: int = 5) -> list[Figure]:
    """The figures that are shown although they rest on 1 to `min_n` − 1 persons. (A zero
    is shown only where the protection allows it: in a population of five or more.)"""
    return [f for f in all_figures(obj) if not f.suppressed and 0 < f.n < min_n]
