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
"""

from __future__ import annotations

import pickle
import zlib
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date

from django.conf import settings

from laget.competence.models import CompetenceRuleSet
from laget.domain.competence import RuleSet, Status, recoding
from laget.domain.competence import stated as stated_rules
from laget.domain.protection import (
    AtMost,
    Protected,
    Sum,
    View,
    around,
    as_before,
    protect,
    still_certified,
)
from laget.domain.suppression import Figure
from laget.domain.workforce import AGE_BANDS
from laget.organisations.models import GovernorOffice, LearningNetwork, Service
from laget.people.models import RoleCategory
from laget.publication.calendar import latest_release_day
from laget.publication.published import last_published, published
from laget.publication.registry import Inputs

#: The stored counts and the publication built from them.
NAME = "competence"
#: The statuses of those the requirement covers, in table order.
COVERED = list(recoding.COVERED)
#: Shares are published as whole percent: two decimals of the fraction.
SHARE_DECIMALS = 2
#: Kept for every date (the last of each month) as published, for time series.
SERIES_METRICS = ("subject", "status.meets", "status.meets.share")
#: Those covered whose formal education is in place today (a relevant master, or a relevant
#: bachelor with the further education), experience aside: what the 2022 mapping's figure
#: 3-2 counted (58 %), shown beside «oppfyller kravet»; and the rest (never published).
EDUCATION_IN_PLACE = "education.in_place"
EDUCATION_MISSING = "education.missing"
STATUS_METRICS = [
    "staff",
    "subject",
    "not_subject",
    *(f"status.{s.key}" for s in COVERED),
    EDUCATION_IN_PLACE,
    EDUCATION_MISSING,
]


def status(s: Status) -> str:
    return f"status.{s.key}"


def role(role_category: str, s: Status) -> str:
    return f"role.{role_category}.{s.key}"


def path(index: int, s: Status) -> str:
    return f"path.{index}.{s.key}"


def timeline(day: date) -> str:
    return f"timeline.{day.isoformat()}"


def staff_role(role_category: str) -> str:
    """Staff by role (everyone, covered or not)."""
    return f"staff_role.{role_category}"


def not_subject_role(role_category: str) -> str:
    """Those the requirement does not cover, by role: never published, but the difference
    between staff by role and the covered by role."""
    return f"not_subject_role.{role_category}"


def age(band: int) -> str:
    """Staff by age band (`laget.domain.workforce.AGE_BANDS`, by index)."""
    return f"age.{band}"


def age_band(birth_year: int | None, on: date) -> int:
    """The age band index on `on`, as the workforce metrics count it (the last: unknown)."""
    if not birth_year:
        return len(AGE_BANDS) - 1
    return min(max((on.year - birth_year - 20) // 10, 0), 4)


def service_unit(service_id: int) -> str:
    return f"service:{service_id}"


def publishable_groups(service_ids: list[int]) -> dict[frozenset[int], str]:
    """Every set of two or more services whose totals a page or report can show, once per
    distinct set (a municipality served by one service is that service)."""
    by_municipality: dict[str, set[int]] = {}
    by_county: dict[str, set[int]] = {}
    for service_id, municipality, county in Service.objects.values_list(
        "pk", "municipalities__number", "municipalities__county__number"
    ):
        if municipality is not None:
            by_municipality.setdefault(municipality, set()).add(service_id)
            by_county.setdefault(county, set()).add(service_id)
    counties_of_office: dict[int, set[str]] = {}
    for office_id, county in GovernorOffice.objects.values_list("pk", "counties__number"):
        counties_of_office.setdefault(office_id, set()).add(county)
    networks: dict[int, set[int]] = {}
    for network_id, service_id in LearningNetwork.services.through.objects.values_list(
        "learningnetwork_id", "service_id"
    ):
        networks.setdefault(network_id, set()).add(service_id)
    candidates = [("nation", set(service_ids))]
    candidates += [
        (f"office:{k}", set().union(*(by_county.get(c, set()) for c in v)))
        for k, v in sorted(counties_of_office.items())
    ]
    candidates += [(f"county:{k}", v) for k, v in sorted(by_county.items())]
    candidates += [(f"network:{k}", v) for k, v in sorted(networks.items())]
    candidates += [(f"municipality:{k}", v) for k, v in sorted(by_municipality.items())]
    groups: dict[frozenset[int], str] = {}
    for key, ids in candidates:
        members = frozenset(ids)
        if len(members) > 1 and members not in groups:
            groups[members] = key
    return groups


#: the unit of a set of services with one newer than the stored figures (`unit_for`)
NOT_COMPUTED = "not-computed"


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


@dataclass(frozen=True)
class Recoded:
    """A unit's status figures as its form publishes them (`CompetencePublication.recoded`)."""

    #: None: the unit has no totals (a filter's set of services), or is not computed yet
    form: recoding.Form | None
    subject: Figure
    #: each category of the form: its count and its share in percent
    categories: list[tuple[recoding.Category, Figure, Figure]]
    #: where «oppfyller eller vil oppfylle» lies (None: the form has no band)
    band: recoding.Band | None

    def category(self, key: str) -> tuple[Figure, Figure] | None:
        """A category's count and share, if the form has it."""
        return next(((c, s) for cat, c, s in self.categories if cat.key == key), None)

    @property
    def on_track(self) -> tuple[Figure, Figure] | None:
        return self.category(recoding.ON_TRACK_GROUP.key)

    @property
    def finer(self) -> list[tuple[recoding.Category, Figure, Figure]]:
        """The categories finer than the two groups (the statuses, or four groups)."""
        merged = (recoding.ON_TRACK_GROUP.key, recoding.REST_GROUP.key)
        return [row for row in self.categories if row[0].key not in merged]

    @property
    def state(self) -> str:
        """How the unit reaches its reader (issue 27, item 4): «exact», the number who meet
        or will meet the requirement shown; «banded», only the band it lies in; «hidden»,
        neither (fewer than 12 covered, or the covered staff hidden)."""
        on_track = self.on_track
        if on_track is not None and not on_track[0].suppressed:
            return "exact"
        return "banded" if self.band is not None else "hidden"


