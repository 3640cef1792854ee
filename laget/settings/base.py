"""Settings, read from the environment.

DATABASE_URL  database (default: SQLite file in $LAGET_DATA_DIR); PostgreSQL in production.
SECRET_KEY    required unless DEBUG is on; when unset, read from $LAGET_DATA_DIR/secret-key
              (the file `make run` writes), so `laget …` commands work without exporting it.
DEBUG         "1" to turn on debug pages (never in production).
ALLOWED_HOSTS comma-separated host names.
LAGET_HTTPS   "0" when served over plain http on localhost (the demo); secure cookies and
              HSTS follow it.
LAGET_TURNOVER_REFERENCE_DATE
              month-day of the KS turnover reference date (default "12-01", 1 December).
"""

import os
from collections.abc import Mapping
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


def _env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


PACKAGE_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = PACKAGE_DIR.parent
DATA_DIR = Path(os.environ.get("LAGET_DATA_DIR", REPO_DIR / "var"))
NODE_MODULES = Path(os.environ.get("LAGET_NODE_MODULES", REPO_DIR / "node_modules"))


def secret_key(environ: Mapping[str, str], data_dir: Path, debug: bool) -> str:
    """The key from the environment, else from the data directory's `secret-key` file.

    Without either, only DEBUG may run (on a fixed key that is never secret).
    """
    key = environ.get("SECRET_KEY", "")
    path = data_dir / "secret-key"
    if not key and path.is_file():
        key = path.read_text(encoding="utf-8").strip()
    if key:
        return key
    if not debug:
        raise ImproperlyConfigured(
            f"SECRET_KEY must be set when DEBUG is off (in the environment or in {path})."
        )
    return "insecure-development-key-only-for-debug"


DEBUG = _env_flag("DEBUG", False)
SECRET_KEY = secret_key(os.environ, DATA_DIR, DEBUG)

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "laget.core.admin_site.LagetAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "csp",
    "laget.core",
    "laget.organisations",
    "laget.accounts",
    "laget.people",
    "laget.competence",
    "laget.projection",
    "laget.planning",
    "laget.workforce",
    "laget.supervision",
    "laget.reports",
    "laget.publication",
    "laget.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "laget.core.middleware.NoStoreForAuthenticatedMiddleware",
    "laget.publication.middleware.StoredFiguresMiddleware",
    "laget.core.middleware.TablesAsExcelMiddleware",
    # Must be last: it reads the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "laget.urls"
WSGI_APPLICATION = "laget.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "laget.accounts.context_processors.laget",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'laget.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves pages while the stored counts are refreshed in the
    # background: write-ahead logging lets readers and a writer work at once, and a write
    # transaction takes its lock at the start (no «database is locked» on upgrading a lock).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
