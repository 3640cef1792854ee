"""Plain-Norwegian wording for statuses and shortfalls (translatable)."""

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from laget.domain.competence import Shortfall, ShortfallKind, Status, recoding, stated
from laget.domain.protection.stated import StatedText

STATUS_LABELS = {
    Status.MEETS: gettext_lazy("Oppfyller kravet"),
    Status.WILL_MEET: gettext_lazy("Vil oppfylle kravet hvis planene holder"),
    Status.AT_RISK: gettext_lazy("I faresonen"),
    Status.CANNOT_MEET: gettext_lazy("Kan ikke oppfylle kravet innen fristen"),
    Status.NOT_SUBJECT: gettext_lazy("Ikke omfattet av kravet"),
    Status.EXEMPT: gettext_lazy("Unntatt fra kravet (vedtak om unntak)"),
    Status.NEEDS_CHECK: gettext_lazy("Må sjekkes"),
}

STATUS_SHORT_LABELS = {
    Status.MEETS: gettext_lazy("Oppfyller"),
    Status.WILL_MEET: gettext_lazy("Vil oppfylle"),
    Status.AT_RISK: gettext_lazy("I faresonen"),
    Status.CANNOT_MEET: gettext_lazy("Kan ikke"),
    Status.NOT_SUBJECT: gettext_lazy("Ikke omfattet"),
    Status.EXEMPT: gettext_lazy("Unntatt"),
    Status.NEEDS_CHECK: gettext_lazy("Må sjekkes"),
}

#: Order on pages: the most urgent first (those whose registered education must be checked
#: after those at risk); those under an exemption apart, last.
STATUS_ORDER = list(recoding.COVERED)


def _day(value) -> str:
    return value.strftime("%d.%m.%Y")


def exemption_label(until, ruled: Status) -> str:
    """«Unntatt fra kravet til 31.12.2032 (uten unntaket: i faresonen)»."""
    return _("Unntatt fra kravet til %(date)s (uten unntaket: %(status)s)") % {
        "date": _day(until),
        "status": str(STATUS_LABELS[ruled]).lower(),
    }


def needs_check_label(counted: Status, confirmed: Status) -> str:
    """«Må sjekkes (slik det er registrert: i faresonen; hvis det holder: oppfyller kravet)»."""
    return _("Må sjekkes (slik det er registrert: %(counted)s; hvis det holder: %(confirmed)s)") % {
        "counted": str(STATUS_LABELS[counted]).lower(),
        "confirmed": str(STATUS_LABELS[confirmed]).lower(),
    }


def _number(value: float) -> str:
    return number_format(value, 1 if value % 1 else 0, use_l10n=True)


def shortfall_text(shortfall: Shortfall, *, reachable: bool = True) -> str:
    """One missing piece in plain Norwegian, with the date by which it must be done, and when
    the requirement can still be met (`reachable`), the latest start that finishes in time:
    for someone who cannot meet it anyway, «må starte senest» would promise what no start
    can give."""
    by = _day(shortfall.complete_by)
    if shortfall.kind is ShortfallKind.CREDITS:
        text = _("mangler %(n)s studiepoeng relevant videreutdanning innen %(date)s") % {
            "n": _number(shortfall.amount or 0),
            "date": by,
        }
    elif shortfall.kind is ShortfallKind.EXPERIENCE:
        months = int(shortfall.amount or 0)
        text = _("mangler %(n)d måneders erfaring innen %(date)s") % {"n": months, "date": by}
    elif shortfall.kind is ShortfallKind.MASTER:
        text = _("mangler relevant mastergrad innen %(date)s") % {"date": by}
    elif shortfall.kind is ShortfallKind.BACHELOR:
        text = _("mangler relevant bachelorgrad innen %(date)s") % {"date": by}
    elif shortfall.kind is ShortfallKind.PATH_CLOSED:
        closed = _day(shortfall.closed_from) if shortfall.closed_from else by
        return _(
            "overgangsregelen gjelder ikke for ansatte som begynte i barnevernet fra %(date)s "
            "uten tidligere barnevernserfaring"
        ) % {"date": closed}
    elif shortfall.kind is ShortfallKind.CREDITS_TO_CHECK:
        return _(
            "Vi kjenner bare summen av studiepoeng (%(n)s fra en fil); registrer emnene for å se "
            "om ett av dem er på minst %(course)s"
        ) % {
            "n": _number(shortfall.amount or 0),
            "course": _number(shortfall.course_credits or 0),
        }
    elif shortfall.kind is ShortfallKind.NOT_ASSESSED:
        return _(
            "«%(what)s» står ikke på listen over relevant utdanning, og ingen har vurdert den: "
            "lederen må avgjøre om den er relevant"
        ) % {"what": shortfall.what}
    else:  # CREDITS_NOT_SECURED
        return _("%(n)s studiepoeng er søkt, men ikke innvilget ennå") % {
            "n": _number(shortfall.amount or 0)
        }
    if shortfall.start_by and reachable:
        text += " " + _("(må starte senest %(date)s)") % {"date": _day(shortfall.start_by)}
    return text


