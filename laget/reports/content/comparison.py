"""Comparisons the author chooses (the municipality, the county, the nation) and the signals
the figures give for the chapter on challenges."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from laget.competence.selectors import competence_overview, status_row
from laget.domain.suppression import Figure
from laget.organisations.models import Service
from laget.reports.content import format as f
from laget.reports.content.context import PUBLIC, Context
from laget.reports.content.staffing import meets_share, projected_share
from laget.reports.models import Comparison
from laget.workforce.models import SickLeaveReference
from laget.workforce.selectors import workforce_overview

HELD_SHARE_LOW = 0.75
#: What the service's own turnover is not: KS's national figure as the 2022 mapping quotes it
#: counts only those who leave municipal child welfare (its footnote 9), SSB's those who leave
#: the municipality. Shown beside the service's figure with this sentence, never compared.
TURNOVER_BENCHMARKS = (
    "«Sluttet i tjenesten» regner også den som går til en annen barneverntjeneste som sluttet. "
    "KS' tall for hele landet, omtrent 20 % i året, teller bare dem som slutter i kommunalt "
    "barnevern samlet sett, og SSBs 30 % dem som slutter i kommunen de var ansatt i "
    "(kartleggingen av kompetansebehov 2022, fotnote 9, etter Bufdirs rapport «Turnover blant "
    "ansatte i barnevernet», 2022). Tallene måler ikke det samme og kan ikke sammenlignes direkte."
)


@dataclass(frozen=True)
class GroupFigures:
    label: str
    services: int
    headcount: Figure
    meets: Figure  # percent
    turnover: Figure
    sick_leave: Figure


def _group(ctx: Context, label: str, services: list[Service]) -> GroupFigures:
    return ctx.once(
        ("group", label, tuple(s.pk for s in services)),
        lambda: _group_figures(ctx, label, services),
    )


def _group_figures(ctx: Context, label: str, services: list[Service]) -> GroupFigures:
    workforce = workforce_overview(user=PUBLIC, services=services, today=ctx.as_of)
    overview = competence_overview(
        user=PUBLIC, services=services, today=ctx.as_of, with_persons=False
    )
    meets = status_row(overview, "meets").share
    last = workforce.rows[-1]
    return GroupFigures(
        label, len(services), workforce.headcount, meets, last.turnover, last.sick_leave
    )


def comparisons(ctx: Context) -> list[f.Block]:
    out, w = ctx.out, ctx.workforce
    last = w.rows[-1]
    groups = [
        GroupFigures(
            f"{ctx.service.name} (denne tjenesten)",
            1,
            w.headcount,
            meets_share(ctx),
            last.turnover,
            last.sick_leave,
        )
    ]
    county = ctx.municipality.county
    if Comparison.COUNTY in ctx.comparisons:
        services = list(Service.objects.filter(municipalities__county=county).distinct())
        groups.append(_group(ctx, f"Tjenestene i {county.name}", services))
    if Comparison.NATIONAL in ctx.comparisons:
        groups.append(_group(ctx, "Tjenestene i landet (i Laget)", list(Service.objects.all())))
    rows = [
        [
            g.label,
            str(g.services),
            out.num(g.headcount),
            out.percent(g.meets),
            out.share(g.turnover),
            out.share(g.sick_leave, 1),
        ]
        for g in groups
    ]
    blocks = [
        f.table(
            f"Sammenligning: kompetanse i dag, turnover og sykefravær {last.year}",
            [
                "",
                "Tjenester",
                "Ansatte",
                "Oppfyller kravet",
                "Sluttet i tjenesten (turnover)",
                "Sykefravær",
            ],
            rows,
            note="Kilde: Laget. Fylket og landet er alle barneverntjenester som bruker Laget "
            "der, med samme definisjon av turnover; tall som bygger på færre enn fem personer, "
            "vises ikke. " + TURNOVER_BENCHMARKS,
        )
    ]
    if Comparison.MUNICIPALITY in ctx.comparisons:
        reference = SickLeaveReference.objects.filter(
            scope="municipality", municipality=ctx.municipality, year=last.year
        ).first()
        value = (
            f"{f.number(float(reference.rate_percent), 1)}\u00a0% ({reference.source})"
            if reference
            else "ikke registrert i Laget"
        )
        blocks.append(
            f.facts(
                f"{ctx.municipality.name} kommune",
                [(f"Sykefravær i hele kommunen {last.year}", value)],
                note="Kommunens egne tall, ikke barneverntjenestens.",
                scope=f"Tall for {ctx.municipality.name} kommune.",
            )
        )
    return blocks


def signals(ctx: Context) -> list[f.Block]:
    """What the figures point to, each only when its figure is shown."""
    w, found = ctx.workforce, []
    meets = meets_share(ctx)
    if meets.shown is not None and float(meets.shown) < 50:
        found.append(
            f"Under halvparten av dem kravet gjelder, oppfyller kompetansekravet i dag "
            f"({ctx.out.percent(meets)})."
        )
    projected = projected_share(ctx)
    goal = ctx.projection.goal
    if projected.shown is not None and goal is not None and float(projected.shown) < goal.share:
        # the report is public: it says whose goal it is (the service's) and when it was set;
        # who set it is recorded in Laget (the projection page and the audit log)
        found.append(
            f"Framskrivingen gir {ctx.out.share(projected)} som oppfyller kravet ved fristen, "
            f"under tjenestens eget mål på {goal.percent} % (satt {timezone.localtime(goal.set_at):%d.%m.%Y}). "
            "Ingen kilde setter en slik andel: kravet gjelder alle det omfatter."
        )
    elif projected.shown is not None and goal is None and float(projected.shown) < 1:
        found.append(
            f"Framskrivingen gir {ctx.out.share(projected)} som oppfyller kravet ved fristen. "
            "Kravet gjelder alle som utfører oppgavene det omfatter."
        )
    at_risk = [
        r
        for r in ctx.competence.statuses
        if r.key in ("at_risk", "cannot_meet", "cannot_or_at_risk")
    ]
    at_risk_total = sum(int(r.count.shown or 0) for r in at_risk)
    if all(r.count.shown is not None for r in at_risk) and at_risk_total > 0:
        found.append(
            "Noen ansatte risikerer ikke å nå kravet i tide eller kan ikke nå det uten ny "
            f"utdanning ({', '.join(f'{r.label.lower()}: {ctx.out.num(r.count)}' for r in at_risk)})."
        )
    last = w.rows[-1]
    before = w.rows[-2] if len(w.rows) > 1 else None
    if (
        before is not None
        and last.turnover.shown is not None
        and before.turnover.shown is not None
        and float(last.turnover.shown) > float(before.turnover.shown)
    ):
        # Compared only with the service's own earlier year: the same definition and date.
        found.append(
            f"Turnover (sluttet i tjenesten) økte fra {ctx.out.share(before.turnover)} i "
            f"{before.year} til {ctx.out.share(last.turnover)} i {last.year}."
        )
    reference = last.reference_national
    sick = last.sick_leave.shown
    if sick is not None and reference is not None and float(sick) > reference:
        found.append(
            f"Sykefraværet {last.year} var {ctx.out.share(last.sick_leave, 1)}, over "
            f"landets {f.number(reference * 100, 1)} %."
        )
    held = ctx.supervision.held_share
    if held.shown is not None and float(held.shown) < HELD_SHARE_LOW:
        found.append(
            f"Bare {ctx.out.share(held)} av de planlagte veiledningssamtalene ble holdt siste "
            "12 måneder."
        )
    if w.headcount.suppressed:
        found = [
            "Tjenesten har færre enn fem ansatte, så tallene vises ikke, og Laget kan ikke "
            "peke på utfordringer ut fra dem. Sårbarheten i en så liten tjeneste er i seg selv "
            "verdt å beskrive."
        ]
    elif not found:
        found.append("Tallene i Laget peker ikke på særskilte utfordringer i år.")
    return [
        f.bullets(
            "Dette peker tallene på",
            found,
            note="Laget lager punktene fra tallene i kapittel 4; tall som er skjult, gir "
            "ingen punkter.",
            scope=ctx.scope,
        )
    ]
