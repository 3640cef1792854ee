"""Blocks about stability: turnover, sick leave, exit interviews and recruitment."""

from __future__ import annotations

from laget.domain.suppression import suppress
from laget.reports.content import format as f
from laget.reports.content.context import Context

TOP_REASONS = 6


def turnover(ctx: Context) -> list[f.Block]:
    out, w = ctx.out, ctx.workforce
    rows = [
        [
            str(r.year),
            out.share(r.turnover),
            f"{out.num(r.leavers)} av {out.num(r.at_start)}",
            out.num(r.hires),
            out.num(r.separations),
            out.share(r.early_12),
            out.share(r.early_24),
        ]
        for r in w.rows
    ]
    blocks = [
        f.table(
            "Turnover",
            [
                "År",
                "Sluttet i tjenesten (turnover)",
                "Sluttet av ansatte ved referansedato",
                "Tilganger",
                "Avganger",
                "Sluttet innen 12 mnd.",
                "Sluttet innen 24 mnd.",
            ],
            rows,
            note=" ".join(w.definitions[k] for k in ("turnover_ks", "flows", "early_leavers")),
            scope=ctx.scope,
        )
    ]
    if all(not r.turnover.suppressed for r in w.rows):
        blocks.append(f.chart("Turnover", w.charts["turnover"], scope=ctx.scope))
    return blocks


def _reference(value: float | None) -> str:
    """A reference rate (a share, not a figure about persons: never suppressed)."""
    return f"{f.number(value * 100, 1)}\u00a0%" if value is not None else f.MISSING


def sick_leave(ctx: Context) -> list[f.Block]:
    out, w = ctx.out, ctx.workforce
    rows = [
        [
            str(r.year),
            out.share(r.sick_leave, 1),
            out.share(r.sick_self, 1),
            out.share(r.sick_doctor, 1),
            _reference(r.reference_municipality),
            _reference(r.reference_national),
        ]
        for r in w.rows
    ]
    blocks = [
        f.table(
            "Sykefravær",
            [
                "År",
                "Sykefravær",
                "Egenmeldt",
                "Legemeldt",
                "Kommunen (ref.)",
                "Landet (ref.)",
            ],
            rows,
            note=f"{w.definitions['sick_leave']} Kilde: tjenestens månedlige sykefraværstall "
            f"importert i Laget. Kommunen (ref.): {ctx.service.host_municipality.name} kommune "
            "for alle tjenester; landet (ref.): referanseverdi. Begge er lagt inn fra SSB eller "
            "kommunens egen statistikk.",
            scope=ctx.scope,
        )
    ]
    if "sick_leave" in w.charts:
        blocks.append(
            f.chart("Sykefravær måned for måned", w.charts["sick_leave"], scope=ctx.scope)
        )
    return blocks


def exit_reasons(ctx: Context) -> list[f.Block]:
    out, w = ctx.out, ctx.workforce
    interviews = sum(fig.value or 0 for fig in w.interviews_by_year)
    held = suppress(interviews, int(interviews))
    if held.suppressed:
        out.figures.append(held)
        return [
            f.text(
                [
                    f"Færre enn fem sluttsamtaler {w.years[0]}–{w.years[-1]}: årsakene vises "
                    f"ikke ({f.SUPPRESSED})."
                ],
                title="Hvorfor ansatte slutter",
                scope=ctx.scope,
            )
        ]
    rows = [[r.label, out.share(r.total)] for r in w.reasons[:TOP_REASONS]]
    return [
        f.table(
            f"Hvorfor ansatte slutter: de viktigste årsakene {w.years[0]}–{w.years[-1]}",
            ["Årsak", "Andel som sa stor eller avgjørende betydning"],
            rows,
            note=f"Kilde: {out.num(held)} sluttsamtaler registrert i Laget. Hver årsak er vurdert "
            "av den som sluttet; fritekst er aldri med i rapporten.",
            scope=ctx.scope,
        )
    ]


def recruitment(ctx: Context) -> list[f.Block]:
    out, w = ctx.out, ctx.workforce
    r = w.recruitment
    return [
        f.facts(
            f"Rekruttering {w.years[0]}–{ctx.as_of.year}",
            [
                ("Utlyste stillinger", out.num(r.advertised)),
                ("Median dager fra utlysning til besatt", out.num(r.median_days)),
                ("Søkere per stilling (snitt)", out.num(r.mean_applicants, 1)),
                ("Kvalifiserte søkere per stilling (snitt)", out.num(r.mean_qualified, 1)),
                ("Andel utlyst med masterkrav", out.share(r.master_required_share)),
            ],
            note=f"{w.definitions['time_to_fill']} Kilde: stillingsregisteret i Laget.",
            scope=ctx.scope,
        )
    ]
