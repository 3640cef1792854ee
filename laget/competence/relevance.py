"""The shared list of relevant education (data/relevant-utdanning-v*.json) and how a record
of a person's education is classified by it (`laget.domain.competence.relevance`).

Laget's choice: the list is read from the file shipped with the code, the newest version in
force; every record classified by it keeps the entry and the version it was classified by.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from laget.domain.competence import EducationLevel
from laget.domain.competence.relevance import (
    ASSESSED,
    FURTHER,
    NOT_ASSESSED,
    ON_LIST,
    Classification,
    Entry,
    RelevanceList,
    classify,
    relevance_list_from_dict,
)

DATA = Path(__file__).resolve().parent / "data"
FILE_PREFIX = "relevant-utdanning-v"


def _version(path: Path) -> tuple[int, ...]:
    return tuple(int(p) for p in path.stem.removeprefix(FILE_PREFIX).split(".") if p.isdigit())


@functools.cache
def relevance_list() -> RelevanceList:
    """The newest version of the list shipped with Laget."""
    newest = max(DATA.glob(f"{FILE_PREFIX}*.json"), key=_version)
    return relevance_list_from_dict(json.loads(newest.read_text(encoding="utf-8")))


def education_classified(level: str, field: str, judged: bool | None) -> Classification:
    """An education (level as stored, field as written) classified by the list."""
    return classify(
        relevance_list().find_education(EducationLevel[level.upper()], field),
        judged,
        relevance_list().version,
    )


def further_classified(course: str, judged: bool | None) -> Classification:
    return classify(relevance_list().find(FURTHER, course), judged, relevance_list().version)


def classification_apply(record, classification: Classification) -> None:
    """Set a (not yet saved) Education or FurtherEducation's relevance as classified."""
    record.relevant = classification.relevant
    record.relevance_basis = classification.basis
    record.relevance_entry = classification.entry
    record.relevance_version = classification.version


@dataclass(frozen=True)
class Why:
    """Why a record counts as relevant or not, for the person's page."""

    text: str
    entry: Entry | None = None
    sources: tuple[str, ...] = ()


def _listed(record) -> Entry | None:
    """The entry of the current list a record's name is (whatever it was classified by)."""
    if hasattr(record, "course"):
        return relevance_list().find(FURTHER, record.course)
    return relevance_list().find_education(EducationLevel[record.level.upper()], record.field)


def why(record) -> Why:
    """«På listen: …» with the entry's decision and sources, or the leader's judgement, or
    that nobody has judged it."""
    current = relevance_list()
    if record.relevance_basis == ON_LIST:
        entry = current.entry(record.relevance_entry)
        if entry is None:  # an entry a later version dropped
            return Why(
                _(
                    "Stod på listen over relevant utdanning (versjon %(version)s) da den ble registrert."
                )
                % {"version": record.relevance_version}
            )
        return Why(
            _(
                "Står på listen over relevant utdanning som «%(name)s»: teller som %(counts_as)s. %(decision)s"
            )
            % {"name": entry.name, "counts_as": entry.counts_as, "decision": entry.decision},
            entry,
            tuple(current.cited(ref) for ref in entry.sources),
        )
    if record.relevance_basis == NOT_ASSESSED:
        return Why(
            _(
                "Ikke på listen over relevant utdanning, og ikke vurdert: lederen må avgjøre om "
                "den er relevant. Til da regnes den ikke med."
            )
        )
    assert record.relevance_basis == ASSESSED
    listed = _listed(record)
    if listed is not None and not record.relevant:
        # registered as not relevant before the list (the migration changes no status)
        return Why(
            _(
                "Står på listen over relevant utdanning som «%(name)s», men er registrert som ikke "
                "relevant fra før listen kom: slett den og registrer den på nytt for å følge listen."
            )
            % {"name": listed.name},
            listed,
            tuple(current.cited(ref) for ref in listed.sources),
        )
    if listed is not None:
        return Why(_("Lederen har vurdert den som relevant."))
    if record.relevant:
        return Why(_("Ikke på listen – lederen har vurdert den som relevant."))
    return Why(_("Ikke på listen – lederen har vurdert den som ikke relevant."))


def with_why(records) -> list[tuple[object, Why | None]]:
    """Each record with why it counts or not (None: a sum from a file, which is no education
    of its own)."""
    return [(r, None if getattr(r, "is_sum", False) else why(r)) for r in records]
