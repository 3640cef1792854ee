"""The order a leader works through the staff list in: the most urgent status first."""

from __future__ import annotations

from datetime import date

from laget.domain.competence.model import Result, Status


def urgency_key(result: Result) -> tuple[int, date]:
    """Sort key: cannot meet, at risk, needs checking, exempt, will meet, meets, not subject;
    then the earliest start-by."""
    starts = [s.start_by for s in result.shortfalls if s.start_by is not None]
    return (_URGENCY.index(result.status), min(starts, default=date.max))


_URGENCY = [
    Status.CANNOT_MEET,
    Status.AT_RISK,
    Status.NEEDS_CHECK,
    Status.EXEMPT,
    Status.WILL_MEET,
    Status.MEETS,
    Status.NOT_SUBJECT,
]
