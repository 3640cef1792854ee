"""One service from what a user typed: its id, its short name or its full name.

Every `laget` command that takes `--service` goes through `service_from_argument`, so they all
accept the same three forms and explain a miss the same way, with the closest names.
"""

from __future__ import annotations

import difflib

from django.core.management.base import CommandError

from laget.organisations.models import Service


class ServiceNotFound(CommandError):
    """No service answers to the value; the message lists the closest names.

    A CommandError, so a command prints the message and exits with status 1.
    """


def service_from_argument(value: str) -> Service:
    """The service whose id, short name (slug) or full name (any case) is `value`."""
    typed = value.strip()
    if not typed:
        raise ServiceNotFound("Oppgi en tjeneste: id, kortnavn eller fullt navn.")
    found = None
    if typed.isdigit():
        found = Service.objects.filter(pk=int(typed)).first()
    found = (
        found
        or Service.objects.filter(slug__iexact=typed).first()
        or Service.objects.filter(name__iexact=typed).first()
    )
    if found is None:
        raise ServiceNotFound(_not_found_message(typed))
    return found


def _not_found_message(typed: str) -> str:
    names = dict(Service.objects.values_list("slug", "name"))
    by_key = {slug: f"{name} ({slug})" for slug, name in names.items()}
    by_key.update({name.lower(): f"{name} ({slug})" for slug, name in names.items()})
    close = difflib.get_close_matches(typed.lower(), list(by_key), n=5, cutoff=0.5)
    # A name typed in part («fosen») is close to its full name in meaning, not in letters.
    close += [key for key in by_key if typed.lower() in key and key not in close]
    suggestions = list(dict.fromkeys(by_key[key] for key in close))[:5]
    message = f"Fant ingen tjeneste «{typed}» (oppgi id, kortnavn eller fullt navn)."
    if suggestions:
        message += " Mente du: " + "; ".join(suggestions) + "?"
    return message
