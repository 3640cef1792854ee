"""Reading a rule set from its stored definition (JSON), reporting every fault at once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from laget.domain.competence.model import EducationLevel
from laget.domain.competence.rules import (
    ANY_ROLE,
    CREDITS_COUNTING,
    EXPERIENCE_COUNTING,
    EXPERIENCE_ROLES,
    PRO_RATA,
    TOTAL,
    DegreePath,
    Path,
    Reading,
    RuleSet,
    TransitionPath,
)


class RuleSetError(ValueError):
    """A rule-set definition that cannot be used; `problems` lists every fault found."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


_LEVELS = {level.name.lower(): level for level in EducationLevel}


def _date(value: Any, where: str, problems: list[str]) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        problems.append(f"{where}: «{value}» er ikke en dato på formen ÅÅÅÅ-MM-DD")
        return None


def _int(
    mapping: Mapping[str, Any], key: str, where: str, problems: list[str], minimum: int = 0
) -> int:
    value = mapping.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        problems.append(f"{where}.{key}: må være et heltall ≥ {minimum}, fikk {value!r}")
        return minimum
    return value


def _level(mapping: Mapping[str, Any], where: str, problems: list[str]) -> EducationLevel:
    value = mapping.get("min_level")
    if value not in _LEVELS:
        problems.append(f"{where}.min_level: må være en av {', '.join(_LEVELS)}, fikk {value!r}")
        return EducationLevel.MASTER
    return _LEVELS[value]


