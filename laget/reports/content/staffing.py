"""Blocks about the service itself: key figures, organisation, staffing and five years."""

from __future__ import annotations

import itertools
from collections import Counter

from laget.competence.selectors import status_row
from laget.domain.suppression import Figure, suppress, suppress_breakdown
from laget.people.models import Employment, RoleCategory
from laget.reports.content import format as f
from laget.reports.content.context import Context

REGISTER = "Kilde: personalregisteret i Laget"


def _date(ctx: Context) -> str:
    return ctx.as_of.strftime("%d.%m.%Y")


def projected_share(ctx: Context) -> Figure:
    """The base scenario's expected share meeting the requirement at the deadline."""
    projection = ctx.projection
    if projection.suppressed or not projection.forecasts:
        persons = projection.forecasts[0].persons if projection.forecasts else 0
        return Figure(None, persons, True)
    base = projection.forecasts[0]
    return suppress(base.at_deadline.expected_share, base.persons)


def meets_share(ctx: Context) -> Figure:
    """The share who meet the requirement today; hidden where the unit's form does not show
    those who meet it on their own (`laget.domain.competence.recoding`)."""
    return status_row(ctx.competence, "meets").share


def key_figures(ctx: Context) -> list[f.Block]:
    out, w = ctx.out, ctx.workforce
    last = w.rows[-1]
    deadline = ctx.competence.rules.deadline.strftime("%d.%m.%Y")
    items = [
        (f"Ansatte {_date(ctx)}", out.num(w.headcount)),
        ("Årsverk", out.num(w.fte, 1)),
        ("Oppfyller kompetansekravet i dag", out.percent(meets_share(ctx))),
        (f"Forventet andel som oppfyller kravet {deadline}", out.share(projected_share(ctx))),
        (f"Sluttet i tjenesten (turnover) {last.year}", out.share(last.turnover)),
        (f"Sykefravær {last.year}", out.share(last.sick_leave, 1)),
        (
            "Veiledning: holdt av planlagte samtaler siste 12 måneder",
            out.share(ctx.supervision.held_share),
        ),
    ]
    return [
        f.facts(
            "Nøkkeltall",
            items,
            note=f"{REGISTER}, sykefraværsimport og veiledningslogg, per {_date(ctx)}. "
            "Definisjoner står under tabellene i kapittel 4.",
            scope=ctx.scope,
        )
    ]


def organisation(ctx: Context) -> list[f.Block]:
    service = ctx.service
    units = list(service.units.values_list("name", flat=True))
    networks = list(service.learning_networks.values_list("name", flat=True))
    kind = (
        f"Interkommunal, vertskommune {service.host_municipality.name}"
        if ctx.inter_municipal
        else "Kommunens egen tjeneste"
    )
    items = [
        ("Tjeneste", service.name),
        ("Organisering", kind),
        ("Kommuner som betjenes", ", ".join(m.name for m in ctx.members)),
        ("Rapporten gjelder", f"{ctx.municipality.name} kommune"),
    ]
    if units:
        items.append(("Enheter", ", ".join(units)))
    if networks:
        items.append(("Læringsnettverk", ", ".join(networks)))
    return [f.facts("Tjenesten", items, note="Kilde: Laget")]


def staffing(ctx: Context) -> list[f.Block]:
    out, w = ctx.out, ctx.workforce
    rows = [[r.label, out.num(r.headcount), out.num(r.fte, 1)] for r in w.by_role]
    rows.append(["Alle", out.num(w.headcount), out.num(w.fte, 1)])
    recruitment = w.recruitment
    return [
        f.table(
            f"Ansatte og årsverk etter rolle {_date(ctx)}",
            ["Rolle", "Ansatte", "Årsverk"],
            rows,
            note=f"{REGISTER}. Ansatte med aktivt arbeidsforhold på datoen; årsverk er summen "
            "av stillingsprosentene delt på 100.",
            scope=ctx.scope,
        ),
        f.facts(
            "Stabilitet og rekruttering",
            [
                ("Gjennomsnittlig ansiennitet i tjenesten (år)", out.num(w.tenure, 1)),
                (f"Stillinger utlyst {w.years[0]}–{w.years[-1]}", out.num(recruitment.advertised)),
                ("Utlyste stillinger som ikke er besatt", out.num(recruitment.open_now)),
            ],
            note=f"{REGISTER} og stillingsregisteret.",
            scope=ctx.scope,
        ),
    ]