@dataclass
class CompetencePublication:
    """The protected figures for one date."""

    as_of: date
    record: CompetenceRuleSet
    rules: RuleSet
    timeline_dates: list[date]
    protected: Protected
    units: dict[frozenset[int], str]
    counts: dict[int, Counter[str]]
    #: each unit's form (`laget.domain.competence.recoding`), by its key
    forms: dict[str, str] = field(default_factory=dict)
    details: dict[int, Detail] = field(default_factory=dict)
    groups: Detail | None = None
    #: per service, the roles the requirement covers there (the rule set's, and those the
    #: service has brought under it), as the coverage sentence beside the figures says
    covered_roles: dict[int, frozenset[str]] = field(default_factory=dict)
    #: each service's detail tables as stored (`__getstate__`), read back when first asked for
    packed_details: dict[int, bytes] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    #: what readers were last given (`as_before`), while the tables are protected in the
    #: pass that builds this one; never stored (each version would hold all before it)
    previous: CompetencePublication | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def __getstate__(self) -> dict:
        """As stored for every process to read: each service's detail tables packed on their
        own (pickled and compressed), unpacked by `detail` when a page first asks for them.
        They are most of the publication (for the nation, each holds the part of the status
        figures' view around its service, some 2,500 cells: 120 MB in one pickle that every
        new web process took 5 s to load, and 700 MB of memory to hold, though a page about
        the nation reads none of them); their protection is not changed by the packing."""
        state = self.__dict__.copy()
        state["packed_details"] = {
            **{pk: _pack(d) for pk, d in self.details.items() if pk not in self.packed_details},
            **self.packed_details,
        }
        state["details"] = {}
        state.pop("previous", None)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.__dict__.setdefault("previous", None)
        self.__dict__.setdefault("packed_details", {})  # stored before the details were packed
        self.__dict__.setdefault("covered_roles", {})
        self.__dict__.setdefault("forms", {})  # stored before the forms (issue 27)

    def covered(self, service_id: int) -> frozenset[str]:
        """The roles the requirement covers in the service, as the page says."""
        return self.covered_roles.get(service_id, frozenset(self.rules.applies_to))

    def release_parts(self) -> dict:
        """What the publication holds for its release (`laget.publication.release`): every
        field but the counts it was built from, with the detail tables unpacked, whether
        this process built them or read them packed."""
        return {
            "as_of": self.as_of,
            "record": self.record,
            "rules": self.rules,
            "timeline_dates": self.timeline_dates,
            "protected": self.protected,
            "units": self.units,
            "forms": self.forms,
            "details": {pk: self.detail(pk) for pk in {*self.details, *self.packed_details}},
            "groups": self.groups,
        }

    def unit_for(self, service_ids) -> str | None:
        """The unit a set of services is published under; None: no totals for it;
        `NOT_COMPUTED` when a service is newer than these figures."""
        ids = frozenset(service_ids)
        unit = self.units.get(ids)
        if unit is None and not ids <= self.counts.keys():
            return NOT_COMPUTED
        return unit

    def figure(self, unit: str | None, metric: str) -> Figure:
        """A status figure as published: hidden («skjult») when the protection hides it, and
        for a set of services that is no publishable group; «ikke beregnet ennå» for services
        newer than these figures."""
        if unit == NOT_COMPUTED:
            return Figure(None, 0, True, computed=False)
        key = f"{unit}|{metric}"
        if unit is None or key not in self.protected.view.cells:
            return Figure(None, 0, True)
        return self.protected.figure(key)

    def form(self, unit: str | None) -> recoding.Form | None:
        """The unit's form (None: a set of services with no totals, or not computed yet)."""
        if unit is None or unit == NOT_COMPUTED:
            return None
        key = self.forms.get(unit)
        return recoding.BY_KEY[key] if key is not None else None

    def recoded(self, unit: str | None) -> Recoded:
        """The unit's status figures in its form: its categories, and the band of «oppfyller
        eller vil oppfylle» (read from the band's ends and the covered staff, as a reader
        does)."""
        form = self.form(unit)
        subject = self.figure(unit, "subject")
        if form is None:
            return Recoded(None, subject, [], None)
        categories = []
        for category in form.categories:
            count = self.figure(unit, category.key)
            share = self.figure(unit, category.key + ".share")
            categories.append(
                (
                    category,
                    count,
                    Figure(
                        share.value * 100 if share.value is not None else None,
                        count.n,
                        share.suppressed or count.suppressed,
                        source=share.source,
                    ),
                )
            )
        found = None
        low = self.figure(unit, BAND_LOW)
        if form.band and not low.suppressed and low.value is not None:
            # the share range the band's ends stand for (where the covered staff are hidden,
            # a reader gets the range, and knows less than the ends in persons)
            covered = self.protected.view.cells[f"{unit}|subject"].value
            found = recoding.band(int(low.value), int(covered), form.band)
        return Recoded(form, subject, categories, found)

    def kept_figures(self) -> list[tuple[str, str, Figure]]:
        """What the county's and the nation's time series keep of each date: every service's
        and group's covered staff and those meeting the requirement, with their share."""
        return [
            (unit, metric, self.figure(unit, metric))
            for unit in self.units.values()
            for metric in SERIES_METRICS
        ]

    def detail(self, service_id: int) -> Detail:
        """The service's detail tables, protected the first time they are asked for (or
        unpacked, when they were stored with the publication)."""
        if service_id not in self.details:
            packed = self.packed_details.get(service_id)
            self.details[service_id] = (
                _unpack(packed) if packed is not None else _protect_detail(self, service_id)
            )
        return self.details[service_id]

    def staff_tables(self, service_ids) -> Detail:
        """Staff by role and by age band for a set of services: a service's from its detail
        tables; a group's protected around its services' as they publish them (a county's
        «60 og over» less its shown services' must not give a hidden one); none for a set
        that is no publishable group."""
        ids = frozenset(service_ids)
        if not ids <= self.counts.keys():
            return Detail(None)
        if len(ids) == 1:
            return self.detail(next(iter(ids)))
        unit = self.unit_for(ids)
        if unit is None or unit == NOT_COMPUTED:
            return Detail(None)
        if self.groups is None:
            self.groups = (
                _protect_groups_staff(self)
                if len(self.counts) <= settings.LAGET_PROTECT_JOINTLY_MAX_SERVICES
                else Detail(None)
            )
        return self.groups