#: Roles as the coverage sentence names them.
ROLE_PLURALS = {
    "leader": gettext_lazy("ledere"),
    "deputy_leader": gettext_lazy("stedfortredere"),
    "core": gettext_lazy("ansatte med kjerneoppgaver"),
    "measures": gettext_lazy("ansatte i tiltak"),
    "administrative": gettext_lazy("ansatte i administrasjon"),
    "other": gettext_lazy("andre ansatte"),
}


def _listing(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " " + _("og") + " " + items[-1]


def coverage_text(rules, by_unit: dict[str, frozenset[str]]) -> StatedText:
    """«Kravet er her regnet for …»: the roles the rule set covers, and for each role it lets
    the municipality decide on, whether the services (`by_unit`: each one's extra roles, by
    its unit `service:<id>`) count it. Written out, it states the rule for each service
    (`stated.coverage`: a reader who knows it can add up roles and statuses)."""
    chosen = list(by_unit.values())
    statements = [
        stated.covers(unit, [r for r in ROLE_PLURALS if rules.covers(r, frozenset(extra))])
        for unit, extra in by_unit.items()
    ]
    return StatedText(_coverage_words(rules, chosen), statements)


def timeline_text(units: list[str]) -> StatedText:
    """What the timeline counts. Written out beside it, it states the timeline's rule for
    each service (`stated.timeline`: a reader who knows it bounds the statuses by it)."""
    text = _(
        "Hvis planene holder og ingen slutter: alle fullfører studiene de er tatt opp til, og "
        "ingen slutter før fristen. Det er det beste utfallet av planene som er lagt. "
        "Framskrivingen med turnover og usikkerhet regner med at noen ikke fullfører og noen "
        "slutter, og gir derfor en lavere forventet andel."
    )
    return StatedText(text, [stated.timeline_stated(unit) for unit in units])


def _coverage_words(rules, chosen: list[frozenset[str]]) -> str:
    order = list(ROLE_PLURALS)
    covered = [str(ROLE_PLURALS.get(r, r)) for r in order if r in rules.applies_to]
    text = _("Kravet er her regnet for %(roles)s") % {"roles": _listing(covered)}
    parts = []
    for role in [r for r in order if r in rules.optional_roles]:
        label = str(ROLE_PLURALS.get(role, role))
        n, total = sum(role in roles for roles in chosen), len(chosen)
        if total and n == total:
            parts.append(
                _(
                    "også for %(role)s, som kommunen har regnet med fordi de gjør oppgaver loven "
                    "nevner (kravet følger oppgavene; kartleggingen fra 2022 fant at mange "
                    "kommuner ikke hadde avklart om det gjelder ansatte i tiltak)"
                )
                % {"role": label}
            )
        elif n == 0:
            parts.append(
                _(
                    "ikke for %(role)s: kravet følger oppgavene loven nevner, og om ansatte i "
                    "tiltak gjør dem, er ikke avklart her (kartleggingen fra 2022 fant at mange "
                    "kommuner ikke hadde avklart det)"
                )
                % {"role": label}
            )
        else:
            parts.append(
                _("for %(role)s i %(n)s av %(total)s tjenester, der kommunen har bestemt det")
                % {"role": label, "n": n, "total": total}
            )
    return text + ("; " + "; ".join(parts) if parts else "") + "."


def _long_day(value) -> str:
    return date_format(value, "j. F Y")


def requirement_text(rules) -> str:
    """What «Kompetansekravet» means, read off the rule set Laget computes with: its paths, the
    deadline, how credits and experience count, whom it covers, and where the text stands."""
    labels = [str(path.label)[:1].lower() + str(path.label)[1:] for path in rules.paths]
    paths = (
        ", ".join(labels[:-1]) + (" " + _("eller") + " " if len(labels) > 1 else "") + labels[-1]
    )
    covered = _listing([str(ROLE_PLURALS.get(r, r)) for r in ROLE_PLURALS if r in rules.applies_to])
    optional = _listing(
        [str(ROLE_PLURALS.get(r, r)) for r in ROLE_PLURALS if r in rules.optional_roles]
    )
    parts = [
        _(
            "Kravet i %(paragraph)s til dem som utfører barnevernsoppgaver fra %(deadline)s: %(paths)s."
        )
        % {
            "paragraph": rules.legal_paragraph or rules.name,
            "deadline": _long_day(rules.deadline),
            "paths": paths,
        },
        rules.credits_rule_text,
        _("Laget regner det for %(roles)s.") % {"roles": covered},
    ]
    if optional:
        parts.append(
            _("Om det gjelder %(roles)s, avgjør kommunen for hver tjeneste.") % {"roles": optional}
        )
    parts.append(_("Laget regner etter %(label)s.") % {"label": rules.label})
    if rules.source_text:
        parts.append(rules.source_text)
    return " ".join(str(part) for part in parts)


def status_meanings(rules) -> dict[Status, str]:
    """What each status says, with the rule set's deadline and roles: the engine's rules in
    words, beside the labels they explain."""
    deadline = _long_day(rules.deadline)
    not_covered = _listing(
        [
            str(ROLE_PLURALS.get(r, r))
            for r in ROLE_PLURALS
            if r not in rules.applies_to and r not in rules.optional_roles
        ]
    )
    return {
        Status.MEETS: _(
            "Har i dag den utdanningen (og etter overgangsregelen den erfaringen og "
            "videreutdanningen) kravet stiller."
        ),
        Status.WILL_MEET: _(
            "Oppfyller ikke kravet i dag, men gjør det innen %(deadline)s hvis utdanningen som er "
            "planlagt blir fullført og personen blir i tjenesten."
        )
        % {"deadline": deadline},
        Status.AT_RISK: _(
            "Kan rekke kravet innen %(deadline)s, men bare hvis det som mangler (videreutdanning, "
            "master) startes snart: siden sier senest når."
        )
        % {"deadline": deadline},
        Status.NEEDS_CHECK: _(
            "Det som er registrert, kan ikke regnes med før noen har sjekket det, og sjekken kan "
            "gi en bedre status: studiepoeng som bare er kjent som en sum, eller en utdanning som "
            "ikke står på listen over relevant utdanning og som lederen ikke har vurdert. Siden "
            "sier hva som må sjekkes, og statusen slik det er registrert."
        ),
        Status.CANNOT_MEET: _(
            "Rekker ikke kravet innen %(deadline)s, selv med det som kan startes nå."
        )
        % {"deadline": deadline},
        Status.EXEMPT: _(
            "Kommunen har fått vedtak om unntak fra kravet for personen. Vises for seg og regnes "
            "aldri som «oppfyller kravet»; siden sier hva statusen ville vært uten unntaket."
        ),
        Status.NOT_SUBJECT: _(
            "Kravet gjelder ikke rollen: %(roles)s, og %(optional)s der "
            "kommunen ikke har regnet dem med."
        )
        % {
            "roles": not_covered,
            "optional": _listing(
                [str(ROLE_PLURALS.get(r, r)) for r in ROLE_PLURALS if r in rules.optional_roles]
            )
            or "ingen andre",
        },
    }
