"""The settings Laget runs with: everything comes from the environment (see base)."""

from laget.settings.base import *  # noqa: F403