def _pack(detail: Detail) -> bytes:
    return zlib.compress(pickle.dumps(detail, protocol=pickle.HIGHEST_PROTOCOL), 1)


def _unpack(packed: bytes) -> Detail:
    return pickle.loads(zlib.decompress(packed))  # noqa: S301 (packed by `_pack` only)


def _status_view(view: View, unit: str, counts: Counter[str]) -> recoding.Form:
    """A unit's status figures, in every form a page can show them (`recoding`): the six
    statuses, their merged categories and the band of «oppfyller eller vil oppfylle». The
    unit's form decides which are published (`_recoded_away`); the rest are unpublished cells
    a reader may try to work out. Returns the form."""
    for metric in STATUS_METRICS:
        view.add(f"{unit}|{metric}", counts[metric])
    u = f"{unit}|"
    view.total(u + "staff", [u + "subject", u + "not_subject"])
    # statuses and education are each person's: none may hold everyone (group disclosure)
    view.total(u + "subject", [u + status(s) for s in COVERED], attribute=True)
    view.total(u + "subject", [u + EDUCATION_IN_PLACE, u + EDUCATION_MISSING], attribute=True)
    for s in COVERED:
        view.share(u + status(s) + ".share", u + status(s), u + "subject", SHARE_DECIMALS)
    view.share(
        u + EDUCATION_IN_PLACE + ".share", u + EDUCATION_IN_PLACE, u + "subject", SHARE_DECIMALS
    )
    for category in recoding.MERGED:
        view.add(u + category.key, sum(counts[status(s)] for s in category.statuses))
        view.total(u + category.key, [u + status(s) for s in category.statuses])
        view.share(u + category.key + ".share", u + category.key, u + "subject", SHARE_DECIMALS)
    on_track, rest = recoding.ON_TRACK_GROUP.key, recoding.REST_GROUP.key
    view.total(u + "subject", [u + on_track, u + rest], attribute=True)
    view.total(u + rest, [u + recoding.CANNOT_OR_AT_RISK.key, u + recoding.CHECK_OR_EXEMPT.key])
    form = recoding.form_for(counts["subject"])
    if form.band:
        value = int(view.cells[u + on_track].value)
        found = recoding.band(value, counts["subject"], form.band)
        # the band's ends are no figures about anyone: what the printed share range tells a
        # reader who knows the covered staff (one who does not knows less)
        view.constant(u + BAND_LOW, found.low)
        view.constant(u + BAND_HIGH, found.high)
        if found.low > 0:
            view.at_most([u + BAND_LOW], [u + on_track])
        if found.high < counts["subject"]:
            view.at_most([u + on_track], [u + BAND_HIGH])
    return form


