"""`laget publication show --date ÅÅÅÅ-MM-DD [--name N] [--json] [--live]`: what was published
outside the services for a date, cell by cell, from its release as stored (tables alone), or
what is published now; `laget publication release --date ÅÅÅÅ-MM-DD`: store it as a release;
`laget publication audit --date ÅÅÅÅ-MM-DD`: attack the stored release with what a reader gets
from it (exit 1 when a hidden cell can be narrowed below the threshold); `laget publication
loss --date ÅÅÅÅ-MM-DD [--json]`: what the protection costs readers, per publication
(`laget.publication.loss`). See `laget.publication.release`."""

import json
from datetime import date as _date

from django.core.management.base import BaseCommand, CommandError

from laget.domain.protection.loss import LARGE, Loss
from laget.publication.attack import release_attack
from laget.publication.loss import by_family, publication_loss
from laget.publication.models import ReleaseCell
from laget.publication.release import (
    ReleaseOut,
    live,
    release_store,
    stored_release,
)


class Command(BaseCommand):
    help = "Vis eller lagre det som er publisert utenfor tjenestene per en dato, celle for celle."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        show = sub.add_parser("show", help="Vis utgivelsen for en dato.")
        show.add_argument("--date", required=True, help="ÅÅÅÅ-MM-DD")
        show.add_argument("--name", help="bare denne publiseringen (for eksempel competence)")
        show.add_argument("--json", action="store_true", dest="as_json", help="som JSON")
        show.add_argument(
            "--live",
            action="store_true",
            help="det som er publisert nå, ikke utgivelsen som er lagret for datoen",
        )
        store = sub.add_parser("release", help="Lagre det som er publisert nå som utgivelse.")
        store.add_argument("--date", required=True, help="ÅÅÅÅ-MM-DD")
        attack = sub.add_parser(
            "audit",
            help="Angrip den lagrede utgivelsen med det en leser får: kan et skjult tall "
            "snevres inn til færre enn 5?",
        )
        attack.add_argument("--date", required=True, help="ÅÅÅÅ-MM-DD")
        loss = sub.add_parser(
            "loss",
            help="Hva beskyttelsen koster leserne: celler vist, skjult som små og skjult for å "
            "beskytte dem, per publisering.",
        )
        loss.add_argument("--date", required=True, help="ÅÅÅÅ-MM-DD")
        loss.add_argument("--json", action="store_true", dest="as_json", help="som JSON")

    def handle(self, *args, action=None, date=None, **options):
        try:
            day = _date.fromisoformat(date)
        except ValueError as error:
            raise CommandError(f"--date må være ÅÅÅÅ-MM-DD, ikke «{date}».") from error
        if action == "release":
            try:
                stored = release_store(day)
            except ReleaseOut as error:
                raise CommandError(str(error)) from error
            except LookupError as error:
                raise CommandError(f"{error} Kjør `laget refresh-counts --date {day}`.") from error
            self.stdout.write(
                f"Utgivelsen per {day.isoformat()} er lagret: {stored.cells.count()} celler, "
                f"{stored.relations.count()} sammenhenger (registerrevisjon {stored.revision})."
            )
            return
        if action == "audit":
            self._audit(day)
            return
        if action == "loss":
            self._loss(day, options["as_json"])
            return
        self._show(day, options["name"], options["as_json"], options["live"])

    def _audit(self, day):
        try:
            attack = release_attack(day)
        except LookupError as error:
            raise CommandError(
                f"{error} Lagre den først: `laget publication release --date {day}`."
            ) from error
        exposed = attack.exposed
        self.stdout.write(attack.summary())
        hidden = ReleaseCell.objects.filter(release__end_time=day).exclude(why="").count()
        if not exposed:
            self.stdout.write(
                f"Utgivelsen per {day.isoformat()}: ingen av de {hidden} skjulte cellene kan "
                "snevres inn til et intervall smalere enn minste antall personer."
            )
            return
        for cell in exposed:
            self.stdout.write(
                f"{cell.publication}{cell.path}: mellom {cell.low:g} og {cell.high:g}"
            )
        raise CommandError(
            f"{len(exposed)} av {hidden} skjulte celler kan snevres inn til et intervall "
            "smalere enn minste antall personer."
        )

    def _loss(self, day, as_json):
        found = by_family(publication_loss(day))
        if not found:
            raise CommandError(
                f"Ingenting er beregnet per {day.isoformat()} (kjør `laget refresh-counts "
                f"--date {day.isoformat()}`)."
            )
        total = sum(found.values(), Loss())
        if as_json:
            rows = {name: _loss_json(loss) for name, loss in {**found, "i alt": total}.items()}
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        self.stdout.write(
            f"Informasjonstap per {day.isoformat()}: celler · skjult som små · skjult for å "
            f"beskytte dem (personer bak dem, av dem på minst {LARGE} personer) · tabeller "
            "skjult hele · tall med egen regel (skjult) · enheter vist grovere (omkodet)"
        )
        for name, loss in [*found.items(), ("i alt", total)]:
            self.stdout.write(
                f"  {name}: {loss.cells} · {loss.primary} · {loss.secondary} "
                f"({loss.secondary_persons}, {loss.large_secondary}) · {loss.hidden_whole} · "
                f"{loss.own_rule} ({loss.own_rule_hidden}) · {loss.recoded}"
            )

    def _show(self, day, name, as_json, from_live):
        found = None if from_live else stored_release(day)
        if found is None:
            found = live(day)
            if not from_live and found and not as_json:
                self.stderr.write(
                    f"Ingen utgivelse er lagret per {day.isoformat()}; viser det som er "
                    "publisert nå."
                )
        if name is not None:
            if name not in found:
                raise CommandError(
                    f"Ingen publisering «{name}» per {day.isoformat()}. "
                    f"Finnes: {', '.join(found) or 'ingen'}."
                )
            found = {name: found[name]}
        if not found:
            raise CommandError(
                f"Ingenting er publisert per {day.isoformat()} (kjør `laget refresh-counts`)."
            )
        if as_json:
            self.stdout.write(json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True))
            return
        for publication, cells in found.items():
            self.stdout.write(f"{publication} ({len(cells)} celler)")
            for path, cell in cells.items():
                self.stdout.write(f"  {path}: {_text(cell)}")


def _loss_json(loss: Loss) -> dict:
    return {
        "cells": loss.cells,
        "primary": loss.primary,
        "secondary": loss.secondary,
        "secondary_persons": loss.secondary_persons,
        "large_secondary": loss.large_secondary,
        "hidden_whole": loss.hidden_whole,
        "own_rule": loss.own_rule,
        "own_rule_hidden": loss.own_rule_hidden,
        "recoded": loss.recoded,
    }


def _text(cell: dict) -> str:
    if cell.get("computed") is False:
        return "ikke beregnet ennå"
    if cell.get("hidden"):
        return f"skjult ({cell['why']})" if "why" in cell else "skjult"
    value = cell["value"]
    return f"{value} ({cell['persons']} personer)" if "persons" in cell else str(value)
