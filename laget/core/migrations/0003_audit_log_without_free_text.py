"""The audit log never copies free text (issue 23, item 4): entries written before are cleaned.

1. Summaries of the old sentences that copied what a user wrote (a title, a person's name, a
   file's name, an object's text) are rewritten to the sentence Laget writes now, which names
   what changed and not what it says; a date they held goes to the details. This is done
   whether or not the guard finds anything: the guard can miss a name it does not know.
2. Any other summary the case-information guard flags is replaced by a neutral one naming
   what changed (the action, the kind of object, the fields in the details), or by
   «(innhold fjernet: kunne inneholde saksopplysninger)» when the kind of object is unknown.
3. A detail that holds text (anything but a number, a date, yes/no, an id or a code) is
   emptied, and its key is listed under `withheld`.

The old sentences are those of the code before this migration, copied here: a migration is
history, and keeps working when the code moves on. The guard is the domain's pure function.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from django.db import migrations
from django.utils import timezone

from laget.domain.case_guard import find_identifying

WITHHELD = "(innhold fjernet: kunne inneholde saksopplysninger)"
ACTIONS = {"create": "Opprettet", "update": "Endret", "delete": "Slettet", "export": "Eksportert"}
CODE = re.compile(r"[a-z][a-z0-9_]{0,49}\Z")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?\Z")
DMY = r"\d{2}\.\d{2}\.\d{4}"
ISO = r"\d{4}-\d{2}-\d{2}"

#: (the old sentence, the sentence written now). Named groups: `year`, `n`, `verb`,
#: `decision` and `kind` go into the new sentence; dates (`held_on`, `due_on`, `valid_until`,
#: `as_of`, `finalised_on`) go into the details. `{model}` is the kind of object.
OLD_SENTENCES: list[tuple[str, str]] = [
    # planning
    (r"La til tiltak i kompetanseplanen (?P<year>\d{4}): .*", "La til tiltak i kompetanseplanen {year}"),
    (r"Slettet tiltak i kompetanseplanen: .*", "Slettet tiltak i kompetanseplanen"),
    (r"Lagret karriereplan (?P<year>\d{4}) for .*", "Lagret karriereplan {year}"),
    # supervision
    (r"Lagret veiledningsmal «.*»", "Lagret veiledningsmal"),
    (r"Registrerte pause i veiledningen for .*", "Registrerte pause i veiledningen"),
    (
        r"Opprettet veiledningsplan «.*» for (?P<n>\d+) ansatte",
        "Opprettet veiledningsplan for {n} ansatte",
    ),
    (rf"Førte veiledningssamtale (?P<held_on>{ISO}) \(.*\)", "Førte veiledningssamtale"),
    (
        rf"Bekreftet veiledningssamtale (?P<held_on>{ISO}) som veileder",
        "Bekreftet veiledningssamtale som veileder",
    ),
    (
        rf"Krysset av punktet med frist (?P<due_on>{ISO}) i introduksjonen",
        "Krysset av et punkt i introduksjonen",
    ),
    (
        rf"Fjernet avkrysningen av punktet med frist (?P<due_on>{ISO}) i introduksjonen",
        "Fjernet avkrysningen av et punkt i introduksjonen",
    ),
    (r"Fadder for .*", "Endret fadder i introduksjonen"),
    (r"Avsluttet veiledningsplan for .*", "Avsluttet veiledningsplan"),
    # workforce
    (r"Registrerte sluttsamtale med .*", "Registrerte sluttsamtale"),
    (r"Registrerte utlyst stilling: .*", "Registrerte utlyst stilling"),
    (r"Endret utlyst stilling: .*", "Endret utlyst stilling"),
    (r"Registrerte ansettelse i .*", "Registrerte ansettelse i utlyst stilling"),
    (r"Forkastet opplastet sykefraværsfil «.*»", "Forkastet en opplastet sykefraværsfil"),
    # competence
    (
        rf"Registrerte unntak fra kompetansekravet til (?P<valid_until>{DMY})",
        "Registrerte unntak fra kompetansekravet",
    ),
    (
        rf"Slettet unntak fra kompetansekravet \(gjaldt til (?P<valid_until>{DMY})\)",
        "Slettet unntak fra kompetansekravet",
    ),
    # reports
    (
        rf"Rettet versjon med tallene per (?P<as_of>{DMY}); versjonen ferdigstilt "
        rf"(?P<finalised_on>{DMY}) er trukket tilbake og må erstattes hos kommunestyret",
        "Rettet versjon av tilstandsrapporten; den ferdigstilte versjonen er trukket tilbake "
        "og må erstattes hos kommunestyret",
    ),
    # people
    (r"Forkastet opplastet ansattliste «.*»", "Forkastet en opplastet ansattliste"),
    (r"Endret personopplysninger for .*", "Endret personopplysninger"),
    (r"Endret ansettelsen til .*", "Endret ansettelsen"),
    (r"Registrerte .* som ansatt", "Registrerte en ny ansatt"),
    (
        r"(?P<decision>Godkjent|Avvist|Venter på leder) forslag fra .*: "
        r"(?P<kind>Ny utdanning|Ny videreutdanning|Tidligere barnevernserfaring|Annen retting)",
        "{decision} forslag: {kind}",
    ),
    (r"Slettet .* «.*» for .*", "Slettet {model}"),
    (r"La til .* for .*", "La til {model}"),
    # the admin
    (r"Admin: (?P<verb>opprettet|endret|slettet) .*", "Admin: {verb} {model}"),
]
COMPILED = [(re.compile(old, re.DOTALL), new) for old, new in OLD_SENTENCES]


def _iso(text: str) -> str:
    if re.fullmatch(DMY, text):
        day, month, year = text.split(".")
        return f"{year}-{month}-{day}"
    return text


def _is_date(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _holds_no_text(value: str, today: date) -> bool:
    """A code, a number or a date, and not an identity number (eleven digits)."""
    if _is_date(value):
        return True
    return (value == "" or bool(CODE.match(value) or NUMBER.match(value))) and not (
        find_identifying(value, today=today)
    )


def _model(get_model, label: str):
    try:
        return get_model(*label.split(".", 1)) if "." in label else None
    except LookupError:
        return None


def _verbose(model, label: str) -> str:
    return str(model._meta.verbose_name) if model is not None else (label or "et objekt")


def _field_names(model, details: dict) -> list[str]:
    fields = {f.name: f for f in model._meta.get_fields() if hasattr(f, "verbose_name")}
    keys = details.get("fields") if isinstance(details.get("fields"), list) else details
    return [str(fields[k].verbose_name) for k in keys if isinstance(k, str) and k in fields]


def _clean_details(changes, today: date) -> tuple[object, list[str]]:
    """The details with every text emptied, and the top-level keys that held text."""
    withheld: list[str] = []

    def clean(value, key):
        if isinstance(value, str):
            if _holds_no_text(value, today):
                return value
            if key not in withheld:
                withheld.append(key)
            return None
        if isinstance(value, list):
            return [clean(v, key) for v in value]
        if isinstance(value, dict):
            return {k: clean(v, key) for k, v in value.items()}
        return value

    if not isinstance(changes, dict):
        return changes, []
    cleaned = {}
    for key, value in changes.items():
        safe_key = key if CODE.match(str(key)) else "detail"
        if safe_key != key and safe_key not in withheld:
            withheld.append(safe_key)
        cleaned[safe_key] = clean(value, safe_key)
    return cleaned, withheld


def cleaned_entry(
    *, action: str, object_type: str, summary: str, changes, get_model, today: date
) -> tuple[str, object]:
    """What an entry's summary and details become (the same when there is nothing to clean)."""
    model = _model(get_model, object_type)
    details, withheld = _clean_details(changes if changes is not None else {}, today)
    for old, new in COMPILED:
        match = old.fullmatch(summary)
        if match is None:
            continue
        groups = match.groupdict()
        dates = {k: _iso(v) for k, v in groups.items() if v and re.fullmatch(f"{DMY}|{ISO}", v)}
        summary = new.format(model=_verbose(model, object_type), **groups)
        if dates and isinstance(details, dict):
            details = {**details, **{k: v for k, v in dates.items() if k not in details}}
        break
    if find_identifying(summary, today=today):
        if model is not None:
            named = _field_names(model, details if isinstance(details, dict) else {})
            summary = f"{ACTIONS.get(action, 'Endret')} {_verbose(model, object_type)}"
            summary += f" ({', '.join(named)})" if named else ""
        else:
            summary = WITHHELD
        withheld.insert(0, "summary")
    if withheld and isinstance(details, dict):
        details = {**details, "withheld": [*details.get("withheld", []), *withheld]}
    return summary[:300], details


