"""Every form, fuzzed: hostile values posted to each form the access matrix can reach, as a
role allowed to use it. No request may end in a server error, and a refused form (a 4xx, the
form shown again with errors, or an error message) changes nothing in the database.

The forms are found the way the access matrix finds URLs: every URL in `RULES` is opened as
the first role allowed on it, and each `<form>` on the page that is sent back to that URL is
fuzzed with the fields the page really has (the view's form, from the page's context, tells
what each field takes). A URL that only takes POST is fuzzed from the page that shows its form
(`HOST_PAGES`).

Values: very long text, control characters and odd Unicode, huge, negative and non-finite
numbers, the ends of what a field allows, impossible and extreme dates, several values where
one is expected, other services' ids, files that are not what they claim, more fields and a
bigger body than Django reads. Each form gets a fixed sweep (each field spoiled in turn while
the others keep values the page would send, then every field at once) and `EXAMPLES`
hypothesis examples (derandomized, so CI repeats itself) that spoil a few fields at random;
an HTMX form is also sent as its script sends it. When a form is taken, the page it leads to
is opened too: what was stored must not break it. Every request runs in a savepoint that is
rolled back, so each starts from the same database.

`pytest -m fuzz -s` prints the forms and requests per URL; the run ends with a summary line
(tests/conftest.py).
"""

from __future__ import annotations

import hashlib
import traceback
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

import pytest
from django import forms
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.messages import constants as message_levels
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.test.utils import ContextList
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import World
from tests.access_rules import PUBLIC, RULES
from tests.access_targets import own_and_foreign, url_kwargs
from tests.fuzz_targets import (
    BASELINE_HINTS,
    EXAMPLES,
    EXTRA_FIELDS,
    EXTRA_ROLES,
    HOST_PAGES,
    PREPARE,
    ROLE_PREFERENCE,
    UPLOAD_COLUMNS,
    VARIANTS,
)
from tests.fuzz_values import (
    SWEEP_ALL,
    SWEEP_BY_KIND,
    FuzzField,
    example_file,
    file_sweep,
    form_fields,
    ids_of_other_services,
    spoiled,
)
from tests.html_forms import HtmlForm, forms_on

pytestmark = pytest.mark.fuzz


def _laget_tables() -> list[str]:
    return sorted(
        {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.app_config.name.startswith("laget.") and model._meta.managed
        }
    )


def _checksum(tables: list[str]) -> str:
    """Every row of every table of Laget's apps, hashed."""
    digest = hashlib.blake2b(digest_size=16)
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1')
            digest.update(table.encode())
            digest.update(repr(cursor.fetchall()).encode())
    return digest.hexdigest()


def _shows_form_errors(response) -> bool:
    contexts = response.context
    if contexts is None:
        return False
    for context in contexts if isinstance(contexts, ContextList) else [contexts]:
        for layer in context.dicts:
            for value in layer.values():
                for form in value.values() if isinstance(value, dict) else [value]:
                    if isinstance(form, forms.BaseForm) and form.is_bound and form.errors:
                        return True
    return False


def _error_message(response) -> bool:
    storage = getattr(response.wsgi_request, "_messages", None)
    return any(m.level >= message_levels.ERROR for m in getattr(storage, "_queued_messages", []))


def _refused(response) -> bool:
    return response.status_code >= 400 or _error_message(response) or _shows_form_errors(response)


def _one(value) -> str:
    if isinstance(value, SimpleUploadedFile):
        value.seek(0)
        return f"<file {value.name[:30]!r}: {value.read(80)!r}…>"
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:40]}…({len(str(value))} chars)"


def _short(data: dict) -> str:
    return ", ".join(f"{k}=[{', '.join(_one(v) for v in vs)}]" for k, vs in data.items())