def municipality_figures(ctx: Context) -> list[f.Block]:
    """For a member of an inter-municipal service: the figures of the service's units that
    serve this municipality, where the service has registered such units."""
    if not ctx.inter_municipal:
        return []
    name = ctx.municipality.name
    units = list(ctx.service.units.filter(municipality=ctx.municipality).order_by("name"))
    if not units:
        return [
            f.text(
                [
                    f"Tjenesten har ingen enhet registrert for {name}, så Laget har ingen tall "
                    f"for {name} alene. Tallene i rapporten gjelder hele tjenesten."
                ],
                title=f"Tall for {name}",
            )
        ]
    out = ctx.out
    employments = list(
        Employment.objects.active_on(ctx.as_of).filter(service=ctx.service, unit__in=units)
    )
    persons = len({e.person_id for e in employments})
    labels = dict(RoleCategory.choices)
    by_role = suppress_breakdown(
        dict(Counter(str(labels[e.role_category]) for e in employments).most_common())
    )
    unit_names = {u.name for u in units}
    sick = [figure for unit, figure in ctx.workforce.sick_units if unit in unit_names]
    items = [
        ("Ansatte", out.num(suppress(persons, persons))),
        (
            "Årsverk",
            out.num(suppress(sum(float(e.fte_percent) for e in employments) / 100, persons), 1),
        ),
        *((f"– {role}", out.num(cell)) for role, cell in by_role.items()),
    ]
    if len(sick) == 1:
        items.append((f"Sykefravær {ctx.workforce.years[-1]}", out.share(sick[0], 1)))
    return [
        f.facts(
            f"Tall for {name}: {', '.join(sorted(unit_names))} {_date(ctx)}",
            items,
            note=f"{REGISTER}. Ansatte i tjenestens enheter som betjener {name}; ansatte "
            "uten enhet (for eksempel ledelsen) er bare med i tallene for hele tjenesten.",
            scope=f"Tall for {name} kommune.",
        )
    ]


#: A year whose head count is this many times the year before's is a register that grew, not
#: only a service that did: the table says so instead of setting the two side by side silently
GREW = 1.5


def register_growth(counts: list[tuple[int, float | None]]) -> str:
    """A sentence naming each step where the register grew by half or more from one year to the
    next (from shown counts only), or ""."""
    steps = [
        f"fra {f.number(a)} ({ya}) til {f.number(b)} ({yb})"
        for (ya, a), (yb, b) in itertools.pairwise(counts)
        if a is not None and b is not None and a > 0 and b >= GREW * a
    ]
    if not steps:
        return ""
    return (
        f"Registeret vokste {' og '.join(steps)}: flere ansatte eller tjenester ble registrert "
        "i Laget, så årene før og etter bygger på ulike grunnlag og er ikke direkte "
        "sammenlignbare."
    )


def development(ctx: Context) -> list[f.Block]:
    out, w = ctx.out, ctx.workforce
    rows = [
        [
            str(r.year),
            out.num(r.at_start),
            out.num(r.hires),
            out.num(r.separations),
            out.share(r.turnover),
            out.share(r.sick_leave, 1),
        ]
        for r in w.rows
    ]
    grown = register_growth(
        [(r.year, None if r.at_start.shown is None else float(r.at_start.shown)) for r in w.rows]
    )
    return [
        f.table(
            "Utviklingen år for år",
            [
                "År",
                "Ansatte ved referansedato året før",
                "Nyansatte",
                "Sluttet",
                "Sluttet i tjenesten (turnover)",
                "Sykefravær",
            ],
            rows,
            note=f"{grown} {REGISTER} og sykefraværsimport. {w.definitions['turnover_ks']} "
            f"{w.definitions['flows']}".strip(),
            scope=ctx.scope,
        )
    ]