def clean_audit_log(AuditEntry, get_model, today: date) -> int:  # noqa: N803
    """Clean every entry; the number of entries changed."""
    changed = 0
    rows = AuditEntry.objects.only("pk", "action", "object_type", "summary", "changes")
    for entry in rows.iterator(chunk_size=2000):
        summary, details = cleaned_entry(
            action=entry.action,
            object_type=entry.object_type,
            summary=entry.summary,
            changes=entry.changes,
            get_model=get_model,
            today=today,
        )
        if (summary, details) != (entry.summary, entry.changes):
            AuditEntry.objects.filter(pk=entry.pk).update(summary=summary, changes=details)
            changed += 1
    return changed


def forwards(apps, schema_editor):
    clean_audit_log(apps.get_model("core", "AuditEntry"), apps.get_model, timezone.localdate())


class Migration(migrations.Migration):
    # the apps whose objects the log names, so their models (and verbose names) are known
    dependencies = [
        ("core", "0002_register_revision"),
        ("accounts", "0001_initial"),
        ("competence", "0008_merge_0007_case_guard_0007_rule_set_v2"),
        ("people", "0007_merge_0006_case_guard_0006_furthereducation_is_sum"),
        ("planning", "0005_case_guard"),
        ("projection", "0001_initial"),
        ("reports", "0005_merge_0004_case_guard_0004_ks_trondelag_template"),
        ("supervision", "0003_case_guard"),
        ("workforce", "0003_case_guard"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