#: the start page of a user (core's home redirects there; the access policy decides it)
LAGET_LANDING_URL = "laget.accounts.access.landing_url"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling (django-axes): lock a username+IP pair after 5 failures for 30 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "nb"
# Add ("en", _("English")) here together with laget/locale/en/LC_MESSAGES/django.po; until a
# translation exists, a browser asking for English would get Norwegian text with English number
# formats, so bokmål is the only language offered.
LANGUAGES = [("nb", _("Norsk bokmål"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# Front-end packages come from npm (package.json) and are served by the app itself.
STATICFILES_DIRS = [
    ("vendor/designsystemet", NODE_MODULES / "@digdir" / "designsystemet-css" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    # `npm run build` bundles vega-embed, Vega-Lite and Vega's CSP-safe interpreter here.
    REPO_DIR / "build" / "static",
]
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Security. Cookies and HSTS follow LAGET_HTTPS; everything else is always on.
HTTPS = _env_flag("LAGET_HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_FAILURE_VIEW = "laget.core.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if HTTPS:
    SECURE_SSL_REDIRECT = _env_flag("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
PERMISSIONS_POLICY: dict[str, list[str]] = {
    "camera": [],
    "geolocation": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}
# No inline scripts or styles anywhere: every script is a static file.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Aggregates shown outside a service hide any figure resting on fewer persons than this.
LAGET_MIN_AGGREGATE_N = 5

# A person's former service (its leaders and HR) may read, not change, their record for this
# many days after the end date, while they work in no service (laget/accounts/access.py).
LAGET_FORMER_SERVICE_READ_DAYS = 60

# Figures for users outside a service are built from stored counts (laget.publication) by the
# worker, `laget refresh-counts --watch 30`, a process of its own (Procfile, deploy/); a web or
# command process only reads them, and never builds them.
# Every service's detail tables and the groups' staff by role and by age band are protected in
# each pass (the groups' jointly with every service's tables); above this many services they
# are not (the groups' tables hidden whole, a service's protected when first asked for). With
# the detail tables protected table by table where they can be (below), the nation ×1 (229
# services) takes about 9.5 minutes a date, ×10 under one: the limit is Laget's own choice,
# well above today's nation.
LAGET_PROTECT_JOINTLY_MAX_SERVICES = int(
    os.environ.get("LAGET_PROTECT_JOINTLY_MAX_SERVICES", "1000")
)

# A service's detail tables are protected jointly with the status figures linked to them
# through hidden cells while those are at most this many (the demo's: about 400, 0.1 s a
# service); above it (the nation's: some 4,000, 4.5 s a service) table by table on the
# service's own status figures where their proofs allow it (laget/competence/publication/
# modular.py), which hides somewhat more of the detail tables. Laget's own choice.
LAGET_PROTECT_JOINTLY_MAX_CELLS = int(os.environ.get("LAGET_PROTECT_JOINTLY_MAX_CELLS", "1000"))

# Partners for small figures chosen by one optimal programme per table small enough for it
# (laget/domain/protection/optimal.py), the greedy search elsewhere; off (0), the greedy
# search everywhere: the benchmark compares the two (bench/bench_loss.py).
LAGET_PROTECT_OPTIMAL = os.environ.get("LAGET_PROTECT_OPTIMAL", "1") != "0"

# KS turnover compares who is employed on this date (month-day) one year with the next.
LAGET_TURNOVER_REFERENCE_DATE = os.environ.get("LAGET_TURNOVER_REFERENCE_DATE", "12-01")

# Every imported file (roster, sick leave, …) is refused beyond these, first by a scan in the
# web or command process, then while a child process parses it (laget/core/tabular.py).
LAGET_IMPORT_MAX_BYTES = 10 * 1024 * 1024
LAGET_IMPORT_MAX_ROWS = 20_000
LAGET_IMPORT_MAX_COLUMNS = 100
# one cell, and the whole file: a shared string counts each time a cell uses it
LAGET_IMPORT_MAX_CELL_CHARS = 2_000
LAGET_IMPORT_MAX_TOTAL_CHARS = int(os.environ.get("LAGET_IMPORT_MAX_TOTAL_CHARS", "20000000"))
LAGET_IMPORT_MAX_UNPACKED_BYTES = 100 * 1024 * 1024
# The child that parses a file (python -m laget.core.tabular_child) caps its own address space
# (RLIMIT_AS: a workbook that asks calamine for 512 GB kills the child, not the server) …
LAGET_IMPORT_CHILD_MEMORY_BYTES = int(
    os.environ.get("LAGET_IMPORT_CHILD_MEMORY_BYTES", str(1024**3))
)
# … and its processor time (RLIMIT_CPU) …
LAGET_IMPORT_CHILD_CPU_SECONDS = int(os.environ.get("LAGET_IMPORT_CHILD_CPU_SECONDS", "10"))
# … and the web or command process kills its process group after this many seconds.
LAGET_IMPORT_CHILD_SECONDS = int(os.environ.get("LAGET_IMPORT_CHILD_SECONDS", "20"))
