"""Blocks about the 2031 competence requirement: status, projection and the competence plan."""

from __future__ import annotations

from collections import Counter

from laget.domain.protection import View, protect
from laget.domain.suppression import Figure, suppress
from laget.planning.models import MeasureKind
from laget.planning.selectors import plan_projection
from laget.reports.content import format as f
from laget.reports.content.context import Context

RULES = "Kilde: personalregisteret i Laget, vurdert etter regelsettet {name} (versjon {version})."

#: The 2022 comparison with what it rests on: its sample, its date and its base
MAPPING_2022 = (
    "Til sammenligning fant kartleggingen av kompetansebehov (Oslo Economics m.fl. for Bufdir) "
    "58\u00a0% med formell utdanning på plass, uten å regne med kravet om fire års erfaring. Tallet "
    "gjelder september 2022 og 1\u00a0375 ansatte i 29 kommuner som utførte oppgaver etter "
    "barnevernloven av 1992 § 2-1a. Utvalget har en overvekt av store kommuner og er etter "
    "kartleggingens egne ord «ikke nødvendigvis helt representativ» for landet. Laget regner "
    "med ledere og regner ikke med ansatte i tiltak med mindre tjenesten har valgt det, så "
    "tallene er ikke regnet på samme grunnlag."
)


def _rules_note(ctx: Context) -> str:
    record = ctx.competence.record
    note = RULES.format(name=record.name, version=record.version)
    return f"{note} {ctx.competence.rules.source_text}".strip()


#: the status table's row for the band of «oppfyller eller vil oppfylle» (`recoding.Band`)
ON_TRACK_BAND = "Oppfyller eller vil oppfylle: intervallet andelen ligger i"


def _form_note(recoded) -> str:
    """What the status table shows of the statuses, by the unit's form (`recoding`)."""
    if recoded is None or recoded.form is None:
        return ""
    if recoded.form.key == "none":
        return "Statusene vises ikke: kravet omfatter færre enn 12 her. "
    return (
        f"Statusene vises som {recoded.form.label}: hvor fint, avhenger av hvor mange kravet "
        "omfatter (alle statusene fra 200, fire grupper fra 50, to grupper fra 24, bare "
        "intervallet fra 12; Lagets eget valg). "
    )


def competence(ctx: Context) -> list[f.Block]:
    out, overview = ctx.out, ctx.competence
    rows = [[r.label, out.num(r.count), out.percent(r.share)] for r in overview.statuses]
    recoded = overview.recoded
    if recoded is not None and recoded.band is not None and recoded.state != "exact":
        # where the exact figures are hidden (or the form has none), the band stays shown
        rows.append([ON_TRACK_BAND, "–", recoded.band.text])
    blocks = [
        f.table(
            f"Status mot kompetansekravet {ctx.as_of:%d.%m.%Y}",
            ["Status", "Ansatte", "Andel av dem kravet gjelder"],
            rows,
            note=f"{_rules_note(ctx)} {overview.coverage} {_form_note(recoded)}Kravet gjelder "
            f"{out.num(overview.subject)} ansatte; {out.num(overview.not_subject)} har oppgaver "
            "kravet ikke gjelder. «Unntatt» er ansatte kommunen har fått unntak fra kravet for. "
            "«Må sjekkes» er ansatte med utdanning som ikke kan regnes med før den er sjekket "
            "(studiepoeng bare kjent som en sum, eller utdanning ingen har vurdert). "
            f"Formell utdanning på plass (relevant master, eller relevant bachelor med "
            f"videreutdanningen, uansett erfaring): {out.num(overview.education_in_place)} "
            f"({out.percent(overview.education_in_place_share)}). {MAPPING_2022}",
            scope=ctx.scope,
        ),
        f.table(
            "Slik oppfylles kravet",
            ["Vei til kravet", "Oppfyller", "Vil oppfylle"],
            [
                [path, out.num(cells["meets"]), out.num(cells["will_meet"])]
                for path, cells in overview.by_path
            ],
            note=_rules_note(ctx),
            scope=ctx.scope,
        ),
    ]
    # a chart only when none of its values is hidden: a bar left out says too much
    if all(not r.count.suppressed for r in overview.statuses):
        blocks.append(
            f.chart("Status mot kompetansekravet", overview.status_chart, scope=ctx.scope)
        )
    if all(not fig.suppressed for _day, fig, _share in overview.timeline):
        blocks.append(
            f.chart(
                "Antall som oppfyller kravet ved hvert årsskifte",
                overview.timeline_chart,
                scope=ctx.scope,
            )
        )
    return blocks


def projection(ctx: Context) -> list[f.Block]:
    out, projection = ctx.out, ctx.projection
    deadline = f"{projection.deadline:%d.%m.%Y}"
    if projection.suppressed or not projection.forecasts:
        persons = projection.forecasts[0].persons if projection.forecasts else 0
        out.figures.append(suppress(None, persons))
        return [
            f.text(
                [f"Framskrivingen vises ikke fordi antallet den bygger på, er {f.SUPPRESSED}."],
                title="Framskriving mot fristen",
                scope=ctx.scope,
            )
        ]
    base = projection.forecasts[0]
    rows = []
    for forecast in projection.forecasts:
        point = forecast.at_deadline
        rows.append(
            [
                forecast.label,
                out.share(suppress(point.expected_share, forecast.persons)),
                f"{out.share(suppress(point.low, forecast.persons))}–"
                f"{out.share(suppress(point.high, forecast.persons))}",
            ]
        )
    parameters = base.parameters
    note = (
        f"Framskriving med {parameters.runs} simuleringer for {base.persons} ansatte. "
        f"Forutsetninger: {f.number(parameters.completion_probability * 100)} % fullfører "
        f"planlagte studier; turnover {f.number(parameters.annual_turnover * 100)} % per år "
        f"({projection.turnover.source}); {f.number(parameters.replacements_with_master * 100)} % "
        "av dem som erstattes, har master. Intervallet rommer 8 av 10 simuleringer."
    )
    blocks = [
        f.table(
            f"Forventet andel som oppfyller kravet {deadline}, etter scenario",
            ["Scenario", "Forventet andel", "80 %-intervall"],
            rows,
            note=note,
            scope=ctx.scope,
        )
    ]
    if projection.chart:
        blocks.append(f.chart("Framskriving mot fristen", projection.chart, scope=ctx.scope))
    return blocks


