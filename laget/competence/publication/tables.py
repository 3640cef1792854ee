"""A service's detail tables (by role, by path, the timeline, staff by role and age band)
and the groups' staff tables, each protected around the status figures as published."""

from __future__ import annotations

import pickle
import zlib
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from django.conf import settings

from laget.competence.publication.keys import (
    COVERED,
    EDUCATION_MISSING,
    NOT_COMPUTED,
    SHARE_DECIMALS,
    age,
    detail_metrics,
    not_subject_role,
    role,
    service_unit,
    staff_role,
    staff_role_group,
    status,
    timeline,
)
from laget.competence.publication.modular import protect_on_status
from laget.competence.publication.status import recoded_away, shows_status_tables, status_view
from laget.domain import role_groups
from laget.domain.competence import Status
from laget.domain.competence import stated as stated_rules
from laget.domain.protection import (
    AtMost,
    Moves,
    Protected,
    Sum,
    View,
    around,
    as_before,
    protect,
    still_certified,
)
from laget.domain.protection.partners import hide_shares
from laget.domain.suppression import Figure
from laget.domain.workforce import AGE_BANDS
from laget.people.models import RoleCategory

if TYPE_CHECKING:
    from laget.competence.publication.figures import CompetencePublication


@dataclass
class Detail:
    """One service's detail tables as published (None: the protection found no way to show
    them around the status figures, so they are hidden whole)."""

    protected: Protected | None

    def figure(self, unit: str | None, metric: str) -> Figure:
        if unit == NOT_COMPUTED:
            return Figure(None, 0, True, computed=False)
        key = f"{unit}|{metric}"
        if unit is None or self.protected is None or key not in self.protected.view.cells:
            return Figure(None, 0, True)
        return self.protected.figure(key)


