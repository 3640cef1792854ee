"""What counts as relevant education: a shared, versioned list with the source of each entry.

The Act asks for «barnevernfaglig mastergrad eller annen relevant utdanning på tilsvarende
nivå», «relevant bachelorutdanning» and «en barnevernfaglig eller annen relevant
videreutdanning». The list names the degrees and programmes the sources support, each with
what it counts as and why; the forms suggest from it and the import classifies by it, so that
services classify alike. A name not on the list is left to the leader (`classify`), and a
name nobody has judged counts as not relevant until someone does (the status says «må
sjekkes» when that could matter).

Pure Python: the list comes in as data (`relevance_list_from_dict`), from a JSON file the
caller reads.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from laget.domain.competence.model import EducationLevel

#: The kinds of entry: a degree at a level, or a further-education programme.
BACHELOR = "bachelor"
MASTER = "master"
FURTHER = "further"
KINDS = (BACHELOR, MASTER, FURTHER)
#: The kind an education at a level is looked up as (other levels are never on the list).
KIND_OF_LEVEL = {EducationLevel.BACHELOR: BACHELOR, EducationLevel.MASTER: MASTER}

#: How a record's relevance was decided (stored beside it).
ON_LIST = "list"
ASSESSED = "assessed"  # by the leader (a form, an approved proposal, a file's «ja»/«nei»)
NOT_ASSESSED = "not_assessed"  # a name not on the list that nobody has judged
BASES = (ON_LIST, ASSESSED, NOT_ASSESSED)

#: Words before a degree's subject that do not tell degrees apart: «Bachelor i barnevern»
#: is looked up as «barnevern» among the bachelor entries.
_DEGREE_PREFIX = re.compile(
    r"^(?:(?:bachelor|master)(?:grad|utdanning|studium|program)?|"
    r"(?:nasjonal )?videreutdanning|integrert master|femårig master) (?:i|in|innen|for) "
)


def normalise(name: str) -> str:
    """Lower case, single spaces, no punctuation (æøå kept): for comparing names."""
    text = unicodedata.normalize("NFC", str(name)).strip().lower()
    text = re.sub(r"[^\wæøå]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def lookup_key(name: str) -> str:
    """The name as the list looks it up: normalised, without «bachelor i», «master i» and
    the like before the subject."""
    return _DEGREE_PREFIX.sub("", normalise(name))


@dataclass(frozen=True)
class SourceRef:
    """Where the list's decision on an entry comes from: a source (by its key in the list's
    `sources`), the place in it, and its words."""

    source: str
    where: str
    quote: str


@dataclass(frozen=True)
class Entry:
    key: str
    kind: str
    name: str
    #: what it counts as, in the Act's words («relevant bachelorutdanning», …)
    counts_as: str
    #: why it counts, in a sentence
    decision: str
    sources: tuple[SourceRef, ...]
    #: other names it goes by (the name itself is always one)
    names: tuple[str, ...] = ()
    credits: float | None = None
    providers: tuple[str, ...] = ()

    @property
    def lookup_keys(self) -> frozenset[str]:
        return frozenset(lookup_key(n) for n in (self.name, *self.names))


@dataclass(frozen=True)
class RelevanceList:
    name: str
    version: str
    note: str
    #: source key -> the document, as it is cited
    sources: Mapping[str, str]
    entries: tuple[Entry, ...]

    @property
    def label(self) -> str:
        return f"{self.name} (versjon {self.version})"

    def of_kind(self, kind: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.kind == kind)

    def entry(self, key: str) -> Entry | None:
        return next((e for e in self.entries if e.key == key), None)

    def find(self, kind: str, name: str) -> Entry | None:
        """The entry of `kind` the name is, or None when it is not on the list."""
        wanted = lookup_key(name)
        if not wanted:
            return None
        return next((e for e in self.of_kind(kind) if wanted in e.lookup_keys), None)

    def find_education(self, level: EducationLevel, field: str) -> Entry | None:
        kind = KIND_OF_LEVEL.get(level)
        return self.find(kind, field) if kind else None

    def cited(self, ref: SourceRef) -> str:
        """«KS Trøndelag (2024), avsnitt …: «…»»."""
        return f"{self.sources.get(ref.source, ref.source)}, {ref.where}: «{ref.quote}»"


@dataclass(frozen=True)
class Classification:
    """A record's relevance as decided: relevant or not, how (`BASES`), by which entry of
    which version of the list."""

    relevant: bool
    basis: str
    entry: str = ""
    version: str = ""

    @property
    def assessed(self) -> bool:
        return self.basis != NOT_ASSESSED


def classify(entry: Entry | None, judged: bool | None, version: str) -> Classification:
    """On the list: relevant, as the list says. Not on it: what the leader (or the file on the
    leader's behalf) judged; None when nobody has: not assessed, and not relevant until then."""
    if entry is not None:
        return Classification(True, ON_LIST, entry.key, version)
    if judged is None:
        return Classification(False, NOT_ASSESSED, "", version)
    return Classification(judged, ASSESSED, "", version)


class RelevanceListError(ValueError):
    """A list definition that cannot be used; `problems` lists every fault found."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


def _text(raw: Mapping[str, Any], key: str, where: str, problems: list[str]) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        problems.append(f"{where}.{key}: må fylles ut")
        return ""
    return value.strip()


def _texts(raw: Mapping[str, Any], key: str, where: str, problems: list[str]) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        problems.append(f"{where}.{key}: må være en liste med tekst")
        return ()
    return tuple(v.strip() for v in value)


def relevance_list_from_dict(data: Mapping[str, Any]) -> RelevanceList:
    """Build the list from its stored definition; every fault is reported at once. Every
    entry must cite a source the list names, and no name may be on two entries of a kind."""
    if not isinstance(data, Mapping):
        raise RelevanceListError(["definisjonen må være et JSON-objekt"])
    problems: list[str] = []
    name = _text(data, "name", "liste", problems)
    version = _text(data, "version", "liste", problems)
    note = data.get("note", "")
    if not isinstance(note, str):
        problems.append("liste.note: må være tekst")
        note = ""
    sources = data.get("sources")
    if (
        not isinstance(sources, Mapping)
        or not sources
        or not all(isinstance(v, str) and v.strip() for v in sources.values())
    ):
        problems.append("sources: må være et objekt med kildene som tekst")
        sources = {}
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list) or not raw_entries:
        problems.append("entries: må være en ikke-tom liste")
        raw_entries = []
    entries: list[Entry] = []
    seen_keys: set[str] = set()
    seen_names: dict[tuple[str, str], str] = {}
    for index, raw in enumerate(raw_entries):
        where = f"entries[{index}]"
        if not isinstance(raw, Mapping):
            problems.append(f"{where}: må være et objekt")
            continue
        key = _text(raw, "key", where, problems)
        if key in seen_keys:
            problems.append(f"{where}.key: «{key}» er brukt før")
        seen_keys.add(key)
        kind = raw.get("kind")
        if kind not in KINDS:
            problems.append(f"{where}.kind: må være en av {', '.join(KINDS)}, fikk {kind!r}")
            kind = FURTHER
        credits = raw.get("credits")
        if credits is not None and (
            isinstance(credits, bool) or not isinstance(credits, int | float) or credits <= 0
        ):
            problems.append(f"{where}.credits: må være et tall over 0, fikk {credits!r}")
            credits = None
        refs: list[SourceRef] = []
        raw_refs = raw.get("sources")
        if not isinstance(raw_refs, list) or not raw_refs:
            problems.append(f"{where}.sources: hver oppføring må ha minst én kilde")
            raw_refs = []
        for n, ref in enumerate(raw_refs):
            at = f"{where}.sources[{n}]"
            if not isinstance(ref, Mapping):
                problems.append(f"{at}: må være et objekt")
                continue
            source = _text(ref, "source", at, problems)
            if source and source not in sources:
                problems.append(f"{at}.source: «{source}» er ikke blant listens kilder")
            refs.append(
                SourceRef(
                    source, _text(ref, "where", at, problems), _text(ref, "quote", at, problems)
                )
            )
        entry = Entry(
            key=key,
            kind=kind,
            name=_text(raw, "name", where, problems),
            counts_as=_text(raw, "counts_as", where, problems),
            decision=_text(raw, "decision", where, problems),
            sources=tuple(refs),
            names=_texts(raw, "names", where, problems),
            credits=float(credits) if credits is not None else None,
            providers=_texts(raw, "providers", where, problems),
        )
        for looked_up in entry.lookup_keys:
            other = seen_names.get((kind, looked_up))
            if other is not None and other != key:
                problems.append(f"{where}.names: «{looked_up}» står også på «{other}»")
            seen_names[(kind, looked_up)] = key
        entries.append(entry)
    if problems:
        raise RelevanceListError(problems)
    return RelevanceList(
        name=name,
        version=version,
        note=note.strip(),
        sources=dict(sources),
        entries=tuple(entries),
    )
