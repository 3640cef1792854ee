"""Writing to the audit log. Services call this inside their transaction.

The log says who did what to which object and which fields changed, never what a field says
(issue 23, item 4). It holds no free text by construction:

- a summary is one of Laget's fixed sentences (`_("…")` written in the call: the test in
  tests/test_audit_free_text.py reads every call), with placeholders filled from `values`,
  which take numbers, choices and model classes, never a string;
- the fields that changed are named by their verbose names, appended by this module;
- details (`changes`) hold numbers, dates, choices, ids and codes (`CODE`); the value of a
  changed field is recorded only when the field cannot hold text (a number, a date, a choice,
  a yes/no, a relation's id).

A string where a value belongs is a `TypeError`, so a caller cannot pass text. As a last
defence, a summary the case-information guard flags is withheld.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from laget.core.models import AuditAction, AuditEntry
from laget.core.validators import GUARD_PUBLIC
from laget.domain.case_guard import Finding

#: A code Laget writes: a field's name, a choice's value, a kind of warning, a format.
CODE = re.compile(r"[a-z][a-z0-9_]{0,49}\Z")

#: Field types whose values hold no text: recorded with their values, the rest by name only.
VALUE_FIELDS = (
    models.BooleanField,
    models.IntegerField,
    models.DecimalField,
    models.FloatField,
    models.DateField,  # DateTimeField too
    models.DurationField,
)

SummaryValue = int | float | Decimal | models.Choices | type[models.Model]


def withheld_summary() -> str:
    """What stands where a summary could have held case information."""
    return _("(innhold fjernet: kunne inneholde saksopplysninger)")


def audit_record(
    *,
    actor,
    action: AuditAction,
    summary: str,
    values: Mapping[str, SummaryValue] | None = None,
    obj: models.Model | None = None,
    service=None,
    fields: Iterable[str] = (),
    before: models.Model | None = None,
    changes: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """One entry in the audit log.

    `summary`: a fixed sentence, `_("…")`, with `%(name)s` placeholders for `values` (numbers,
    choices such as `Status.FINAL`, a model class for its verbose name; never a string, nor a
    date, which reads as a date of birth). `fields`: names of `obj`'s fields that changed; the
    summary names them, and the details hold their values when they cannot hold text (old and
    new when `before`, a copy of `obj` as it was, is given). Names that are not fields of
    `obj`'s model (a form's confirmation box) are left out. `changes`: more details, of the
    kinds `CODE` and `_detail` allow."""
    details: dict[str, Any] = {}
    named: list[str] = []
    if obj is not None:
        names = _model_fields(obj, fields)
        named = [str(field.verbose_name) for field in names]
        if names:
            details["fields"] = [field.name for field in names]
        for field in names:
            if (value := _field_value(field, obj)) is not _TEXT:
                old = _field_value(field, before) if before is not None else _TEXT
                details[field.name] = _detail(
                    field.name, [old, value] if old is not _TEXT else value
                )
    for key, value in (changes or {}).items():
        details[_code(key)] = _detail(key, value)
    text = summary % {k: _summary_value(k, v) for k, v in values.items()} if values else summary
    if named:
        text = f"{text} ({', '.join(named)})"
    if GUARD_PUBLIC.find(text):  # cannot come from the parts above; kept as a last defence
        text = withheld_summary()
        details["withheld"] = ["summary"]
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        service_id=service if isinstance(service, int) else getattr(service, "pk", None),
        summary=text[:300],
        changes=details,
    )


def audit_guard_override(
    *, actor, obj: models.Model, service=None, kinds: Sequence[str]
) -> AuditEntry | None:
    """The writer saved text the case-information guard warned about, having confirmed that it
    holds no case information: who, on what, and the kinds of warning («fnr», «name»), never
    the text. Nothing is written when nothing was overridden (`kinds` empty)."""
    if not kinds:
        return None
    return audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=obj,
        service=service,
        summary=_("Lagret tekst etter advarsel om mulige saksopplysninger, bekreftet av brukeren"),
        changes={"case_guard_override": sorted(set(kinds))},
    )


def changed_fields(instance: models.Model, new_values: Mapping[str, Any]) -> list[str]:
    """The names of the fields whose new value differs from the instance's."""
    return [name for name, new in new_values.items() if getattr(instance, name) != new]


