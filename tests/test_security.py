"""Security settings and bad input: clear errors, never a 500, nothing leaked."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse

from laget.settings.base import secret_key
from tests.factories import UserFactory

LOGIN = "/konto/logg-inn/"


def _production_settings(env: dict[str, str]) -> subprocess.CompletedProcess:
    """Import the production settings in a fresh interpreter with exactly this environment."""
    code = (
        "import json; from laget.settings import production as s; "
        "print(json.dumps({k: getattr(s, k, None) for k in ("
        "'PASSWORD_HASHERS', 'HTTPS', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', "
        "'SESSION_COOKIE_HTTPONLY', 'SECURE_HSTS_SECONDS', 'SECURE_SSL_REDIRECT', 'DEBUG')}))"
    )
    base_env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")}
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**base_env, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_are_secure_by_default():
    result = _production_settings({"SECRET_KEY": "x" * 50})
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["PASSWORD_HASHERS"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    assert values["DEBUG"] is False and values["HTTPS"] is True
    assert (
        values["SESSION_COOKIE_SECURE"]
        and values["CSRF_COOKIE_SECURE"]
        and values["SESSION_COOKIE_HTTPONLY"]
    )
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000 and values["SECURE_SSL_REDIRECT"] is True


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    result = _production_settings({"LAGET_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_settings_read_the_key_make_run_wrote_when_none_is_exported(tmp_path):
    (tmp_path / "secret-key").write_text("from-the-file-" + "k" * 40 + "\n", encoding="utf-8")
    assert secret_key({}, tmp_path, debug=False) == "from-the-file-" + "k" * 40
    # The environment wins over the file.
    assert secret_key({"SECRET_KEY": "e" * 50}, tmp_path, debug=False) == "e" * 50
    result = _production_settings({"LAGET_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr


def test_an_empty_key_file_is_no_key(tmp_path):
    (tmp_path / "secret-key").write_text("\n", encoding="utf-8")
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set"):
        secret_key({}, tmp_path, debug=False)
    assert secret_key({}, tmp_path, debug=True) == "insecure-development-key-only-for-debug"


@pytest.mark.django_db
def test_security_headers_and_a_csp_without_inline_scripts(client):
    response = client.get(LOGIN)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    body = response.content.decode()
    assert (
        "<script>" not in body
        and "<style" not in body
        and " style=" not in body
        and "onclick" not in body
    )


@pytest.mark.django_db
def test_pages_with_personal_data_are_not_cached(client, world):
    client.force_login(world.user("leader"))
    response = client.get(reverse("organisations:staff", kwargs={"pk": world.service_a.pk}))
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {},
        {"username": ""},
        {"username": "x" * 10_000, "password": "y"},
        {"username": "\x00\x01", "password": "\x00"},
        {"username": ["a", "b"], "password": "c"},
        {"username": "' OR 1=1 --", "password": "' OR 1=1 --"},
    ],
)
def test_malformed_login_gives_a_form_error_not_a_500(client, data):
    response = client.post(LOGIN, data)
    assert response.status_code == 200
    body = response.content.decode()
    # Either the login was refused as a whole or a field is marked invalid with a message.
    assert "Feil brukernavn eller passord" in body or (
        'aria-invalid="true"' in body and "ds-validation-message" in body
    )
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_works_and_lands_by_role(client, world):
    user = world.user("leader")
    user.set_password("korrekt-hest-batteri-stift")
    user.save()
    response = client.post(LOGIN, {"username": "leader", "password": "korrekt-hest-batteri-stift"})
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "organisations:detail", kwargs={"pk": world.service_a.pk}
    )


@pytest.mark.django_db
def test_forged_csrf_token_is_refused_with_a_clear_page(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.user("leader"))
    response = client.post(
        reverse("people:edit", kwargs={"pk": world.person_a.pk}),
        {"given_name": "Hacket", "family_name": "X", "csrfmiddlewaretoken": "forfalsket"},
    )
    assert response.status_code == 403
    assert "Skjemaet kunne ikke sendes" in response.content.decode()
    world.person_a.refresh_from_db()
    assert world.person_a.given_name != "Hacket"


@pytest.mark.django_db
def test_login_without_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    response = client.post(LOGIN, {"username": "a", "password": "b"})
    assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/json", b'{"username": "leader", "password": "x"}'),
        ("text/plain", b"username=leader&password=x"),
        ("application/xml", b"<login><username>leader</username></login>"),
        ("multipart/form-data; boundary=broken", b"--nope\r\ngarbage"),
        ("application/x-www-form-urlencoded", b"%zz=%%%&username=%E0%A4%A"),
    ],
)
def test_wrong_content_types_get_clear_errors_not_500(client, content_type, body):
    response = client.generic("POST", LOGIN, body, content_type=content_type)
    assert response.status_code in (200, 400)
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_wrong_method_is_405(client, world):
    client.force_login(world.user("leader"))
    response = client.delete(reverse("organisations:detail", kwargs={"pk": world.service_a.pk}))
    assert response.status_code == 405


@pytest.mark.django_db
def test_logout_only_by_post(client, world):
    client.force_login(world.user("leader"))
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account_for_a_while(client):
    UserFactory(username="kari", password="korrekt-hest-batteri-stift")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "kari", "password": "feil"})
    response = client.post(LOGIN, {"username": "kari", "password": "korrekt-hest-batteri-stift"})
    assert response.status_code == 429
    assert "For mange mislykkede innlogginger" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_unknown_url_is_a_friendly_404(client):
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    assert "Fant ikke siden" in response.content.decode()


@pytest.mark.django_db
def test_non_numeric_ids_are_404_not_500(client, world):
    client.force_login(world.user("leader"))
    assert client.get("/tjenester/abc/").status_code == 404
    assert client.get("/tjenester/99999999999999999999999/").status_code == 404


@pytest.mark.django_db
def test_health_check(client):
    assert client.get("/helse/").json() == {"status": "ok"}
