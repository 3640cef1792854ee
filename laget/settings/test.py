"""Test settings: the production settings with a fixed key and a fast password hasher."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("LAGET_HTTPS", "0")

from laget.settings.base import *  # noqa: F403
from laget.settings.base import PASSWORD_HASHERS as PRODUCTION_PASSWORD_HASHERS

# Argon2 is slow by design; tests hash hundreds of passwords. test_security checks that
# production settings still put Argon2 first.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PRODUCTION_PASSWORD_HASHERS]
AXES_ENABLED = True
# Serve static files straight from the finders (no collectstatic before tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
