"""The form a unit's table is published in, kept the year out (issue 27, item 1): shared by the
statuses' forms (`laget.domain.competence.recoding`) and the roles' (`laget.domain.role_groups`).

Forms are listed finest first, each with the fewest it is used for (`least`). A unit's form is
the finest its size allows, but no finer than the form it was held at on 1 December: a unit
grows finer only then, and coarser at once when it falls below its form's least.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar


class _Form(Protocol):
    @property
    def key(self) -> str: ...

    @property
    def least(self) -> int: ...


F = TypeVar("F", bound=_Form)


def finest_held(forms: Sequence[F], size: int, held: str | None, what: str) -> F:
    """The finest of `forms` (finest first) for `size`, no finer than the form keyed `held`."""
    if size < 0:
        raise ValueError(f"{what} cannot be negative: {size}")
    finest = next(form for form in forms if size >= form.least)
    if held is None:
        return finest
    kept = next((form for form in forms if form.key == held), None)
    if kept is None:
        raise KeyError(held)
    return max(finest, kept, key=forms.index)
