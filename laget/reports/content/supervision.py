"""Blocks about supervision (veiledning) and the onboarding of new employees."""

from __future__ import annotations

from datetime import timedelta

from laget.domain.suppression import share_of, suppress
from laget.reports.content import format as f
from laget.reports.content.context import Context
from laget.supervision.models import Onboarding

LOG = "Kilde: veiledningsloggen i Laget"


def supervision(ctx: Context) -> list[f.Block]:
    out, s = ctx.out, ctx.supervision
    period = f"{s.start:%d.%m.%Y}–{s.today:%d.%m.%Y}"
    blocks = [
        f.facts(
            f"Veiledning {period}",
            [
                ("Ansatte", out.num(s.staff)),
                ("Andel med en aktiv veiledningsplan", out.share(s.with_plan)),
                ("Planlagte samtaler", out.num(s.planned)),
                ("Holdte samtaler", out.num(s.held)),
                ("Holdt av planlagte", out.share(s.held_share)),
                ("Andel prosessveiledning", out.share(s.process_share)),
                ("Andel i gruppe", out.share(s.group_share)),
                ("Ansatte med for lang tid siden forrige samtale", out.num(s.overdue)),
                ("Debrief tilbudt etter alvorlige hendelser", out.num(s.debriefs_offered)),
            ],
            note=f"{LOG}. " + " ".join(s.definitions[k] for k in ("planned", "held", "overdue")),
            scope=ctx.scope,
        )
    ]
    if s.check_in_staff:
        rows = [
            [question, out.num(staff, 1), out.num(leader, 1)]
            for (question, staff), (_q, leader) in zip(
                s.check_in_staff, s.check_in_leaders, strict=True
            )
        ]
        blocks.append(
            f.table(
                "Hvordan veiledningen oppleves (skala 1–5)",
                ["Spørsmål", "Ansatte", "Ledere"],
                rows,
                note=f"Kilde: korte, anonyme kvartalsvise svar i Laget, snitt for {s.check_in_period}, "
                f"det siste avsluttede kvartalet ({s.check_in_n} svar fra ansatte). Ansattes "
                "snitt vises bare fra fem svar, og ikke når det er 1,0 eller 5,0 (det ville sagt "
                "hva hver enkelt svarte).",
                scope=ctx.scope,
            )
        )
    return blocks


def onboarding(ctx: Context) -> list[f.Block]:
    out = ctx.out
    since = ctx.as_of - timedelta(days=365)
    onboardings = list(
        Onboarding.objects.filter(
            employment__service=ctx.service,
            employment__start_date__gte=since,
            employment__start_date__lte=ctx.as_of,
        )
        .select_related("employment")
        .prefetch_related("tasks")
    )
    n = len(onboardings)
    with_mentor = sum(1 for o in onboardings if o.mentor_id)
    due = [t for o in onboardings for t in o.tasks.all() if t.due_on <= ctx.as_of]
    on_time = sum(1 for t in due if t.done_on is not None and t.done_on <= t.due_on)
    return [
        f.facts(
            "Introduksjon av nyansatte siste 12 måneder",
            [
                ("Nyansatte med introduksjonsprogram", out.num(suppress(n, n))),
                ("Andel med fadder", out.share(share_of(with_mentor, n))),
                (
                    "Punkter i programmet gjort innen fristen",
                    out.share(suppress(on_time / len(due) if due else None, n)),
                ),
            ],
            note="Kilde: introduksjonsprogrammene i Laget. Punkter som ikke har forfalt, "
            "teller ikke med.",
            scope=ctx.scope,
        )
    ]
