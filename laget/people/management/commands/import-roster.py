"""laget import-roster <file> --service <id> [--mapping mapping.json] [--dry-run]

The same validated, all-or-nothing import as the web page. Exits with status 1 and lists every
error when the file has any; nothing is written then.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from laget.accounts.models import User
from laget.core.tabular import TabularFileError, read_path, read_table
from laget.organisations.lookup import service_from_argument
from laget.people.roster import importing
from laget.people.roster.columns import BY_KEY
from laget.people.roster.mapping import guess_mapping


class Command(BaseCommand):
    help = "Importer en ansattliste (.xlsx eller .csv) til en tjeneste."
    #: the system checks (0.6 s) run with `laget check`, in the test suite and at deploy;
    #: not again before every document or import
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--service", required=True, help="tjenestens id, kortnavn eller fulle navn"
        )
        parser.add_argument(
            "--mapping",
            type=Path,
            help="JSON: {feltnøkkel: kolonneoverskrift} for filer som ikke følger malen",
        )
        parser.add_argument(
            "--as-user",
            default=None,
            help="Brukernavn som står i revisjonsloggen (standard: første admin)",
        )
        parser.add_argument("--dry-run", action="store_true", help="Bare sjekk filen")

    def handle(
        self,
        *args,
        file: Path,
        service: str,
        mapping: Path | None,
        as_user: str | None,
        dry_run: bool,
        **options,
    ):
        target = service_from_argument(service)
        actor = _actor(as_user)
        try:
            table = read_table(file.name, read_path(file))
        except TabularFileError as error:
            raise CommandError(str(error)) from None
        columns = guess_mapping(table.headers)
        if mapping:
            given = json.loads(mapping.read_text(encoding="utf-8"))
            unknown = set(given) - set(BY_KEY)
            if unknown:
                raise CommandError(f"Ukjente felt i --mapping: {', '.join(sorted(unknown))}")
            missing = [h for h in given.values() if h not in table.headers]
            if missing:
                raise CommandError(f"Finner ikke kolonnene {', '.join(missing)} i filen")
            columns.update({key: table.headers.index(header) for key, header in given.items()})
        report = importing.roster_import(
            actor=actor,
            service=target,
            table=table,
            mapping=columns,
            today=timezone.localdate(),
            apply=not dry_run,
        )
        for problem in report.file_problems:
            self.stderr.write(problem)
        for row_error in report.errors:
            self.stderr.write(str(row_error))
        if not report.ok:
            raise CommandError(
                f"Ingenting importert: {len(report.errors) + len(report.file_problems)} feil.",
                returncode=1,
            )
        verb = "Ville importert" if dry_run else "Importert"
        self.stdout.write(
            f"{verb}: {report.created} nye, {report.updated} endret, {report.unchanged} uendret."
        )


def _actor(username: str | None) -> User:
    user = (
        User.objects.filter(username=username).first()
        if username
        else User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    )
    if user is None or not user.is_superuser:
        raise CommandError("Kommandoen krever en aktiv administrator (--as-user).")
    return user
