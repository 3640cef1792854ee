"""The hostile values the form fuzz (tests/test_fuzz_forms.py) sends, and how it reads a
page's fields: text, numbers, dates, ids and files that are not what a form expects, swept one
field at a time and drawn by hypothesis."""

from __future__ import annotations

import contextlib
import csv
import io
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.validators import MaxValueValidator, MinValueValidator
from django.test.utils import ContextList
from django.utils import timezone
from hypothesis import strategies as st

from conftest import World
from laget.organisations.models import Municipality
from laget.people.models import Employment, Person
from laget.planning.models import CompetencePlan
from laget.supervision.models import SupervisionPlan, SupervisionTemplate
from tests.html_forms import HtmlField

# --- Hostile values --------------------------------------------------------------------------

LONG = "x" * 10_001
LONG_TEXT = [LONG, "æøå " * 2_600, "𝕏" * 10_001, "\x00" * 10_001, "1" * 10_001]
CONTROL = "a\x00\x1b[0m\r\n\t\x7f\x08"
ODD_UNICODE = "\u202eevil\u202c\ufeff\u200b\ufffe\U0010fffd𝕏Z̴̡̛a̷"
ODD_TEXT = [
    "",
    " ",
    "\x00",
    CONTROL,
    ODD_UNICODE,
    "ﷺ" * 50,
    "<script>alert(1)</script>",
    "'; DROP TABLE people_person; --",
    "{{ 7*7 }}%s%(x)s",
    '=HYPERLINK("http://x")',
    "../../../../etc/passwd",
]
HUGE = str(10**30)
PAST_ID_RANGE = str(2**63)
ODD_NUMBERS = [
    HUGE,
    str(-(10**30)),
    "9" * 40,
    "1e400",
    "-1e400",
    "1e-400",
    "NaN",
    "nan",
    "Infinity",
    "-inf",
    "-0",
    "-0.0",
    "-1",
    "0",
    "0.0000001",
    "1,5",
    "1.5e3",
    "0x1f",
    "1_000",
    "１２",
    "٣",
    str(2**31),
    str(2**63 - 1),
    PAST_ID_RANGE,
    str(2**64),
    str(-(2**63) - 1),
]
ODD_DATES = [
    "99999-99-99",
    "0000-00-00",
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "2024-02-30",
    "2023-02-29",
    "2024-13-01",
    "-2024-01-01",
    "31.12.2024",
    "1.1.1",
    "2024-01-01T25:61",
    "20240101",
    "today",
]
ODD_IDS = ["0", "-1", str(2**31), str(2**63 - 1), PAST_ID_RANGE, HUGE, "1.0", "1e3", " 1"]

#: Each field in turn, by what it takes (the rest keep the page's values).
SWEEP_BY_KIND: dict[str, list[list[str]]] = {
    "number": [[HUGE], [str(-(10**30))], ["1e400"], ["NaN"], ["-0"], [PAST_ID_RANGE]],
    "date": [["9999-12-31"], ["0001-01-01"], ["99999-99-99"], ["0000-00-00"], ["0000-01-01"]],
    "choice": [[PAST_ID_RANGE], [HUGE], ["-1"], [LONG]],
    "multichoice": [[PAST_ID_RANGE], [HUGE, "1"], [LONG]],
    "bool": [["on", "off", "x"], [CONTROL]],
    "text": [[LONG], [CONTROL], [ODD_UNICODE], ["a", "b"]],
    "token": [[LONG], [PAST_ID_RANGE], [""], ["a", "b"]],
}
#: Every field at once.
SWEEP_ALL = {
    "long text": LONG,
    "control characters": CONTROL,
    "huge number": HUGE,
    "beyond float": "1e400",
    "impossible date": "99999-99-99",
}


# --- The fields --------------------------------------------------------------------------------