def rule_set_from_dict(data: Mapping[str, Any]) -> RuleSet:
    """Build a rule set from its stored definition; every fault is reported at once."""
    problems: list[str] = []
    if not isinstance(data, Mapping):
        raise RuleSetError(["definisjonen må være et JSON-objekt"])
    for field in ("name", "version", "legal_source"):
        if not isinstance(data.get(field), str) or not data.get(field, "").strip():
            problems.append(f"{field}: må fylles ut")
    valid_from = _date(data.get("valid_from"), "valid_from", problems)
    deadline = _date(data.get("deadline"), "deadline", problems)
    if data.get("valid_from") is None:
        problems.append("valid_from: må fylles ut")
    if data.get("deadline") is None:
        problems.append("deadline: må fylles ut")
    applies_to = data.get("applies_to")
    if (
        not isinstance(applies_to, list)
        or not applies_to
        or not all(isinstance(a, str) for a in applies_to)
    ):
        problems.append("applies_to: må være en ikke-tom liste med rollekategorier")
        applies_to = []
    optional_roles = data.get("optional_roles", [])
    if not isinstance(optional_roles, list) or not all(isinstance(a, str) for a in optional_roles):
        problems.append("optional_roles: må være en liste med rollekategorier")
        optional_roles = []
    if set(optional_roles) & set(applies_to):
        problems.append("optional_roles: en rolle kravet alltid gjelder, kan ikke være valgfri")
    experience_years = (
        _int(data, "experience_years", "experience_years", problems, minimum=0)
        if "experience_years" in data
        else 4
    )
    paths: list[Path] = []
    raw_paths = data.get("paths")
    if not isinstance(raw_paths, list) or not raw_paths:
        problems.append("paths: må være en ikke-tom liste")
        raw_paths = []
    seen: set[str] = set()
    for index, raw in enumerate(raw_paths):
        where = f"paths[{index}]"
        if not isinstance(raw, Mapping):
            problems.append(f"{where}: må være et objekt")
            continue
        key: Any = raw.get("key")
        label: Any = raw.get("label")
        kind = raw.get("kind")
        if not isinstance(key, str) or not key:
            problems.append(f"{where}.key: må fylles ut")
            key = f"path{index}"
        if key in seen:
            problems.append(f"{where}.key: «{key}» er brukt før")
        seen.add(key)
        if not isinstance(label, str) or not label:
            problems.append(f"{where}.label: må fylles ut")
            label = key
        if kind == "degree":
            prerequisite = raw.get("prerequisite")
            prerequisite_level, prerequisite_months = None, 0
            if isinstance(prerequisite, Mapping):
                where_pre = f"{where}.prerequisite"
                prerequisite_level = _level(prerequisite, where_pre, problems)
                prerequisite_months = _int(prerequisite, "months_to_complete", where_pre, problems)
            elif prerequisite is not None:
                problems.append(f"{where}.prerequisite: må være et objekt")
            paths.append(
                DegreePath(
                    key,
                    label,
                    _level(raw, where, problems),
                    _int(raw, "months_to_complete", where, problems),
                    prerequisite_level,
                    prerequisite_months,
                )
            )
        elif kind == "transition":
            credits = raw.get("min_credits")
            if isinstance(credits, bool) or not isinstance(credits, int | float) or credits < 0:
                problems.append(f"{where}.min_credits: må være et tall ≥ 0, fikk {credits!r}")
                credits = 0
            paths.append(
                TransitionPath(
                    key,
                    label,
                    _level(raw, where, problems),
                    _int(raw, "degree_months_to_complete", where, problems),
                    float(credits),
                    _int(raw, "months_per_30_credits", where, problems, minimum=1),
                    _date(raw.get("closed_for_new_hires_without_experience_from"), where, problems),
                )
            )
        else:
            problems.append(f"{where}.kind: må være «degree» eller «transition», fikk {kind!r}")
    source_date = _date(data.get("source_date"), "source_date", problems)
    status_note = data.get("status_note", "")
    if not isinstance(status_note, str):
        problems.append("status_note: må være tekst")
        status_note = ""
    # A definition from before the choice was made summed credits; it keeps doing so.
    credits_counting = data.get("credits_counting", TOTAL)
    if credits_counting not in CREDITS_COUNTING:
        problems.append(
            f"credits_counting: må være en av {', '.join(CREDITS_COUNTING)}, "
            f"fikk {credits_counting!r}"
        )
        credits_counting = TOTAL
    # Definitions from before these readings were named counted pro rata, in any role.
    experience_counting = data.get("experience_counting", PRO_RATA)
    if experience_counting not in EXPERIENCE_COUNTING:
        problems.append(
            f"experience_counting: må være en av {', '.join(EXPERIENCE_COUNTING)}, "
            f"fikk {experience_counting!r}"
        )
        experience_counting = PRO_RATA
    experience_roles = data.get("experience_roles", ANY_ROLE)
    if experience_roles not in EXPERIENCE_ROLES:
        problems.append(
            f"experience_roles: må være en av {', '.join(EXPERIENCE_ROLES)}, "
            f"fikk {experience_roles!r}"
        )
        experience_roles = ANY_ROLE
    texts: dict[str, str] = {}
    for name in ("legal_paragraph", "legal_text"):
        value = data.get(name, "")
        if not isinstance(value, str):
            problems.append(f"{name}: må være tekst")
            value = ""
        texts[name] = value.strip()
    readings: list[Reading] = []
    raw_readings = data.get("readings", [])
    if not isinstance(raw_readings, list):
        problems.append("readings: må være en liste")
        raw_readings = []
    for index, raw in enumerate(raw_readings):
        where = f"readings[{index}]"
        fields = ("key", "label", "reading", "act_text")
        if not isinstance(raw, Mapping) or not all(
            isinstance(raw.get(f), str) and raw.get(f, "").strip() for f in fields
        ):
            problems.append(f"{where}: må ha {', '.join(fields)} som tekst")
            continue
        readings.append(Reading(*(raw[f].strip() for f in fields)))
    if valid_from and deadline and deadline < valid_from:
        problems.append("deadline: kan ikke være før valid_from")
    if problems:
        raise RuleSetError(problems)
    assert valid_from is not None and deadline is not None
    return RuleSet(
        name=data["name"].strip(),
        version=data["version"].strip(),
        legal_source=data["legal_source"].strip(),
        valid_from=valid_from,
        deadline=deadline,
        applies_to=frozenset(applies_to),
        optional_roles=frozenset(optional_roles),
        experience_years=experience_years,
        paths=tuple(paths),
        source_date=source_date,
        status_note=status_note.strip(),
        credits_counting=credits_counting,
        experience_counting=experience_counting,
        experience_roles=experience_roles,
        legal_paragraph=texts["legal_paragraph"],
        legal_text=texts["legal_text"],
        readings=tuple(readings),
    )