#: the persons the band of «oppfyller eller vil oppfylle» can hold, from and to
BAND_LOW, BAND_HIGH = "band.low", "band.high"
#: the fewest and the most covered staff a unit's form is used for (`_limits`)
FORM_LEAST, FORM_MOST = "form.least", "form.most"


def _limits(view: View, protected: Protected, forms: dict[str, recoding.Form]) -> set[str]:
    """What each unit's form tells a reader of its covered staff where they are hidden («to
    grupper»: 24 to 49), added to `view` as constants the first time; where they are shown,
    the figure says more. Returns the constants added (none: nothing new)."""
    added: set[str] = set()
    for unit, form in forms.items():
        u = f"{unit}|"
        if u + "subject" not in protected.hidden or u + FORM_LEAST in view.cells:
            continue
        index = recoding.FORMS.index(form)
        view.constant(u + FORM_LEAST, form.least)
        added.add(u + FORM_LEAST)
        if form.least > 0:
            view.at_most([u + FORM_LEAST], [u + "subject"])
        if index > 0:
            view.constant(u + FORM_MOST, recoding.FORMS[index - 1].least - 1)
            view.at_most([u + "subject"], [u + FORM_MOST])
            added.add(u + FORM_MOST)
    return added


def shows_status_tables(form: recoding.Form | None) -> bool:
    """Whether a service's statuses by role and by path, and its timeline, are published:
    only where its form shows at least the two groups (24 or more covered). For fewer, they
    would be finer than the form: the timeline at the deadline is the number who meet or will
    meet the requirement, which the half it lies in is chosen not to tell."""
    return form is not None and recoding.ON_TRACK_GROUP in form.categories


