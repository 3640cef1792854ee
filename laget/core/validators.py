"""Django validators made from the domain's catalogue of ranges (`laget.domain.ranges`)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator

from laget.domain.ranges import Range


def within(allowed: Range) -> list:
    """Validators for a model or form field: the range's ends, inclusive."""
    return [MinValueValidator(allowed.low), MaxValueValidator(allowed.high)]
