"""The protected competence figures for one date, as pages, reports and releases read them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings

from laget.competence.models import CompetenceRuleSet
from laget.competence.publication.groups import publishable_groups
from laget.competence.publication.keys import (
    BAND_LOW,
    EDUCATION_MISSING,
    NAME,
    NOT_COMPUTED,
    SERIES_METRICS,
    STATUS_METRICS,
    service_unit,
)
from laget.competence.publication.status import (
    fixed_by_form,
    protect_as_before,
    recoded_away,
    status_view,
)
from laget.competence.publication.tables import (
    Detail,
    pack,
    protect_detail,
    protect_groups_staff,
    unpack,
)
from laget.domain import role_groups
from laget.domain.competence import RuleSet, recoding
from laget.domain.protection import Protected, View
from laget.domain.suppression import Figure
from laget.organisations.models import Service
from laget.people.models import RoleCategory
from laget.publication.calendar import latest_release_day
from laget.publication.published import last_published, published
from laget.publication.registry import Inputs


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
    #: each group's form of its staff by role (`laget.domain.role_groups`), by its key
    role_forms: dict[str, str] = field(default_factory=dict)
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
    #: how the status figures' proofs move each service's status figures (`modular`),
    #: worked out when first needed; never stored
    demands: dict[str, list[dict[str, float]]] | None = field(
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
            **{pk: pack(d) for pk, d in self.details.items() if pk not in self.packed_details},
            **self.packed_details,
        }
        state["details"] = {}
        state.pop("previous", None)
        state.pop("demands", None)
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.__dict__.setdefault("previous", None)
        self.__dict__.setdefault("demands", None)
        self.__dict__.setdefault("packed_details", {})  # stored before the details were packed
        self.__dict__.setdefault("covered_roles", {})
        self.__dict__.setdefault("forms", {})  # stored before the forms (issue 27)
        self.__dict__.setdefault("role_forms", {})  # stored before roles were recoded

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
            "role_forms": self.role_forms,
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

    def role_form(self, unit: str | None) -> role_groups.RoleForm:
        """How a unit's staff by role are published: a service's each role on its own (its
        detail tables), a group's in the form its staff chose (`laget.domain.role_groups`);
        a publication stored before roles were recoded has every role on its own."""
        key = self.role_forms.get(unit) if unit is not None else None
        return role_groups.BY_KEY[key or "roles"]

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
                unpack(packed) if packed is not None else protect_detail(self, service_id)
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
                protect_groups_staff(self)
                if len(self.counts) <= settings.LAGET_PROTECT_JOINTLY_MAX_SERVICES
                else Detail(None)
            )
        return self.groups


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
    held, held_roles = _held_forms(as_of)
    for service in services:
        unit = service_unit(service.pk)
        units[frozenset({service.pk})] = unit
        forms[unit] = status_view(view, unit, counts[service.pk], held.get(unit))
    for members, key in publishable_groups([s.pk for s in services]).items():
        units[members] = key
        summed = sum((counts[pk] for pk in members), Counter())
        forms[key] = status_view(view, key, summed, held.get(key))
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
        protected=protect_as_before(
            view,
            previous.protected if previous is not None else None,
            scope=as_of.isoformat(),
            unpublished={k for k in view.cells if k.endswith("|" + EDUCATION_MISSING)}.union(
                *(recoded_away(view, unit, form) for unit, form in forms.items())
            ),
            fixed=set().union(*(fixed_by_form(unit, form) for unit, form in forms.items())),
            groups={unit for ids, unit in units.items() if len(ids) > 1},
            forms=forms,
            held=held,
        ),
        units=units,
        forms={unit: form.key for unit, form in forms.items()},
        role_forms={},
        counts=counts,
        covered_roles={
            s.pk: frozenset(
                r for r in RoleCategory.values if rules.covers(r, frozenset(s.extra_roles))
            )
            for s in services
        },
    )
    # each group's staff by role in the form its staff, as published, allow (hidden: no split)
    for ids, unit in units.items():
        if len(ids) > 1:
            staff = published.figure(unit, "staff")
            value = None if staff.suppressed or staff.value is None else int(staff.value)
            published.role_forms[unit] = role_groups.form_for(value, held_roles.get(unit)).key
    # every table protected now, so the stored publication holds them all (each depends on
    # the ones before it, and a page must not redo them). Above the limit (the nation) the
    # joint protection costs minutes per table (issue 14's note): the groups' tables are then
    # hidden whole, and a service's detail tables are protected when first asked for.
    if len(published.counts) <= settings.LAGET_PROTECT_JOINTLY_MAX_SERVICES:
        published.previous = previous
        published.staff_tables(published.counts)
        published.previous = None
    return published


def forms_chosen_on(as_of: date) -> date:
    """The 1 December whose forms a publication for `as_of` keeps: the last one before it
    (on 1 December itself the forms are chosen afresh, from that day's figures)."""
    year = as_of.year if (as_of.month, as_of.day) > (12, 1) else as_of.year - 1
    return date(year, 12, 1)


def _held_forms(as_of: date) -> tuple[dict[str, str], dict[str, str]]:
    """Each unit's form of its statuses and of its staff by role as published on
    `forms_chosen_on(as_of)`, kept the year out (none on 1 December, or where that date was
    never published)."""
    if (as_of.month, as_of.day) == (12, 1):
        return {}, {}
    chosen = last_published(NAME, forms_chosen_on(as_of))
    if not isinstance(chosen, CompetencePublication):
        return {}, {}
    return dict(chosen.forms), dict(chosen.role_forms)


def competence_publication(as_of: date) -> CompetencePublication:
    """The protected figures for `as_of`, once per register revision."""
    return published(NAME, as_of)


def subject_published(services: list[Service], as_of: date) -> bool:
    """Whether the number of staff the requirement covers in `services` is shown to users
    outside them: what rests on that number (a projection of it) is shown only then."""
    published = competence_publication(as_of)
    return not published.figure(published.unit_for(s.pk for s in services), "subject").suppressed