@dataclass
class Fuzz:
    client: Client
    tables: list[str]
    session: str = ""
    before: str = ""
    requests: int = 0
    accepted: int = 0
    failures: list[str] = field(default_factory=list)

    def send(self, form: HtmlForm, data: dict[str, list], label: str, htmx: bool = False) -> None:
        """One request, in a savepoint that is rolled back; `htmx` as the page's script
        sends it (the view answers with a fragment)."""
        self.requests += 1
        payload = {k: v for k, v in data.items() if v != []}
        for value in payload.values():
            for item in value:
                if isinstance(item, SimpleUploadedFile):
                    item.seek(0)
        # the session as it was (a logout ends it; its row comes back with the rollback), and
        # no messages left over from the request before
        self.client.cookies = SimpleCookie()
        if self.session:
            self.client.cookies[django_settings.SESSION_COOKIE_NAME] = self.session
        where = f"{form.method.upper()} {form.action}{' (htmx)' if htmx else ''} [{label}]"
        headers = (
            {"HX-Request": "true", "HX-Target": form.htmx_target or ""}
            if htmx and form.htmx_target is not None
            else {}
        )
        with transaction.atomic():
            try:
                send = self.client.post if form.method == "post" else self.client.get
                response = send(form.action, payload, headers=headers)
            except Exception as error:  # a 500: the view let an exception out
                frame = traceback.extract_tb(error.__traceback__)[-1]
                self.failures.append(
                    f"{where} raised {type(error).__name__}: {str(error)[:200]} "
                    f"at {frame.filename}:{frame.lineno}\n    values: {_short(data)}"
                )
            else:
                refused = _refused(response)
                self.accepted += not refused
                if response.status_code >= 500:
                    self.failures.append(
                        f"{where} answered {response.status_code}\n    values: {_short(data)}"
                    )
                elif (refused or form.method == "get") and _checksum(self.tables) != self.before:
                    self.failures.append(
                        f"{where} was refused ({response.status_code}) but changed the "
                        f"database\n    values: {_short(data)}"
                    )
                elif response.status_code in (301, 302, 303):
                    self.follow(response["Location"], where, data)
            finally:
                transaction.set_rollback(True)

    def follow(self, location: str, where: str, data: dict) -> None:
        """The page a form leads to shows what it stored: that page must not break either."""
        try:
            response = self.client.get(location)
        except Exception as error:
            frame = traceback.extract_tb(error.__traceback__)[-1]
            self.failures.append(
                f"{where}, then GET {location} raised {type(error).__name__}: "
                f"{str(error)[:200]} at {frame.filename}:{frame.lineno}\n"
                f"    values: {_short(data)}"
            )
        else:
            if response.status_code >= 500:
                self.failures.append(
                    f"{where}, then GET {location} answered {response.status_code}\n"
                    f"    values: {_short(data)}"
                )

    def form(
        self,
        form: HtmlForm,
        fields: list[FuzzField],
        hints: dict[str, list[str]],
        foreign_ids: list[str],
        upload: list[tuple[str, str]] | None,
    ) -> None:
        self.before = _checksum(self.tables)

        def baseline() -> dict[str, list]:
            data: dict[str, list] = {
                f.name: example_file(upload) if f.kind == "file" else f.baseline() for f in fields
            }
            return {**data, **{k: v for k, v in hints.items() if k in data}}

        self.send(form, baseline(), "the page's own values")
        if form.htmx_target is not None:
            self.send(form, baseline(), "the page's own values", htmx=True)
        for f in fields:
            values = (
                file_sweep(upload)
                if f.kind == "file"
                else [*SWEEP_BY_KIND[f.kind], *(f.ends() if f.kind == "number" else [])]
            )
            if f.kind == "choice":
                values += [[i] for i in foreign_ids[:2]]
                values += [[o] for o in f.html.options[-1:] if [o] != f.baseline()]
            elif f.kind == "multichoice":
                values.append(foreign_ids)
            for value in values:
                label = f"{f.name}=[{', '.join(_one(v) for v in value)}]"
                self.send(form, {**baseline(), f.name: value}, label)
        plain = [f.name for f in fields if f.kind != "file"]
        for label, value in SWEEP_ALL.items():
            self.send(form, {**baseline(), **{name: [value] for name in plain}}, f"all: {label}")
        # more fields, and a bigger body, than Django reads
        many = {f"x{i}": ["1"] for i in range(django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
        self.send(form, {**baseline(), **many}, "too many fields")
        if form.method == "post":
            big = "x" * (django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
            self.send(form, {**baseline(), "x": [big]}, "too big a body")

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(
            data=spoiled(fields, baseline, foreign_ids, upload),
            htmx=st.booleans() if form.htmx_target is not None else st.just(False),
        )
        def examples(data, htmx):
            self.send(form, data, "hypothesis", htmx)

        examples()


# --- The test ---------------------------------------------------------------------------------


def _role(name: str) -> str:
    allowed = RULES[name].allowed_own
    if allowed == PUBLIC:
        return "anonymous"
    return next(r for r in ROLE_PREFERENCE if r in allowed)


def _cases():
    for name in sorted(RULES):
        for role in (_role(name), *EXTRA_ROLES.get(name, ())):
            for variant in ({}, *VARIANTS.get(name, ())):
                suffix = "-".join(str(v) for v in variant.values())
                yield pytest.param(
                    name, role, variant, id="-".join(filter(None, [name, role, suffix]))
                )


@pytest.mark.parametrize(("name", "role", "variant"), list(_cases()))
def test_no_form_breaks_on_hostile_values(
    client, world: World, name: str, role: str, variant: dict, record_property
):
    rule = RULES[name]
    if role != "anonymous":
        client.force_login(world.user(role))
    obj = own_and_foreign(world, "leader" if role == "anonymous" else role, rule.target)["own"]
    if name in PREPARE:
        PREPARE[name](obj)
    url = reverse(name, kwargs={**(url_kwargs(obj) or {}), **variant} or None)
    page = HOST_PAGES[name](obj, role) if rule.method == "post" else url
    response = client.get(page)
    html = (
        response.content.decode()
        if response.status_code == 200 and response["Content-Type"].startswith("text/html")
        else ""
    )
    assert "---------" not in html, f"{page} offers «---------» where it should say what to choose"
    found = [f for f in forms_on(html, page) if f.action == url]
    if rule.method == "post":
        assert found, f"{page} shows no form that posts to {url} (see HOST_PAGES)"
    fields_in_context = form_fields(response)
    session = client.cookies.get(django_settings.SESSION_COOKIE_NAME)
    fuzz = Fuzz(client=client, tables=_laget_tables(), session=session.value if session else "")
    foreign_ids = ids_of_other_services(world)
    for form in found:
        form.fields.pop("csrfmiddlewaretoken", None)
        for extra in EXTRA_FIELDS.get(name, {}).values():
            form.add(extra)
        fields = [
            FuzzField(f, *fields_in_context.get(f.name, (None, []))) for f in form.fields.values()
        ]
        fuzz.form(form, fields, BASELINE_HINTS.get(name, {}), foreign_ids, UPLOAD_COLUMNS.get(name))
    record_property("fuzz_forms", len(found))
    record_property("fuzz_requests", fuzz.requests)
    record_property("fuzz_server_errors", len(fuzz.failures))
    print(
        f"fuzz {name} as {role}: {len(found)} forms, {fuzz.requests} requests, "
        f"{fuzz.accepted} accepted, {len(fuzz.failures)} failures"
    )
    if fuzz.failures:
        pytest.fail("\n".join(fuzz.failures), pytrace=False)
