"""Every service of the national demo exports its staff and imports the file back with nothing
changed (issue 23: at ten times the nation two Kristiansand staff who shared a name and a birth
year were refused as one person under two numbers)."""

import pytest
from django.utils import timezone

from laget.accounts.models import User
from laget.core.tabular import read_table
from laget.demo.national import national_create
from laget.organisations.models import Service
from laget.people.models import Employment
from laget.people.roster.exporting import roster_xlsx_export
from laget.people.roster.importing import roster_import
from laget.people.roster.mapping import guess_mapping

pytestmark = pytest.mark.django_db


def test_every_services_export_imports_back_unchanged():
    today = timezone.localdate()
    national_create(today=today, fraction=0.02)
    admin = User.objects.get(username="admin")
    # two staff of one service who share a name and a birth year, told apart by their numbers
    first, second = list(
        Employment.objects.filter(service__slug="trondheim").select_related("person")[:2]
    )
    second.person.given_name, second.person.family_name = (
        first.person.given_name,
        first.person.family_name,
    )
    second.person.birth_year = first.person.birth_year
    second.person.save()
    services = list(Service.objects.order_by("pk"))
    for service in services:
        _name, content = roster_xlsx_export(actor=admin, service=service, today=today)
        table = read_table("eksport.xlsx", content)
        report = roster_import(
            actor=admin,
            service=service,
            table=table,
            mapping=guess_mapping(table.headers),
            today=today,
            apply=False,
        )
        assert report.ok, (service.name, [(e.row, e.column, e.message) for e in report.errors])
        assert (report.created, report.updated) == (0, 0), (service.name, report.persons[:3])
    assert len(services) > 200