@dataclass
class FuzzField:
    """A field as the page shows it, and what the view's form makes of it."""

    html: HtmlField
    django: forms.Field | None
    validators: list = field(default_factory=list)  # the form field's and the model field's

    @property
    def name(self) -> str:
        return self.html.name

    @property
    def kind(self) -> str:
        f, d = self.html, self.django
        if f.kind == "file":
            return "file"
        if isinstance(d, forms.MultipleChoiceField | forms.ModelMultipleChoiceField) or (
            f.multiple and f.kind != "checkbox"
        ):
            return "multichoice"
        if f.kind in ("hidden", "button"):
            return "token"
        if isinstance(d, forms.BooleanField) or f.kind == "checkbox":
            return "bool"
        if isinstance(d, forms.ChoiceField | forms.ModelChoiceField) or f.kind in (
            "select",
            "radio",
        ):
            return "choice"
        if isinstance(d, forms.IntegerField | forms.DecimalField | forms.FloatField) or (
            f.kind == "number"
        ):
            return "number"
        if isinstance(d, forms.DateField) or f.kind == "date":
            return "date"
        return "text"

    @property
    def required(self) -> bool:
        return self.django.required if self.django is not None else "required" in self.html.attrs

    def _limit(self, validator: type) -> object:
        for v in self.validators:
            if isinstance(v, validator) and not callable(v.limit_value):
                return v.limit_value
        return None

    def ends(self) -> list[list[str]]:
        """The lowest and highest numbers the field allows: valid, and the likeliest to
        overflow what comes after."""
        limits = (self._limit(MinValueValidator), self._limit(MaxValueValidator))
        return [[str(limit)] for limit in limits if limit is not None]

    def baseline(self) -> list[str]:
        """What the page would send, with a plausible value where a required field is empty."""
        f = self.html
        if f.kind == "button":
            return f.options[:1]
        if f.kind == "select" and not f.multiple and not f.initial and not self.required:
            return f.options[:1]  # what a browser sends
        if f.initial or not self.required:
            return list(f.initial)
        kind = self.kind
        if kind in ("choice", "multichoice"):
            return [o for o in f.options if o][:1]
        if kind == "number":
            low = self._limit(MinValueValidator)
            return ["1"] if low is None or low <= 1 else [str(low)]
        if kind == "date":
            return [timezone.localdate().isoformat()]
        if isinstance(self.django, forms.EmailField) or f.kind == "email":
            return ["kari@kommune.no"]
        return ["Tekst"]


def form_fields(response) -> dict[str, tuple[forms.Field, list]]:
    """The fields of every form in the page's context, by the name they have in the HTML, with
    their validators (a model form's model field's too: the domain's ranges are there)."""
    found: dict[str, tuple[forms.Field, list]] = {}
    contexts = response.context
    if contexts is None:
        return found
    for context in contexts if isinstance(contexts, ContextList) else [contexts]:
        for layer in context.dicts:
            for value in layer.values():
                for form in value.values() if isinstance(value, dict) else [value]:
                    if not isinstance(form, forms.BaseForm):
                        continue
                    model = getattr(getattr(form, "_meta", None), "model", None)
                    for bound in form:
                        validators = list(bound.field.validators)
                        if model is not None:
                            with contextlib.suppress(FieldDoesNotExist):
                                validators += model._meta.get_field(bound.name).validators
                        found.setdefault(bound.html_name, (bound.field, validators))
    return found


# --- Values --------------------------------------------------------------------------------


def ids_of_other_services(world: World) -> list[str]:
    """Ids of rows that belong to another service than the user's (C), or to none."""
    c = world.service_c
    ids = {
        *Person.objects.filter(employments__service=c).values_list("pk", flat=True)[:2],
        *Employment.objects.filter(service=c).values_list("pk", flat=True)[:2],
        *SupervisionTemplate.objects.filter(service=c).values_list("pk", flat=True),
        *SupervisionPlan.objects.filter(service=c).values_list("pk", flat=True),
        *CompetencePlan.objects.filter(service=c).values_list("pk", flat=True),
        *c.units.values_list("pk", flat=True),
        c.pk,
        Municipality.objects.get(number="4601").pk,
    }
    return sorted(str(i) for i in ids)


