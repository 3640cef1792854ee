"""laget compliance --service <id or name> [--as-of YYYY-MM-DD] --json [--with-names]

The service's aggregate status against the competence requirement and every person's result
(person ids, not names, unless --with-names), as JSON: today, or on the --as-of date (the
register as it is, with the staff employed on that date, and the rule set in force then).
"""

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from laget.accounts.models import User
from laget.competence.selectors import competence_overview, status_row
from laget.organisations.lookup import service_from_argument


class Command(BaseCommand):
    help = "Status mot kompetansekravet for en tjeneste, som JSON."

    def add_arguments(self, parser):
        parser.add_argument(
            "--service", required=True, help="tjenestens id, kortnavn eller fulle navn"
        )
        parser.add_argument(
            "--json", action="store_true", help="Skriv JSON (det eneste formatet foreløpig)"
        )
        parser.add_argument(
            "--with-names", action="store_true", help="Ta med navn (personopplysninger)"
        )
        parser.add_argument(
            "--as-of",
            dest="as_of",
            metavar="ÅÅÅÅ-MM-DD",
            help=(
                "Status på denne datoen (for eksempel 2031-01-01): registeret slik det er nå, "
                "regelsettet som gjelder da. Uten: i dag."
            ),
        )

    def handle(self, *args, service: str, with_names: bool, as_of: str | None = None, **options):
        target = service_from_argument(service)
        admin = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
        if admin is None:
            raise CommandError("Kommandoen krever at det finnes en aktiv administrator.")
        today = timezone.localdate()
        if as_of:
            try:
                today = date.fromisoformat(as_of)
            except ValueError:
                raise CommandError(
                    f"--as-of: «{as_of}» er ikke en dato på formen ÅÅÅÅ-MM-DD."
                ) from None
        overview = competence_overview(
            user=admin, services=[target], today=today, with_persons=True
        )
        persons = []
        for row in overview.persons:
            item = {
                "person_id": row.person.pk,
                "role_category": row.employment.role_category if row.employment else None,
                "status": row.result.status.key,
                "path": row.result.path,
                "met_on": row.result.met_on.isoformat() if row.result.met_on else None,
                "missing": row.shortfalls,
                "shortfalls": [
                    {
                        "kind": s.kind.value,
                        "amount": s.amount,
                        "complete_by": s.complete_by.isoformat(),
                        "start_by": s.start_by.isoformat() if s.start_by else None,
                    }
                    for s in row.result.shortfalls
                ],
                "experience_months": round(row.result.experience_months_now, 1),
                "education_in_place": row.result.education_in_place,
                "exempt_until": (
                    row.result.exempt_until.isoformat() if row.result.exempt_until else None
                ),
                "status_without_exemption": (
                    row.result.status_without_exemption.key
                    if row.result.status_without_exemption
                    else None
                ),
                "credits_not_counted": row.result.credits_not_counted,
                # «må sjekkes»: the status as registered, and if what must be checked holds
                "status_counted": (
                    row.result.status_counted.key if row.result.status_counted else None
                ),
                "status_if_confirmed": (
                    row.result.status_if_confirmed.key if row.result.status_if_confirmed else None
                ),
            }
            if with_names:
                item["name"] = row.person.full_name
            persons.append(item)
        output = {
            "service": {"id": target.pk, "name": target.name},
            "date": today.isoformat(),
            "as_of": bool(as_of),
            "rule_set": {
                "name": overview.rules.name,
                "version": overview.rules.version,
                "deadline": overview.rules.deadline.isoformat(),
                "legal_source": overview.rules.legal_source,
                "source_date": (
                    overview.rules.source_date.isoformat() if overview.rules.source_date else None
                ),
                "status_note": overview.rules.status_note,
                "credits_counting": overview.rules.credits_counting,
                "legal_paragraph": overview.rules.legal_paragraph,
                "readings": [
                    {
                        "key": r.key,
                        "label": r.label,
                        "reading": r.reading,
                        "act_text": r.act_text,
                    }
                    for r in overview.rules.readings
                ],
            },
            "coverage": overview.coverage,
            "covered_roles_added_by_service": sorted(target.extra_roles),
            "subject": overview.subject.value,
            "not_subject": overview.not_subject.value,
            "statuses": {row.key: row.count.value for row in overview.statuses},
            "exempt": status_row(overview, "exempt").count.value,
            "education_in_place": overview.education_in_place.value,
            "timeline": [
                {"date": day.isoformat(), "meeting": count.value}
                for day, count, _share in overview.timeline
            ],
            "persons": persons,
        }
        self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2))
