"""What the projection area publishes outside the services, registered in the publication
layer (`laget.publication.registry`, from `ProjectionConfig.ready`): the projection of a set of
services for users outside them, kept built for the latest release."""

from __future__ import annotations

from datetime import date

from laget.publication.registry import Build


def register() -> None:
    from laget.publication import registry

    registry.set_family("projection", projection_sets, projection_builder)


def projection_sets(day: date, today: date, full: bool) -> dict[str, dict]:
    """The projections users outside the services open (the nation, each governor's office,
    county, learning network and municipality: `outside_sets`), for the latest release only
    (what they read). The nation ×1's refresh took 274 s with the municipalities' sets, 261 s
    before them.
    """
    from laget.organisations.selectors import outside_sets, set_name
    from laget.publication.calendar import latest_release_day

    if not full or day != latest_release_day(today):
        return {}
    return {
        set_name("projection", services): {"services": [s.pk for s in services]}
        for services in outside_sets()
    }


def projection_builder(key: dict) -> Build | None:
    from laget.organisations.selectors import services_by_ids
    from laget.projection.selectors import outside_projection_build

    services = services_by_ids(key.get("services", []))
    return None if services is None else outside_projection_build(services)
