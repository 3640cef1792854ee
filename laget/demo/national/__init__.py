"""The whole country as synthetic demo data: `laget demo --national [--scale N]`.

Trøndelag is the regional demo as it is (`demo_create`: the same services, staff, history
and demo logins). Every other municipality is served by a synthetic service: the larger
towns alone, Oslo as one service with its fifteen districts (bydeler) as units, and most of
the rest in inter-municipal services (a host and one to five neighbours in the same county,
by number). Which services serve which municipalities is the same for every seed.

Staff per service are a heavy-tailed (lognormal) draw, scaled so the nation has about
`NATIONAL_STAFF` today at scale 1; scale N multiplies every synthetic service's staff by N
(at most `MAX_SERVICE_STAFF` in one; Trøndelag stays as the regional demo has it). Each service gets the regional demo's generators with
its own random streams: today's staff with their education, ten years of leavers with exit
interviews and vacancies, monthly sick leave, a year of supervision, check-ins and the
onboarding of recent hires. The rows go straight to the database in large batches (COPY on
PostgreSQL; no model signals), and the register revision is bumped once at the end.
"""

from laget.demo.national.create import (
    national_clear,
    national_create,
    national_exists,
)
from laget.demo.national.structure import (
    MAX_SCALE,
    MAX_SERVICE_STAFF,
    MIN_SERVICE_STAFF,
    NATIONAL_STAFF,
    NationalSummary,
    ServiceSpec,
    national_sizes,
    national_structure,
)

__all__ = [
    "MAX_SCALE",
    "MAX_SERVICE_STAFF",
    "MIN_SERVICE_STAFF",
    "NATIONAL_STAFF",
    "NationalSummary",
    "ServiceSpec",
    "national_clear",
    "national_create",
    "national_exists",
    "national_sizes",
    "national_structure",
]
