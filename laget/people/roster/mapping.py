"""Which column of the file holds which field of the template."""

from __future__ import annotations

from django.utils.translation import gettext as _

from laget.people.roster.columns import BY_KEY, COLUMNS, REQUIRED, normalise

Mapping = dict[str, int | None]  # template key -> index of the file's column, or None


def header_key(header: str) -> str:
    """A header as compared with the template's names: «%» is read as «prosent», so that
    «Stilling %» is the position's percentage and not its title."""
    return normalise(header.replace("%", " prosent "))


def guess_mapping(headers: list[str]) -> Mapping:
    """Match headers to the template by its header text or a known synonym."""
    index = {header_key(h): i for i, h in enumerate(headers) if h.strip()}
    mapping: Mapping = {}
    for column in COLUMNS:
        names = [column.header, column.key, *column.synonyms]
        mapping[column.key] = next(
            (index[header_key(n)] for n in names if header_key(n) in index), None
        )
    return mapping


def mapping_problems(mapping: Mapping, headers: list[str]) -> list[str]:
    """What stops a mapping from being used: missing required columns, a column used twice."""
    problems = [
        _("Velg hvilken kolonne som inneholder «%(column)s».") % {"column": BY_KEY[key].header}
        for key in REQUIRED
        if mapping.get(key) is None
    ]
    used: dict[int, str] = {}
    for key, position in mapping.items():
        if position is None:
            continue
        if not 0 <= position < len(headers):
            problems.append(_("Ugyldig kolonne for «%(column)s».") % {"column": BY_KEY[key].header})
        elif position in used:
            problems.append(
                _("Kolonnen «%(header)s» er valgt for både «%(a)s» og «%(b)s».")
                % {
                    "header": headers[position],
                    "a": BY_KEY[used[position]].header,
                    "b": BY_KEY[key].header,
                }
            )
        else:
            used[position] = key
    return problems


def is_complete(mapping: Mapping, headers: list[str]) -> bool:
    return not mapping_problems(mapping, headers)
