"""Reading the stored counts: the publications are built from these rows, never from the
register directly."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.apps import apps

from laget.publication.models import FillState, ServiceCount
from laget.publication.registry import Counts


def is_filled(property_name: str, day: date, revision: int) -> bool:
    return FillState.objects.filter(
        property=property_name, end_time=day, revision=revision, state=FillState.State.DONE
    ).exists()


def stored_counts(property_name: str, day: date) -> Counts:
    """Every service's counts of `property_name` on `day`, as the worker filled them (it fills
    them before it builds anything from them)."""
    services = apps.get_model("organisations", "Service")  # the layer imports no area
    counts: Counts = {pk: Counter() for pk in services.objects.values_list("pk", flat=True)}
    for service_id, subgroup, value in ServiceCount.objects.filter(
        property=property_name, end_time=day
    ).values_list("service_id", "subgroup", "value"):
        counts[service_id][subgroup] = value
    return counts