def field_values(obj: models.Model, names: Iterable[str]) -> dict[str, Any]:
    """The values of `obj`'s fields among `names` that cannot hold text (numbers, dates,
    choices, yes/no, a relation's id), for the details of a new object."""
    return {
        field.name: value
        for field in _model_fields(obj, names)
        if (value := _field_value(field, obj)) is not _TEXT
    }


# --- What may go in -------------------------------------------------------------------------

_TEXT = object()  # a field whose value is not recorded


def _model_fields(obj: models.Model, names: Iterable[str]) -> list[models.Field]:
    concrete = {f.name: f for f in obj._meta.get_fields() if isinstance(f, models.Field)}
    found: dict[str, models.Field] = {}
    for name in names:
        if name in concrete:
            found.setdefault(name, concrete[name])
    return list(found.values())


def _field_value(field: models.Field, obj: models.Model) -> Any:
    """The field's value, or `_TEXT` when the field could hold text."""
    if field.is_relation:
        if field.many_to_many or field.one_to_many:
            return _TEXT
        return getattr(obj, field.attname)
    value = getattr(obj, field.attname)
    if field.choices:
        return value if value in {key for key, _label in field.flatchoices} else _TEXT
    if isinstance(field, VALUE_FIELDS):
        return value.total_seconds() if isinstance(value, timedelta) else value
    return _TEXT


def _plain(value: date | datetime | Decimal) -> str:
    return str(value) if isinstance(value, Decimal) else value.isoformat()


def _code(key: str) -> str:
    if not isinstance(key, str) or not CODE.match(key):
        raise TypeError(f"audit details: {key!r} is not a code (a field name, a choice)")
    return key


def _detail(key: str, value: Any) -> Any:
    """A detail as JSON: numbers, yes/no, dates, choices (their value), objects (their id),
    codes, and lists and mappings of these. Any other string is refused: it may be text."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, models.Choices):
        return value.value
    if isinstance(value, Decimal | date | datetime):
        return _plain(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, str):
        if value == "" or CODE.match(value):
            return value
        raise TypeError(
            f"audit details: {key!r} holds a string that is not a code; the log holds no "
            "text (pass the field's name in `fields`, or an id)"
        )
    if isinstance(value, Mapping):
        return {_code(k): _detail(k, v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_detail(key, v) for v in value]
        return sorted(items) if isinstance(value, set | frozenset) else items
    raise TypeError(f"audit details: {key!r} is a {type(value).__name__}")


def _summary_value(key: str, value: Any) -> Any:
    if isinstance(value, models.Choices):
        return str(value.label)
    if isinstance(value, type) and issubclass(value, models.Model):
        return str(value._meta.verbose_name)
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    raise TypeError(
        f"audit summary: {key!r} is a {type(value).__name__}; a summary takes numbers, "
        "choices and model classes, never text (name the field in `fields`)"
    )


# --- Reading the log for case information (tests, the cleaning migration) ----------------


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield str(key)
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _is_iso_date(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def audit_findings(summary: str, changes: Any, *, today: date | None = None) -> list[Finding]:
    """What the case-information guard (its checks for public text, where Laget's own labels
    are expected) finds in an entry's summary and in the strings of its details. A date
    written by this module (ISO) is a date, not text, and is not read as a date of birth."""
    today = today or timezone.localdate()
    texts = [summary, *(s for s in _strings(changes) if not _is_iso_date(s))]
    return [finding for text in texts for finding in GUARD_PUBLIC.find(text, today=today)]


def entry_text(entry: AuditEntry) -> str:
    """Everything an entry holds as text, for tests that look for what they planted."""
    return " ".join(
        [
            entry.summary,
            entry.object_type,
            entry.object_id,
            json.dumps(entry.changes, ensure_ascii=False),
        ]
    )