def pack(detail: Detail) -> bytes:
    return zlib.compress(pickle.dumps(detail, protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack(packed: bytes) -> Detail:
    return pickle.loads(zlib.decompress(packed))  # noqa: S301 (packed by `pack` only)


def _staff_relations(view: View, u: str, covered: frozenset[str]) -> None:
    """Staff by role and by age band add up to the staff; by role, to the covered by role and
    status plus those not covered. A covered role's statuses are each person's (nobody in it
    is outside the requirement): none may hold everyone in the role (group disclosure, «all
    eight core staff meet it»)."""
    roles = RoleCategory.values
    view.total(u + "staff", [u + staff_role(r) for r in roles])
    view.total(u + "staff", [u + age(i) for i in range(len(AGE_BANDS))])
    view.total(u + "not_subject", [u + not_subject_role(r) for r in roles])
    for r in roles:
        view.total(
            u + staff_role(r),
            [*(u + role(r, s) for s in COVERED), u + not_subject_role(r)],
            attribute=r in covered,
        )


def detail_view(
    published: CompetencePublication, service_id: int
) -> tuple[View, set[str], set[str]]:
    """A service's detail tables with its status figures, as a view; the zeros the page's
    rule prints (known to every reader), and the cells never published."""
    unit, counts = service_unit(service_id), published.counts[service_id]
    view = View()

    form = status_view(view, unit, counts)
    u = f"{unit}|"
    metrics = detail_metrics(published.rules, published.timeline_dates)
    for metric in metrics:
        view.add(u + metric, counts[metric])
    roles = [m for m in metrics if m.startswith("role.")]
    view.total(u + "subject", [u + m for m in roles])
    for s in COVERED:
        view.total(u + status(s), [u + m for m in roles if m.endswith("." + s.key)])
    for s in (Status.MEETS, Status.WILL_MEET):
        view.total(
            u + status(s),
            [u + m for m in metrics if m.startswith("path.") and m.endswith("." + s.key)],
        )
    for day in published.timeline_dates:
        view.share(u + timeline(day) + ".share", u + timeline(day), u + "subject", SHARE_DECIMALS)
    # what the timeline's own words tell a reader (the crawl knows it from the page)
    stated_rules.timeline(view, unit)
    _staff_relations(view, u, published.covered(service_id))
    # the rule printed beside the figures («Kravet er her regnet for …») tells a reader that
    # nobody in a covered role is outside it, and nobody in another role inside it: those
    # cells are known zeros, published as such (shown, never hidden: hiding what the page
    # says would protect nothing)
    covered = published.covered(service_id)
    known = {u + not_subject_role(r) for r in RoleCategory.values if r in covered}
    known |= {u + role(r, s) for r in RoleCategory.values if r not in covered for s in COVERED}
    unpublished = {
        k
        for k in view.cells
        if (k[len(u) :].startswith("not_subject_role.") or k.endswith("|" + EDUCATION_MISSING))
        and k not in known
    } | recoded_away(view, unit, form)
    if not shows_status_tables(form):
        # the statuses by role and by path, and the timeline (which at the deadline is those
        # who meet or will meet it), would be finer than the form: not published
        unpublished |= {
            k
            for k in view.cells
            if k[len(u) :].startswith(("role.", "path.", "timeline.")) and k not in known
        }
    return view, known, unpublished


def protect_detail(published: CompetencePublication, service_id: int) -> Detail:
    unit = service_unit(service_id)
    view, known, unpublished = detail_view(published, service_id)
    # the status figures as published, with everything they are tied to there; and the
    # tables as readers were last given them (`as_before`, as the status figures): a cell
    # whose figure did not change keeps its state, hidden stays hidden, shown stays shown
    # where the protection allows
    before = _detail_before(published, service_id)
    attempts: list[tuple[set[str], set[str]]] = [(set(), set())]
    if before is not None:
        given, shown = as_before(before, view)
        attempts = [(given, shown - unpublished), (given, set()), (set(), set())]

    # jointly with everything the status figures link to the service while that is small;
    # else table by table on its own status figures, where their proofs allow it (`modular`)
    def jointly(given: set[str], shown: set[str]) -> Protected | None:
        linked = View()  # the status figures around join a copy: the view stays the service's
        linked.merge(view)
        detail = _protect_around(
            published, linked, unpublished=unpublished, given=given, frozen=known | shown
        )
        return detail.protected and _own_certificates(detail.protected, published)

    def on_status(given: set[str], shown: set[str]) -> Protected | None:
        return protect_on_status(
            published, view, unit=unit, unpublished=unpublished, given=given, frozen=known | shown
        )

    linked = len(around(published.protected, view.cells.keys()).view.cells)
    ways = [jointly, on_status]
    if linked > settings.LAGET_PROTECT_JOINTLY_MAX_CELLS:
        ways.reverse()
    for way in ways:
        for given, shown in attempts:
            protected = way(given, shown)
            if protected is not None:
                return Detail(protected)
    return Detail(None)


def _own_certificates(protected: Protected, published: CompetencePublication) -> Protected:
    """The detail tables with the perturbations of their own small cells only. Those found
    for the status figures' cells around them are the status protection's business (its own
    are with it); kept with every service they were most of its memory: at nation ×1 some
    1,000 perturbations of 1,800 cells each, 45 MB a service unpacked, 10 GB for the nation's
    229 (a view built around these tables finds any it needs again)."""
    status_cells = published.protected.view.cells
    own = {k: moved for k, moved in protected.certificates.items() if k not in status_cells}
    return replace(protected, certificates=own)


def _detail_before(published: CompetencePublication, service_id: int) -> Protected | None:
    """The service's detail tables as readers were last given them (None: never, or the
    publication before is not at hand, as for a service's tables first asked for later)."""
    previous = published.previous
    if previous is None or service_id not in previous.counts:
        return None
    # read for the comparison and let go: held for every service, the version before would
    # double what the pass holds (at national size, gigabytes)
    held = previous.details.get(service_id)
    if held is None and service_id in previous.packed_details:
        held = unpack(previous.packed_details[service_id])
    return (held or previous.detail(service_id)).protected


def protect_groups_staff(published: CompetencePublication) -> Detail:
    """Every group's staff by role and by age band, protected as one view (a network's and a
    county's tables together would otherwise tell what each alone does not): each the sum of
    its services' same figure, around every service's detail tables as they are published
    (hidden there stays hidden, small there is small here; a service's tables hidden whole
    are none of them published) and the groups' staff as the status figures publish it. A figure of a service's tables shown there may be hidden here,
    and then is there too (`_hide_in_details`): where one service's figure in a county's sum
    is hidden, hiding another service's small one costs less than hiding the county's (at
    nation ×10, county totals of 100 to 2,300 were hidden so); and a small figure of a
    service's tables whose proof there moved its staff by role (which these tables add up)
    may need a partner in them (before, the groups' tables were then hidden whole)."""
    view = View()
    given: set[str] = set()
    frozen: set[str] = set()
    unpublished: set[str] = set()
    small: set[str] = set()
    certificates: dict[str, Moves] = {}
    status_cells = published.protected.view.cells
    for service_id in published.counts:
        detail = published.detail(service_id).protected
        if detail is None:
            # its tables are hidden whole: none of their figures is published, but each is
            # still a part of its groups' sums (the status figures as published)
            tables, printed, _never = detail_view(published, service_id)
            view.merge(tables)
            unpublished |= tables.cells.keys() - status_cells.keys() - printed
            frozen |= printed
            continue
        view.merge(detail.view)
        given |= detail.hidden - detail.unpublished
        # what the status figures show, and the zeros a page's rule prints, stay shown; any
        # other figure of the service's tables may be hidden here, and then is there too
        frozen |= {
            key
            for key in detail.view.cells.keys() - detail.hidden
            if key in status_cells
            or key in detail.view.constants
            or detail.view.cells[key].value == 0
        }
        unpublished |= detail.unpublished
        small |= detail.primary
        certificates.update(detail.certificates)
    known: set[Sum | AtMost] = {*view.sums, *view.bounds}
    for ids, unit in published.units.items():
        if len(ids) < 2:
            continue
        u, members = f"{unit}|", sorted(ids)
        if u + "staff" not in view.cells:  # as the status figures publish it (below)
            view.add(u + "staff", sum(published.counts[pk]["staff"] for pk in members))
        view.total(u + "staff", [f"{service_unit(pk)}|staff" for pk in members])
        for metric in _SUMMED:
            view.add(u + metric, sum(published.counts[pk][metric] for pk in members))
            view.total(u + metric, [f"{service_unit(pk)}|{metric}" for pk in members])
        view.total(u + "staff", [u + staff_role(r) for r in RoleCategory.values])
        view.total(u + "staff", [u + age(i) for i in range(len(AGE_BANDS))])
        unpublished |= _recode_roles(view, u, published.role_form(unit), members)
    # with everything the status figures link to these tables: the one view in which the
    # small status figures, the services' tables and the groups' are proved safe together
    # (`modular` lets a service's tables follow a status figure's proof by moving its staff
    # by role and by age band, which these tables add up)
    groups = _protect_around(
        published,
        view,
        given=given,
        frozen=frozen,
        unpublished=unpublished,
        small=small,
        certified=(certificates, known),
    )
    if groups.protected is not None:
        _hide_in_details(published, groups.protected.hidden)
    return groups


def _recode_roles(view: View, u: str, form: role_groups.RoleForm, members: list[int]) -> set[str]:
    """A group's staff by role in its form (`laget.domain.role_groups`): the merged groups
    added where the form publishes them, each the sum of its roles and the sum of its
    services' same group (unpublished there: what a reader knows a group's figure adds up).
    Returns the cells the form leaves out: still parts of every sum, unknowns a reader may try
    to work out."""
    fine = {u + staff_role(r) for r in RoleCategory.values}
    if form.groups is None:
        return set()
    shown, unpublished = set(), set()
    for group in form.groups:
        key = staff_role_group(group)
        shown.add(u + key)
        if len(group.roles) == 1:
            continue
        parts = []
        for unit in [u, *(f"{service_unit(pk)}|" for pk in members)]:
            if unit + key not in view.cells:
                view.add(
                    unit + key, sum(view.cells[unit + staff_role(r)].value for r in group.roles)
                )
                view.total(unit + key, [unit + staff_role(r) for r in group.roles])
                if unit != u:
                    unpublished.add(unit + key)
            parts.append(unit + key)
        view.total(u + key, parts[1:])
    if form.groups:
        view.total(u + "staff", [u + staff_role_group(g) for g in form.groups])
    return (fine - shown) | unpublished


#: what the groups' staff tables add up over services
_SUMMED = [staff_role(r) for r in RoleCategory.values] + [age(i) for i in range(len(AGE_BANDS))]


def _hide_in_details(published: CompetencePublication, hidden: frozenset[str]) -> None:
    """Each service's tables hide what the groups' tables hid of them (hiding more keeps
    every proof: it only widens what a reader can place a figure in)."""
    for service_id in published.counts:
        detail = published.details.get(service_id)
        protected = detail.protected if detail is not None else None
        if protected is None:
            continue
        more = (hidden & protected.view.cells.keys()) - protected.hidden
        if more:
            widened = set(protected.hidden | more)
            hide_shares(protected.view, widened)
            published.details[service_id] = Detail(replace(protected, hidden=frozenset(widened)))


def _protect_around(
    published: CompetencePublication,
    view: View,
    *,
    given: set[str] | None = None,
    frozen: set[str] | None = None,
    unpublished: set[str],
    small: set[str] | None = None,
    certified: tuple[dict[str, Moves], set[Sum | AtMost]] | None = None,
) -> Detail:
    """Protect `view` with everything the status figures tie it to, as they publish it;
    hidden whole when no protection can keep those figures as published. The perturbations
    that settled the small figures there (and in `certified`, with the relations they were
    found under) settle them here too while this view relates none of their cells anew."""
    fixed = around(published.protected, view.cells.keys())
    view.merge(fixed.view)
    view.sums = list(dict.fromkeys(view.sums))
    view.shares = list(dict.fromkeys(view.shares))
    view.bounds = list(dict.fromkeys(view.bounds))
    fixed_relations: set[Sum | AtMost] = {*fixed.view.sums, *fixed.view.bounds}
    found = still_certified(fixed.certificates, view, fixed_relations)
    if certified is not None:
        found |= still_certified(certified[0], view, certified[1] | fixed_relations)
    try:
        return Detail(
            protect(
                view,
                given=(given or set()) | fixed.given,
                frozen=(frozen or set()) | fixed.frozen,
                unpublished=unpublished,
                small=(small or set()) | fixed.small,
                grouped=fixed.grouped,
                scope=published.as_of.isoformat(),
                certified=found,
            )
        )
    except ValueError:
        return Detail(None)
