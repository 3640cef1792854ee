"""The worker's path through the code (issue 25): from the worker to the stored release it
passes through the publication layer once. The layer calls the areas' builders (registered
in `AppConfig.ready`); a builder may read from the layer below it, but nothing the layer runs
on its behalf calls up into an area again."""

import sys
from datetime import date

import pytest

from laget.publication.refresh import refresh
from tests.factories import staff_with_register

AREAS = ("competence", "workforce", "projection", "organisations", "people", "planning")


def _kind(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "laget" or len(parts) < 2 or "tests" in parts:
        return None
    if parts[1] == "publication":
        return "layer"
    return "area" if parts[1] in AREAS else None


@pytest.mark.django_db
@pytest.mark.separate_worker
def test_the_refresh_never_goes_down_into_the_layer_and_up_into_an_area_again(world):
    staff_with_register(world.service_a, 6)
    staff_with_register(world.service_b, 5)
    seen: set[tuple[str, ...]] = set()
    bounced: list[list[str]] = []

    def profile(frame, event, arg):
        if event != "call" or _kind(frame.f_globals.get("__name__", "")) != "area":
            return
        path: list[str] = []
        names: list[str] = []
        current = frame
        while current is not None:
            module = current.f_globals.get("__name__", "")
            kind = _kind(module)
            if kind is not None and (not path or path[-1] != kind):
                path.append(kind)
                names.append(f"{module}.{current.f_code.co_name}")
            current = current.f_back
        path.reverse()
        names.reverse()
        seen.add(tuple(path))
        # layer → area → layer → area: the layer ran something that went up into an area
        if any(path[i : i + 4] == ["layer", "area", "layer", "area"] for i in range(len(path))):
            bounced.append(names)

    sys.setprofile(profile)
    try:
        refresh(date(2026, 11, 30))
    finally:
        sys.setprofile(None)
    assert ("layer", "area") in seen  # the worker ran the areas' builders
    assert bounced == [], bounced[:3]