def plan_figures(ctx: Context) -> dict[str, Figure]:
    """The competence plan's measures for named staff as published: by kind, in all, done and
    open, and the studies among them (the measures list shows those too), protected as one
    view, so no table's total less its shown cells, nor the studies less a shown kind, gives
    a hidden count. Keys are the service's, so the stored view links them with the rest."""
    return ctx.once(("plan_figures", ctx.service.pk, ctx.year), lambda: _plan_figures(ctx))


def _plan_figures(ctx: Context) -> dict[str, Figure]:
    plan = ctx.plan
    personal = [m for m in plan.measures.all() if m.person_id is not None] if plan else []
    by_kind = Counter(m.kind for m in personal)
    finished = sum(1 for m in personal if m.ends_on is not None and m.ends_on < ctx.as_of)
    studies = [k for k in (MeasureKind.FURTHER_EDUCATION, MeasureKind.MASTER) if k in by_kind]
    u = f"service:{ctx.service.pk}|plan."
    view = View()
    for kind, count in by_kind.items():
        view.add(f"{u}kind.{kind}", count)
    view.add(u + "total", len(personal))
    view.add(u + "done", finished)
    view.add(u + "open", len(personal) - finished)
    view.add(u + "studies", sum(by_kind[k] for k in studies))
    view.total(u + "total", [f"{u}kind.{kind}" for kind in by_kind])
    view.total(u + "total", [u + "done", u + "open"])
    if studies:
        view.total(u + "studies", [f"{u}kind.{kind}" for kind in studies])
    protected = protect(view, scope=ctx.as_of.isoformat())
    return {key[len(u) :]: protected.figure(key) for key in view.cells}


def competence_plan(ctx: Context) -> list[f.Block]:
    out, plan = ctx.out, ctx.plan
    if plan is None:
        return [f.text(["Tjenesten har ingen kompetanseplan i Laget for dette året."])]
    labels = dict(MeasureKind.choices)
    figures = plan_figures(ctx)
    kinds = [key.removeprefix("kind.") for key in figures if key.startswith("kind.")]
    rows = [[str(labels[kind]), out.num(figures[f"kind.{kind}"])] for kind in kinds]
    rows += [
        ["Alle tiltak for navngitte ansatte", out.num(figures["total"])],
        ["– av dem fullført", out.num(figures["done"])],
        ["– av dem pågår eller er planlagt", out.num(figures["open"])],
    ]
    grants = [m for m in plan.measures.all() if m.grant_outcome]
    granted = sum(1 for m in grants if m.grant_outcome == "granted")
    blocks = [
        f.table(
            f"Kompetanseplan {plan.year}: tiltak for enkeltansatte og status {ctx.as_of:%d.%m.%Y}",
            ["Type tiltak", "Antall"],
            rows,
            note="Kilde: kompetanseplanen i Laget. Fullført: sluttdatoen er passert. Hvem "
            "tiltakene gjelder, står ikke i rapporten.",
            scope=ctx.scope,
        ),
        f.facts(
            "Tilskudd til videreutdanning",
            [
                ("Tiltak det er søkt tilskudd til", out.num(suppress(len(grants), len(grants)))),
                ("Av dem innvilget", out.num(suppress(granted, len(grants)))),
            ],
            note="Kilde: kompetanseplanen i Laget (Bufdirs tilskuddsordninger).",
            scope=ctx.scope,
        ),
    ]
    effect = plan_projection(plan, ctx.as_of, runs=500)
    persons = effect.without_plan.persons
    before = suppress(effect.without_plan.at_deadline.expected_share, persons)
    after = suppress(effect.with_plan.at_deadline.expected_share, persons)
    blocks.append(
        f.facts(
            "Hva planen betyr for kravet",
            [
                ("Forventet andel ved fristen uten planens studier", out.share(before)),
                ("Forventet andel ved fristen med planens studier", out.share(after)),
            ],
            note="Samme framskriving (500 simuleringer) med og uten studiene i planen som har "
            "en navngitt ansatt og en sluttdato.",
            scope=ctx.scope,
        )
    )
    return blocks


def measures(ctx: Context) -> list[f.Block]:
    plan = ctx.plan
    if plan is None:
        return []
    shared = [
        f"{m.title} ({m.get_kind_display().lower()}{', ' + m.semester if m.semester else ''})"
        for m in plan.measures.all()
        if m.person_id is None
    ]
    figures = plan_figures(ctx)
    items = [
        *shared,
        f"Tiltak for enkeltansatte i kompetanseplanen: {ctx.out.num(figures['total'])}, "
        f"av dem videreutdanning eller master: {ctx.out.num(figures['studies'])}",
    ]
    return [
        f.bullets(
            f"Tiltak i kompetanseplanen {plan.year}",
            items,
            note="Kilde: kompetanseplanen i Laget.",
            scope=ctx.scope,
        )
    ]