def bad_value(foreign_ids: list[str]) -> st.SearchStrategy[list[str]]:
    one = st.one_of(
        st.sampled_from(LONG_TEXT),
        st.sampled_from(ODD_TEXT),
        st.sampled_from(ODD_NUMBERS),
        st.sampled_from(ODD_DATES),
        st.sampled_from(ODD_IDS + foreign_ids),
        st.text(st.characters(codec="utf-8"), max_size=20),
    )
    return st.one_of(
        one.map(lambda v: [v]),
        st.lists(one, min_size=2, max_size=3),  # several values where one is expected
        st.just([]),  # the field left out
    )


def csv_file(headers: list[str], rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def upload_file(name: str, content: bytes) -> list:
    return [SimpleUploadedFile(name, content)]


def example_file(columns: list[tuple[str, str]] | None) -> list:
    """The template's example row: a file the import takes."""
    if not columns:
        return []
    return upload_file("fil.csv", csv_file([h for h, _e in columns], [[e for _h, e in columns]]))


def file_sweep(columns: list[tuple[str, str]] | None) -> list[list]:
    """Files that are not what they claim, and the template's columns with spoiled cells."""
    files = [
        upload_file("liste.xlsx", b"PK\x03\x04" + b"\x00" * 100),  # a zip that is not one
        upload_file("liste.csv", "Måned;Enhet\n".encode("utf-16")),
        upload_file("a" * 300 + ".csv", b"\xff\xfe\x00"),
        upload_file("liste.exe", b"MZ"),
    ]
    if columns:
        headers = [h for h, _e in columns]
        for bad in (HUGE, "-1e400", "NaN", "0000-01-01", "9999-12-31", LONG[:3000], CONTROL):
            files.append(upload_file("fil.csv", csv_file(headers, [[bad] * len(columns)])))
            files.append(
                upload_file(
                    "fil.csv",
                    csv_file(headers, [[bad if i % 2 else e for i, (_h, e) in enumerate(columns)]]),
                )
            )
    return files


def files_strategy(columns: list[tuple[str, str]] | None) -> st.SearchStrategy[list]:
    junk = st.tuples(
        st.sampled_from(["liste.xlsx", "liste.csv", "liste.txt", "\x00.csv"]),
        st.binary(max_size=500),
    )
    strategies = [junk]
    if columns:
        bad_cell = st.sampled_from(ODD_NUMBERS + ODD_DATES + ODD_TEXT)
        row = st.tuples(*[st.one_of(st.just(example), bad_cell) for _h, example in columns])
        strategies.append(
            st.lists(row, min_size=1, max_size=3).map(
                lambda rows: ("fil.csv", csv_file([h for h, _e in columns], rows))
            )
        )
    return st.one_of(*strategies).map(lambda named: upload_file(*named))


JUNK_NAMES = ["id", "pk", "service", "service_id", "person_id", "is_superuser", "user", "a[b]"]


@st.composite
def spoiled(draw, fields: list[FuzzField], baseline, foreign_ids, upload):
    """The page's values with one to three fields spoiled, and maybe junk fields added."""
    data = baseline()
    names = [f.name for f in fields]
    if names:
        chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True))
        by_name = {f.name: f for f in fields}
        for name in chosen:
            f = by_name[name]
            if f.kind == "file":
                data[name] = draw(files_strategy(upload))
            elif f.html.options:  # another of the page's options, or anything
                option = st.sampled_from(f.html.options).map(lambda v: [v])
                data[name] = draw(st.one_of(option, bad_value(foreign_ids)))
            else:
                data[name] = draw(bad_value(foreign_ids))
    for name in draw(st.lists(st.sampled_from(JUNK_NAMES), max_size=2, unique=True)):
        data.setdefault(name, draw(bad_value(foreign_ids)))
    return data