def _recoded_away(view: View, unit: str, form: recoding.Form) -> set[str]:
    """The status cells of `unit` its form does not publish (a service of 20 covered shows
    the band, not the statuses): unpublished, as the statuses' shares."""
    u = f"{unit}|"
    shown = {u + category.key for category in form.categories}
    every = [u + status(s) for s in COVERED] + [u + c.key for c in recoding.MERGED]
    return {k for key in every if key not in shown for k in (key, key + ".share")}


def _fixed(unit: str, form: recoding.Form) -> set[str]:
    """What a unit's form keeps shown whatever the protection needs: the band's ends."""
    u = f"{unit}|"
    return {u + BAND_LOW, u + BAND_HIGH} if form.band else set()


def _detail_metrics(rules: RuleSet, days: list[date]) -> list[str]:
    metrics = [role(r, s) for r in RoleCategory.values for s in COVERED]
    metrics += [
        path(i, s) for i in range(len(rules.paths)) for s in (Status.MEETS, Status.WILL_MEET)
    ]
    metrics += [staff_role(r) for r in RoleCategory.values]
    metrics += [not_subject_role(r) for r in RoleCategory.values]
    metrics += [age(i) for i in range(len(AGE_BANDS))]
    return metrics + [timeline(d) for d in days]


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


def _protect_detail(published: CompetencePublication, service_id: int) -> Detail:
    unit, counts = service_unit(service_id), published.counts[service_id]
    view = View()
    form = _status_view(view, unit, counts)
    u = f"{unit}|"
    metrics = _detail_metrics(published.rules, published.timeline_dates)
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
    } | _recoded_away(view, unit, form)
    if not shows_status_tables(form):
        # the statuses by role and by path, and the timeline (which at the deadline is those
        # who meet or will meet it), would be finer than the form: not published
        unpublished |= {
            k
            for k in view.cells
            if k[len(u) :].startswith(("role.", "path.", "timeline.")) and k not in known
        }
    # the status figures as published, with everything they are tied to there; and the
    # tables as readers were last given them (`as_before`, as the status figures): a cell
    # whose figure did not change keeps its state, hidden stays hidden, shown stays shown
    # where the protection allows
    before = _detail_before(published, service_id)
    attempts: list[tuple[set[str], set[str]]] = [(set(), set())]
    if before is not None:
        given, shown = as_before(before, view)
        attempts = [(given, shown - unpublished), (given, set()), (set(), set())]
    for given, shown in attempts:
        detail = _protect_around(
            published, view, unpublished=unpublished, given=given, frozen=known | shown
        )
        if detail.protected is not None:
            return Detail(_own_certificates(detail.protected, published))
    return detail


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
        held = _unpack(previous.packed_details[service_id])
    return (held or previous.detail(service_id)).protected


