"""What falls due in a service in the next 14 days (issue 28, item 2): sessions its plans ask
for, new employees starting and their onboarding items, deadlines for study places, grants,
exemptions and the tilstandsrapport. Each thing dated and linked to where it is done; a deadline
that has passed in the last 14 days is said to have passed (older ones are the start page's
counts of what is late). The leader's start page leads with it.

The 14 days are Laget's own choice (a fortnight: the next two weeks' work, as the issue asks).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from laget.organisations.models import Service

#: how far ahead, and how long a deadline passed is still named
DAYS = 14
#: what one kind shows before «N til»
SHOWN = 10


@dataclass(frozen=True)
class Due:
    day: date
    text: str
    url: str
    #: the heading it stands under (`KINDS`)
    kind: str


KINDS = {
    "supervision": gettext_lazy("Veiledning etter planen"),
    "start": gettext_lazy("Nyansatte og introduksjon"),
    "deadline": gettext_lazy("Frister"),
}


@dataclass(frozen=True)
class Group:
    kind: str
    label: str
    items: list[Due]
    #: how many more there are than `items` shows, and where they are all listed
    more: int
    more_url: str


@dataclass(frozen=True)
class ComingUp:
    today: date
    until: date
    groups: list[Group]

    @property
    def empty(self) -> bool:
        return not self.groups


#: What areas above organisations add (registered in their `AppConfig.ready`): the reports'.
_providers: dict[str, Callable[[Service, date, date], list[Due]]] = {}


def due_register(name: str, function: Callable[[Service, date, date], list[Due]]) -> None:
    _providers[name] = function


#: What waits for a user whatever their service (registered the same way): reports to comment.
_user_providers: dict[str, Callable[[object, date], list[Due]]] = {}


def user_due_register(name: str, function: Callable[[object, date], list[Due]]) -> None:
    _user_providers[name] = function


def user_due(user, today: date) -> list[Due]:
    """What waits for `user` (a reviewer's reports on a comment round), soonest first."""
    found = [due for provider in _user_providers.values() for due in provider(user, today)]
    return sorted(found, key=lambda d: (d.day, d.text))


def coming_up(service: Service, today: date, supervision_rows) -> ComingUp:
    """`supervision_rows`: the service's person rows as `service_supervision` gives them (the
    start page has them already for its counts)."""
    until = today + timedelta(days=DAYS)
    found = [
        *_sessions(service, supervision_rows, today, until),
        *_starting(service, today, until),
        *_onboarding_items(service, today, until),
        *_measure_deadlines(service, today, until),
        *_exemptions_ending(service, today, until),
    ]
    for provider in _providers.values():
        found.extend(provider(service, today, until))
    more_urls = {
        "supervision": reverse("supervision:service", kwargs={"pk": service.pk}),
        "start": reverse("supervision:onboarding", kwargs={"pk": service.pk}),
        "deadline": reverse("planning:index", kwargs={"pk": service.pk}),
    }
    groups = []
    for kind, label in KINDS.items():
        items = sorted((d for d in found if d.kind == kind), key=lambda d: (d.day, d.text))
        if items:
            groups.append(
                Group(kind, str(label), items[:SHOWN], len(items) - SHOWN, more_urls[kind])
            )
    return ComingUp(today, until, groups)


def _url_for(name: str, **kwargs) -> Callable[[int], str]:
    """The URL `name` for the id left None in `kwargs`, reversed once (a large service has
    thousands of items) and filled in for each."""
    marker = 987654321
    key = next(k for k, v in kwargs.items() if v is None)
    template = reverse(name, kwargs={**kwargs, key: marker})
    return lambda value: template.replace(str(marker), str(value))


def _sessions(service: Service, rows, today: date, until: date) -> list[Due]:
    """Each person whose next session by their plan is due by `until`, or was due in the last
    14 days (longer overdue: the start page's count of those late for supervision)."""
    since = today - timedelta(days=DAYS)
    plan_url = _url_for("supervision:plan", pk=service.pk, plan_id=None)
    fallback = reverse("supervision:service", kwargs={"pk": service.pk})
    text = _("Veiledningssamtale med %(name)s")
    found = []
    for row in rows:
        due = row.regularity.next_due(today)
        if due is None or not since <= due <= until:
            continue
        plan = _plan_in_force(row.plans, today)
        url = plan_url(plan.pk) if plan is not None else fallback
        found.append(Due(due, text % {"name": row.person.full_name}, url, "supervision"))
    return found


def _plan_in_force(plans, today: date):
    """The plan a session is logged on: the individual one in force, else any in force."""
    running = [
        p for p in plans if p.starts_on <= today and (p.ends_on is None or p.ends_on >= today)
    ]
    running.sort(key=lambda p: (p.form != "individual", p.starts_on))
    return running[0] if running else None


def _starting(service: Service, today: date, until: date) -> list[Due]:
    from laget.people.models import Employment
    from laget.supervision.models import Onboarding

    starting = list(
        Employment.objects.filter(service=service, start_date__range=(today, until))
        .select_related("person")
        .order_by("start_date", "pk")
    )
    onboardings = dict(
        Onboarding.objects.filter(employment__in=starting).values_list("employment_id", "pk")
    )
    found = []
    for employment in starting:
        onboarding = onboardings.get(employment.pk)
        url = (
            reverse("supervision_me:onboarding", kwargs={"onboarding_id": onboarding})
            if onboarding
            else reverse("people:detail", kwargs={"pk": employment.person_id})
        )
        found.append(
            Due(
                employment.start_date,
                _("%(name)s begynner") % {"name": employment.person.full_name},
                url,
                "start",
            )
        )
    return found


def _onboarding_items(service: Service, today: date, until: date) -> list[Due]:
    """Items not done, due from 14 days back to `until`, of the service's employees still here
    or starting (older ones: the start page's count of items past their date)."""
    from django.db.models import Q

    from laget.supervision.models import OnboardingTask

    url = _url_for("supervision_me:onboarding", onboarding_id=None)
    text = _("Introduksjon for %(name)s: %(title)s")
    tasks = (
        OnboardingTask.objects.filter(
            onboarding__employment__service=service,
            done_on__isnull=True,
            due_on__range=(today - timedelta(days=DAYS), until),
        )
        .filter(
            Q(onboarding__employment__end_date__isnull=True)
            | Q(onboarding__employment__end_date__gte=today)
        )
        .values_list(
            "due_on",
            "title",
            "onboarding_id",
            "onboarding__employment__person__given_name",
            "onboarding__employment__person__family_name",
        )
    )
    return [
        Due(due_on, text % {"name": f"{given} {family}", "title": title}, url(onboarding), "start")
        for due_on, title, onboarding, given, family in tasks
    ]


def _measure_deadlines(service: Service, today: date, until: date) -> list[Due]:
    """Application and grant deadlines of the measures in the service's competence plans
    (a grant's while no outcome is recorded), from 14 days back."""
    from django.db.models import Q

    from laget.planning.models import Measure

    since = today - timedelta(days=DAYS)
    measures = (
        Measure.objects.filter(plan__service=service)
        .filter(
            Q(application_deadline__range=(since, until))
            | Q(grant_deadline__range=(since, until), grant_outcome="")
        )
        .select_related("plan", "person")
    )
    found = []
    for measure in measures:
        url = reverse("planning:detail", kwargs={"pk": service.pk, "year": measure.plan.year})
        who = f" ({measure.person.full_name})" if measure.person else ""
        deadlines = (
            (measure.application_deadline, _("Søknadsfrist for studieplass: %(t)s")),
            (None if measure.grant_outcome else measure.grant_deadline,
             _("Søknadsfrist for tilskudd: %(t)s")),
        )  # fmt: skip
        for day, text in deadlines:
            if day is not None and since <= day <= until:
                found.append(Due(day, text % {"t": measure.title} + who, url, "deadline"))
    return found


def _exemptions_ending(service: Service, today: date, until: date) -> list[Due]:
    from laget.competence.exemptions import in_force

    url = reverse("competence:exemptions", kwargs={"pk": service.pk})
    return [
        Due(
            exemption.valid_until,
            _("Unntaket fra kompetansekravet for %(name)s går ut")
            % {
                "name": exemption.person.full_name if exemption.person else exemption.position_title
            },
            url,
            "deadline",
        )
        for exemption in in_force([service.pk], today)
        .filter(valid_until__lte=until)
        .select_related("person")
    ]
