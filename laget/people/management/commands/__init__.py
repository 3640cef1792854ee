from django.core.management.base import CommandError

from laget.organisations.models import Service


def _service_argument(value: str) -> Service:
    """A service from a command-line argument: its id, short name or full name."""
    queryset = (
        Service.objects.filter(pk=int(value))
        if value.isdigit()
        else Service.objects.filter(slug=value)
    )
    found = queryset.first() or Service.objects.filter(name__iexact=value).first()
    if found is None:
        raise CommandError(f"Fant ingen tjeneste «{value}».")
    return found