def _protect_groups_staff(published: CompetencePublication) -> Detail:
    """Every group's staff by role and by age band, protected as one view (a network's and a
    county's tables together would otherwise tell what each alone does not): each the sum of
    its services' same figure, around every service's detail tables as they are published
    (hidden there stays hidden, shown stays shown, small there is small here) and the groups'
    staff as the status figures publish it."""
    metrics = [staff_role(r) for r in RoleCategory.values] + [age(i) for i in range(len(AGE_BANDS))]
    view = View()
    given: set[str] = set()
    frozen: set[str] = set()
    unpublished: set[str] = set()
    small: set[str] = set()
    certificates: dict[str, frozenset[str]] = {}
    for service_id in published.counts:
        detail = published.detail(service_id).protected
        if detail is None:
            return Detail(None)
        view.merge(detail.view)
        given |= detail.hidden - detail.unpublished
        frozen |= detail.view.cells.keys() - detail.hidden
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
        for metric in metrics:
            view.add(u + metric, sum(published.counts[pk][metric] for pk in members))
            view.total(u + metric, [f"{service_unit(pk)}|{metric}" for pk in members])
        view.total(u + "staff", [u + staff_role(r) for r in RoleCategory.values])
        view.total(u + "staff", [u + age(i) for i in range(len(AGE_BANDS))])
    return _protect_around(
        published,
        view,
        given=given,
        frozen=frozen,
        unpublished=unpublished,
        small=small,
        certified=(certificates, known),
    )


