"""How finely a group's staff by role is published: global recoding before suppression for roles
(issue 27, item 1), as `laget.domain.competence.recoding` does it for statuses.

A group of services (a municipality served by several, a network, a county, a governor's
office, the nation) has six role categories, and four of them are a few persons each where the
group is small: a leader and a deputy per service, a handful in measures, administration and
other roles. Hiding each of them, and the partners they need, leaves a network's table with
nothing but its total. Merged into three (leadership, core work, other roles) they are mostly
five or more, and a reader gets the split that matters for the 2031 requirement: leadership and
core work are what it covers.

A group's form is chosen from its staff, a figure the status tables publish, so the form tells a
reader nothing a hidden figure holds; where those staff are hidden, the group shows no split.
The limits are Laget's own choice (no source sets them), set from the demo's and a national-size
register's groups so that each form's categories are mostly five or more in groups of its size:
«other roles» are about a fifth of the staff, «annet» alone one in thirty-five.
"""

from __future__ import annotations

from dataclasses import dataclass

from laget.domain.held_form import finest_held

#: the role categories in table order (the keys of `laget.people.models.RoleCategory`)
ROLES = ("leader", "deputy_leader", "core", "measures", "administrative", "other")


@dataclass(frozen=True)
class RoleGroup:
    """A published category of roles: one role, or several merged."""

    key: str
    label: str
    roles: tuple[str, ...]


LEADERSHIP = RoleGroup(
    "leadership", "Ledelse (leder og stedfortreder)", ("leader", "deputy_leader")
)
CORE = RoleGroup("core", "Kjerneoppgaver i barnevernet", ("core",))
OTHER = RoleGroup(
    "other", "Andre roller (tiltak, administrasjon, annet)", ("measures", "administrative", "other")
)
#: the three groups: every role in exactly one
GROUPS = (LEADERSHIP, CORE, OTHER)


@dataclass(frozen=True)
class RoleForm:
    key: str
    #: what the page says it shows
    label: str
    #: the fewest staff the form is used for
    least: int
    #: the role categories it publishes; None: each role on its own
    groups: tuple[RoleGroup, ...] | None


FORMS = (
    RoleForm("roles", "alle rollekategoriene", 200, None),
    RoleForm("groups", "tre rollegrupper", 24, GROUPS),
    RoleForm("none", "ingen fordeling", 0, ()),
)
BY_KEY = {form.key: form for form in FORMS}


def form_for(staff: int | None, held: str | None = None) -> RoleForm:
    """The finest form for a group of `staff` (None: its staff are not published, so no
    split is), no finer than the form it was `held` at on 1 December (kept the year out, as
    `laget.domain.competence.recoding.form_for` keeps the statuses')."""
    if staff is None:
        return BY_KEY["none"]
    return finest_held(FORMS, staff, held, "staff")


def merged(counts: dict[str, int]) -> dict[str, int]:
    """Each group's head count from the roles' (a role missing counts none)."""
    unknown = counts.keys() - set(ROLES)
    if unknown:
        raise ValueError(f"unknown role categories: {sorted(unknown)}")
    return {group.key: sum(counts.get(role, 0) for role in group.roles) for group in GROUPS}
