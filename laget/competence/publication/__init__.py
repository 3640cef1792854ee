"""What leaves a service about the competence requirement, protected as a whole.

Municipal, county and national users (and the public tilstandsrapport) meet the same figures
in many places: a service's page, the county's, a learning network's, the nation's, charts,
reports. A figure hidden in one place must not be recoverable from another, so protection
(`laget.domain.protection`) runs over everything that is linked:

- **Status figures** (covered, not covered, the statuses and their shares) of every
  service and of every group whose totals a page can show (the nation, each county governor's
  office, county, learning network and municipality) are one view, protected once per date
  and register revision. A set of services that is no such group (a filter's intersection)
  gets no totals, only its services' rows.
- **A service's detail tables** (by role, by path to the requirement, the timeline) are
  published for that service only, and protected around its status figures as the first
  view publishes them (never hiding or showing one of those differently). Groups get no
  detail tables: summed over services they would tie every service's tables together, and
  the protection would have to hide most of them.

The package: `keys` (the cells' names), `groups` (the groups a page can total), `status` (the
status figures and their forms), `tables` (a service's detail tables, the groups' staff
tables), `figures` (the publication for one date, and `build`). What other apps use is named
here, and stored publications written before the split find their classes here.
"""

from laget.competence.publication.figures import (
    CompetencePublication,
    Recoded,
    build,
    competence_publication,
    subject_published,
)
from laget.competence.publication.groups import publishable_groups
from laget.competence.publication.keys import (
    BAND_HIGH,
    BAND_LOW,
    COVERED,
    EDUCATION_IN_PLACE,
    EDUCATION_MISSING,
    FORM_LEAST,
    FORM_MOST,
    NAME,
    NOT_COMPUTED,
    SERIES_METRICS,
    SHARE_DECIMALS,
    STATUS_METRICS,
    age,
    age_band,
    not_subject_role,
    path,
    role,
    service_unit,
    staff_role,
    staff_role_group,
    status,
    timeline,
)
from laget.competence.publication.status import shows_status_tables
from laget.competence.publication.tables import Detail

__all__ = [
    "BAND_HIGH",
    "BAND_LOW",
    "COVERED",
    "EDUCATION_IN_PLACE",
    "EDUCATION_MISSING",
    "FORM_LEAST",
    "FORM_MOST",
    "NAME",
    "NOT_COMPUTED",
    "SERIES_METRICS",
    "SHARE_DECIMALS",
    "STATUS_METRICS",
    "CompetencePublication",
    "Detail",
    "Recoded",
    "age",
    "age_band",
    "build",
    "competence_publication",
    "not_subject_role",
    "path",
    "publishable_groups",
    "role",
    "service_unit",
    "shows_status_tables",
    "staff_role",
    "staff_role_group",
    "status",
    "subject_published",
    "timeline",
]