def _protect_around(
    published: CompetencePublication,
    view: View,
    *,
    given: set[str] | None = None,
    frozen: set[str] | None = None,
    unpublished: set[str],
    small: set[str] | None = None,
    certified: tuple[dict[str, frozenset[str]], set[Sum | AtMost]] | None = None,
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


def build(inputs: Inputs) -> CompetencePublication:
    """Protect the status figures of every service and group as one view, from the stored
    counts the publication layer hands it, and every table that depends on them."""
    from laget.competence.profiles import rule_set_in_force
    from laget.competence.selectors import timeline_dates

    as_of = inputs.day
    record, rules = rule_set_in_force(as_of)
    days = timeline_dates(as_of, rules.deadline)
    counts = inputs.counts(NAME)
    services = list(Service.objects.order_by("pk"))
    view = View()
    units: dict[frozenset[int], str] = {}
    forms: dict[str, recoding.Form] = {}
    for service in services:
        unit = service_unit(service.pk)
        units[frozenset({service.pk})] = unit
        forms[unit] = _status_view(view, unit, counts[service.pk])
    for members, key in publishable_groups([s.pk for s in services]).items():
        units[members] = key
        forms[key] = _status_view(view, key, sum((counts[pk] for pk in members), Counter()))
        for metric in STATUS_METRICS:
            view.total(
                f"{key}|{metric}", [f"{service_unit(pk)}|{metric}" for pk in sorted(members)]
            )
    # what readers were last given: this date's figures before the register changed, else
    # the release before it
    previous = last_published(NAME, as_of) or last_published(NAME, latest_release_day(as_of))
    if not isinstance(previous, CompetencePublication):
        previous = None
    published = CompetencePublication(
        as_of=as_of,
        record=record,
        rules=rules,
        timeline_dates=days,
        protected=_protect_as_before(
            view,
            previous,
            scope=as_of.isoformat(),
            unpublished={k for k in view.cells if k.endswith("|" + EDUCATION_MISSING)}.union(
                *(_recoded_away(view, unit, form) for unit, form in forms.items())
            ),
            fixed=set().union(*(_fixed(unit, form) for unit, form in forms.items())),
            groups={unit for ids, unit in units.items() if len(ids) > 1},
            forms=forms,
        ),
        units=units,
        forms={unit: form.key for unit, form in forms.items()},
        counts=counts,
        covered_roles={
            s.pk: frozenset(
                r for r in RoleCategory.values if rules.covers(r, frozenset(s.extra_roles))
            )
            for s in services
        },
    )
    # every table protected now, so the stored publication holds them all (each depends on
    # the ones before it, and a page must not redo them). Above the limit (the nation) the
    # joint protection costs minutes per table (issue 14's note): the groups' tables are then
    # hidden whole, and a service's detail tables are protected when first asked for.
    if len(published.counts) <= settings.LAGET_PROTECT_JOINTLY_MAX_SERVICES:
        published.previous = previous
        published.staff_tables(published.counts)
        published.previous = None
    return published


def _protect_as_before(
    view: View,
    previous: CompetencePublication | None,
    *,
    fixed: set[str],
    unpublished: set[str],
    scope: str,
    groups: set[str],
    forms: dict[str, recoding.Form],
) -> Protected:
    """Protect the status figures with what readers were given before for the same date
    (`as_before`): a figure that did not change keeps its state, so a change to one service
    does not let a reader compare the two versions and learn what a hidden figure held. When
    no protection can keep a shown figure shown (the change made it the partner a small one
    needs), it may be hidden; a hidden one that did not change is never shown.

    `fixed`: what the units' forms keep shown (`_fixed`): the bands (the covered staff need
    not be shown beside them: a reader without them knows less). Bands of nested units narrow each
    other (a county's band less its banded service's leaves the rest little room): where no
    protection keeps them all, the groups' bands are hidden (their figures are mostly shown
    exact), then every band."""
    befores: list[tuple[set[str], set[str]]] = [(set(), set())]
    if previous is not None and isinstance(getattr(previous, "protected", None), Protected):
        given, shown = as_before(previous.protected, view)
        # hidden before stays hidden (shown now, it would tell what it held); shown before
        # stays shown where the protection allows it, and where this date's form shows it
        befores = [(given, shown - unpublished), (given, set())]
    banded = {_unit_of(k) for k in fixed if k.endswith("|" + BAND_LOW)}
    # the groups' bands given up first, then every band
    for without in (set(), banded & groups, banded):
        for given, shown in befores:
            dropped = {u + "|" + end for u in without for end in (BAND_LOW, BAND_HIGH)}
            dropped |= {k for k in fixed if k in given}  # a band readers were given hidden
            kept = fixed - dropped
            try:
                return _protect_with_limits(
                    view,
                    forms,
                    given=given | dropped,
                    frozen=(shown | kept) - given - dropped,
                    unpublished=unpublished,
                    scope=scope,
                )
            except ValueError:
                continue
    raise ValueError("no protection of the status figures keeps what readers were given")


def _protect_with_limits(
    view: View, forms: dict[str, recoding.Form], *, given: set[str], frozen: set[str], **options
) -> Protected:
    """Protect, then state each form's limits where the covered staff came out hidden
    (`_limits`) and protect again around what was hidden, until no limit is new: a hidden
    covered count's form tells a reader its range, and only then is that news."""
    # the limits stated in an attempt before this one stay stated: a form's label is printed
    frozen = frozen | {k for k in view.constants if k.endswith(("|" + FORM_LEAST, "|" + FORM_MOST))}
    protected = protect(view, given=given, frozen=frozen, **options)
    while True:
        known: set[Sum | AtMost] = {*view.sums, *view.bounds}
        added = _limits(view, protected, forms)
        if not added:
            return protected
        protected = protect(
            view,
            given=given | (protected.hidden - protected.unpublished),
            frozen=frozen | added,
            certified=still_certified(protected.certificates, view, known),
            **options,
        )


def _unit_of(key: str) -> str:
    return key.rpartition("|")[0]


def competence_publication(as_of: date) -> CompetencePublication:
    """The protected figures for `as_of`, once per register revision."""
    return published(NAME, as_of)


def subject_published(services: list[Service], as_of: date) -> bool:
    """Whether the number of staff the requirement covers in `services` is shown to users
    outside them: what rests on that number (a projection of it) is shown only then."""
    published = competence_publication(as_of)
    return not published.figure(published.unit_for(s.pk for s in services), "subject").suppressed
